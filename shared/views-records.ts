import type { AckCallback } from './events';
import type { PollKind } from './schemas/polls';
import type { PushRecordInput } from './schemas/records';
import type { WorkshopState } from './schemas/workshops';

/*
 * Working-group records ("comptes rendus"): what a workshop pushed to its group. A record entry is
 * one version of one workshop's results; pushing again adds version n + 1 and never changes an older
 * one. Everything here is aggregates and anonymous texts: no participant id, pseudonym or
 * standpoint of a person. Breakdowns by standpoint went through the privacy threshold: a group is a
 * standpoint key, `_undisclosed` ("je préfère ne pas dire"), or `_others` (groups too small to be
 * shown alone, merged; `mergedKeys` says which). `RecordEntry` is the JSON export of an entry and
 * the body of the webhook; its schema is `recordEntrySchema` (shared/schemas/records.ts), served as
 * JSON Schema at `GET /api/records/schema/entry.json`.
 */

/** Name and version of the entry format, in every JSON entry. A breaking change bumps the version. */
export const RECORD_ENTRY_FORMAT = 'croisee.record-entry' as const;
export const RECORD_FORMAT_VERSION = 1 as const;
export const GROUP_RECORD_FORMAT = 'croisee.group-record' as const;
export const GROUP_CONTRIBUTION_FORMAT = 'croisee.group-contribution' as const;

/** Who made a version: the facilitator (console), the organiser (HTTP), or the workshop closing. */
export type RecordPushedBy = 'facilitator' | 'organiser' | 'workshop_closed';

/** A standpoint key with its labels, so that a record reads alone; includes `_others` and `_undisclosed`. */
export interface RecordStandpointLabel {
  key: string;
  label: { fr: string; en: string };
}

/** How many people (or votes, entries, supports) of one standpoint group. */
export interface RecordGroupCount {
  key: string;
  count: number;
  /** Keys the group stands for: `[key]`, or the keys merged into `_others`. */
  mergedKeys: string[];
}

/** Émargement: people who came (connected at least once), as a whole and by standpoint group. */
export interface RecordAttendance {
  total: number;
  byStandpoint: RecordGroupCount[];
}

/** One option of a poll with its result: ballots that include it, and their share of ballots. */
export interface RecordPollChoice {
  id: string;
  label: string;
  count: number;
  /** Whole percentage of ballots (0 only if nobody, 100 only if everybody). */
  percent: number;
}

/** One standpoint group of a poll's side-by-side breakdown. */
export interface RecordPollGroup {
  key: string;
  ballots: number;
  mergedKeys: string[];
  choices: Array<{ id: string; count: number; percent: number }>;
  /** Mean of a scale within this group; null for other kinds. */
  mean: number | null;
}

/** A poll that was opened (drafts never opened are left out). */
export interface RecordPoll {
  itemId: string;
  /** 1-based rank in the workshop's agenda. */
  position: number;
  /** `open` when pushed before it was closed (counts so far). */
  state: 'open' | 'closed';
  openedAt: string | null;
  closedAt: string | null;
  question: string;
  kind: PollKind;
  /** How many options one ballot could include. */
  maxChoices: number;
  scale: { points: number; minLabel: string; maxLabel: string } | null;
  ballots: number;
  /** Present when it closed (or when pushed, if still open): "23 votes sur 27 présents". */
  present: number;
  /** ballots / present, 0…1. */
  turnout: number;
  /** Mean of a scale (points valued 1…n), 2 decimals; null otherwise. */
  mean: number | null;
  choices: RecordPollChoice[];
  byStandpoint: RecordPollGroup[];
}

/** A word as shown: its normalised key, the most frequent spelling and its number of entries. */
export interface RecordCloudWord {
  key: string;
  display: string;
  count: number;
}

