import type { ProposalStatus } from '../../../../shared/schemas/board';

/*
 * Storage ports of the board and proposals. Every method is one atomic operation (one transaction in
 * SQL). Card authors, dots and supports keep participant ids and standpoints for authorisation,
 * budgets and counts by standpoint; they never leave the server. The content (card texts, columns,
 * proposal texts) lives in the Yjs documents, not here.
 */

export interface BoardSettingsRecord {
  workshopId: string;
  locked: boolean;
  dotBudget: number;
}

export interface BoardCardRecord {
  id: string;
  workshopId: string;
  /** The participant who added it; null for the facilitator. */
  authorId: string | null;
  createdAt: string;
  /** Set once deleted: the row stays so that a deletion can be retried and is never undone. */
  deletedAt: string | null;
}

/** A dot being placed or removed: who they are is known to the server only. */
export interface DotInput {
  workshopId: string;
  cardId: string;
  participantId: string;
  standpoint: string | null;
}

export type PlaceDotOutcome = 'placed' | 'unchanged' | 'budget_exhausted' | 'card_not_found' | 'workshop_not_live';
export type RemoveDotOutcome = 'removed' | 'unchanged' | 'workshop_not_live';

export interface BoardRepository {
  /** The workshop's lock and budget (the defaults when never set). */
  settings(workshopId: string): Promise<BoardSettingsRecord>;
  setLocked(workshopId: string, locked: boolean): Promise<BoardSettingsRecord>;
  setDotBudget(workshopId: string, dotBudget: number): Promise<BoardSettingsRecord>;
  /** Records a new card, unless the workshop already has `maxCards` cards that are not deleted. */
  insertCard(card: Omit<BoardCardRecord, 'deletedAt'>, maxCards: number): Promise<'ok' | 'board_full'>;
  getCard(id: string): Promise<BoardCardRecord | null>;
  /** Marks a card deleted and removes its dots, in one transaction; returns whose dots went back. */
  deleteCard(id: string, at: string): Promise<{ refunded: string[] }>;
  /**
   * Puts the participant's dot on a card: at most one per (card, participant), and no more than the
   * workshop's budget per participant, checked by the insert itself in one transaction. Needs a live
   * workshop and a card of this workshop that is not deleted.
   */
  placeDot(dot: DotInput): Promise<PlaceDotOutcome>;
  removeDot(dot: Omit<DotInput, 'standpoint'>): Promise<RemoveDotOutcome>;
  /** The cards this participant wrote that are not deleted. */
  ownCards(workshopId: string, participantId: string): Promise<string[]>;
  /** The cards holding this participant's dots. */
  ownDots(workshopId: string, participantId: string): Promise<string[]>;
  /** Dots per card and standpoint; `voters` is how many participants placed at least one. */
  dotCounts(workshopId: string): Promise<{ rows: Array<{ cardId: string; standpoint: string | null; dots: number }>; voters: number }>;
}

export interface ProposalRecord {
  id: string;
  workshopId: string;
  title: string;
  status: ProposalStatus;
  locked: boolean;
  fromCardId: string | null;
  pollItemId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export type ProposalChange = Partial<Pick<ProposalRecord, 'title' | 'status' | 'locked' | 'pollItemId' | 'decidedAt'>>;

export interface SupportInput {
  workshopId: string;
  proposalId: string;
  participantId: string;
  standpoint: string | null;
}

export type SupportOutcome = 'changed' | 'unchanged' | 'not_found' | 'proposal_decided' | 'workshop_not_live';

export interface ProposalRepository {
  /** Records a new proposal, unless the workshop already has `max` of them. */
  insert(proposal: ProposalRecord, max: number): Promise<'ok' | 'too_many'>;
  /** A proposal that was not deleted, or null. */
  get(id: string): Promise<ProposalRecord | null>;
  /** The workshop's proposals, in creation order. */
  list(workshopId: string): Promise<ProposalRecord[]>;
  /** Applies `change` if the proposal's status is one of `from` (compare-and-set); null otherwise. */
  update(id: string, change: ProposalChange, from: readonly ProposalStatus[]): Promise<ProposalRecord | null>;
  /** Removes a draft proposal and its supports; false when it is not a draft (or unknown). */
  remove(id: string, at: string): Promise<boolean>;
  /** One support per (proposal, participant); needs a live workshop and a proposal still being written or voted. */
  support(input: SupportInput): Promise<SupportOutcome>;
  unsupport(input: Omit<SupportInput, 'standpoint'>): Promise<SupportOutcome>;
  ownSupports(workshopId: string, participantId: string): Promise<string[]>;
  /** Supports per proposal and standpoint. */
  supportCounts(workshopId: string): Promise<Array<{ proposalId: string; standpoint: string | null; supports: number }>>;
  /** The proposal whose text the projection shows, or null. A removed proposal is no longer shown. */
  shown(workshopId: string): Promise<string | null>;
  /**
   * Shows this proposal's text on the projection instead of any other (null: none). False, and nothing
   * changed, when the proposal is not one of this workshop's or was deleted.
   */
  show(workshopId: string, proposalId: string | null): Promise<boolean>;
}
