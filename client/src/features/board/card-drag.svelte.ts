import type { BoardState } from './board-state.svelte';

/** Where a dragged card would land: in this column, after this card (null: first). */
export interface DropTarget {
  columnId: string;
  afterCardId: string | null;
}

/** A card held by the pointer. */
export interface HeldCard {
  cardId: string;
  text: string;
  x: number;
  y: number;
  width: number;
}

/** How close to the window's top or bottom edge (px) the page starts scrolling by itself. */
const EDGE = 64;
const SCROLL_STEP = 14;

/**
 * Dragging a card with a pointer (mouse, finger, pen) from its handle. While it moves, where it would
 * land is shown here and published in awareness for the others; the move itself is sent once, on
 * drop, so the document's history does not grow with every position. Escape cancels. Keyboard users
 * have the "Déplacer vers…" buttons instead.
 */
export class CardDrag {
  held = $state.raw<HeldCard | null>(null);
  target = $state.raw<DropTarget | null>(null);

  readonly #board: BoardState;
  #origin: DropTarget | null = null;
  #frame = 0;

  constructor(board: BoardState) {
    this.#board = board;
  }

  /** Starts a drag from a card's handle (a primary button or a touch). */
  start(event: PointerEvent, cardId: string, text: string, card: HTMLElement): void {
    if (this.held || this.#board.readOnly || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    const columnId = this.#board.columnOf(cardId);
    if (!columnId) return;
    const cards = this.#board.cardsOf(columnId);
    const index = cards.findIndex((card) => card.id === cardId);
    this.#origin = { columnId, afterCardId: index > 0 ? cards[index - 1]!.id : null };
    this.held = { cardId, text, x: event.clientX, y: event.clientY, width: Math.min(card.offsetWidth, 320) };
    this.target = this.#origin;
    window.addEventListener('pointermove', this.#move);
    window.addEventListener('pointerup', this.#drop);
    window.addEventListener('pointercancel', this.#cancel);
    window.addEventListener('keydown', this.#key);
    this.#frame = requestAnimationFrame(this.#scroll);
  }

  /** Lets go without moving anything. */
  cancel(): void {
    this.#end();
  }

  readonly #move = (event: PointerEvent): void => {
    if (!this.held) return;
    this.held = { ...this.held, x: event.clientX, y: event.clientY };
    this.#aim();
  };

  readonly #drop = async (): Promise<void> => {
    const held = this.held;
    const target = this.target;
    const origin = this.#origin;
    this.#end();
    if (!held || !target || !origin) return;
    if (target.columnId === origin.columnId && target.afterCardId === origin.afterCardId) return;
    await this.#board.moveCard(held.cardId, target.columnId, target.afterCardId);
  };

  readonly #cancel = (): void => this.#end();

  readonly #key = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#end();
  };

  /** Near the window's edge, the page scrolls so that a card can travel down a long phone board. */
  readonly #scroll = (): void => {
    if (!this.held) return;
    const { y } = this.held;
    const step = y < EDGE ? -SCROLL_STEP : y > window.innerHeight - EDGE ? SCROLL_STEP : 0;
    if (step !== 0) {
      window.scrollBy(0, step);
      this.#aim();
    }
    this.#frame = requestAnimationFrame(this.#scroll);
  };

  /** The column under the pointer, and the last card whose middle is above it. */
  #aim(): void {
    const held = this.held;
    if (!held) return;
    const column = document.elementFromPoint(held.x, held.y)?.closest<HTMLElement>('[data-drop-column]');
    const columnId = column?.dataset.dropColumn;
    if (!column || !columnId) return;
    let afterCardId: string | null = null;
    for (const card of column.querySelectorAll<HTMLElement>('[data-card-id]')) {
      const id = card.dataset.cardId;
      if (!id || id === held.cardId) continue;
      const box = card.getBoundingClientRect();
      if (held.y > box.top + box.height / 2) afterCardId = id;
      else break;
    }
    const target = { columnId, afterCardId };
    if (this.target?.columnId === target.columnId && this.target.afterCardId === target.afterCardId) return;
    this.target = target;
    this.#board.publish({ drag: { cardId: held.cardId, ...target } });
  }

  #end(): void {
    cancelAnimationFrame(this.#frame);
    window.removeEventListener('pointermove', this.#move);
    window.removeEventListener('pointerup', this.#drop);
    window.removeEventListener('pointercancel', this.#cancel);
    window.removeEventListener('keydown', this.#key);
    if (this.held) this.#board.publish(null);
    this.held = null;
    this.target = null;
    this.#origin = null;
  }
}
