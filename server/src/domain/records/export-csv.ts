import type { RecordEntry } from '../../../../shared/views-records';
import { frenchNumber, PROPOSAL_STATUS_LABELS, standpointNamer, WHOLE_ROOM } from './record-labels';

/** Columns of the CSV export, in order (docs/API.md, "Working-group records"). */
export const CSV_COLUMNS = ['Atelier', 'Date', 'Version', 'Rubrique', 'Activité', 'Élément', 'Regard', 'Nombre', 'Unité', 'Pourcentage'] as const;

/** `;`: French Excel's list separator (its decimal mark is the comma). */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

type Cell = string | number | null;

/**
 * One CSV field. Texts that a spreadsheet would run as a formula (starting with = + - @ or a tab)
 * get a leading apostrophe; fields holding the separator, a quote or a line break are quoted.
 * Numbers are written as is, with a decimal comma.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return frenchNumber(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly Cell[]) => cells.map(csvField).join(CSV_SEPARATOR);

/** The lines of one entry: one fact per line (see `CSV_COLUMNS`). */
export function entryRows(entry: RecordEntry): Cell[][] {
  const name = standpointNamer(entry.standpoints);
  const rows: Cell[][] = [];
  const add = (section: string, activity: string, element: string, standpoint: string, count: number, unit: string, percent: number | null = null) =>
    rows.push([entry.workshop.title, entry.workshop.date, entry.version, section, activity, element, standpoint, count, unit, percent]);
  const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

  add('Émargement', '', 'Présents', WHOLE_ROOM, entry.attendance.total, 'personnes', entry.attendance.total > 0 ? 100 : 0);
  for (const g of entry.attendance.byStandpoint) add('Émargement', '', 'Présents', name(g), g.count, 'personnes', share(g.count, entry.attendance.total));

  for (const poll of entry.polls) {
    const q = poll.question;
    add('Sondage', q, 'Présents', WHOLE_ROOM, poll.present, 'personnes');
    add('Sondage', q, 'Votants', WHOLE_ROOM, poll.ballots, 'votes', Math.round(poll.turnout * 100));
    for (const c of poll.choices) add('Sondage', q, c.label, WHOLE_ROOM, c.count, 'votes', c.percent);
    if (poll.mean !== null) add('Sondage', q, 'Moyenne', WHOLE_ROOM, poll.mean, 'points');
    for (const g of poll.byStandpoint) {
      add('Sondage', q, 'Votants', name(g), g.ballots, 'votes');
      for (const c of g.choices) add('Sondage', q, poll.choices.find((x) => x.id === c.id)?.label ?? c.id, name(g), c.count, 'votes', c.percent);
      if (g.mean !== null) add('Sondage', q, 'Moyenne', name(g), g.mean, 'points');
    }
  }

  for (const cloud of entry.wordClouds) {
    add('Nuage de mots', cloud.prompt, 'Contributeurs', WHOLE_ROOM, cloud.contributors, 'personnes');
    for (const w of cloud.words) {
      add('Nuage de mots', cloud.prompt, w.display, WHOLE_ROOM, w.count, 'entrées');
      for (const g of w.byStandpoint) add('Nuage de mots', cloud.prompt, w.display, name(g), g.count, 'entrées');
    }
  }

  for (const column of entry.board?.columns ?? []) {
    for (const card of column.cards) add('Tableau', column.title, card.text, WHOLE_ROOM, card.dots, 'gommettes');
  }

  for (const p of entry.proposals) {
    const status = PROPOSAL_STATUS_LABELS[p.status];
    add('Proposition', p.title, status, WHOLE_ROOM, p.supports.total, 'soutiens');
    for (const g of p.supports.byStandpoint) add('Proposition', p.title, status, name(g), g.count, 'soutiens');
  }

  const speaking = [{ key: WHOLE_ROOM, label: WHOLE_ROOM, ...entry.speaking.total }, ...entry.speaking.byStandpoint.map((g) => ({ ...g, label: name(g) }))];
  for (const g of speaking) {
    add('Tours de parole', '', 'Tours', g.label, g.turns, 'tours');
    add('Tours de parole', '', 'Temps de parole', g.label, Math.round(g.speakingMs / 1000), 'secondes');
    add('Tours de parole', '', 'Contributions écrites', g.label, g.contributions, 'contributions');
  }

  for (const c of entry.contributions) add('Contribution écrite', '', c.text, WHOLE_ROOM, c.supports, 'soutiens');
  return rows;
}

/** A CSV file of these entries' lines: UTF-8 with a byte order mark, `;`, CRLF. */
export function entriesCsv(entries: readonly RecordEntry[]): string {
  const lines = [line([...CSV_COLUMNS]), ...entries.flatMap((e) => entryRows(e).map(line))];
  return BOM + lines.join('\r\n') + '\r\n';
}
