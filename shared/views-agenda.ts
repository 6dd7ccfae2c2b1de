import type { ResultsVisibility } from './schemas/polls';
import type { PollDefinitionView } from './views-polls';

/** Kinds of agenda items. Later activities (speaking turns, board) join with their own kind. */
export type AgendaItemKind = 'poll' | 'word_cloud';

/** draft → open → closed. One item of a workshop is open at a time; a closed item stays closed. */
export type AgendaItemState = 'draft' | 'open' | 'closed';

interface AgendaItemBase {
  id: string;
  kind: AgendaItemKind;
  /** 1-based rank in the agenda. */
  position: number;
  state: AgendaItemState;
  results: ResultsVisibility;
  /** What the facilitator asks to show: results at all, and the side-by-side view by standpoint. */
  display: { showResults: boolean; byStandpoint: boolean };
  openedAt: string | null;
  closedAt: string | null;
}

export interface PollItemView extends AgendaItemBase {
  kind: 'poll';
  poll: PollDefinitionView;
}

export interface WordCloudItemView extends AgendaItemBase {
  kind: 'word_cloud';
  cloud: { prompt: string; maxEntries: number };
}

export type AgendaItemView = PollItemView | WordCloudItemView;

/** `agenda`: the whole agenda, in order (facilitators only). */
export interface AgendaView {
  items: AgendaItemView[];
}

/**
 * `activity`: what is on stage for participants and the projection: the open item, or else the item
 * closed last while its results are shown; null when nothing is.
 */
export interface ActivityView {
  item: AgendaItemView | null;
}
