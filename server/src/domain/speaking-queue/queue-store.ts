import type { StandpointCount } from '../../store/ports';
import type { QueueState } from './queue-types';

/*
 * Storage port of the speaking queue and written contributions. Every method is one atomic operation
 * (one transaction in SQL). Participant ids and standpoints are stored for fair order, limits and
 * counts by standpoint; they never leave the server.
 */

/** What `update` writes: the new state, or null to leave the stored one as it was (a refused command). */
export interface QueueChange<R> {
  next: QueueState | null;
  result: R;
}

export interface QueueRepository {
  /** The workshop's queue, or null before its first command. */
  load(workshopId: string): Promise<QueueState | null>;
  /**
   * Reads the workshop's queue (or `initial()` when it has none), runs `change` on it and writes the
   * state it returns, in one transaction, so that two commands never start from the same old state.
   * `change` must be pure and synchronous.
   */
  update<R>(workshopId: string, initial: () => QueueState, change: (state: QueueState) => QueueChange<R>, at: string): Promise<R>;
  /** Live workshops whose queue has a waiting ticket or a turn in progress. */
  activeWorkshops(): Promise<string[]>;
}

export type ContributionKind = 'question' | 'testimony' | null;
export type ContributionModeration = 'pending' | 'approved' | 'rejected';
export type ContributionHandled = 'read' | 'answered' | null;

export interface ContributionRecord {
  id: string;
  workshopId: string;
  /** The author, kept so that they find their own contributions and cannot +1 them; never sent to anyone. */
  authorId: string;
  standpoint: string | null;
  kind: ContributionKind;
  text: string;
  moderation: ContributionModeration;
  handled: ContributionHandled;
  createdAt: string;
}

/** A contribution and its number of supports, counted in the database. */
export interface ContributionWithSupports extends ContributionRecord {
  supports: number;
}

export interface ContributionSettings {
  approvalRequired: boolean;
  projectedId: string | null;
}

export interface ContributionRepository {
  settings(workshopId: string): Promise<ContributionSettings>;
  setApprovalRequired(workshopId: string, required: boolean): Promise<void>;
  /** Shows an approved contribution of this workshop on the projection (null: none); false when it is not one. */
  setProjected(workshopId: string, contributionId: string | null): Promise<boolean>;
  /**
   * Adds a contribution, pending when the workshop requires approval, approved otherwise (decided in
   * the same transaction). Refuses when its author already wrote `maxPerAuthor` in this workshop.
   */
  insert(
    contribution: Omit<ContributionRecord, 'moderation' | 'handled'>,
    maxPerAuthor: number,
  ): Promise<{ moderation: ContributionModeration } | 'limit_reached'>;
  get(id: string): Promise<ContributionRecord | null>;
  /** Every contribution of the workshop, most supported first, then in the order they were sent. */
  list(workshopId: string): Promise<ContributionWithSupports[]>;
  /** Records one participant's support; a second one from the same participant changes nothing. Returns the count. */
  support(contributionId: string, participantId: string, at: string): Promise<number>;
  /** Sets the moderation; setting aside the projected contribution takes it off the projection. */
  setModeration(id: string, moderation: ContributionModeration): Promise<void>;
  setHandled(id: string, handled: ContributionHandled): Promise<void>;
  /** Contributions not set aside, by the standpoint of their author. */
  countByStandpoint(workshopId: string): Promise<StandpointCount[]>;
  authoredBy(workshopId: string, participantId: string): Promise<ContributionRecord[]>;
  /** Ids of the contributions this participant supported. */
  supportedBy(workshopId: string, participantId: string): Promise<string[]>;
}

/** Everything the speaking queue needs from storage. */
export interface SpeakingQueueStore {
  readonly queues: QueueRepository;
  readonly contributions: ContributionRepository;
}
