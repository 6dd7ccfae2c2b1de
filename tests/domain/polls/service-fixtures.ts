import { InProcessEventBus } from '../../../server/src/bus/event-bus';
import type { DomainEvent } from '../../../server/src/domain/events';
import { hashToken } from '../../../server/src/domain/ids';
import type { Voter } from '../../../server/src/domain/polls/poll-service';
import { createServices, type Services } from '../../../server/src/domain/services';
import { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import type { OrganiserWorkshopView } from '../../../shared/views';

/** Domain services on a `:memory:` store, with the events they published and a settable clock. */
export interface ServiceWorld {
  store: SqliteStore;
  services: Services;
  events: DomainEvent[];
  workshop: OrganiserWorkshopView;
  /** Joins a participant and records one live connection for them (present). */
  present(standpoint: string | null): Promise<Voter & { connectionId: string }>;
  /** Joins a participant who never connects (not present). */
  absent(standpoint: string | null): Promise<Voter>;
  close(): Promise<void>;
}

let connections = 0;

export async function serviceWorld(options: { live?: boolean } = {}): Promise<ServiceWorld> {
  const store = SqliteStore.open(':memory:');
  const bus = new InProcessEventBus();
  const events: DomainEvent[] = [];
  bus.subscribe((e) => events.push(e));
  let now = Date.parse('2026-11-22T10:00:00Z');
  const clock = { now: () => new Date((now += 1000)) };
  const services = createServices({ store, bus, clock, publicUrl: () => 'https://croisee.example' });
  const group = await services.groups.create({ name: 'Accès aux droits', purpose: '' });
  const workshop = await services.workshops.create(group.id, { title: 'Webinaire CLTS' });
  if (options.live ?? true) await services.workshops.open(workshop.id);

  async function absent(standpoint: string | null): Promise<Voter> {
    const { token } = await services.participants.join({ code: workshop.joinCode, standpoint, pseudonym: null });
    const participant = (await store.participants.findByTokenHash(hashToken(token)))!;
    return { workshopId: workshop.id, participantId: participant.id, standpoint };
  }

  return {
    store,
    services,
    events,
    workshop,
    absent,
    async present(standpoint) {
      const voter = await absent(standpoint);
      const connectionId = `connection-${++connections}`;
      await services.participants.connected(workshop.id, voter.participantId, connectionId, 'node-1');
      return { ...voter, connectionId };
    },
    close: () => store.close(),
  };
}

let ballots = 0;
/** A fresh client-made ballot (or entry) id. */
export const clientId = (): string => `client-id-${++ballots}-${Math.random().toString(36).slice(2, 10)}`;
