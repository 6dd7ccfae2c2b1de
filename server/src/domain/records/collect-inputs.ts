import { CroiseeError } from '../../../../shared/errors';
import type { RecordBoard } from '../../../../shared/views-records';
import type { Store, WorkshopRecord } from '../../store/ports';
import type { AgendaItemRecord } from '../agenda/agenda-store';
import type { PollService } from '../polls/poll-service';
import type { SpeakingQueueService } from '../speaking-queue/speaking-queue-service';
import type { WordCloudService } from '../word-clouds/word-cloud-service';
import type { ActivityInput, EntryInputs, PollInput, ProposalInput, WordCloudInput } from './build-entry';

/** What the board feature gives the record: cards with dot totals, proposals with their Markdown text. */
export interface RecordBoardSource {
  /** The board's columns and cards with their dot totals (no signature); null when the workshop has no board. */
  boardForRecord(workshopId: string): Promise<RecordBoard | null>;
  /** Every proposal of the workshop, its supporters counted by standpoint. */
  proposalsForRecord(workshopId: string): Promise<ProposalInput[]>;
}

/** The feature services whose results an entry carries. */
export interface RecordSources {
  polls: PollService;
  wordClouds: WordCloudService;
  speakingQueue: SpeakingQueueService;
  /** Absent while a deployment has no board. */
  board?: RecordBoardSource;
}

const activity = (item: AgendaItemRecord): ActivityInput => ({
  id: item.id,
  position: item.position,
  state: item.state,
  openedAt: item.openedAt,
  closedAt: item.closedAt,
});

/** Reads, from the store and the feature services, everything `buildEntryContent` needs. */
export async function collectInputs(
  store: Store,
  sources: RecordSources,
  workshopId: string,
  threshold: number,
): Promise<{ workshop: WorkshopRecord; inputs: EntryInputs }> {
  const workshop = await store.workshops.get(workshopId);
  if (!workshop) throw new CroiseeError('not_found', 'Atelier introuvable.');
  const group = await store.groups.get(workshop.groupId);
  if (!group) throw new CroiseeError('not_found', 'Groupe de travail introuvable.');
  const [attendance, items, speaking, contributions, board, proposals] = await Promise.all([
    store.presence.attendance(workshopId),
    store.agenda.list(workshopId),
    sources.speakingQueue.counters(workshopId),
    sources.speakingQueue.contributions.publicView(workshopId),
    sources.board?.boardForRecord(workshopId) ?? null,
    sources.board?.proposalsForRecord(workshopId) ?? [],
  ]);

  const polls: PollInput[] = [];
  const wordClouds: WordCloudInput[] = [];
  for (const item of items) {
    if (item.kind === 'poll') {
      const poll = await store.polls.get(item.id);
      if (!poll) continue;
      const d = poll.definition;
      polls.push({
        item: activity(item),
        question: d.question,
        kind: d.kind,
        maxChoices: d.kind === 'multiple' ? d.maxChoices : 1,
        scale: d.kind === 'scale' ? d.scale : null,
        // The facilitator's frame: the results exist even when the room was not shown them.
        results: (await sources.polls.resultsFrames(item.id))?.facilitator.results ?? null,
      });
    } else if (item.kind === 'word_cloud') {
      const cloud = await store.wordClouds.get(item.id);
      if (!cloud) continue;
      wordClouds.push({
        item: activity(item),
        prompt: cloud.definition.prompt,
        maxEntries: cloud.definition.maxEntries,
        results: (await sources.wordClouds.resultsFrames(item.id))?.facilitator.results ?? null,
      });
    }
  }

  return {
    workshop,
    inputs: {
      group: { id: group.id, name: group.name, purpose: group.purpose },
      workshop: {
        title: workshop.title,
        date: workshop.date,
        state: workshop.state,
        openedAt: workshop.openedAt,
        closedAt: workshop.closedAt,
        standpoints: workshop.standpoints,
      },
      threshold,
      attended: attendance.attended,
      polls,
      wordClouds,
      board,
      proposals,
      speaking,
      contributions: contributions.items,
    },
  };
}
