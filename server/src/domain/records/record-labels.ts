import type { PollKind } from '../../../../shared/schemas/polls';
import { OTHERS_STANDPOINT } from '../../../../shared/standpoints';
import type { RecordEntry, RecordGroupCount, RecordProposalStatus, RecordPushedBy, RecordStandpointLabel } from '../../../../shared/views-records';

/*
 * The French words of the exports, in one place so that Markdown, CSV and DOCX say the same thing.
 */

/** Media types of the export formats. */
export const MEDIA_TYPES = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** A file an export produced: its name (accents kept), media type and bytes. */
export interface ExportedFile {
  name: string;
  mediaType: string;
  bytes: Buffer;
}

export const WHOLE_ROOM = 'Ensemble';

export const POLL_KIND_LABELS: Record<PollKind, string> = {
  yes_no: 'Oui / non',
  single: 'Choix unique',
  multiple: 'Choix multiple',
  scale: 'Échelle',
};

export const PROPOSAL_STATUS_LABELS: Record<RecordProposalStatus, string> = {
  in_progress: 'En cours',
  adopted: 'Adoptée',
  not_adopted: 'Non adoptée',
};

export const PUSHED_BY_LABELS: Record<RecordPushedBy, string> = {
  facilitator: 'envoyé par l’animation',
  organiser: 'envoyé par l’organisation',
  workshop_closed: 'envoyé à la clôture de l’atelier',
};

export const CONTRIBUTION_KIND_LABELS = { question: 'Question', testimony: 'Témoignage' } as const;
export const HANDLED_LABELS = { read: 'lue', answered: 'répondue' } as const;

/** Looks up standpoint labels; `_others` names the groups it merges, so a table reads alone. */
export function standpointNamer(labels: readonly RecordStandpointLabel[]): (group: { key: string; mergedKeys?: readonly string[] }) => string {
  const byKey = new Map(labels.map((s) => [s.key, s.label.fr]));
  const name = (key: string) => byKey.get(key) ?? key;
  return (group) => {
    if (group.key !== OTHERS_STANDPOINT) return name(group.key);
    const merged = (group.mergedKeys ?? []).filter((k) => k !== OTHERS_STANDPOINT).map(name);
    return merged.length ? `${name(OTHERS_STANDPOINT)} (${merged.join(', ')})` : name(OTHERS_STANDPOINT);
  };
}

/** 22 novembre 2026 */
export function frenchDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** 22 novembre 2026 à 10:05 (UTC) */
export function frenchDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(date);
  return `${day} à ${time} (UTC)`;
}

/** 4 min 05 s */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}

/** A decimal number in French (comma). */
export function frenchNumber(value: number): string {
  return String(value).replace('.', ',');
}

export function percentText(value: number): string {
  return `${value} %`;
}

/** "23 votes sur 27 présents (85 %)" */
export function turnoutText(poll: { ballots: number; present: number; turnout: number }): string {
  return `${poll.ballots} vote${poll.ballots > 1 ? 's' : ''} sur ${poll.present} présent${poll.present > 1 ? 's' : ''} (${Math.round(poll.turnout * 100)} %)`;
}

/** "177 présents dont 140 Professionnel·le…, 20 …" */
export function attendanceText(entry: Pick<RecordEntry, 'attendance' | 'standpoints'>): string {
  const name = standpointNamer(entry.standpoints);
  const parts = entry.attendance.byStandpoint.map((g: RecordGroupCount) => `${g.count} ${name(g)}`);
  const total = `${entry.attendance.total} présent${entry.attendance.total > 1 ? 's' : ''}`;
  return parts.length > 1 ? `${total}, dont ${parts.join(', ')}` : total;
}

/** The title line of an entry. */
export function entryTitle(entry: Pick<RecordEntry, 'workshop' | 'version'>): string {
  return `${entry.workshop.title} — ${frenchDate(entry.workshop.date)} (version ${entry.version})`;
}

/** File names: the real name keeps accents and spaces (sent as RFC 5987), only characters unsafe in a path are replaced. */
function safe(part: string): string {
  return part.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 80) || 'sans-titre';
}

export function entryFileName(entry: Pick<RecordEntry, 'workshop' | 'version'>, extension: string): string {
  return `compte-rendu_${safe(entry.workshop.title)}_${entry.workshop.date}_v${entry.version}.${extension}`;
}

export function groupFileName(kind: 'registre' | 'contribution', groupName: string, extension: string): string {
  return `${kind}_${safe(groupName)}.${extension}`;
}
