import type { WordCloudDefinition } from '../../../../shared/schemas/word-clouds';
import type { AgendaItemRecord, NewAgendaItem } from '../agenda/agenda-store';

/** A word cloud: its agenda item and its definition. */
export interface WordCloudRecord {
  item: AgendaItemRecord;
  definition: WordCloudDefinition;
}

/** One of a participant's own entries, as their devices see it. */
export interface OwnEntry {
  entryId: string;
  text: string;
}

export interface NewEntry {
  cloudId: string;
  workshopId: string;
  participantId: string;
  standpoint: string | null;
  entryId: string;
  /** As typed (trimmed). */
  text: string;
  /** Normalised: entries with the same key are counted together; one participant sends a key once. */
  key: string;
  /** Matched the blocklist: kept off the cloud unless the facilitator lets the word through. */
  blocked: boolean;
  createdAt: string;
}

/**
 * What became of an entry. `added`: stored; `unchanged`: this entry id was already stored for this
 * participant. The other outcomes store nothing.
 */
export type AddEntryOutcome =
  | { status: 'added' | 'unchanged'; entries: OwnEntry[] }
  | { status: 'cloud_not_open' | 'workshop_not_live' | 'not_present' | 'limit_reached' | 'same_key' | 'entry_id_taken' };

export type RemoveEntryOutcome = { status: 'removed' | 'not_found'; entries: OwnEntry[] } | { status: 'cloud_not_open' };

/**
 * Aggregates of a word cloud: how many entries of each spelling came from each standpoint, never who
 * sent what. Once closed, the standpoint `'_others'` holds the groups that were below the privacy threshold.
 */
export interface WordCloudAggregates {
  rows: Array<{ text: string; standpoint: string | null; count: number; blocked: boolean }>;
  /** People who sent at least one entry, by standpoint. */
  contributorsByStandpoint: Array<{ standpoint: string | null; contributors: number }>;
  /** Keys the facilitator hid. */
  hiddenKeys: string[];
  /** Keys the facilitator chose to show, blocklisted or not. */
  shownKeys: string[];
  /** Once closed: the standpoints stored merged under `'_others'` (null = undisclosed). */
  mergedStandpoints: Array<string | null>;
}

/** Given the contributors per standpoint at close, says which standpoints are too small to be stored alone. */
export type SmallContributorGroups = (contributors: WordCloudAggregates['contributorsByStandpoint']) => Array<string | null>;

/** Storage port of word clouds. Each method is one atomic operation. */
export interface WordCloudRepository {
  create(item: NewAgendaItem, definition: WordCloudDefinition): Promise<WordCloudRecord>;
  get(id: string): Promise<WordCloudRecord | null>;
  /** Replaces the definition of a draft word cloud; null when it is not a draft. */
  update(id: string, definition: WordCloudDefinition): Promise<WordCloudRecord | null>;
  /**
   * Adds an entry in one transaction that checks the cloud is open, its workshop live, the participant
   * connected, below their limit of entries and not sending the same key twice.
   */
  addEntry(entry: NewEntry): Promise<AddEntryOutcome>;
  /** Takes back one of the participant's own entries while the cloud is open. */
  removeEntry(cloudId: string, participantId: string, entryId: string): Promise<RemoveEntryOutcome>;
  /** The participant's entries while the cloud is open (none once closed: entries no longer name anyone). */
  ownEntries(cloudId: string, participantId: string): Promise<OwnEntry[]>;
  aggregates(cloudId: string): Promise<WordCloudAggregates>;
  /** Records the facilitator's choice for a key: hidden, or shown (even if it matched the blocklist). */
  moderate(cloudId: string, key: string, hidden: boolean): Promise<void>;
  /**
   * Compare-and-set open → closed that, in the same transaction, stores the contributors by standpoint,
   * merges the small standpoint groups under '_others' and unlinks every entry from its author.
   */
  close(id: string, at: string, smallGroups: SmallContributorGroups): Promise<AgendaItemRecord | null>;
}
