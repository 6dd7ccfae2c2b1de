import { BOARD_LIMITS, boardDocName, DEFAULT_BOARD_COLUMNS, readBoard } from '../../../../shared/board-doc';
import { CroiseeError } from '../../../../shared/errors';
import type { AddCardInput, BoardErrorCode, MoveCardInput } from '../../../../shared/schemas/board';
import type { BoardDotsFrame, BoardStateView, MyCardsView, MyDotsView } from '../../../../shared/views-board';
import type { EventBus } from '../../bus/event-bus';
import type { Store, WorkshopRecord } from '../../store/ports';
import type { Clock } from '../clock';
import { newId } from '../ids';
import { DEFAULT_PRIVACY_THRESHOLD } from '../privacy/privacy-threshold';
import type { WorkshopService } from '../workshops/workshop-service';
import type { EditResult } from './board-doc-edits';
import { boardError } from './board-errors';
import type { SharedDocuments } from './shared-documents';
import { groupBy, standpointBreakdown } from './standpoint-breakdown';

/** Who changes the board: a participant (known to the server only) or the facilitator. */
export interface BoardActor {
  workshopId: string;
  role: 'participant' | 'facilitator';
  /** Only for participants. */
  participantId?: string;
}

/** A participant placing dots. */
export interface DotVoter {
  workshopId: string;
  participantId: string;
  standpoint: string | null;
}

/** What the working group's record keeps of a board: columns in order, each card with its dots. */
export interface BoardRecord {
  columns: Array<{ id: string; title: string; cards: Array<{ id: string; text: string; signature: string | null; dots: number }> }>;
  dotBudget: number;
  voters: number;
}

/**
 * The shared board ("tableau partagé"). Structure — cards, columns, signatures — is changed here only,
 * after checking who asks: the card's author is recorded in the store, then the change is written into
 * the board's Yjs document server-side. Dots are counted in the store, where the budget holds whatever
 * the rate of requests; clients learn totals, and their own dots only.
 */
