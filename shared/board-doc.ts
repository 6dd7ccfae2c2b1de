import * as Y from 'yjs';

/**
 * Layout of the shared Yjs documents, used by the server and the browser alike.
 *
 * Board (`workshop/<workshopId>/board`): the structure is written by the server only, in answer to
 * socket.io commands; clients edit card texts in place.
 * - `columns`   Y.Map   columnId → {@link BoardColumnEntry}   (server)
 * - `cards`     Y.Map   cardId   → {@link BoardCardEntry}     (server)
 * - `cardTexts` Y.Map   cardId   → Y.Text, plain text         (clients edit the Y.Text; the server creates and deletes it)
 * - `meta`      Y.Map   'seeded' → true                       (server)
 *
 * Proposal (`workshop/<workshopId>/proposal/<proposalId>`): one Y.XmlFragment named `body`, written by
 * tiptap's Collaboration extension (`field: PROPOSAL_BODY`) with StarterKit's nodes and marks. The
 * title is not in the document: it travels over socket.io.
 *
 * The server refuses any client update that touches anything else (see docs/API.md, "Board, proposals").
 */

export const BOARD_COLUMNS = 'columns';
export const BOARD_CARDS = 'cards';
export const BOARD_CARD_TEXTS = 'cardTexts';
export const BOARD_META = 'meta';
/** Name of the XmlFragment that holds a proposal's rich text (tiptap Collaboration `field`). */
export const PROPOSAL_BODY = 'body';

/** Prefix of every Yjs document URL path: `/yjs/<docName>`. */
export const YJS_PATH = '/yjs';

/** Limits of the board; the server refuses anything beyond them. */
export const BOARD_LIMITS = {
  /** Characters of one card's text. */
  cardText: 500,
  columnTitle: 80,
  columns: 20,
  cards: 2000,
  /** Largest dot budget a facilitator may give. */
  dotBudget: 20,
  proposalTitle: 200,
  proposals: 100,
} as const;

/** Dots each participant may place when the facilitator has not chosen another budget. */
export const DEFAULT_DOT_BUDGET = 3;

/** The columns (themes) a new board starts with: the themes of the committees' proposals. */
export const DEFAULT_BOARD_COLUMNS: readonly string[] = [
  'Accompagnement social',
  'Participation des personnes concernées',
  'Formation',
  'Attractivité des métiers',
];

/** A column as stored in `columns`: its title and its place (a fractional order key, compared as strings). */
export interface BoardColumnEntry {
  title: string;
  order: string;
}

/** A card as stored in `cards`. `signature` is the author's pseudonym when they chose to sign, else null. */
export interface BoardCardEntry {
  columnId: string;
  order: string;
  signature: string | null;
}

export interface BoardColumnSnapshot extends BoardColumnEntry {
  id: string;
}

export interface BoardCardSnapshot extends BoardCardEntry {
  id: string;
  text: string;
}

/** A board as plain data: columns in order, each card once, cards in order within their column. */
export interface BoardSnapshot {
  columns: BoardColumnSnapshot[];
  /** Cards whose column exists, sorted by column order then card order. */
  cards: BoardCardSnapshot[];
}

/** Name of a workshop's board document (the provider's `roomname`). */
export function boardDocName(workshopId: string): string {
  return `workshop/${workshopId}/board`;
}

/** Name of a proposal's document. */
export function proposalDocName(workshopId: string, proposalId: string): string {
  return `workshop/${workshopId}/proposal/${proposalId}`;
}

/** Who opens a document: what the provider sends as its `params` (query string of the WebSocket URL). */
export type DocumentCredentials =
  | { role: 'participant'; token: string }
  | { role: 'facilitator' | 'projection'; secret: string };

/** The `params` of a `WebsocketProvider` for these credentials. */
export function providerParams(credentials: DocumentCredentials): Record<string, string> {
  return credentials.role === 'participant' ? { token: credentials.token } : { role: credentials.role, secret: credentials.secret };
}

