import * as Y from 'yjs';
import {
  BOARD_CARD_TEXTS,
  BOARD_CARDS,
  BOARD_COLUMNS,
  BOARD_LIMITS,
  BOARD_META,
  PROPOSAL_BODY,
  readCard,
  readCardText,
  readColumnCards,
  readColumns,
  type BoardCardEntry,
  type BoardColumnEntry,
} from '../../../../shared/board-doc';
import type { BoardErrorCode } from '../../../../shared/schemas/board';
import { orderBetween, ordersAfter } from './fractional-order';

/**
 * The changes the server itself writes into board and proposal documents. They run where the
 * document lives (a document worker, or the in-memory documents of domain tests), one at a time per
 * document, each in one transaction. Each checks everything before changing anything, and answers a
 * plain result rather than throwing, so that a refused edit leaves the document untouched.
 */

export type EditResult<T extends object = Record<never, never>> = ({ ok: true } & T) | { ok: false; error: BoardErrorCode };

const ok = <T extends object>(value: T = {} as T): EditResult<T> => ({ ok: true, ...value });
const refuse = (error: BoardErrorCode): EditResult<never> => ({ ok: false, error });

/** Where an item goes among its siblings: after this id, first (null), or last (undefined). */
type Place = string | null | undefined;

/** The order key for an item placed at `place` among `siblings` (sorted, without the item itself); null when `place` is unknown. */
function orderAt(siblings: ReadonlyArray<{ id: string; order: string }>, place: Place): string | null {
  if (place === undefined) return orderBetween(siblings.at(-1)?.order ?? null, null);
  if (place === null) return orderBetween(null, siblings[0]?.order ?? null);
  const at = siblings.findIndex((s) => s.id === place);
  if (at === -1) return null;
  return orderBetween(siblings[at]!.order, siblings[at + 1]?.order ?? null);
}

const columns = (doc: Y.Doc) => doc.getMap<BoardColumnEntry>(BOARD_COLUMNS);
const cards = (doc: Y.Doc) => doc.getMap<BoardCardEntry>(BOARD_CARDS);
const texts = (doc: Y.Doc) => doc.getMap<Y.Text>(BOARD_CARD_TEXTS);

export interface SeedArgs {
  columns: Array<{ id: string; title: string }>;
}
export interface AddCardArgs {
  cardId: string;
  columnId: string;
  text: string;
  signature: string | null;
  afterCardId?: string | null;
}
export interface MoveCardArgs {
  cardId: string;
  columnId: string;
  afterCardId: string | null;
}
export interface AddColumnArgs {
  columnId: string;
  title: string;
  afterColumnId?: string | null;
}

