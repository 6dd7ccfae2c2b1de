import type { Standpoint } from '../../../shared/standpoints';
import type { WorkshopState } from '../../../shared/schemas/workshops';
import type { AgendaRepository } from '../domain/agenda/agenda-store';
import type { BoardRepository, ProposalRepository } from '../domain/board/board-store';
import type { PollRepository } from '../domain/polls/poll-store';
import type { RecordRepository } from '../domain/records/record-store';
import type { SpeakingQueueStore } from '../domain/speaking-queue/queue-store';
import type { WordCloudRepository } from '../domain/word-clouds/word-cloud-store';

/*
 * Storage ports. Every method is one atomic operation (one transaction in SQL), asynchronous so that
 * a networked backend (Postgres) can implement the same interfaces. Domain services depend on these
 * interfaces only; `server/src/store/sqlite/` is the embedded implementation.
 */

export interface WorkingGroupRecord {
  id: string;
  name: string;
  purpose: string;
  createdAt: string;
}

export interface WorkshopRecord {
  id: string;
  groupId: string;
  title: string;
  date: string;
  state: WorkshopState;
  joinCode: string;
  facilitatorSecret: string;
  projectionSecret: string;
  standpoints: Standpoint[];
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface ParticipantRecord {
  id: string;
  workshopId: string;
  tokenHash: string;
  pseudonym: string | null;
  standpoint: string | null;
  createdAt: string;
  attendedAt: string | null;
}

/** Number of people per standpoint (`null` = preferred not to say). */
export interface StandpointCount {
  standpoint: string | null;
  count: number;
}

export interface WorkingGroupRepository {
  insert(group: WorkingGroupRecord): Promise<void>;
  get(id: string): Promise<WorkingGroupRecord | null>;
  list(): Promise<WorkingGroupRecord[]>;
}

export interface WorkshopRepository {
  /** Fails with `join_code_taken` when another open (draft or live) workshop holds the code. */
  insert(workshop: WorkshopRecord): Promise<'ok' | 'join_code_taken'>;
  get(id: string): Promise<WorkshopRecord | null>;
  /** The draft or live workshop holding this code, if any. */
  findOpenByJoinCode(code: string): Promise<WorkshopRecord | null>;
  /** The most recent workshop (any state) that held this code, to tell "closed" from "unknown". */
  findLatestByJoinCode(code: string): Promise<WorkshopRecord | null>;
  listByGroup(groupId: string): Promise<WorkshopRecord[]>;
  /** Compare-and-set of the state: returns the updated workshop, or null when its state was not in `from`. */
  transition(id: string, from: readonly WorkshopState[], to: WorkshopState, at: string): Promise<WorkshopRecord | null>;
}

export interface ParticipantRepository {
  insert(participant: ParticipantRecord): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<ParticipantRecord | null>;
  get(id: string): Promise<ParticipantRecord | null>;
}

export interface PresenceRepository {
  /** Records one live connection; marks the participant as having attended. */
  connect(input: { connectionId: string; participantId: string; workshopId: string; nodeId: string; at: string }): Promise<void>;
  /** Removes one connection; harmless when already gone. */
  disconnect(connectionId: string): Promise<void>;
  /** Whether the participant has at least one live connection. */
  isPresent(participantId: string): Promise<boolean>;
  /** Present now (distinct participants with a connection) and attended (came at least once), by standpoint. */
  attendance(workshopId: string): Promise<{ present: StandpointCount[]; attended: StandpointCount[] }>;
  /** Forgets the connections a node held (that node restarted). Returns how many were removed. */
  clearNode(nodeId: string): Promise<number>;
}

export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  /** Sets the value only if the key has none yet; returns the value now stored. */
  setIfAbsent(key: string, value: string): Promise<string>;
  set(key: string, value: string): Promise<void>;
}

/** Everything the domain needs from storage. */
export interface Store {
  /** Name of the backend, shown by `GET /health`. */
  readonly kind: string;
  readonly settings: SettingsRepository;
  readonly groups: WorkingGroupRepository;
  readonly workshops: WorkshopRepository;
  readonly participants: ParticipantRepository;
  readonly presence: PresenceRepository;
  readonly agenda: AgendaRepository;
  readonly polls: PollRepository;
  readonly wordClouds: WordCloudRepository;
  readonly speakingQueue: SpeakingQueueStore;
  readonly board: BoardRepository;
  readonly proposals: ProposalRepository;
  readonly records: RecordRepository;
  close(): Promise<void>;
}
