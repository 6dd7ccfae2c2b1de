import type { StandpointRow } from '../../lib/attendance';
import { language, t } from '../../lib/i18n/i18n.svelte';
import type { MessageKey } from '../../lib/i18n/fr';
import type { PollDefinitionView, PollResultsView } from '../../../../shared/views-polls';
import type { SpeakingCountersView } from '../../../../shared/views-speaking-queue';
import type { RecordAttendance, RecordEntry, RecordPoll, RecordProposalStatus, RecordPushedBy, RecordStandpointLabel, RecordVersionSummary } from '../../../../shared/views-records';
import { groupLabel } from '../agenda/standpoint-groups';

/** A recorded poll in the shapes the live charts take, so that an entry shows the same charts as the projection. */
export function pollViews(poll: RecordPoll): { definition: PollDefinitionView; results: PollResultsView } {
  return {
    definition: {
      kind: poll.kind,
      question: poll.question,
      choices: poll.choices.map((choice) => ({ id: choice.id, label: choice.label })),
      maxChoices: poll.maxChoices,
      scale: poll.scale,
      results: 'live',
    },
    results: {
      kind: poll.kind,
      ballots: poll.ballots,
      present: poll.present,
      turnout: poll.turnout,
      choices: poll.choices,
      mean: poll.mean,
      byStandpoint: poll.byStandpoint,
    },
  };
}

/** The rows of the attendance charts and table: people who came, by standpoint group, most first. */
export function attendanceRows(attendance: RecordAttendance, standpoints: readonly RecordStandpointLabel[]): StandpointRow[] {
  return attendance.byStandpoint
    .map((group) => {
      const label = groupLabel(group.key, standpoints);
      return { key: group.key, label, many: label, present: group.count, attended: group.count };
    })
    .sort((a, b) => b.present - a.present);
}

/** The entry's speaking figures in the shape of the live chart. */
export function speakingCounters(entry: RecordEntry): SpeakingCountersView {
  return { total: entry.speaking.total, groups: entry.speaking.byStandpoint, threshold: entry.privacyThreshold };
}

/** A moment written out in the current language: "22 nov. 2026, 14:05". */
export function momentText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language.current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const PUSHED_BY: Record<RecordPushedBy, MessageKey> = {
  facilitator: 'records.pushed_by.facilitator',
  organiser: 'records.pushed_by.organiser',
  workshop_closed: 'records.pushed_by.workshop_closed',
};

/** "Envoyé par l'animation", "… à la clôture de l'atelier". */
export function pushedByText(pushedBy: RecordPushedBy): string {
  return t(PUSHED_BY[pushedBy]);
}

const STATUS: Record<RecordProposalStatus, MessageKey> = {
  in_progress: 'records.status.in_progress',
  adopted: 'records.status.adopted',
  not_adopted: 'records.status.not_adopted',
};

/** "Adoptée", "Non adoptée", "En cours". */
export function proposalStatusText(status: RecordProposalStatus): string {
  return t(STATUS[status]);
}

/** The version a workshop's entry page opens on: its latest version not withdrawn, else its latest. */
export function currentVersion(versions: readonly RecordVersionSummary[]): RecordVersionSummary | undefined {
  return [...versions].reverse().find((version) => !version.withdrawn) ?? versions[versions.length - 1];
}