/** The provider's server URL for a page served from `origin` (e.g. `https://croisee.example` → `wss://croisee.example/yjs`). */
export function yjsServerUrl(origin: string): string {
  return origin.replace(/^http/, 'ws').replace(/\/+$/, '') + YJS_PATH;
}

/** The name on a cursor of someone who has no pseudonym. */
export const ANONYMOUS_CURSOR_NAME = 'Participant·e';

/**
 * What a client publishes in awareness, only while it is editing or dragging (idle clients publish
 * nothing). `user` is what tiptap's CollaborationCaret shows; `drag` shows a card being dragged live,
 * the move itself is committed on drop with `board:card:move`.
 */
export interface BoardAwarenessState {
  user?: { name: string; color: string };
  drag?: { cardId: string; columnId: string; afterCardId: string | null } | null;
}

const byOrder = (a: { order: string; id: string }, b: { order: string; id: string }) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function isColumn(value: unknown): value is BoardColumnEntry {
  const v = value as BoardColumnEntry | null;
  return typeof v === 'object' && v !== null && typeof v.title === 'string' && typeof v.order === 'string';
}

function isCard(value: unknown): value is BoardCardEntry {
  const v = value as BoardCardEntry | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.columnId === 'string' &&
    typeof v.order === 'string' &&
    (v.signature === null || typeof v.signature === 'string')
  );
}

/** The columns of a board document, in order. */
export function readColumns(doc: Y.Doc): BoardColumnSnapshot[] {
  const columns: BoardColumnSnapshot[] = [];
  doc.getMap(BOARD_COLUMNS).forEach((value, id) => {
    if (isColumn(value)) columns.push({ id, title: value.title, order: value.order });
  });
  return columns.sort(byOrder);
}

/** The cards of one column, in order (without their texts). */
export function readColumnCards(doc: Y.Doc, columnId: string): Array<BoardCardEntry & { id: string }> {
  const cards: Array<BoardCardEntry & { id: string }> = [];
  doc.getMap(BOARD_CARDS).forEach((value, id) => {
    if (isCard(value) && value.columnId === columnId) cards.push({ id, ...value });
  });
  return cards.sort(byOrder);
}

/** One card's entry, or null. */
export function readCard(doc: Y.Doc, cardId: string): BoardCardEntry | null {
  const value = doc.getMap(BOARD_CARDS).get(cardId);
  return isCard(value) ? value : null;
}

/** One card's text ('' when it has none). */
export function readCardText(doc: Y.Doc, cardId: string): string {
  const text = doc.getMap(BOARD_CARD_TEXTS).get(cardId);
  return text instanceof Y.Text ? text.toString() : '';
}

/** The card's Y.Text, for an editor binding; null when the card has none (deleted). */
export function cardTextType(doc: Y.Doc, cardId: string): Y.Text | null {
  const text = doc.getMap(BOARD_CARD_TEXTS).get(cardId);
  return text instanceof Y.Text ? text : null;
}

/** The whole board as plain data. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const columns = readColumns(doc);
  const rank = new Map(columns.map((c, i) => [c.id, i]));
  const cards: BoardCardSnapshot[] = [];
  doc.getMap(BOARD_CARDS).forEach((value, id) => {
    if (isCard(value) && rank.has(value.columnId)) cards.push({ id, ...value, text: readCardText(doc, id) });
  });
  cards.sort((a, b) => rank.get(a.columnId)! - rank.get(b.columnId)! || byOrder(a, b));
  return { columns, cards };
}

/**
 * Changes a Y.Text to `next` with one deletion and one insertion around the common prefix and suffix,
 * so that concurrent edits elsewhere in the text are kept. For a plain `<textarea>` bound to a card.
 */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Do not split a surrogate pair.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  const inserted = next.slice(start, next.length - end);
  const edit = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted.length > 0) text.insert(start, inserted);
  };
  if (text.doc) text.doc.transact(edit);
  else edit();
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
