import {
  GROUP_CONTRIBUTION_FORMAT,
  RECORD_ENTRY_FORMAT,
  RECORD_FORMAT_VERSION,
  type CompareView,
  type ComparedQuestion,
  type GroupContribution,
  type GroupRecordView,
  type ParticipationView,
  type RecordEntry,
  type RecordStandpointLabel,
  type RecordTimelineItem,
  type RecordVersionSummary,
} from '../../../../shared/views-records';
import { DEFAULT_PRIVACY_THRESHOLD } from '../privacy/privacy-threshold';
import type { StoredRecordVersion } from './record-store';

/** The entry as exported and sent: the pushed content with its version's metadata and withdrawal mark. */
export function toEntry(v: StoredRecordVersion): RecordEntry {
  const { group, workshop, privacyThreshold, standpoints, attendance, polls, wordClouds, board, proposals, speaking, contributions } = v.content;
  return {
    format: RECORD_ENTRY_FORMAT,
    formatVersion: RECORD_FORMAT_VERSION,
    id: v.id,
    workshopId: v.workshopId,
    version: v.version,
    pushedAt: v.pushedAt,
    pushedBy: v.pushedBy,
    withdrawn: v.withdrawn,
    group,
    workshop,
    summary: v.summary,
    privacyThreshold,
    standpoints,
    attendance,
    polls,
    wordClouds,
    board,
    proposals,
    speaking,
    contributions,
  };
}

export function toSummary(v: StoredRecordVersion): RecordVersionSummary {
  return { id: v.id, workshopId: v.workshopId, version: v.version, pushedAt: v.pushedAt, pushedBy: v.pushedBy, withdrawn: v.withdrawn };
}

/** Versions grouped by workshop, oldest version first. */
function byWorkshop(versions: readonly StoredRecordVersion[]): Map<string, StoredRecordVersion[]> {
  const map = new Map<string, StoredRecordVersion[]>();
  for (const v of versions) map.set(v.workshopId, [...(map.get(v.workshopId) ?? []), v]);
  for (const list of map.values()) list.sort((a, b) => a.version - b.version);
  return map;
}

/** A workshop's current version: its latest not withdrawn; null when every version is withdrawn. */
export function currentOf(versions: readonly StoredRecordVersion[]): StoredRecordVersion | null {
  return [...versions].sort((a, b) => b.version - a.version).find((v) => v.withdrawn === null) ?? null;
}

const chronological = (a: { date: string; pushedAt: string }, b: { date: string; pushedAt: string }) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.pushedAt < b.pushedAt ? -1 : a.pushedAt > b.pushedAt ? 1 : 0;

/** Every workshop's current version, oldest workshop first: what the group views and exports use. */
export function currentVersions(versions: readonly StoredRecordVersion[]): StoredRecordVersion[] {
  return [...byWorkshop(versions).values()]
    .map(currentOf)
    .filter((v): v is StoredRecordVersion => v !== null)
    .sort((a, b) => chronological({ date: a.content.workshop.date, pushedAt: a.pushedAt }, { date: b.content.workshop.date, pushedAt: b.pushedAt }));
}

/** The group's timeline: one item per workshop, most recent first, with all its versions. */
export function timelineOf(group: GroupRecordView['group'], versions: readonly StoredRecordVersion[]): GroupRecordView {
  const entries: RecordTimelineItem[] = [...byWorkshop(versions).values()].map((list) => {
    const current = currentOf(list) ?? list[list.length - 1]!;
    const c = current.content;
    return {
      workshopId: current.workshopId,
      title: c.workshop.title,
      date: c.workshop.date,
      current: toSummary(current),
      versions: list.map(toSummary),
      counts: {
        attended: c.attendance.total,
        polls: c.polls.length,
        wordClouds: c.wordClouds.length,
        proposals: c.proposals.length,
        adoptedProposals: c.proposals.filter((p) => p.status === 'adopted').length,
        contributions: c.contributions.length,
      },
    };
  });
  entries.sort((a, b) => -chronological({ date: a.date, pushedAt: a.current.pushedAt }, { date: b.date, pushedAt: b.current.pushedAt }));
  return { group, entries };
}

