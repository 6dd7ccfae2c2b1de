import { OTHERS_STANDPOINT, UNDISCLOSED_STANDPOINT } from '../../../../shared/standpoints';

/** Key of the merged group ("autres") that gathers the groups too small to be shown alone. */
export const OTHERS_KEY = OTHERS_STANDPOINT;

/** Key callers give to participants who preferred not to say their standpoint (`null`). */
export const UNDISCLOSED_KEY = UNDISCLOSED_STANDPOINT;

/** No breakdown shows a group of fewer people than this, unless it shows nobody else. */
export const DEFAULT_PRIVACY_THRESHOLD = 3;

/** One group of a breakdown before the threshold is applied: `size` people, and what they produced. */
export interface SizedGroup<T> {
  key: string;
  size: number;
  value: T;
}

/** One group of a breakdown that may be shown: its own key, or `OTHERS_KEY` with the keys it gathers. */
export interface VisibleGroup<T> {
  key: string;
  size: number;
  value: T;
  /** The input keys this group stands for, in input order (`[key]` for a group shown alone). */
  mergedKeys: string[];
}

/** The key of the group a standpoint belongs to: `null` ("je préfère ne pas dire") is a group of its own. */
export function standpointGroupKey(standpoint: string | null): string {
  return standpoint ?? UNDISCLOSED_KEY;
}

/**
 * Standpoint keys in display order: those of `order` (the workshop's standpoint set) first, in that
 * order; any other key after them in code-point order; `UNDISCLOSED_KEY` last. Deterministic, so
 * every node shows a breakdown the same way.
 */
export function orderStandpointKeys(keys: Iterable<string>, order: readonly string[] = []): string[] {
  const rank = (key: string) => {
    const at = order.indexOf(key);
    if (at !== -1) return at;
    return key === UNDISCLOSED_KEY ? order.length + 1 : order.length;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function checkInput(groups: ReadonlyArray<SizedGroup<unknown>>, threshold: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`privacy threshold must be a positive integer, got ${threshold}`);
  }
  const seen = new Set<string>();
  for (const group of groups) {
    if (seen.has(group.key)) throw new RangeError(`group key "${group.key}" appears twice`);
    seen.add(group.key);
    if (!Number.isSafeInteger(group.size) || group.size < 0) {
      throw new RangeError(`group "${group.key}" has an invalid size ${group.size}`);
    }
  }
}

/**
 * Applies the privacy threshold to a breakdown by standpoint, so that nobody is singled out.
 *
 * - Groups of size 0 are dropped.
 * - Groups smaller than `threshold` are merged into one group keyed `OTHERS_KEY` ("autres").
 * - Complementary disclosure: an "autres" group that is not empty but still below the threshold
 *   would tell the room how a handful of people answered. The smallest visible group is then merged
 *   into it too (on a tie, the one that comes last in the input, so the earlier, usually canonical
 *   standpoints stay visible), again and again until "autres" reaches the threshold or holds everything.
 *
 * - An input group keyed `OTHERS_KEY` (groups merged earlier, e.g. when a result was stored at close)
 *   always goes into "autres", whatever its size; its key then appears in `mergedKeys`.
 *
 * So every group returned has at least `threshold` people, except when a single group holds everyone
 * (the whole is then no more than the total the room already sees). Sizes are conserved.
 * Visible groups keep their input order; "autres" comes last. Values of merged groups are folded
 * with `merge` in input order, so the result is deterministic.
 *
 * Throws a RangeError on a non-integer or negative size, a duplicate key, or a threshold that is not
 * a positive integer.
 */
export function applyPrivacyThreshold<T>(
  groups: ReadonlyArray<SizedGroup<T>>,
  merge: (a: T, b: T) => T,
  threshold: number = DEFAULT_PRIVACY_THRESHOLD,
): Array<VisibleGroup<T>> {
  checkInput(groups, threshold);
  const present = groups.map((group, index) => ({ group, index })).filter(({ group }) => group.size > 0);
  const merged = new Set<number>(
    present.filter(({ group }) => group.size < threshold || group.key === OTHERS_KEY).map(({ index }) => index),
  );
  let mergedSize = present.filter(({ index }) => merged.has(index)).reduce((sum, { group }) => sum + group.size, 0);

  while (mergedSize > 0 && mergedSize < threshold) {
    let smallest: { group: SizedGroup<T>; index: number } | undefined;
    for (const candidate of present) {
      if (merged.has(candidate.index)) continue;
      // `<=` lets a later group of the same size win the tie.
      if (smallest === undefined || candidate.group.size <= smallest.group.size) smallest = candidate;
    }
    if (smallest === undefined) break;
    merged.add(smallest.index);
    mergedSize += smallest.group.size;
  }

  const visible: Array<VisibleGroup<T>> = present
    .filter(({ index }) => !merged.has(index))
    .map(({ group }) => ({ key: group.key, size: group.size, value: group.value, mergedKeys: [group.key] }));

  const others = present.filter(({ index }) => merged.has(index)).map(({ group }) => group);
  const [first, ...rest] = others;
  if (first !== undefined) {
    visible.push({
      key: OTHERS_KEY,
      size: mergedSize,
      value: rest.reduce((acc, group) => merge(acc, group.value), first.value),
      mergedKeys: others.map((group) => group.key),
    });
  }
  return visible;
}

/**
 * The standpoints a visible group may be said to hold. A group below the threshold (the whole room,
 * when it is smaller than the threshold) must not say which standpoints it holds: "autres (élu·e)"
 * with one ballot would single that person out.
 */
export function disclosedKeys(group: { size: number; mergedKeys: readonly string[] }, threshold: number = DEFAULT_PRIVACY_THRESHOLD): string[] {
  return group.size < threshold ? [] : [...group.mergedKeys];
}
