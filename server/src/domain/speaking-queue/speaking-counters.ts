import type { SpeakingCountersView } from '../../../../shared/views-speaking-queue';
import { applyPrivacyThreshold, standpointGroupKey, UNDISCLOSED_KEY, type SizedGroup, disclosedKeys } from '../privacy/privacy-threshold';
import type { StandpointCount } from '../../store/ports';
import type { StandpointCounter } from './queue-types';

interface Figures {
  turns: number;
  speakingMs: number;
  contributions: number;
}

const addFigures = (a: Figures, b: Figures): Figures => ({
  turns: a.turns + b.turns,
  speakingMs: a.speakingMs + b.speakingMs,
  contributions: a.contributions + b.contributions,
});

/** Everything the breakdown is made from; counts are by standpoint key (`null` = preferred not to say). */
export interface CountersInput {
  /** The workshop's standpoint keys, in the order screens show them. */
  standpoints: readonly string[];
  /** People who came, by standpoint: the size of each group for the privacy threshold. */
  attended: readonly StandpointCount[];
  /** Turns and speaking time from the queue, keyed by standpoint or `_undisclosed`. */
  speaking: Readonly<Record<string, StandpointCounter>>;
  /** Written contributions, by standpoint of their authors. */
  contributions: readonly StandpointCount[];
  threshold: number;
}

/**
 * "Temps de parole par regard": turns, speaking time and written contributions per standpoint
 * group, groups smaller than the threshold merged into `_others`. A group is as large as the number
 * of people of that standpoint who came, so a lone elected official's speaking time is never shown
 * as theirs. Groups that have not spoken are shown too: that is what the chart is for.
 */
export function speakingCountersView(input: CountersInput): SpeakingCountersView {
  const order = [...input.standpoints, UNDISCLOSED_KEY];
  const figures = new Map<string, Figures>();
  const sizes = new Map<string, number>();
  const figuresOf = (key: string): Figures => {
    if (!order.includes(key)) order.push(key);
    let current = figures.get(key);
    if (current === undefined) {
      current = { turns: 0, speakingMs: 0, contributions: 0 };
      figures.set(key, current);
    }
    return current;
  };
  for (const row of input.attended) sizes.set(standpointGroupKey(row.standpoint), row.count);
  for (const [key, counter] of Object.entries(input.speaking)) {
    const f = figuresOf(key);
    f.turns += counter.turns;
    f.speakingMs += counter.speakingMs;
  }
  for (const row of input.contributions) figuresOf(standpointGroupKey(row.standpoint)).contributions += row.count;

  const groups: SizedGroup<Figures>[] = order.map((key) => {
    const value = figures.get(key) ?? { turns: 0, speakingMs: 0, contributions: 0 };
    const active = value.turns > 0 || value.contributions > 0;
    // Someone of this standpoint spoke, so the group is not empty even if attendance says so.
    const size = Math.max(sizes.get(key) ?? 0, active ? 1 : 0);
    return { key, size, value };
  });
  const visible = applyPrivacyThreshold(groups, addFigures, input.threshold);
  const total = groups.reduce((sum, g) => addFigures(sum, g.value), { turns: 0, speakingMs: 0, contributions: 0 });
  return {
    total,
    groups: visible.map((g) => ({ key: g.key, mergedKeys: disclosedKeys(g, input.threshold), ...g.value })),
    threshold: input.threshold,
  };
}
