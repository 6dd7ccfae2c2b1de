/** How many entries of a word came from one standpoint group (`_others`: groups below the privacy threshold, merged). */
export interface CloudStandpointCountView {
  key: string;
  count: number;
  mergedKeys: string[];
}

/** A word as listed: its normalised key (to hide or restore it), the spelling shown and its count. */
export interface CloudWordCountView {
  key: string;
  display: string;
  count: number;
}

/** A word of the cloud: every spelling of one normalised key, shown in the most frequent one. */
export interface CloudWordView extends CloudWordCountView {
  byStandpoint: CloudStandpointCountView[];
}

/** The cloud of one standpoint group, for the side-by-side view; groups are formed on numbers of people. */
export interface StandpointCloudView {
  key: string;
  contributors: number;
  mergedKeys: string[];
  words: CloudWordCountView[];
}

/** Results of a word cloud: grouped counts only, never who sent what. */
export interface WordCloudResultsView {
  /** Entries shown (the sum of the words' counts). */
  entries: number;
  /** People who sent at least one entry. */
  contributors: number;
  /** Most frequent first. */
  words: CloudWordView[];
  byStandpoint: StandpointCloudView[];
  /** Facilitator only (empty for others): words the facilitator hid, to restore them. */
  hidden: CloudWordCountView[];
  /** Facilitator only (empty for others): words the blocklist kept off, to let one through. */
  blocked: CloudWordCountView[];
  /** Facilitator only (0 for others): entries kept off by the blocklist. */
  blockedCount: number;
}

/** `word-cloud:results` frame; `results` null when hidden from this audience. */
export interface WordCloudResultsFrame {
  itemId: string;
  state: 'open' | 'closed';
  contributors: number;
  results: WordCloudResultsView | null;
}

/** `word-cloud:mine`: the participant's own entries, sent to their devices only. */
export interface OwnEntriesView {
  itemId: string;
  entries: Array<{ entryId: string; text: string }>;
  maxEntries: number;
}