/** The largest threshold the versions were made with (the default when there are none). */
function thresholdOf(versions: readonly StoredRecordVersion[]): number {
  return versions.length ? Math.max(...versions.map((v) => v.content.privacyThreshold)) : DEFAULT_PRIVACY_THRESHOLD;
}

/** Labels of every standpoint key the versions use; the first label met for a key wins. */
export function labelsOf(versions: readonly StoredRecordVersion[]): RecordStandpointLabel[] {
  const labels = new Map<string, RecordStandpointLabel>();
  for (const v of versions) for (const s of v.content.standpoints) if (!labels.has(s.key)) labels.set(s.key, s);
  return [...labels.values()];
}

/** Attendance by standpoint group, workshop after workshop (current versions, oldest first). */
export function participationOf(group: { id: string; name: string }, versions: readonly StoredRecordVersion[]): ParticipationView {
  const current = currentVersions(versions);
  return {
    group,
    privacyThreshold: thresholdOf(current),
    standpoints: labelsOf(current),
    workshops: current.map((v) => ({
      workshopId: v.workshopId,
      title: v.content.workshop.title,
      date: v.content.workshop.date,
      version: v.version,
      attendance: v.content.attendance,
    })),
  };
}

/** A question as compared: lower case, without accents, punctuation or extra spaces. */
export function normaliseQuestion(question: string): string {
  return question
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('fr')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The polls of the group's current versions, matched by normalised question. Without `question`:
 * the questions asked in at least two workshops; with it: that question's occurrences.
 */
export function compareOf(group: { id: string; name: string }, versions: readonly StoredRecordVersion[], question?: string): CompareView {
  const current = currentVersions(versions);
  const questions = new Map<string, ComparedQuestion>();
  for (const v of current) {
    for (const poll of v.content.polls) {
      const key = normaliseQuestion(poll.question);
      if (!key) continue;
      const entry = questions.get(key) ?? { key, question: poll.question, occurrences: [] };
      entry.question = poll.question;
      entry.occurrences.push({ workshopId: v.workshopId, title: v.content.workshop.title, date: v.content.workshop.date, version: v.version, poll });
      questions.set(key, entry);
    }
  }
  const wanted = question === undefined ? null : normaliseQuestion(question);
  const list = [...questions.values()].filter((q) =>
    wanted === null ? new Set(q.occurrences.map((o) => o.workshopId)).size >= 2 : q.key === wanted,
  );
  list.sort((a, b) => b.occurrences.length - a.occurrences.length || a.key.localeCompare(b.key, 'fr'));
  return { group, standpoints: labelsOf(current), questions: list };
}

const themeOrder = new Intl.Collator('fr', { sensitivity: 'base' });

/** Every adopted proposal of the group's current versions, grouped by theme (no theme last). */
export function contributionOf(group: GroupContribution['group'], versions: readonly StoredRecordVersion[], generatedAt: string): GroupContribution {
  const current = currentVersions(versions);
  const themes = new Map<string | null, GroupContribution['themes'][number]>();
  for (const v of current) {
    for (const p of v.content.proposals) {
      if (p.status !== 'adopted') continue;
      const theme = p.theme?.trim() || null;
      const bucket = themes.get(theme) ?? { theme, proposals: [] };
      bucket.proposals.push({
        title: p.title,
        text: p.text,
        workshop: { id: v.workshopId, title: v.content.workshop.title, date: v.content.workshop.date },
        version: v.version,
        adoptedAt: p.decidedAt,
        supports: p.supports,
      });
      themes.set(theme, bucket);
    }
  }
  const list = [...themes.values()].sort((a, b) =>
    a.theme === null ? 1 : b.theme === null ? -1 : themeOrder.compare(a.theme, b.theme),
  );
  return {
    format: GROUP_CONTRIBUTION_FORMAT,
    formatVersion: RECORD_FORMAT_VERSION,
    group,
    generatedAt,
    privacyThreshold: thresholdOf(current),
    standpoints: labelsOf(current),
    themes: list,
  };
}
