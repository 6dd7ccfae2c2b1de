/**
 * Addresses of the working-group record pages, under the organiser space:
 * - `/organiser/groupes/:groupId/registre`: the group's timeline, participation, compare, exports;
 * - `/organiser/groupes/:groupId/registre/:workshopId`: a workshop's entry, current version;
 * - `/organiser/groupes/:groupId/registre/:workshopId/v/:version`: one version of it;
 * - any of these followed by `/imprimer`: the printable page.
 */

/** A record page, as matched from the pathname. */
export type RecordRoute =
  | { name: 'group-record'; groupId: string; print: boolean }
  | { name: 'record-entry'; groupId: string; workshopId: string; version: number | null; print: boolean };

const PRINT = 'imprimer';

/** Matches the decoded path segments of a record page; null for any other page. Pure. */
export function matchRecordRoute(parts: readonly string[]): RecordRoute | null {
  const [first, second, groupId, fourth, ...rest] = parts;
  if (first !== 'organiser' || second !== 'groupes' || !groupId || fourth !== 'registre') return null;
  const print = rest[rest.length - 1] === PRINT;
  const tail = print ? rest.slice(0, -1) : rest;
  if (tail.length === 0) return { name: 'group-record', groupId, print };
  const [workshopId, v, version] = tail;
  if (!workshopId || workshopId === PRINT) return null;
  if (tail.length === 1) return { name: 'record-entry', groupId, workshopId, version: null, print };
  if (tail.length === 3 && v === 'v' && version && /^[1-9][0-9]{0,6}$/.test(version)) {
    return { name: 'record-entry', groupId, workshopId, version: Number(version), print };
  }
  return null;
}

const part = encodeURIComponent;

/** The group record page (or its printable page). */
export function groupRecordPath(groupId: string, print = false): string {
  return `/organiser/groupes/${part(groupId)}/registre${print ? `/${PRINT}` : ''}`;
}

/** A workshop's entry page: one version, or the current one when `version` is null. */
export function entryPath(groupId: string, workshopId: string, version: number | null = null, print = false): string {
  const base = `${groupRecordPath(groupId)}/${part(workshopId)}`;
  return `${base}${version === null ? '' : `/v/${version}`}${print ? `/${PRINT}` : ''}`;
}