/** A word cloud that was opened. Words the facilitator hid and blocklisted words are left out. */
export interface RecordWordCloud {
  itemId: string;
  position: number;
  state: 'open' | 'closed';
  openedAt: string | null;
  closedAt: string | null;
  prompt: string;
  maxEntries: number;
  /** People who sent at least one entry. */
  contributors: number;
  /** Entries counted in `words`. */
  entries: number;
  /** Most frequent first; each with its entries by standpoint group. */
  words: Array<RecordCloudWord & { byStandpoint: RecordGroupCount[] }>;
  /** One cloud per standpoint group, groups formed on numbers of people. */
  byStandpoint: Array<{ key: string; contributors: number; mergedKeys: string[]; words: RecordCloudWord[] }>;
}

/** The shared board: its columns (themes) and cards with their dot-vote totals. */
export interface RecordBoard {
  columns: Array<{ id: string; title: string; cards: Array<{ id: string; text: string; dots: number }> }>;
}

/** Where a proposal stands: still being written or voted on, adopted, or not adopted. */
export type RecordProposalStatus = 'in_progress' | 'adopted' | 'not_adopted';

/** A co-written proposal: its final text as Markdown, its supports by standpoint group and its status. */
export interface RecordProposal {
  id: string;
  title: string;
  /** Markdown. */
  text: string;
  status: RecordProposalStatus;
  /** When it was marked adopted / not adopted; null while in progress. */
  decidedAt: string | null;
  /** The board column (theme) it was born in, if it came from a card. */
  theme: string | null;
  supports: { total: number; byStandpoint: RecordGroupCount[] };
}

/** Speaking turns, speaking time and written contributions by standpoint group. */
export interface RecordSpeaking {
  total: { turns: number; speakingMs: number; contributions: number };
  byStandpoint: Array<{ key: string; mergedKeys: string[]; turns: number; speakingMs: number; contributions: number }>;
}

/** A written contribution that everyone could see (approved): its anonymous text and support count. */
export interface RecordContribution {
  kind: 'question' | 'testimony' | null;
  text: string;
  supports: number;
  handled: 'read' | 'answered' | null;
}

/** Withdrawn by the organiser: the version stays, readable, marked. */
export interface RecordWithdrawal {
  at: string;
  reason: string;
}

/** One version of a workshop's record entry: the JSON export and the webhook body. */
export interface RecordEntry {
  format: typeof RECORD_ENTRY_FORMAT;
  formatVersion: typeof RECORD_FORMAT_VERSION;
  /** Id of this version. */
  id: string;
  workshopId: string;
  /** 1, 2, … per workshop. */
  version: number;
  pushedAt: string;
  pushedBy: RecordPushedBy;
  /** Not part of the pushed content: the organiser's later mark, null unless withdrawn. */
  withdrawn: RecordWithdrawal | null;
  group: { id: string; name: string; purpose: string };
  workshop: { title: string; date: string; state: WorkshopState; openedAt: string | null; closedAt: string | null };
  /** The facilitator's summary (Markdown allowed); the last one given when a push carries none. */
  summary: string;
  /** Smallest group a breakdown shows alone. */
  privacyThreshold: number;
  standpoints: RecordStandpointLabel[];
  attendance: RecordAttendance;
  polls: RecordPoll[];
  wordClouds: RecordWordCloud[];
  /** Null when the workshop had no board. */
  board: RecordBoard | null;
  proposals: RecordProposal[];
  speaking: RecordSpeaking;
  /** Most supported first. */
  contributions: RecordContribution[];
}

/** One version, as listed. */
export interface RecordVersionSummary {
  id: string;
  workshopId: string;
  version: number;
  pushedAt: string;
  pushedBy: RecordPushedBy;
  withdrawn: RecordWithdrawal | null;
}

/** One workshop in the group's timeline: its current version's headline figures and every version. */
export interface RecordTimelineItem {
  workshopId: string;
  title: string;
  date: string;
  /** The latest version not withdrawn (the latest one if all are withdrawn). */
  current: RecordVersionSummary;
  /** Oldest first. */
  versions: RecordVersionSummary[];
  counts: { attended: number; polls: number; wordClouds: number; proposals: number; adoptedProposals: number; contributions: number };
}

