import {
  applyPrivacyThreshold,
  DEFAULT_PRIVACY_THRESHOLD,
  orderStandpointKeys,
  standpointGroupKey, disclosedKeys } from '../privacy/privacy-threshold';
import { createBlockMatcher } from './blocklist';
import { normaliseEntry } from './normalise-entry';

/**
 * Entries of a word cloud as the store returns them, one by one or aggregated by spelling and
 * standpoint (`count`); no participant id is needed to tally.
 */
export interface CloudEntry {
  text: string;
  standpoint: string | null;
  /** How many identical entries this row stands for; 1 when left out. */
  count?: number;
  /** Whether the entry matched the blocklist when it was stored; matched again now when left out. */
  blocked?: boolean;
}

export interface CloudTallyOptions {
  /** Keys the facilitator has hidden; their entries leave the cloud but stay restorable. */
  hiddenKeys: ReadonlySet<string>;
  /** Blocked keys the facilitator has let through (a false positive of the blocklist). */
  restoredKeys?: ReadonlySet<string>;
  /** Privacy threshold of the breakdowns; `DEFAULT_PRIVACY_THRESHOLD` when left out. */
  threshold?: number;
  /** Words or phrases blocked in this workshop on top of the default blocklist. */
  extraBlocked?: readonly string[];
  /** The workshop's standpoint keys in display order (see `orderStandpointKeys`). */
  standpointOrder?: readonly string[];
  /**
   * People who sent at least one entry, by standpoint. When given, the results also hold one cloud per
   * standpoint group, the groups formed by the privacy threshold on these numbers of people.
   */
  contributorsByStandpoint?: ReadonlyArray<{ standpoint: string | null; contributors: number }>;
}

/** How many entries of a word came from a standpoint, or from `_others` below the privacy threshold. */
export interface CloudStandpointCount {
  key: string;
  count: number;
  mergedKeys: string[];
}

export interface CloudWord {
  key: string;
  /** The most frequent spelling in the group; on a tie, the one seen first. */
  display: string;
  count: number;
  byStandpoint: CloudStandpointCount[];
}

/** A word kept out of the cloud, with what a facilitator needs to see it in a "restore" list. */
export interface HiddenCloudWord {
  key: string;
  display: string;
  count: number;
}

/** The cloud of one standpoint group: a standpoint, or `_others` gathering those with too few people. */
export interface StandpointCloud {
  key: string;
  contributors: number;
  mergedKeys: string[];
  /** Visible words of this group, with the group's own counts, sorted like the whole cloud. */
  words: HiddenCloudWord[];
}

export interface CloudResults {
  /** Entries shown in the cloud: the sum of `words[].count`. */
  entries: number;
  words: CloudWord[];
  /** Words the facilitator hid. */
  hidden: HiddenCloudWord[];
  /** Entries left out because they matched the blocklist (and were not restored). */
  blockedCount: number;
  /** The blocked words, for the facilitator's moderation only: never to be sent to participants or the projection. */
  blocked: HiddenCloudWord[];
  /** People who sent at least one entry (0 when `contributorsByStandpoint` is not given). */
  contributors: number;
  /** One cloud per standpoint group; empty when `contributorsByStandpoint` is not given. */
  byStandpoint: StandpointCloud[];
}

interface Group {
  key: string;
  count: number;
  blocked: boolean;
  /** Each spelling as displayed, with its count and the index of its first entry. */
  spellings: Map<string, { count: number; first: number }>;
  standpoints: Map<string, number>;
}

