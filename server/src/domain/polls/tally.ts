import type { PollKind } from '../../../../shared/schemas/polls';
import {
  applyPrivacyThreshold,
  DEFAULT_PRIVACY_THRESHOLD,
  disclosedKeys,
  orderStandpointKeys,
  standpointGroupKey,
} from '../privacy/privacy-threshold';

export type { PollKind };

/** One option of a poll. For a scale, the options are the scale points, lowest first (value = position + 1). */
export interface PollChoice {
  id: string;
  label: string;
}

/** An aggregate row from the store: how many ballots of a standpoint include a choice. */
export interface ChoiceCountRow {
  standpoint: string | null;
  choiceId: string;
  count: number;
}

/** An aggregate row from the store: how many ballots were cast by a standpoint. */
export interface StandpointBallotsRow {
  standpoint: string | null;
  ballots: number;
}

/** Everything the tally needs; all of it comes from aggregates, never from individual ballots. */
export interface TallyInput {
  kind: PollKind;
  choices: readonly PollChoice[];
  counts: readonly ChoiceCountRow[];
  ballotsByStandpoint: readonly StandpointBallotsRow[];
  /** Participants present, the denominator of the turnout ("23 votes sur 27 présents"). */
  present: number;
  /** Privacy threshold of the breakdown; `DEFAULT_PRIVACY_THRESHOLD` when left out. */
  threshold?: number;
  /** The workshop's standpoint keys in display order; other keys follow in key order, undisclosed last. */
  standpointOrder?: readonly string[];
}

export interface ChoiceResult {
  id: string;
  label: string;
  /** Ballots that include this choice. */
  count: number;
  /** Share of ballots, see `percentOf`. */
  percent: number;
}

export interface StandpointChoiceResult {
  id: string;
  count: number;
  percent: number;
}

/** One group of the breakdown: a standpoint, or `_others` gathering those below the privacy threshold. */
export interface StandpointResults {
  key: string;
  ballots: number;
  mergedKeys: string[];
  choices: StandpointChoiceResult[];
  /** Mean of a scale poll within this group; `null` for other kinds. */
  mean: number | null;
}

export interface PollResults {
  kind: PollKind;
  ballots: number;
  present: number;
  /** `ballots / present` between 0 and 1, unrounded (see `turnoutOf`). */
  turnout: number;
  choices: ChoiceResult[];
  /** Mean of a scale poll (points valued 1..n), rounded to 2 decimals; `null` for other kinds or no ballot. */
  mean: number | null;
  byStandpoint: StandpointResults[];
}

/**
 * The share of ballots that include a choice, as a whole percentage, rounded half up; 0 when there is no
 * ballot. Two exceptions keep the ends truthful: 0 % only when nobody chose it and 100 % only when
 * everybody did (1 vote in 1000 shows 1 %, 999 in 1000 shows 99 %), because "personne" and
 * "unanimité" mean something in a meeting. Equal counts always show equal percentages, so the
 * percentages of a single-choice poll may add up to 99 or 101; those of a multiple-choice poll
 * may exceed 100 since a ballot can include several choices.
 */
export function percentOf(count: number, ballots: number): number {
  if (ballots <= 0 || count <= 0) return 0;
  if (count >= ballots) return 100;
  return Math.min(99, Math.max(1, Math.floor((count * 100) / ballots + 0.5)));
}

/** Ballots over present participants, within 0..1: ballots kept from people who have since left never push it past 1. */
export function turnoutOf(ballots: number, present: number): number {
  if (ballots <= 0) return 0;
  if (present <= 0) return 1;
  return Math.min(1, ballots / present);
}

function roundMean(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Scale points are valued by position: the first point is 1. `null` when nobody answered. */
function scaleMean(counts: readonly number[]): number | null {
  const answers = counts.reduce((sum, c) => sum + c, 0);
  if (answers === 0) return null;
  const total = counts.reduce((sum, c, index) => sum + c * (index + 1), 0);
  return roundMean(total / answers);
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Sums the rows per standpoint group, checking them against the poll's choices. */
function collect(input: TallyInput): Map<string, { ballots: number; counts: number[] }> {
  const index = new Map(input.choices.map((c, i) => [c.id, i]));
  if (index.size !== input.choices.length) throw new RangeError('two poll choices share an id');
  const groups = new Map<string, { ballots: number; counts: number[] }>();
  const groupOf = (standpoint: string | null) => {
    const key = standpointGroupKey(standpoint);
    let group = groups.get(key);
    if (group === undefined) {
      group = { ballots: 0, counts: input.choices.map(() => 0) };
      groups.set(key, group);
    }
    return group;
  };
  for (const row of input.ballotsByStandpoint) {
    if (!isCount(row.ballots)) throw new RangeError(`invalid ballot count ${row.ballots}`);
    groupOf(row.standpoint).ballots += row.ballots;
  }
  for (const row of input.counts) {
    const at = index.get(row.choiceId);
    if (at === undefined) throw new RangeError(`count for unknown choice "${row.choiceId}"`);
    if (!isCount(row.count)) throw new RangeError(`invalid count ${row.count} for choice "${row.choiceId}"`);
    const group = groupOf(row.standpoint);
    group.counts[at] = (group.counts[at] ?? 0) + row.count;
  }
  const exclusive = input.kind !== 'multiple';
  for (const [key, group] of groups) {
    const picks = group.counts.reduce((sum, c) => sum + c, 0);
    if (group.counts.some((c) => c > group.ballots) || (exclusive && picks > group.ballots)) {
      throw new RangeError(`standpoint "${key}" has more choices counted than ballots`);
    }
  }
  return groups;
}

/**
 * Poll results as a whole and broken down by standpoint, from aggregate rows.
 * Percentages are of ballots (see `percentOf`); the breakdown goes through the privacy threshold,
 * so no group below it is shown. Throws a RangeError when the rows are inconsistent (unknown choice,
 * negative or fractional counts, more choices counted than ballots).
 */
export function tallyPoll(input: TallyInput): PollResults {
  if (!isCount(input.present)) throw new RangeError(`invalid number present ${input.present}`);
  const groups = collect(input);
  const keys = orderStandpointKeys(groups.keys(), input.standpointOrder);
  const totals = input.choices.map(() => 0);
  let ballots = 0;
  for (const group of groups.values()) {
    ballots += group.ballots;
    group.counts.forEach((c, i) => (totals[i] = (totals[i] ?? 0) + c));
  }
  const isScale = input.kind === 'scale';

  const visible = applyPrivacyThreshold(
    keys.map((key) => {
      const group = groups.get(key) ?? { ballots: 0, counts: [] };
      return { key, size: group.ballots, value: group.counts };
    }),
    (a, b) => a.map((c, i) => c + (b[i] ?? 0)),
    input.threshold ?? DEFAULT_PRIVACY_THRESHOLD,
  );

  return {
    kind: input.kind,
    ballots,
    present: input.present,
    turnout: turnoutOf(ballots, input.present),
    choices: input.choices.map((choice, i) => {
      const count = totals[i] ?? 0;
      return { id: choice.id, label: choice.label, count, percent: percentOf(count, ballots) };
    }),
    mean: isScale ? scaleMean(totals) : null,
    byStandpoint: visible.map((group) => ({
      key: group.key,
      ballots: group.size,
      mergedKeys: disclosedKeys(group, input.threshold ?? DEFAULT_PRIVACY_THRESHOLD),
      choices: input.choices.map((choice, i) => {
        const count = group.value[i] ?? 0;
        return { id: choice.id, count, percent: percentOf(count, group.size) };
      }),
      mean: isScale ? scaleMean(group.value) : null,
    })),
  };
}
