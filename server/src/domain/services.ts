import type { EventBus } from '../bus/event-bus';
import type { Store } from '../store/ports';
import { AgendaService } from './agenda/agenda-service';
import { BoardService } from './board/board-service';
import { ProposalService } from './board/proposal-service';
import { SharedDocumentsLink, type SharedDocuments } from './board/shared-documents';
import type { Clock } from './clock';
import { ParticipantService } from './participants/participant-service';
import { PollService } from './polls/poll-service';
import { boardRecordSource } from './records/board-source';
import { RecordService } from './records/record-service';
import { SpeakingQueueService } from './speaking-queue/speaking-queue-service';
import { WorkingGroupService } from './working-groups/working-group-service';
import { WordCloudService } from './word-clouds/word-cloud-service';
import { WorkshopService } from './workshops/workshop-service';

/** Every domain service, wired on one store, bus and clock. Transports receive this and nothing lower. */
export interface Services {
  groups: WorkingGroupService;
  workshops: WorkshopService;
  participants: ParticipantService;
  agenda: AgendaService;
  polls: PollService;
  wordClouds: WordCloudService;
  speakingQueue: SpeakingQueueService;
  board: BoardService;
  proposals: ProposalService;
  records: RecordService;
}

export function createServices(deps: {
  store: Store;
  bus: EventBus;
  clock: Clock;
  publicUrl: () => string;
  /** The shared Yjs documents (the server binds its endpoint); unbound, board edits answer `board_unavailable`. */
  documents?: SharedDocuments;
  /** Told about failures of work done in reaction to events (no caller to answer). */
  onError?: (error: unknown) => void;
}): Services {
  const { store, bus, clock } = deps;
  const groups = new WorkingGroupService(store, clock);
  const workshops = new WorkshopService(store, bus, clock, deps.publicUrl);
  const participants = new ParticipantService(store, bus, clock, workshops);
  const polls = new PollService(store, bus, clock, workshops);
  const wordClouds = new WordCloudService(store, bus, clock, workshops);
  const agenda = new AgendaService(store, bus, clock, workshops, { poll: polls, word_cloud: wordClouds });
  // A workshop that closes closes its open activity, so that a poll's ballots become anonymous counts.
  bus.subscribe((event) => {
    if (event.type === 'workshop.updated') agenda.settleClosedWorkshop(event.workshopId).catch((error) => deps.onError?.(error));
  });
  const speakingQueue = new SpeakingQueueService(store, bus, clock);
  const documents = deps.documents ?? new SharedDocumentsLink();
  const board = new BoardService(store, bus, clock, workshops, documents);
  const proposals = new ProposalService(store, bus, clock, workshops, polls, agenda, documents);
  const records = new RecordService(store, bus, clock, agenda, { polls, wordClouds, speakingQueue, board: boardRecordSource(store, board, proposals) }, { onError: deps.onError });
  return { groups, workshops, participants, agenda, polls, wordClouds, speakingQueue, records, board, proposals };
}
