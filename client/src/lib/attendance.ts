import { OTHERS_STANDPOINT, UNDISCLOSED_STANDPOINT, type Standpoint } from '../../../shared/standpoints';
import type { AttendanceView } from '../../../shared/views';

/** One line of the attendance breakdown. */
export interface StandpointRow {
  key: string;
  label: string;
  /** The label for several people ("personnes concernées"), the same as `label` when it has no plural. */
  many: string;
  present: number;
  attended: number;
}

/** Labels of the keys that are not a workshop standpoint. */
export interface SpecialLabels {
  undisclosed: string;
  others: string;
}

/**
 * The attendance breakdown by standpoint, most present first (then most attended, then the workshop's
 * own order). Every standpoint of the workshop has a row, so that the facilitator sees who is missing;
 * "sans précision" and merged groups appear only when they count someone. Counts for keys the
 * workshop does not know (a standpoint set edited later) are added to the merged group.
 */
export function attendanceRows(
  attendance: AttendanceView,
  standpoints: readonly Standpoint[],
  labelOf: (standpoint: Standpoint) => string,
  special: SpecialLabels,
  manyOf: (standpoint: Standpoint) => string = labelOf,
): StandpointRow[] {
  const known = new Set(standpoints.map((s) => s.key));
  const rows: StandpointRow[] = standpoints.map((s) => ({
    key: s.key,
    label: labelOf(s),
    many: manyOf(s),
    present: attendance.presentByStandpoint[s.key] ?? 0,
    attended: attendance.attendedByStandpoint[s.key] ?? 0,
  }));
  const undisclosed: StandpointRow = { key: UNDISCLOSED_STANDPOINT, label: special.undisclosed, many: special.undisclosed, present: 0, attended: 0 };
  const others: StandpointRow = { key: OTHERS_STANDPOINT, label: special.others, many: special.others, present: 0, attended: 0 };
  const add = (counts: Record<string, number>, field: 'present' | 'attended') => {
    for (const [key, count] of Object.entries(counts)) {
      if (known.has(key)) continue;
      (key === UNDISCLOSED_STANDPOINT ? undisclosed : others)[field] += count;
    }
  };
  add(attendance.presentByStandpoint, 'present');
  add(attendance.attendedByStandpoint, 'attended');
  for (const extra of [undisclosed, others]) if (extra.present > 0 || extra.attended > 0) rows.push(extra);
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => b.row.present - a.row.present || b.row.attended - a.row.attended || a.order - b.order)
    .map(({ row }) => row);
}

/** Lower-cases a label's first letter for use inside a sentence, unless it starts an acronym ("CCAS"). */
export function inSentence(label: string): string {
  const [first = '', second = ''] = label;
  if (second && second !== second.toLowerCase()) return label;
  return first.toLowerCase() + label.slice(first.length);
}
