import * as Y from 'yjs';
import {
  BOARD_CARD_TEXTS,
  BOARD_CARDS,
  BOARD_COLUMNS,
  boardDocName,
  cardTextType,
  readCardText,
  readColumnCards,
  readColumns,
  replaceText,
  type BoardCardEntry,
  type BoardColumnSnapshot,
  type DocumentCredentials,
} from '../../../../shared/board-doc';
import type { LinkState } from './link-state';
import { cursorName } from './cursor-name';
import { cursorColour, readPresence, type BoardPresence, type OtherPresence } from './presence';
import { YjsLink } from './yjs-link';

/** What the board document tells the page, each part only when it changed. */
export interface BoardDocumentListener {
  columns(columns: BoardColumnSnapshot[]): void;
  cards(byColumn: Map<string, Array<BoardCardEntry & { id: string }>>): void;
  /** A card's text, or null when the card has none any more. */
  text(cardId: string, text: string | null): void;
  presence(others: OtherPresence[]): void;
  link(state: LinkState): void;
}

/**
 * A workshop's board document in the browser: the Y.Doc, its connection, and what changed in it,
 * read with the shared layout (shared/board-doc.ts). The structure (columns, cards) is written by the
 * server; the page only edits card texts, through `bindTextarea`.
 */
export class BoardDocument {
  readonly doc = new Y.Doc();
  readonly link: YjsLink;
  readonly #stops: Array<() => void> = [];
  /** Who this person is on the others' screens while they edit or drag. */
  readonly #user: { name: string; color: string };

  constructor(
    workshopId: string,
    credentials: DocumentCredentials,
    self: { pseudonym: string | null; role: 'participant' | 'facilitator' | 'projection' },
    listener: BoardDocumentListener,
  ) {
    this.#user = { name: cursorName(self.pseudonym, self.role), color: cursorColour(this.doc.clientID) };
    const columns = this.doc.getMap(BOARD_COLUMNS);
    const cards = this.doc.getMap(BOARD_CARDS);
    const texts = this.doc.getMap<Y.Text>(BOARD_CARD_TEXTS);

    const onColumns = () => listener.columns(readColumns(this.doc));
    const onCards = () => listener.cards(this.#cardsByColumn());
    const onTexts = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      const changed = new Set<string>();
      for (const event of events) {
        if (event.target === texts) for (const key of event.keys.keys()) changed.add(key);
        else if (event.target instanceof Y.Text) {
          const id = event.path[0];
          if (typeof id === 'string') changed.add(id);
        }
      }
      for (const id of changed) listener.text(id, texts.has(id) ? readCardText(this.doc, id) : null);
    };
    columns.observe(onColumns);
    cards.observe(onCards);
    texts.observeDeep(onTexts);
    this.#stops.push(
      () => columns.unobserve(onColumns),
      () => cards.unobserve(onCards),
      () => texts.unobserveDeep(onTexts),
    );

    this.link = new YjsLink(boardDocName(workshopId), credentials, this.doc, (state) => listener.link(state));
    const onAwareness = () => {
      const others: OtherPresence[] = [];
      this.link.awareness.getStates().forEach((state, clientId) => {
        if (clientId === this.doc.clientID) return;
        const presence = readPresence(clientId, state);
        if (presence) others.push(presence);
      });
      listener.presence(others);
    };
    this.link.awareness.on('change', onAwareness);
    this.#stops.push(() => this.link.awareness.off('change', onAwareness));
  }

  /**
   * Binds a `<textarea>` to a card's text, both ways: what the person types is applied as one
   * deletion and one insertion; what others type arrives in place, the caret kept where it was.
   */
  bindTextarea(textarea: HTMLTextAreaElement, cardId: string): () => void {
    const text = cardTextType(this.doc, cardId);
    if (!text) return () => {};
    textarea.value = text.toString();
    const onInput = () => replaceText(text, textarea.value);
    const onRemote = (event: Y.YTextEvent) => {
      if (event.transaction.local) return;
      let start = textarea.selectionStart;
      let end = textarea.selectionEnd;
      let index = 0;
      for (const op of event.delta) {
        if (op.retain !== undefined) index += op.retain;
        else if (typeof op.insert === 'string') {
          const length = op.insert.length;
          if (index < start) start += length;
          if (index < end) end += length;
          index += length;
        } else if (op.delete !== undefined) {
          start = index < start ? Math.max(index, start - op.delete) : start;
          end = index < end ? Math.max(index, end - op.delete) : end;
        }
      }
      textarea.value = text.toString();
      if (document.activeElement === textarea) textarea.setSelectionRange(start, end);
    };
    textarea.addEventListener('input', onInput);
    text.observe(onRemote);
    return () => {
      textarea.removeEventListener('input', onInput);
      text.unobserve(onRemote);
    };
  }

  /** Publishes what this person is doing on the board (with their name), or nothing. */
  publish(activity: Omit<BoardPresence, 'user'> | null): void {
    const presence: BoardPresence | null = activity ? { user: this.#user, ...activity } : null;
    this.link.publish(presence as Record<string, unknown> | null);
  }

  destroy(): void {
    for (const stop of this.#stops) stop();
    this.link.destroy();
    this.doc.destroy();
  }

  #cardsByColumn(): Map<string, Array<BoardCardEntry & { id: string }>> {
    const byColumn = new Map<string, Array<BoardCardEntry & { id: string }>>();
    for (const column of readColumns(this.doc)) byColumn.set(column.id, readColumnCards(this.doc, column.id));
    return byColumn;
  }
}