/** Edits of a board document, by name (the names `endpoint.edit` takes). */
export const boardEdits = {
  /** Writes the default columns into a board that was never seeded; later calls change nothing. */
  'board.seed'(doc: Y.Doc, args: SeedArgs): EditResult<{ seeded: boolean }> {
    const meta = doc.getMap(BOARD_META);
    if (meta.get('seeded') === true) return ok({ seeded: false });
    const keys = ordersAfter(readColumns(doc).at(-1)?.order ?? null, args.columns.length);
    args.columns.forEach((column, i) => columns(doc).set(column.id, { title: column.title, order: keys[i]! }));
    meta.set('seeded', true);
    return ok({ seeded: true });
  },

  'board.addCard'(doc: Y.Doc, args: AddCardArgs): EditResult {
    if (!columns(doc).has(args.columnId)) return refuse('column_not_found');
    const order = orderAt(readColumnCards(doc, args.columnId), args.afterCardId);
    if (order === null) return refuse('card_not_found');
    cards(doc).set(args.cardId, { columnId: args.columnId, order, signature: args.signature });
    texts(doc).set(args.cardId, new Y.Text(args.text));
    return ok();
  },

  'board.moveCard'(doc: Y.Doc, args: MoveCardArgs): EditResult {
    const card = readCard(doc, args.cardId);
    if (!card) return refuse('card_not_found');
    if (!columns(doc).has(args.columnId)) return refuse('column_not_found');
    if (args.afterCardId === args.cardId) return ok();
    const order = orderAt(readColumnCards(doc, args.columnId).filter((c) => c.id !== args.cardId), args.afterCardId);
    if (order === null) return refuse('card_not_found');
    cards(doc).set(args.cardId, { ...card, columnId: args.columnId, order });
    return ok();
  },

  /** Removes a card and its text; answers whether it was there. */
  'board.deleteCard'(doc: Y.Doc, args: { cardId: string }): EditResult<{ existed: boolean }> {
    const existed = cards(doc).has(args.cardId);
    cards(doc).delete(args.cardId);
    texts(doc).delete(args.cardId);
    return ok({ existed });
  },

  'board.signCard'(doc: Y.Doc, args: { cardId: string; signature: string | null }): EditResult {
    const card = readCard(doc, args.cardId);
    if (!card) return refuse('card_not_found');
    if (card.signature !== args.signature) cards(doc).set(args.cardId, { ...card, signature: args.signature });
    return ok();
  },

  /** A card's text and column, for a proposal born from it. Changes nothing. */
  'board.readCard'(doc: Y.Doc, args: { cardId: string }): EditResult<{ text: string; columnId: string }> {
    const card = readCard(doc, args.cardId);
    if (!card) return refuse('card_not_found');
    return ok({ text: readCardText(doc, args.cardId), columnId: card.columnId });
  },

  'board.addColumn'(doc: Y.Doc, args: AddColumnArgs): EditResult {
    const list = readColumns(doc);
    if (list.length >= BOARD_LIMITS.columns) return refuse('too_many_columns');
    const order = orderAt(list, args.afterColumnId);
    if (order === null) return refuse('column_not_found');
    columns(doc).set(args.columnId, { title: args.title, order });
    return ok();
  },

  'board.renameColumn'(doc: Y.Doc, args: { columnId: string; title: string }): EditResult {
    const column = columns(doc).get(args.columnId);
    if (!column) return refuse('column_not_found');
    if (column.title !== args.title) columns(doc).set(args.columnId, { ...column, title: args.title });
    return ok();
  },

  'board.moveColumn'(doc: Y.Doc, args: { columnId: string; afterColumnId: string | null }): EditResult {
    const column = columns(doc).get(args.columnId);
    if (!column) return refuse('column_not_found');
    if (args.afterColumnId === args.columnId) return ok();
    const order = orderAt(readColumns(doc).filter((c) => c.id !== args.columnId), args.afterColumnId);
    if (order === null) return refuse('column_not_found');
    columns(doc).set(args.columnId, { ...column, order });
    return ok();
  },

  /** Removes an empty column. */
  'board.deleteColumn'(doc: Y.Doc, args: { columnId: string }): EditResult {
    if (!columns(doc).has(args.columnId)) return refuse('column_not_found');
    if (readColumnCards(doc, args.columnId).length > 0) return refuse('column_not_empty');
    columns(doc).delete(args.columnId);
    return ok();
  },
};

/** Edits of a proposal document. */
export const proposalEdits = {
  /** Fills an empty body with paragraphs (a proposal born from a card); a body already written is kept. */
  'proposal.init'(doc: Y.Doc, args: { paragraphs: string[] }): EditResult<{ written: boolean }> {
    const body = doc.getXmlFragment(PROPOSAL_BODY);
    if (body.length > 0 || args.paragraphs.length === 0) return ok({ written: false });
    body.insert(
      0,
      args.paragraphs.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        if (text !== '') paragraph.insert(0, [new Y.XmlText(text)]);
        return paragraph;
      }),
    );
    return ok({ written: true });
  },
};

/** Every edit, by name: what the document module exports to the workers. */
export const documentEdits: Record<string, (doc: Y.Doc, args: unknown) => unknown> = {
  ...(boardEdits as Record<string, (doc: Y.Doc, args: unknown) => unknown>),
  ...(proposalEdits as Record<string, (doc: Y.Doc, args: unknown) => unknown>),
};

export type BoardEditName = keyof typeof boardEdits;
export type ProposalEditName = keyof typeof proposalEdits;
