import type { PollDefinition } from '../../../../shared/schemas/polls';
import type { AgendaItemRecord, NewAgendaItem } from '../agenda/agenda-store';

/** A poll: its agenda item and its definition. */
export interface PollRecord {
  item: AgendaItemRecord;
  definition: PollDefinition;
  /** Participants present when it closed; null while not closed. */
  presentAtClose: number | null;
}

/** A participant's own ballot, as their devices see it. */
export interface OwnBallot {
  choices: number[];
  ballotId: string;
}

export interface CastBallotInput {
  pollId: string;
  workshopId: string;
  participantId: string;
  standpoint: string | null;
  /** Option indexes, already checked against the definition. */
  choices: readonly number[];
  ballotId: string;
}

/**
 * What became of a ballot. `recorded`: stored (new or changed); `unchanged`: this ballot id was
 * already applied, nothing changed. The other outcomes store nothing.
 */
export type CastBallotOutcome =
  | { status: 'recorded' | 'unchanged'; ballot: OwnBallot }
  | { status: 'poll_not_open' | 'workshop_not_live' | 'not_present' };

/**
 * Aggregate counts of a poll, never individual ballots. `choice` is an option index. Once closed, the
 * standpoint `'_others'` (OTHERS_STANDPOINT) holds the groups that were below the privacy threshold.
 */
export interface PollAggregates {
  counts: Array<{ standpoint: string | null; choice: number; count: number }>;
  ballotsByStandpoint: Array<{ standpoint: string | null; ballots: number }>;
  /** Present now while open; present at close once closed. */
  present: number;
  /** Once closed: the standpoints stored merged under `'_others'` (null = undisclosed). */
  mergedStandpoints: Array<string | null>;
}

/** Given the ballots per standpoint at close, says which standpoints are too small to be stored alone. */
export type SmallGroups = (ballotsByStandpoint: PollAggregates['ballotsByStandpoint']) => Array<string | null>;

/** Storage port of polls. Each method is one atomic operation. */
export interface PollRepository {
  create(item: NewAgendaItem, definition: PollDefinition): Promise<PollRecord>;
  get(id: string): Promise<PollRecord | null>;
  /** Replaces the definition of a draft poll; null when the poll is not a draft. */
  update(id: string, definition: PollDefinition): Promise<PollRecord | null>;
  /**
   * Records or changes the participant's one ballot (UNIQUE(poll, participant)), in one transaction that
   * also checks the poll is open, its workshop live and the participant connected.
   */
  castBallot(input: CastBallotInput): Promise<CastBallotOutcome>;
  /** The participant's ballot while the poll is open; null otherwise (none, or the poll closed and forgot it). */
  ownBallot(pollId: string, participantId: string): Promise<OwnBallot | null>;
  /** Counts by choice and standpoint: live from the ballots while open, from the stored aggregates once closed. */
  aggregates(pollId: string): Promise<PollAggregates>;
  /**
   * Compare-and-set open → closed that, in the same transaction, stores the aggregates and the number
   * present, and deletes every ballot and ballot id: afterwards nothing ties a choice to a participant.
   * The standpoints `smallGroups` names are stored merged under `'_others'`.
   * Returns the closed item, or null when the poll was not open.
   */
  close(id: string, at: string, smallGroups: SmallGroups): Promise<AgendaItemRecord | null>;
}
