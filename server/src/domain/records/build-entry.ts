import type { PollKind, PollScale } from '../../../../shared/schemas/polls';
import type { WorkshopState } from '../../../../shared/schemas/workshops';
import { OTHERS_STANDPOINT, UNDISCLOSED_STANDPOINT, type Standpoint } from '../../../../shared/standpoints';
import type { PollResultsView } from '../../../../shared/views-polls';
import type { ContributionView, SpeakingCountersView } from '../../../../shared/views-speaking-queue';
import type { WordCloudResultsView } from '../../../../shared/views-word-clouds';
import type {
  RecordBoard,
  RecordGroupCount,
  RecordPoll,
  RecordProposal,
  RecordStandpointLabel,
  RecordWordCloud,
} from '../../../../shared/views-records';
import { applyPrivacyThreshold, orderStandpointKeys, standpointGroupKey } from '../privacy/privacy-threshold';
import type { RecordEntryContent } from './record-store';

/** Labels of the two keys that are not standpoints of a workshop's set. */
export const SPECIAL_STANDPOINT_LABELS: readonly RecordStandpointLabel[] = [
  { key: UNDISCLOSED_STANDPOINT, label: { fr: 'Sans précision', en: 'Not stated' } },
  { key: OTHERS_STANDPOINT, label: { fr: 'Autres regards', en: 'Other standpoints' } },
];

/** How many people of a standpoint (`null`: preferred not to say). */
export interface StandpointRow {
  standpoint: string | null;
  count: number;
}

/** The agenda fields a record keeps of an activity. */
export interface ActivityInput {
  id: string;
  position: number;
  state: 'draft' | 'open' | 'closed';
  openedAt: string | null;
  closedAt: string | null;
}

export interface PollInput {
  item: ActivityInput;
  question: string;
  kind: PollKind;
  maxChoices: number;
  scale: PollScale | null;
  /** Tallied results (already through the privacy threshold); null for a draft. */
  results: PollResultsView | null;
}

export interface WordCloudInput {
  item: ActivityInput;
  prompt: string;
  maxEntries: number;
  /** The facilitator's results (hidden and blocked words are dropped here); null for a draft. */
  results: WordCloudResultsView | null;
}

/** A proposal as the board feature gives it, supporters counted by their standpoint. */
export interface ProposalInput {
  id: string;
  title: string;
  markdown: string;
  status: 'draft' | 'voting' | 'adopted' | 'not_adopted';
  decidedAt: string | null;
  theme: string | null;
  supporters: readonly StandpointRow[];
}

/** Everything an entry is made from: results of each feature, as aggregates. */
export interface EntryInputs {
  group: { id: string; name: string; purpose: string };
  workshop: { title: string; date: string; state: WorkshopState; openedAt: string | null; closedAt: string | null; standpoints: readonly Standpoint[] };
  threshold: number;
  /** People who came, by standpoint. */
  attended: readonly StandpointRow[];
  polls: readonly PollInput[];
  wordClouds: readonly WordCloudInput[];
  board: RecordBoard | null;
  proposals: readonly ProposalInput[];
  speaking: SpeakingCountersView;
  /** Contributions everyone could see (approved), most supported first. */
  contributions: readonly ContributionView[];
}

/**
 * The threshold lets one group smaller than itself through when that group is everybody (two
 * supporters in all, one ballot). The room saw that total; a record read far from the room must not
 * say where those few came from: such a group becomes « autres » without its composition.
 */
export function veilSmallGroup<G extends { key: string; mergedKeys: readonly string[] }>(groups: readonly G[], size: (group: G) => number, threshold: number): G[] {
  return groups.map((g) => (size(g) < threshold ? { ...g, key: OTHERS_STANDPOINT, mergedKeys: [] } : g));
}

/** People (or supports) by standpoint, through the privacy threshold, in the workshop's standpoint order. */
export function thresholdCounts(rows: readonly StandpointRow[], order: readonly string[], threshold: number): RecordGroupCount[] {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = standpointGroupKey(row.standpoint);
    sizes.set(key, (sizes.get(key) ?? 0) + row.count);
  }
  const groups = orderStandpointKeys(sizes.keys(), order).map((key) => ({ key, size: sizes.get(key) ?? 0, value: null }));
  const visible = applyPrivacyThreshold(groups, () => null, threshold).map((g) => ({ key: g.key, count: g.size, mergedKeys: g.mergedKeys }));
  return veilSmallGroup(visible, (g) => g.count, threshold);
}

const opened = (item: ActivityInput): item is ActivityInput & { state: 'open' | 'closed' } => item.state !== 'draft';

