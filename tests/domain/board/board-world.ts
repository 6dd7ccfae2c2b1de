import { InProcessEventBus } from '../../../server/src/bus/event-bus';
import type { BoardActor, DotVoter } from '../../../server/src/domain/board/board-service';
import { MemorySharedDocuments } from '../../../server/src/domain/board/shared-documents';
import type { DomainEvent } from '../../../server/src/domain/events';
import { hashToken } from '../../../server/src/domain/ids';
import { createServices, type Services } from '../../../server/src/domain/services';
import { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { boardDocName, readBoard } from '../../../shared/board-doc';
import type { OrganiserWorkshopView } from '../../../shared/views';

/** A participant as the board services see them: an actor for cards, a voter for dots and supports. */
export type Person = BoardActor & DotVoter & { role: 'participant' };

/** Board and proposal services on a `:memory:` store, with documents in memory and the events published. */
export interface BoardWorld {
  store: SqliteStore;
  services: Services;
  documents: MemorySharedDocuments;
  events: DomainEvent[];
  workshop: OrganiserWorkshopView;
  facilitator: BoardActor;
  join(standpoint: string | null, pseudonym?: string | null): Promise<Person>;
  /** The id of the board's column at this rank (default columns are written on first use). */
  column(rank: number): Promise<string>;
  close(): Promise<void>;
}

export async function boardWorld(options: { live?: boolean } = {}): Promise<BoardWorld> {
  const store = SqliteStore.open(':memory:');
  const bus = new InProcessEventBus();
  const events: DomainEvent[] = [];
  bus.subscribe((e) => events.push(e));
  let now = Date.parse('2026-11-22T10:00:00Z');
  const clock = { now: () => new Date((now += 1000)) };
  const documents = new MemorySharedDocuments();
  const services = createServices({ store, bus, clock, publicUrl: () => 'https://croisee.example', documents });
  const group = await services.groups.create({ name: 'Attractivité des métiers', purpose: '' });
  const workshop = await services.workshops.create(group.id, { title: 'Groupe de travail' });
  if (options.live ?? true) await services.workshops.open(workshop.id);
  return {
    store,
    services,
    documents,
    events,
    workshop,
    facilitator: { workshopId: workshop.id, role: 'facilitator' },
    async join(standpoint, pseudonym = null) {
      const { token } = await services.participants.join({ code: workshop.joinCode, standpoint, pseudonym });
      const participant = (await store.participants.findByTokenHash(hashToken(token)))!;
      return { workshopId: workshop.id, role: 'participant', participantId: participant.id, standpoint };
    },
    async column(rank) {
      await services.board.ensureSeeded(workshop.id);
      return readBoard(documents.doc(boardDocName(workshop.id))).columns[rank]!.id;
    },
    close: () => store.close(),
  };
}