function mostFrequentSpelling(group: Group): string {
  let best = '';
  let bestCount = -1;
  let bestFirst = Number.POSITIVE_INFINITY;
  for (const [spelling, { count, first }] of group.spellings) {
    if (count > bestCount || (count === bestCount && first < bestFirst)) {
      best = spelling;
      bestCount = count;
      bestFirst = first;
    }
  }
  return best;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Count first, then display in French alphabetical order, then key, so that the order is total. */
function byCountThenDisplay(a: HiddenCloudWord, b: HiddenCloudWord): number {
  return b.count - a.count || collator.compare(a.display, b.display) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Groups entries by key; a key counts as blocked when any of its entries is. */
function groupEntries(entries: readonly CloudEntry[], options: CloudTallyOptions): Map<string, Group> {
  const matcher = createBlockMatcher(options.extraBlocked);
  const groups = new Map<string, Group>();
  entries.forEach((entry, index) => {
    const count = entry.count ?? 1;
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`invalid entry count ${count}`);
    const normalised = normaliseEntry(entry.text);
    if (normalised === null || count === 0) return;
    let group = groups.get(normalised.key);
    if (group === undefined) {
      group = { key: normalised.key, count: 0, blocked: false, spellings: new Map(), standpoints: new Map() };
      groups.set(normalised.key, group);
    }
    group.count += count;
    group.blocked ||= entry.blocked ?? matcher(entry.text);
    const spelling = group.spellings.get(normalised.display);
    if (spelling === undefined) group.spellings.set(normalised.display, { count, first: index });
    else spelling.count += count;
    const standpoint = standpointGroupKey(entry.standpoint);
    group.standpoints.set(standpoint, (group.standpoints.get(standpoint) ?? 0) + count);
  });
  return groups;
}

/** One cloud per standpoint group, the groups formed on numbers of people, not of entries. */
function standpointClouds(groups: readonly Group[], display: ReadonlyMap<string, string>, options: CloudTallyOptions, threshold: number): StandpointCloud[] {
  const people = new Map<string, number>();
  for (const row of options.contributorsByStandpoint ?? []) {
    const key = standpointGroupKey(row.standpoint);
    people.set(key, (people.get(key) ?? 0) + row.contributors);
  }
  const breakdown = orderStandpointKeys(people.keys(), options.standpointOrder).map((key) => ({
    key,
    size: people.get(key) ?? 0,
    value: null,
  }));
  return applyPrivacyThreshold(breakdown, () => null, threshold).map((standpointGroup) => {
    const words = groups
      .map((group) => ({
        key: group.key,
        display: display.get(group.key) ?? group.key,
        count: standpointGroup.mergedKeys.reduce((sum, key) => sum + (group.standpoints.get(key) ?? 0), 0),
      }))
      .filter((word) => word.count > 0)
      .sort(byCountThenDisplay);
    return { key: standpointGroup.key, contributors: standpointGroup.size, mergedKeys: disclosedKeys(standpointGroup, threshold), words };
  });
}

/**
 * Groups word-cloud entries by their normalised key (`normalise-entry.ts`) and counts them, as a whole
 * and by standpoint through the privacy threshold. Each word's breakdown counts entries, so it protects
 * people only if a participant cannot add the same key twice: the caller must refuse such a duplicate.
 * The per-standpoint clouds (`contributorsByStandpoint`) are formed on numbers of people.
 *
 * Blocked keys (unless restored) are left out and counted in `blockedCount`; hidden keys are listed in
 * `hidden`, not in `words`; entries with nothing to read once punctuation is removed are ignored.
 * Words are sorted by count, most frequent first, then by display. Throws a RangeError on a negative or
 * fractional `count`, or on malformed contributor numbers (see `applyPrivacyThreshold`).
 */
export function tallyCloud(entries: readonly CloudEntry[], options: CloudTallyOptions): CloudResults {
  const threshold = options.threshold ?? DEFAULT_PRIVACY_THRESHOLD;
  const words: CloudWord[] = [];
  const hidden: HiddenCloudWord[] = [];
  const blocked: HiddenCloudWord[] = [];
  const shown: Group[] = [];
  const display = new Map<string, string>();
  for (const group of groupEntries(entries, options).values()) {
    const word = { key: group.key, display: mostFrequentSpelling(group), count: group.count };
    display.set(group.key, word.display);
    if (group.blocked && !(options.restoredKeys?.has(group.key) ?? false)) {
      blocked.push(word);
      continue;
    }
    if (options.hiddenKeys.has(group.key)) {
      hidden.push(word);
      continue;
    }
    shown.push(group);
    const breakdown = orderStandpointKeys(group.standpoints.keys(), options.standpointOrder).map((key) => {
      const count = group.standpoints.get(key) ?? 0;
      return { key, size: count, value: count };
    });
    words.push({
      ...word,
      byStandpoint: applyPrivacyThreshold(breakdown, (a, b) => a + b, threshold).map((g) => ({
        key: g.key,
        count: g.size,
        mergedKeys: disclosedKeys(g, threshold),
      })),
    });
  }
  words.sort(byCountThenDisplay);
  hidden.sort(byCountThenDisplay);
  blocked.sort(byCountThenDisplay);
  return {
    entries: words.reduce((sum, w) => sum + w.count, 0),
    words,
    hidden,
    blockedCount: blocked.reduce((sum, w) => sum + w.count, 0),
    blocked,
    contributors: (options.contributorsByStandpoint ?? []).reduce((sum, row) => sum + row.contributors, 0),
    byStandpoint: standpointClouds(shown, display, options, threshold),
  };
}
