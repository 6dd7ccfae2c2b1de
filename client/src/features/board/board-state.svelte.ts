import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { BoardCardEntry, BoardColumnSnapshot, DocumentCredentials } from '../../../../shared/board-doc';
import type { Standpoint } from '../../../../shared/standpoints';
import type { BoardDotsFrame, BoardStateView, MyDotsView } from '../../../../shared/views-board';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import type { BoardDocument } from './board-document';
import { Intents, type RefusedIntent } from './intents.svelte';
import { documentCredentials, INITIAL_LINK, type LinkState } from './link-state';
import { forgetOwnCard, ownCards, rememberOwnCard } from './own-cards';
import type { BoardPresence, OtherPresence } from './presence';

/** A card of the board, without its text (texts are in `BoardState.texts`). */
export type BoardCard = BoardCardEntry & { id: string };

/** Time the board document stays connected after the last view let go of it (a tab switch and back). */
const RELEASE_AFTER_MS = 30_000;
/** Someone who stops typing or dragging for this long is no longer shown as busy on a card. */
const IDLE_AFTER_MS = 60_000;

/**
 * The shared board (tableau partagé) on one live connection. Commands and aggregates (the lock, dot
 * totals, this person's dots) travel over socket.io; columns, cards and their texts arrive through the
 * board's Yjs document, loaded (with Yjs itself) when a view first needs it. Card authorship is sent to
 * its author's own devices only (`board:my-cards`), and remembered on the device too (`own`).
 */
export class BoardState {
  readonly role: 'participant' | 'facilitator' | 'projection';
  /** What opens the workshop's Yjs documents (the board here, proposals in the editor). */
  readonly credentials: DocumentCredentials;
  readonly #connection: LiveConnection;
  state = $state.raw<BoardStateView | null>(null);
  dots = $state.raw<BoardDotsFrame | null>(null);
  /** Participants: the cards they put a dot on, and how many dots they have left. */
  mine = $state.raw<MyDotsView | null>(null);
  columns = $state.raw<BoardColumnSnapshot[]>([]);
  cardsByColumn = $state.raw<ReadonlyMap<string, BoardCard[]>>(new Map());
  /** Each card's text, by card id. */
  readonly texts = new SvelteMap<string, string>();
  /** People editing or dragging right now (never this page). */
  others = $state.raw<OtherPresence[]>([]);
  link = $state.raw<LinkState>(INITIAL_LINK);
  /** Cards written on this device. */
  readonly own = new SvelteSet<string>();
  /** The card to give the focus back to once it has moved (the views read and clear it). */
  focusAfterMove = $state<string | null>(null);

  readonly closed = $derived.by(() => this.#connection.workshop?.state === 'closed');
  readonly locked = $derived(this.state?.locked ?? false);
  /** Whether this person may not change the board now: the projection, a closed workshop, a locked board (participants). */
  readonly readOnly = $derived.by(
    () => this.role === 'projection' || this.closed || (this.role === 'participant' && this.locked) || this.link.denied === 'read-only',
  );
  readonly cardCount = $derived([...this.cardsByColumn.values()].reduce((sum, cards) => sum + cards.length, 0));
  /** No activity holds the stage: the projection has room for the board. */
  readonly stageFree = $derived.by(() => !this.#connection.currentActivity);

  readonly #stops: Array<() => void>;
  readonly #intents = new Intents();
  #document: BoardDocument | null = null;
  #loading = false;
  #users = 0;
  #release: ReturnType<typeof setTimeout> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #published = 'null';
  #disposed = false;

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.role = connection.credentials.role;
    this.credentials = documentCredentials(connection.credentials);
    this.#stops = [
      connection.on('board:state', (state) => {
        this.state = state;
        if (!(this.role === 'participant' && state.locked)) this.#document?.link.clearDenied();
      }),
      connection.on('board:dots', (dots) => {
        this.dots = dots;
      }),
      connection.on('board:my-dots', (mine) => {
        this.mine = mine;
      }),
      // The server's word on which cards are this person's (at connection, and from their other tabs).
      connection.on('board:my-cards', ({ cardIds }) => {
        const workshopId = connection.workshop?.id;
        for (const id of cardIds) {
          this.own.add(id);
          if (workshopId) rememberOwnCard(workshopId, id);
        }
      }),
      connection.on('session', (session) => {
        for (const id of ownCards(session.workshop.id)) this.own.add(id);
        this.#connect();
      }),
    ];
    // The big screen shows the board whenever it has cards: it keeps the document all along.
    if (this.role === 'projection') this.#users = 1;
  }

