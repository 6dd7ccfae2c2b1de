import type { PollKind, PollScale, ResultsVisibility } from './schemas/polls';

/** A poll as everyone admitted to the workshop sees it. Options are addressed by index in votes. */
export interface PollDefinitionView {
  kind: PollKind;
  question: string;
  /** One option per entry; `id` is the index as a string. For a scale: the points "1"…"n". */
  choices: Array<{ id: string; label: string }>;
  /** How many options one ballot may include: 1, or the `maxChoices` of a multiple-choice poll. */
  maxChoices: number;
  /** Only for a scale: its number of points and the labels of both ends. */
  scale: PollScale | null;
  results: ResultsVisibility;
}

/** One option's count, as a whole and within a standpoint group. */
export interface ChoiceResultView {
  id: string;
  label: string;
  count: number;
  /** Whole percentage of ballots (0 only if nobody, 100 only if everybody). */
  percent: number;
}

/** One group of the breakdown: a standpoint key, `_undisclosed`, or `_others` (groups below the privacy threshold merged). */
export interface StandpointResultsView {
  key: string;
  ballots: number;
  /** Standpoint keys the group stands for (`[key]`, or those merged into `_others`). */
  mergedKeys: string[];
  choices: Array<{ id: string; count: number; percent: number }>;
  mean: number | null;
}

/** Results of a poll: aggregates only, never a ballot or a participant. */
export interface PollResultsView {
  kind: PollKind;
  ballots: number;
  present: number;
  /** ballots / present within 0..1 ("23 votes sur 27 présents"). */
  turnout: number;
  choices: ChoiceResultView[];
  /** Mean of a scale (points valued 1..n), 2 decimals; null otherwise. */
  mean: number | null;
  byStandpoint: StandpointResultsView[];
}

/**
 * `poll:results` frame. `results` is null when they are hidden from this audience (an `on_close` poll
 * still open, or the facilitator hid them); the turnout is always there.
 */
export interface PollResultsFrame {
  itemId: string;
  state: 'open' | 'closed';
  turnout: { ballots: number; present: number };
  results: PollResultsView | null;
}

/** `poll:ballot`: the participant's own ballot, sent to their devices only (null: none yet). */
export interface OwnBallotView {
  itemId: string;
  ballot: { choices: number[]; ballotId: string } | null;
}
