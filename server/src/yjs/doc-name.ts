/**
 * Document names: the URL path after the endpoint's prefix, e.g. `workshop/<workshopId>/board` or
 * `workshop/<workshopId>/proposal/<proposalId>`. Ids are short URL-safe tokens; nothing else is
 * accepted (no dots, no percent-escapes, no empty segment).
 */

export const MAX_DOC_NAME_LENGTH = 200;

const ID = '[A-Za-z0-9_-]{1,64}';

/** The names the endpoint serves unless told otherwise. */
export const DEFAULT_DOC_NAME_PATTERN = new RegExp(`^workshop/(${ID})/(?:board|proposal/(${ID}))$`);

export type DocumentName =
  | { kind: 'board'; workshopId: string }
  | { kind: 'proposal'; workshopId: string; proposalId: string };

/** Checks a document name against a pattern and the length limit. */
export function isValidDocName(name: string, pattern: RegExp = DEFAULT_DOC_NAME_PATTERN): boolean {
  return name.length > 0 && name.length <= MAX_DOC_NAME_LENGTH && pattern.test(name);
}

/** Reads what a default-pattern document name designates; null when it is not one. */
export function parseDocName(name: string): DocumentName | null {
  if (name.length > MAX_DOC_NAME_LENGTH) return null;
  const match = DEFAULT_DOC_NAME_PATTERN.exec(name);
  if (!match) return null;
  const workshopId = match[1]!;
  return match[2] === undefined ? { kind: 'board', workshopId } : { kind: 'proposal', workshopId, proposalId: match[2] };
}

/** Name of a workshop's board document. */
export function boardDocName(workshopId: string): string {
  return `workshop/${workshopId}/board`;
}

/** Name of a proposal's text document. */
export function proposalDocName(workshopId: string, proposalId: string): string {
  return `workshop/${workshopId}/proposal/${proposalId}`;
}