  /** Intents waiting for the server, by key (`dot:<cardId>`, `add:<columnId>`…). */
  get pending(): ReadonlySet<string> {
    return this.#intents.pending;
  }

  /** The last refused intent, until the next one. */
  get error(): RefusedIntent | null {
    return this.#intents.error;
  }

  /** A view needs the board's content: connects its document if it is not yet. Returns the release. */
  attach(): () => void {
    this.#users += 1;
    clearTimeout(this.#release);
    this.#connect();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#users -= 1;
      if (this.#users === 0) this.#release = setTimeout(() => this.#disconnect(), RELEASE_AFTER_MS);
    };
  }

  /** This participant's pseudonym, if they gave one (they may then sign their cards). */
  get pseudonym(): string | null {
    return this.#connection.session?.self?.pseudonym ?? null;
  }

  /** The workshop's standpoints, to name the groups of a breakdown. */
  get standpoints(): readonly Standpoint[] {
    return this.#connection.workshop?.standpoints ?? [];
  }

  /** Whether the workshop is live (dots and supports need it). */
  get live(): boolean {
    return this.#connection.workshop?.state === 'live';
  }

  /** The cards of a column, in order. */
  cardsOf(columnId: string): BoardCard[] {
    return this.cardsByColumn.get(columnId) ?? [];
  }

  /** The column a card is in, or undefined once it is gone. */
  columnOf(cardId: string): string | undefined {
    for (const [columnId, cards] of this.cardsByColumn) if (cards.some((card) => card.id === cardId)) return columnId;
    return undefined;
  }

  dotsOn(cardId: string): number {
    return this.dots?.totals[cardId] ?? 0;
  }

  hasMyDot(cardId: string): boolean {
    return this.mine?.cardIds.includes(cardId) ?? false;
  }

  /** Whether this person may delete the card (the server would refuse anyone else). */
  canDelete(cardId: string): boolean {
    return !this.readOnly && (this.role === 'facilitator' || this.own.has(cardId));
  }

  /** Adds a card; resolves with its id, or null when refused (see `error`). */
  async addCard(columnId: string, text: string, signed: boolean): Promise<string | null> {
    let cardId: string | null = null;
    await this.#intents.run('add', `add:${columnId}`, () => this.#connection.request('board:card:add', { columnId, text, signed }), (result) => {
      cardId = result.cardId;
      this.#remember(result.cardId);
    });
    return cardId;
  }

  /** Moves a card, placed after `afterCardId` (null: first); keeps the focus on it for keyboard users. */
  async moveCard(cardId: string, columnId: string, afterCardId: string | null, keepFocus = false): Promise<boolean> {
    const moved = await this.#intents.run('move', `move:${cardId}`, () => this.#connection.request('board:card:move', { cardId, columnId, afterCardId }));
    if (moved && keepFocus) this.focusAfterMove = cardId;
    return moved;
  }

  async deleteCard(cardId: string): Promise<boolean> {
    const deleted = await this.#intents.run('delete', `delete:${cardId}`, () => this.#connection.request('board:card:delete', { cardId }));
    const workshopId = this.#connection.workshop?.id;
    if (deleted && workshopId) {
      this.own.delete(cardId);
      forgetOwnCard(workshopId, cardId);
    }
    return deleted;
  }

  signCard(cardId: string, signed: boolean): Promise<boolean> {
    return this.#intents.run('sign', `sign:${cardId}`, () => this.#connection.request('board:card:sign', { cardId, signed }));
  }

  placeDot(cardId: string): Promise<boolean> {
    return this.#intents.run('dot', `dot:${cardId}`, () => this.#connection.request('board:dot:place', { cardId }), (result) => {
      this.mine = result.mine;
    });
  }

  removeDot(cardId: string): Promise<boolean> {
    return this.#intents.run('dot', `dot:${cardId}`, () => this.#connection.request('board:dot:remove', { cardId }), (result) => {
      this.mine = result.mine;
    });
  }

  addColumn(title: string): Promise<boolean> {
    return this.#intents.run('column', 'column:add', () => this.#connection.request('board:column:add', { title }));
  }

  renameColumn(columnId: string, title: string): Promise<boolean> {
    return this.#intents.run('column', `column:${columnId}`, () => this.#connection.request('board:column:rename', { columnId, title }));
  }

  moveColumn(columnId: string, afterColumnId: string | null): Promise<boolean> {
    return this.#intents.run('column', `column:${columnId}`, () => this.#connection.request('board:column:move', { columnId, afterColumnId }));
  }

  deleteColumn(columnId: string): Promise<boolean> {
    return this.#intents.run('column', `column:${columnId}`, () => this.#connection.request('board:column:delete', { columnId }));
  }

  setLocked(locked: boolean): Promise<boolean> {
    return this.#intents.run('lock', 'lock', () => this.#connection.request('board:lock', { locked }), (result) => {
      this.state = result.state;
    });
  }

  setDotBudget(dotBudget: number): Promise<boolean> {
    return this.#intents.run('budget', 'budget', () => this.#connection.request('board:set-budget', { dotBudget }), (result) => {
      this.state = result.state;
    });
  }

  /** Binds a textarea to a card's text (see `BoardDocument.bindTextarea`); returns the unbinding. */
  bindTextarea(textarea: HTMLTextAreaElement, cardId: string): () => void {
    return this.#document?.bindTextarea(textarea, cardId) ?? (() => {});
  }

  /**
   * Tells the others what this person does (writing a card, dragging one), or that they stopped
   * (null). Only then does this page publish anything.
   */
  publish(activity: Omit<BoardPresence, 'user'> | null): void {
    clearTimeout(this.#idle);
    if (!this.#document || this.role === 'projection') return;
    const key = JSON.stringify(activity);
    // Awareness sends a frame for every local state set, even an equal one.
    if (key !== this.#published) {
      this.#published = key;
      this.#document.publish(activity);
    }
    if (activity) this.#idle = setTimeout(() => this.publish(null), IDLE_AFTER_MS);
  }

  /** Starts the document again from the server's copy (after the server stopped the connection). */
  restart(): void {
    this.#disconnect();
    this.#connect();
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#release);
    clearTimeout(this.#idle);
    for (const stop of this.#stops) stop();
    this.#disconnect();
  }

  #remember(cardId: string): void {
    this.own.add(cardId);
    const workshopId = this.#connection.workshop?.id;
    if (workshopId) rememberOwnCard(workshopId, cardId);
  }

  async #connect(): Promise<void> {
    const workshopId = this.#connection.workshop?.id;
    if (this.#users === 0 || this.#document || this.#loading || !workshopId || this.#disposed) return;
    this.#loading = true;
    try {
      const { BoardDocument } = await import('./board-document');
      if (this.#users === 0 || this.#document || this.#disposed) return;
      this.link = INITIAL_LINK;
      this.#document = new BoardDocument(workshopId, this.credentials, { pseudonym: this.pseudonym, role: this.role }, {
        columns: (columns) => (this.columns = columns),
        cards: (byColumn) => (this.cardsByColumn = byColumn),
        text: (cardId, text) => (text === null ? this.texts.delete(cardId) : this.texts.set(cardId, text)),
        presence: (others) => (this.others = others),
        link: (link) => (this.link = link),
      });
    } catch {
      // The module could not be fetched (network): the next view that needs the board tries again.
      this.link = { ...INITIAL_LINK, status: 'retrying', close: { code: 0, reason: 'module' } };
    } finally {
      this.#loading = false;
    }
  }

  #disconnect(): void {
    this.#published = 'null';
    this.#document?.destroy();
    this.#document = null;
    this.columns = [];
    this.cardsByColumn = new Map();
    this.texts.clear();
    this.others = [];
  }

}
