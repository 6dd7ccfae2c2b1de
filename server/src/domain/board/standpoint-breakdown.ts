import type { StandpointCountView } from '../../../../shared/views-board';
import { applyPrivacyThreshold, orderStandpointKeys, standpointGroupKey, disclosedKeys } from '../privacy/privacy-threshold';

/**
 * Counts by standpoint (one per person: a dot on a card, a support of a proposal) as groups that may
 * be shown: in the workshop's standpoint order, groups below the privacy threshold merged into `_others`.
 */
export function standpointBreakdown(
  rows: ReadonlyArray<{ standpoint: string | null; count: number }>,
  order: readonly string[],
  threshold: number,
): StandpointCountView[] {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = standpointGroupKey(row.standpoint);
    sizes.set(key, (sizes.get(key) ?? 0) + row.count);
  }
  const groups = orderStandpointKeys(sizes.keys(), order).map((key) => ({ key, size: sizes.get(key)!, value: null }));
  return applyPrivacyThreshold(groups, () => null, threshold).map((g) => ({ key: g.key, count: g.size, mergedKeys: disclosedKeys(g, threshold) }));
}

/** Groups rows by a key (a card, a proposal). */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
