import type { z } from 'zod';
import type { AckCallback } from './events';
import type {
  addCardSchema,
  addColumnSchema,
  cardRefSchema,
  columnRefSchema,
  createProposalSchema,
  decideProposalSchema,
  dotBudgetSchema,
  lockBoardSchema,
  lockProposalSchema,
  moveCardSchema,
  moveColumnSchema,
  proposalRefSchema,
  ProposalStatus,
  putToVoteSchema,
  renameColumnSchema,
  retitleProposalSchema,
  showProposalSchema,
  signCardSchema,
} from './schemas/board';

/** `board:state`: whether the board is locked, and the dot budget. Sent at connection and on change. */
export interface BoardStateView {
  locked: boolean;
  dotBudget: number;
}

/** One standpoint group of a breakdown (`_others` gathers groups below the privacy threshold). */
export interface StandpointCountView {
  key: string;
  count: number;
  mergedKeys: string[];
}

/**
 * `board:dots`: dots per card (cards without dots are left out) and how many participants placed at
 * least one. Facilitators also get each card's dots by standpoint, through the privacy threshold.
 */
export interface BoardDotsFrame {
  totals: Record<string, number>;
  voters: number;
  /** Facilitators only; absent for everyone else. */
  byStandpoint?: Record<string, StandpointCountView[]>;
}

/** `board:my-cards`: the cards this participant wrote, to their own devices only (so every tab knows them). */
export interface MyCardsView {
  cardIds: string[];
}

/** `board:my-dots`: the cards this participant put a dot on (one dot per card), to their own devices only. */
export interface MyDotsView {
  cardIds: string[];
  budget: number;
  remaining: number;
}

/** A proposal as its viewer may see it. Never says who wrote or supported it. */
export interface ProposalView {
  id: string;
  title: string;
  status: ProposalStatus;
  locked: boolean;
  /** Whether this viewer's editor may write now (draft, not locked, workshop not closed, not the projection). */
  writable: boolean;
  supports: number;
  /** The poll that puts it to a vote, once it was put to one. */
  pollItemId: string | null;
  /** The card it was born from, if any. */
  fromCardId: string | null;
  createdAt: string;
  /** The Yjs document of its text: `workshop/<workshopId>/proposal/<id>`. */
  docName: string;
  /** Facilitators only: supports by standpoint, through the privacy threshold. */
  supportsByStandpoint?: StandpointCountView[];
}

/** `proposals`: every proposal of the workshop, in creation order. */
export interface ProposalListView {
  proposals: ProposalView[];
}

/** `proposal:shown`: the proposal whose text the projection shows, or null. Facilitators and projection only. */
export interface ProposalScreenView {
  proposalId: string | null;
}

/** `proposal:mine`: the proposals this participant supports, to their own devices only. */
export interface MySupportsView {
  proposalIds: string[];
}

type In<S extends z.ZodType> = z.input<S>;

/** socket.io events of the board. Payloads are validated with `shared/schemas/board.ts`. */
export interface BoardClientEvents {
  /** Anyone: the board's state and dots (also pushed at connection). `mine` is null for staff. */
  'board:sync': (payload: Record<string, never>, ack: AckCallback<{ state: BoardStateView; dots: BoardDotsFrame; mine: MyDotsView | null }>) => void;
  /** Participant or facilitator: adds a card (the server writes it into the board document). */
  'board:card:add': (payload: In<typeof addCardSchema>, ack: AckCallback<{ cardId: string }>) => void;
  /** Participant or facilitator: moves a card (on drop). */
  'board:card:move': (payload: In<typeof moveCardSchema>, ack: AckCallback) => void;
  /** The card's author, or a facilitator: deletes a card; its dots go back to their owners. */
  'board:card:delete': (payload: In<typeof cardRefSchema>, ack: AckCallback) => void;
  /** The card's author: shows or hides their pseudonym on it. */
  'board:card:sign': (payload: In<typeof signCardSchema>, ack: AckCallback) => void;
  /** Facilitator: columns (themes). */
  'board:column:add': (payload: In<typeof addColumnSchema>, ack: AckCallback<{ columnId: string }>) => void;
  'board:column:rename': (payload: In<typeof renameColumnSchema>, ack: AckCallback) => void;
  'board:column:move': (payload: In<typeof moveColumnSchema>, ack: AckCallback) => void;
  'board:column:delete': (payload: In<typeof columnRefSchema>, ack: AckCallback) => void;
  /** Facilitator: locks or unlocks the board for participants. */
  'board:lock': (payload: In<typeof lockBoardSchema>, ack: AckCallback<{ state: BoardStateView }>) => void;
  /** Facilitator: dots per participant. */
  'board:set-budget': (payload: In<typeof dotBudgetSchema>, ack: AckCallback<{ state: BoardStateView }>) => void;
  /** Participant: puts one dot on a card (at most one per card, within the budget). Idempotent. */
  'board:dot:place': (payload: In<typeof cardRefSchema>, ack: AckCallback<{ mine: MyDotsView }>) => void;
  /** Participant: takes their dot back from a card. Idempotent. */
  'board:dot:remove': (payload: In<typeof cardRefSchema>, ack: AckCallback<{ mine: MyDotsView }>) => void;
}