function pollOf(input: PollInput & { item: { state: 'open' | 'closed' } }, threshold: number): RecordPoll {
  const r = input.results;
  return {
    itemId: input.item.id,
    position: input.item.position,
    state: input.item.state,
    openedAt: input.item.openedAt,
    closedAt: input.item.closedAt,
    question: input.question,
    kind: input.kind,
    maxChoices: input.maxChoices,
    scale: input.scale ? { points: input.scale.points, minLabel: input.scale.minLabel, maxLabel: input.scale.maxLabel } : null,
    ballots: r?.ballots ?? 0,
    present: r?.present ?? 0,
    turnout: r?.turnout ?? 0,
    mean: r?.mean ?? null,
    choices: (r?.choices ?? []).map((c) => ({ id: c.id, label: c.label, count: c.count, percent: c.percent })),
    byStandpoint: veilSmallGroup(
      (r?.byStandpoint ?? []).map((g) => ({
        key: g.key,
        ballots: g.ballots,
        mergedKeys: [...g.mergedKeys],
        choices: g.choices.map((c) => ({ id: c.id, count: c.count, percent: c.percent })),
        mean: g.mean,
      })),
      (g) => g.ballots,
      threshold,
    ),
  };
}

function wordCloudOf(input: WordCloudInput & { item: { state: 'open' | 'closed' } }, threshold: number): RecordWordCloud {
  const r = input.results;
  const word = (w: { key: string; display: string; count: number }) => ({ key: w.key, display: w.display, count: w.count });
  return {
    itemId: input.item.id,
    position: input.item.position,
    state: input.item.state,
    openedAt: input.item.openedAt,
    closedAt: input.item.closedAt,
    prompt: input.prompt,
    maxEntries: input.maxEntries,
    contributors: r?.contributors ?? 0,
    // Only the visible words: the facilitator's hidden words and the blocklist's catches stay out.
    entries: r?.entries ?? 0,
    words: (r?.words ?? []).map((w) => ({
      ...word(w),
      byStandpoint: veilSmallGroup(w.byStandpoint.map((g) => ({ key: g.key, count: g.count, mergedKeys: [...g.mergedKeys] })), (g) => g.count, threshold),
    })),
    byStandpoint: veilSmallGroup(
      (r?.byStandpoint ?? []).map((g) => ({ key: g.key, contributors: g.contributors, mergedKeys: [...g.mergedKeys], words: g.words.map(word) })),
      (g) => g.contributors,
      threshold,
    ),
  };
}

function proposalOf(input: ProposalInput, order: readonly string[], threshold: number): RecordProposal {
  const byStandpoint = thresholdCounts(input.supporters, order, threshold);
  return {
    id: input.id,
    title: input.title,
    text: input.markdown,
    status: input.status === 'adopted' || input.status === 'not_adopted' ? input.status : 'in_progress',
    decidedAt: input.status === 'adopted' || input.status === 'not_adopted' ? input.decidedAt : null,
    theme: input.theme,
    supports: { total: byStandpoint.reduce((sum, g) => sum + g.count, 0), byStandpoint },
  };
}

/**
 * Assembles an entry's content from the results each feature gives. Pure. Activities that never
 * opened are left out; every breakdown by standpoint is under the privacy threshold (those computed
 * here — attendance, proposal supports — as much as those the features tallied); card signatures,
 * authors and supporters never reach it: only counts and anonymous texts do.
 */
export function buildEntryContent(inputs: EntryInputs): RecordEntryContent {
  const order = inputs.workshop.standpoints.map((s) => s.key);
  const attendance = thresholdCounts(inputs.attended, order, inputs.threshold);
  const byPosition = <T extends { item: ActivityInput }>(list: readonly T[]) => [...list].sort((a, b) => a.item.position - b.item.position);
  return {
    group: { id: inputs.group.id, name: inputs.group.name, purpose: inputs.group.purpose },
    workshop: {
      title: inputs.workshop.title,
      date: inputs.workshop.date,
      state: inputs.workshop.state,
      openedAt: inputs.workshop.openedAt,
      closedAt: inputs.workshop.closedAt,
    },
    privacyThreshold: inputs.threshold,
    standpoints: [...inputs.workshop.standpoints.map((s) => ({ key: s.key, label: { fr: s.label.fr, en: s.label.en } })), ...SPECIAL_STANDPOINT_LABELS.map((s) => ({ key: s.key, label: { ...s.label } }))],
    attendance: { total: attendance.reduce((sum, g) => sum + g.count, 0), byStandpoint: attendance },
    polls: byPosition(inputs.polls).flatMap((p) => (opened(p.item) ? [pollOf({ ...p, item: p.item }, inputs.threshold)] : [])),
    wordClouds: byPosition(inputs.wordClouds).flatMap((c) => (opened(c.item) ? [wordCloudOf({ ...c, item: c.item }, inputs.threshold)] : [])),
    board: inputs.board && {
      columns: inputs.board.columns.map((column) => ({
        id: column.id,
        title: column.title,
        cards: column.cards.map((card) => ({ id: card.id, text: card.text, dots: card.dots })),
      })),
    },
    proposals: inputs.proposals.map((p) => proposalOf(p, order, inputs.threshold)),
    speaking: {
      total: { ...inputs.speaking.total },
      byStandpoint: inputs.speaking.groups.map((g) => ({
        key: g.key,
        mergedKeys: [...g.mergedKeys],
        turns: g.turns,
        speakingMs: g.speakingMs,
        contributions: g.contributions,
      })),
    },
    contributions: inputs.contributions.map((c) => ({ kind: c.kind, text: c.text, supports: c.supports, handled: c.handled })),
  };
}