/** `GET /api/groups/:groupId/records`: the group's timeline, most recent workshop first. */
export interface GroupRecordView {
  group: { id: string; name: string; purpose: string };
  entries: RecordTimelineItem[];
}

/** `GET /api/groups/:groupId/records/participation`: attendance by standpoint, workshop after workshop. */
export interface ParticipationView {
  group: { id: string; name: string };
  privacyThreshold: number;
  /** Labels of every key used below. */
  standpoints: RecordStandpointLabel[];
  /** Oldest first; from each workshop's current version. */
  workshops: Array<{ workshopId: string; title: string; date: string; version: number; attendance: RecordAttendance }>;
}

/** The same question asked in several workshops. */
export interface ComparedQuestion {
  /** Normalised question (lower case, no accents or punctuation): what matches. */
  key: string;
  /** The wording of its latest occurrence. */
  question: string;
  /** Oldest first; from each workshop's current version. */
  occurrences: Array<{ workshopId: string; title: string; date: string; version: number; poll: RecordPoll }>;
}

/** `GET /api/groups/:groupId/records/compare`. */
export interface CompareView {
  group: { id: string; name: string };
  standpoints: RecordStandpointLabel[];
  questions: ComparedQuestion[];
}

/** An adopted proposal in the group contribution: where and when it was adopted, who supported it. */
export interface ContributionProposal {
  title: string;
  text: string;
  workshop: { id: string; title: string; date: string };
  version: number;
  adoptedAt: string | null;
  supports: { total: number; byStandpoint: RecordGroupCount[] };
}

/** The group "contribution": every adopted proposal, grouped by theme (JSON export). */
export interface GroupContribution {
  format: typeof GROUP_CONTRIBUTION_FORMAT;
  formatVersion: typeof RECORD_FORMAT_VERSION;
  group: { id: string; name: string; purpose: string };
  generatedAt: string;
  privacyThreshold: number;
  standpoints: RecordStandpointLabel[];
  /** Themes in alphabetical order, `null` (no theme) last. */
  themes: Array<{ theme: string | null; proposals: ContributionProposal[] }>;
}

/** The group record as one JSON export: every workshop's current version. */
export interface GroupRecordExport {
  format: typeof GROUP_RECORD_FORMAT;
  formatVersion: typeof RECORD_FORMAT_VERSION;
  group: { id: string; name: string; purpose: string };
  generatedAt: string;
  /** Oldest workshop first. */
  entries: RecordEntry[];
}

/** A group's webhook, as the organiser sees it (the secret is shown once, when set). */
export interface WebhookView {
  url: string;
  createdAt: string;
}

/** Answer of setting a webhook: the secret that signs deliveries, shown this once. */
export interface WebhookCreatedView {
  webhook: WebhookView;
  secret: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One webhook delivery of one entry version. */
export interface DeliveryView {
  id: string;
  entryId: string;
  workshopId: string;
  version: number;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last answer, null when none came (network error, timeout). */
  lastStatus: number | null;
  lastError: string | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The body POSTed to a webhook, signed with `X-Croisee-Signature: sha256=<hex>`. */
export interface RecordWebhookPayload {
  event: 'record.entry.created';
  deliveryId: string;
  entry: RecordEntry;
}

/** Sent to facilitators when a version of their workshop's entry was stored. */
export type RecordPushedView = RecordVersionSummary;

export interface RecordClientEvents {
  /** Facilitator: push the workshop's results now (a new version); `pushId` makes a resend harmless. */
  'record:push': (payload: PushRecordInput, ack: AckCallback<{ entry: RecordVersionSummary; created: boolean }>) => void;
}

export interface RecordServerEvents {
  /** Facilitators: a version was stored (their push, the organiser's, or the workshop closing). */
  'record:pushed': (entry: RecordPushedView) => void;
}
