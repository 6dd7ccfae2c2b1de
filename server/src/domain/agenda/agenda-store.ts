import type { ResultsVisibility } from '../../../../shared/schemas/polls';
import type { AgendaItemKind, AgendaItemState } from '../../../../shared/views-agenda';

/** One activity of a workshop's agenda. Its content lives with its kind (a poll, a word cloud), under the same id. */
export interface AgendaItemRecord {
  id: string;
  workshopId: string;
  kind: AgendaItemKind;
  /** 1-based rank in the agenda. */
  position: number;
  state: AgendaItemState;
  results: ResultsVisibility;
  /** Participants and the projection see the results (once `results` allows it). */
  showResults: boolean;
  /** The projection shows the breakdown by standpoint side by side rather than the whole room. */
  byStandpoint: boolean;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

/** A new item as a kind's repository inserts it: the store gives it the last position. */
export type NewAgendaItem = Omit<AgendaItemRecord, 'position' | 'state' | 'openedAt' | 'closedAt'>;

/**
 * Storage port of the agenda. Each method is one atomic operation. Closing an item is done by its
 * kind's repository, because closing a poll must aggregate and unlink its ballots in the same transaction.
 */
export interface AgendaRepository {
  get(id: string): Promise<AgendaItemRecord | null>;
  /** The workshop's items in agenda order. */
  list(workshopId: string): Promise<AgendaItemRecord[]>;
  /** The open item, if any (at most one per workshop). */
  findOpen(workshopId: string): Promise<AgendaItemRecord | null>;
  /** The item closed last, if any. */
  findLastClosed(workshopId: string): Promise<AgendaItemRecord | null>;
  /** Gives items the positions of `ids` (1, 2, …). Returns false, changing nothing, unless `ids` is exactly the agenda. */
  reorder(workshopId: string, ids: readonly string[]): Promise<boolean>;
  /** Deletes an item and its content unless it is open. */
  remove(id: string): Promise<'removed' | 'open' | 'not_found'>;
  /** Compare-and-set draft → open; refused while another item of the workshop is open. */
  open(id: string, at: string): Promise<'opened' | 'not_draft' | 'another_open'>;
  /** Changes what is shown of the results; returns the updated item, or null when it does not exist. */
  setDisplay(id: string, display: { showResults?: boolean; byStandpoint?: boolean }): Promise<AgendaItemRecord | null>;
  /** Participants of the workshop with a live connection now: the denominator of live turnouts. */
  presentCount(workshopId: string): Promise<number>;
}