export class BoardService {
  readonly #seeded = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly workshops: WorkshopService,
    private readonly documents: SharedDocuments,
    private readonly threshold: number = DEFAULT_PRIVACY_THRESHOLD,
  ) {}

  /** Writes the default columns into a board the first time it is used (not once the workshop is closed). */
  async ensureSeeded(workshopId: string): Promise<void> {
    if (this.#seeded.has(workshopId)) return;
    const workshop = await this.workshops.require(workshopId);
    if (workshop.state === 'closed') return;
    await this.#edit(workshopId, 'board.seed', { columns: DEFAULT_BOARD_COLUMNS.map((title) => ({ id: newId(), title })) });
    this.#seeded.add(workshopId);
  }

  async state(workshopId: string): Promise<BoardStateView> {
    const settings = await this.store.board.settings(workshopId);
    return { locked: settings.locked, dotBudget: settings.dotBudget };
  }

  async addCard(actor: BoardActor, input: AddCardInput): Promise<{ cardId: string }> {
    await this.#mayChange(actor);
    const signature = input.signed ? await this.#pseudonymOf(actor) : null;
    await this.ensureSeeded(actor.workshopId);
    const cardId = newId();
    const card = { id: cardId, workshopId: actor.workshopId, authorId: actor.participantId ?? null, createdAt: this.clock.now().toISOString() };
    if ((await this.store.board.insertCard(card, BOARD_LIMITS.cards)) === 'board_full') throw boardError('board_full');
    try {
      await this.#edit(actor.workshopId, 'board.addCard', { cardId, columnId: input.columnId, text: input.text, signature, afterCardId: input.afterCardId });
    } catch (error) {
      // The document refused it: the card never existed.
      await this.store.board.deleteCard(cardId, this.clock.now().toISOString());
      throw error;
    }
    return { cardId };
  }

  /** Anyone may move any card (on drop). */
  async moveCard(actor: BoardActor, input: MoveCardInput): Promise<void> {
    await this.#mayChange(actor);
    await this.#liveCard(actor.workshopId, input.cardId);
    await this.#edit(actor.workshopId, 'board.moveCard', input);
  }

  /**
   * Deletes a card: its author or the facilitator. Its dots go back to their owners (returned, so
   * that their devices can be told). Retrying after a failed document write completes the deletion.
   */
  async deleteCard(actor: BoardActor, cardId: string): Promise<{ refunded: string[] }> {
    await this.#mayChange(actor);
    const card = await this.store.board.getCard(cardId);
    if (!card || card.workshopId !== actor.workshopId) throw boardError('card_not_found');
    this.#requireAuthor(actor, card.authorId);
    const { refunded } = card.deletedAt ? { refunded: [] } : await this.store.board.deleteCard(cardId, this.clock.now().toISOString());
    if (refunded.length > 0) this.bus.publish({ type: 'board.dots.changed', workshopId: actor.workshopId });
    await this.#edit(actor.workshopId, 'board.deleteCard', { cardId });
    return { refunded };
  }

  /** The author shows their pseudonym on their card, or hides it again. */
  async signCard(actor: BoardActor, cardId: string, signed: boolean): Promise<void> {
    await this.#mayChange(actor);
    const card = await this.#liveCard(actor.workshopId, cardId);
    this.#requireAuthor({ ...actor, role: 'participant' }, card.authorId);
    const signature = signed ? await this.#pseudonymOf(actor) : null;
    await this.#edit(actor.workshopId, 'board.signCard', { cardId, signature });
  }

  async addColumn(workshopId: string, title: string, afterColumnId?: string | null): Promise<{ columnId: string }> {
    await this.#open(workshopId);
    await this.ensureSeeded(workshopId);
    const columnId = newId();
    await this.#edit(workshopId, 'board.addColumn', { columnId, title, afterColumnId });
    return { columnId };
  }

  async renameColumn(workshopId: string, columnId: string, title: string): Promise<void> {
    await this.#open(workshopId);
    await this.#edit(workshopId, 'board.renameColumn', { columnId, title });
  }

  async moveColumn(workshopId: string, columnId: string, afterColumnId: string | null): Promise<void> {
    await this.#open(workshopId);
    await this.#edit(workshopId, 'board.moveColumn', { columnId, afterColumnId });
  }

  async deleteColumn(workshopId: string, columnId: string): Promise<void> {
    await this.#open(workshopId);
    await this.#edit(workshopId, 'board.deleteColumn', { columnId });
  }

  async setLocked(workshopId: string, locked: boolean): Promise<BoardStateView> {
    await this.#open(workshopId);
    const settings = await this.store.board.setLocked(workshopId, locked);
    this.bus.publish({ type: 'board.changed', workshopId });
    return { locked: settings.locked, dotBudget: settings.dotBudget };
  }

  /** Dots already placed stay when the budget goes down; nobody can place more until under it. */
  async setDotBudget(workshopId: string, dotBudget: number): Promise<BoardStateView> {
    await this.#open(workshopId);
    const settings = await this.store.board.setDotBudget(workshopId, dotBudget);
    this.bus.publish({ type: 'board.changed', workshopId });
    return { locked: settings.locked, dotBudget: settings.dotBudget };
  }

  /** Puts the voter's dot on a card (one per card); placing it again changes nothing. */
  async placeDot(voter: DotVoter, cardId: string): Promise<MyDotsView> {
    const outcome = await this.store.board.placeDot({ ...voter, cardId });
    if (outcome === 'card_not_found') throw boardError('card_not_found');
    if (outcome === 'workshop_not_live') throw new CroiseeError('workshop_not_live', 'L’atelier n’est pas en cours.');
    if (outcome === 'budget_exhausted') throw boardError('dot_budget_exhausted');
    if (outcome === 'placed') this.bus.publish({ type: 'board.dots.changed', workshopId: voter.workshopId });
    return this.myDots(voter.workshopId, voter.participantId);
  }

  async removeDot(voter: DotVoter, cardId: string): Promise<MyDotsView> {
    const outcome = await this.store.board.removeDot({ workshopId: voter.workshopId, participantId: voter.participantId, cardId });
    if (outcome === 'workshop_not_live') throw new CroiseeError('workshop_not_live', 'L’atelier n’est pas en cours.');
    if (outcome === 'removed') this.bus.publish({ type: 'board.dots.changed', workshopId: voter.workshopId });
    return this.myDots(voter.workshopId, voter.participantId);
  }

  /** The participant's own dots: for their devices only. */
  /** The cards a participant wrote: their own devices may edit, delete and sign them. */
  async myCards(workshopId: string, participantId: string): Promise<MyCardsView> {
    return { cardIds: await this.store.board.ownCards(workshopId, participantId) };
  }

  async myDots(workshopId: string, participantId: string): Promise<MyDotsView> {
    const [cardIds, settings] = await Promise.all([this.store.board.ownDots(workshopId, participantId), this.store.board.settings(workshopId)]);
    return { cardIds, budget: settings.dotBudget, remaining: Math.max(0, settings.dotBudget - cardIds.length) };
  }

  /** Dot totals for everyone, and for facilitators the breakdown by standpoint, from one read of the counts. */
  async dotsFrames(workshopId: string): Promise<{ public: BoardDotsFrame; facilitator: BoardDotsFrame }> {
    const [{ rows, voters }, workshop] = await Promise.all([this.store.board.dotCounts(workshopId), this.workshops.require(workshopId)]);
    const order = workshop.standpoints.map((s) => s.key);
    const totals: Record<string, number> = {};
    const byStandpoint: NonNullable<BoardDotsFrame['byStandpoint']> = {};
    for (const [cardId, cardRows] of groupBy(rows, (r) => r.cardId)) {
      totals[cardId] = cardRows.reduce((sum, r) => sum + r.dots, 0);
      byStandpoint[cardId] = standpointBreakdown(cardRows.map((r) => ({ standpoint: r.standpoint, count: r.dots })), order, this.threshold);
    }
    return { public: { totals, voters }, facilitator: { totals, voters, byStandpoint } };
  }

  /** The board as the working group's record keeps it. */
  async record(workshopId: string): Promise<BoardRecord> {
    const [board, frames, settings] = await Promise.all([
      this.documents.read(boardDocName(workshopId), readBoard),
      this.dotsFrames(workshopId),
      this.store.board.settings(workshopId),
    ]);
    return {
      columns: board.columns.map((column) => ({
        id: column.id,
        title: column.title,
        cards: board.cards
          .filter((card) => card.columnId === column.id)
          .map((card) => ({ id: card.id, text: card.text, signature: card.signature, dots: frames.public.totals[card.id] ?? 0 })),
      })),
      dotBudget: settings.dotBudget,
      voters: frames.public.voters,
    };
  }

  /** Runs an edit on the board document; a refusal becomes its named error, a storage failure `board_unavailable`. */
  async #edit(workshopId: string, name: string, args: object): Promise<void> {
    let result: EditResult;
    try {
      result = (await this.documents.edit(boardDocName(workshopId), name, args)) as EditResult;
    } catch (error) {
      if (error instanceof CroiseeError) throw error;
      throw Object.assign(boardError('board_unavailable'), { cause: error });
    }
    if (!result.ok) throw boardError(result.error as BoardErrorCode);
  }

  async #open(workshopId: string): Promise<WorkshopRecord> {
    const workshop = await this.workshops.require(workshopId);
    if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
    return workshop;
  }

  /** The workshop is not closed and, for a participant, the board is not locked. */
  async #mayChange(actor: BoardActor): Promise<void> {
    await this.#open(actor.workshopId);
    if (actor.role === 'participant' && (await this.store.board.settings(actor.workshopId)).locked) throw boardError('board_locked');
  }

  async #liveCard(workshopId: string, cardId: string) {
    const card = await this.store.board.getCard(cardId);
    if (!card || card.workshopId !== workshopId || card.deletedAt !== null) throw boardError('card_not_found');
    return card;
  }

  #requireAuthor(actor: BoardActor, authorId: string | null): void {
    if (actor.role === 'facilitator') return;
    if (!actor.participantId || authorId !== actor.participantId) throw boardError('not_card_author');
  }

  async #pseudonymOf(actor: BoardActor): Promise<string> {
    const participant = actor.participantId ? await this.store.participants.get(actor.participantId) : null;
    if (!participant?.pseudonym) throw boardError('no_pseudonym');
    return participant.pseudonym;
  }
}