export interface BoardServerEvents {
  'board:state': (state: BoardStateView) => void;
  /** Coalesced: ≤ 10 frames/s to facilitators and projection, ≤ 2 frames/s to participants. */
  'board:dots': (frame: BoardDotsFrame) => void;
  'board:my-dots': (mine: MyDotsView) => void;
  /** To a participant's own devices: at connection, and when one of them adds or deletes a card. */
  'board:my-cards': (mine: MyCardsView) => void;
}

/** socket.io events of proposals. Payloads are validated with `shared/schemas/board.ts`. */
export interface ProposalClientEvents {
  /** Anyone: the list again (also pushed at connection). `mine` is null for staff. */
  'proposal:sync': (payload: Record<string, never>, ack: AckCallback<{ proposals: ProposalView[]; mine: MySupportsView | null }>) => void;
  /** Participant or facilitator: a new proposal, from scratch or from a card. */
  'proposal:create': (payload: In<typeof createProposalSchema>, ack: AckCallback<{ proposal: ProposalView }>) => void;
  /** Participant or facilitator, while the text is writable: changes the title. */
  'proposal:retitle': (payload: In<typeof retitleProposalSchema>, ack: AckCallback<{ proposal: ProposalView }>) => void;
  /** Participant: supports a proposal (once). Idempotent. */
  'proposal:support': (payload: In<typeof proposalRefSchema>, ack: AckCallback<{ mine: MySupportsView }>) => void;
  /** Participant: withdraws their support. Idempotent. */
  'proposal:unsupport': (payload: In<typeof proposalRefSchema>, ack: AckCallback<{ mine: MySupportsView }>) => void;
  /** Facilitator: makes the text read-only (or writable again). */
  'proposal:lock': (payload: In<typeof lockProposalSchema>, ack: AckCallback<{ proposal: ProposalView }>) => void;
  /** Facilitator: adds a « Pour / Contre / Abstention » poll to the agenda (opened at once if `open`). */
  'proposal:put-to-vote': (payload: In<typeof putToVoteSchema>, ack: AckCallback<{ proposal: ProposalView; pollItemId: string }>) => void;
  /** Facilitator: adopted, not adopted, or back to draft. */
  'proposal:decide': (payload: In<typeof decideProposalSchema>, ack: AckCallback<{ proposal: ProposalView }>) => void;
  /** Facilitator: removes a draft proposal. */
  'proposal:delete': (payload: In<typeof proposalRefSchema>, ack: AckCallback) => void;
  /** Facilitator: shows this proposal's text on the projection, instead of any other (null: none). */
  'proposal:show': (payload: In<typeof showProposalSchema>, ack: AckCallback<{ shown: ProposalScreenView }>) => void;
}

export interface ProposalServerEvents {
  /** Coalesced: ≤ 10 frames/s to facilitators and projection, ≤ 2 frames/s to participants. */
  proposals: (list: ProposalListView) => void;
  'proposal:mine': (mine: MySupportsView) => void;
  /** Facilitators and projection: at connection, and when the facilitator shows or hides a text. */
  'proposal:shown': (shown: ProposalScreenView) => void;
}
