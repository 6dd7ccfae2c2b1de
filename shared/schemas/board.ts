import { z } from 'zod';
import { BOARD_LIMITS } from '../board-doc';
import { BOARD_ERROR_CODES, type BoardErrorCode } from '../errors';
import { idSchema, text } from './common';

export { BOARD_ERROR_CODES, type BoardErrorCode };

/** Where an item goes: right after this one, or first (null). */
const after = idSchema.nullable();

/** `board:card:add`: a card in a column, placed last unless `afterCardId` says where; `signed` shows the author's pseudonym. */
export const addCardSchema = z.object({
  columnId: idSchema,
  text: text(BOARD_LIMITS.cardText),
  signed: z.boolean().default(false),
  afterCardId: after.optional(),
});
export type AddCardInput = z.infer<typeof addCardSchema>;

/** `board:card:move`: committed on drop; the live drag goes through awareness. */
export const moveCardSchema = z.object({ cardId: idSchema, columnId: idSchema, afterCardId: after });
export type MoveCardInput = z.infer<typeof moveCardSchema>;

/** `board:card:delete`, `board:dot:place`, `board:dot:remove` */
export const cardRefSchema = z.object({ cardId: idSchema });

/** `board:card:sign`: the author shows (or hides again) their pseudonym on their card. */
export const signCardSchema = z.object({ cardId: idSchema, signed: z.boolean() });

/** `board:column:add` */
export const addColumnSchema = z.object({ title: text(BOARD_LIMITS.columnTitle), afterColumnId: after.optional() });
/** `board:column:rename` */
export const renameColumnSchema = z.object({ columnId: idSchema, title: text(BOARD_LIMITS.columnTitle) });
/** `board:column:move` */
export const moveColumnSchema = z.object({ columnId: idSchema, afterColumnId: after });
/** `board:column:delete`: only an empty column. */
export const columnRefSchema = z.object({ columnId: idSchema });

/** `board:lock`: a locked board is read-only for participants (the facilitator still edits it). */
export const lockBoardSchema = z.object({ locked: z.boolean() });
/** `board:set-budget`: dots per participant. */
export const dotBudgetSchema = z.object({ dotBudget: z.number().int().min(1).max(BOARD_LIMITS.dotBudget) });

export const proposalStatusSchema = z.enum(['draft', 'voting', 'adopted', 'not_adopted']);
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;

/**
 * `proposal:create`: from scratch (a title), or from a card (its text becomes the body; the title
 * defaults to the card's first words).
 */
export const createProposalSchema = z
  .object({ title: text(BOARD_LIMITS.proposalTitle).optional(), fromCardId: idSchema.optional() })
  .refine((p) => p.title !== undefined || p.fromCardId !== undefined, { message: 'un titre ou une carte', path: ['title'] });
export type CreateProposalInput = z.infer<typeof createProposalSchema>;

/** `proposal:retitle` */
export const retitleProposalSchema = z.object({ proposalId: idSchema, title: text(BOARD_LIMITS.proposalTitle) });
/** `proposal:support`, `proposal:unsupport`, `proposal:delete` */
export const proposalRefSchema = z.object({ proposalId: idSchema });
/** `proposal:lock`: the text becomes read-only for everyone. */
export const lockProposalSchema = z.object({ proposalId: idSchema, locked: z.boolean() });
/** `proposal:put-to-vote`: adds a poll « Pour / Contre / Abstention » to the agenda; `open` opens it at once. */
export const putToVoteSchema = z.object({ proposalId: idSchema, open: z.boolean().default(false) });
/** `proposal:decide`: adopted, not adopted, or back to draft (writing again). */
export const decideProposalSchema = z.object({ proposalId: idSchema, status: z.enum(['adopted', 'not_adopted', 'draft']) });

/** `proposal:show`: the proposal whose text the projection shows (null: none). */
export const showProposalSchema = z.object({ proposalId: idSchema.nullable() });

/** Options of the poll that puts a proposal to a vote, in this order. */
export const PROPOSAL_VOTE_CHOICES = ['Pour', 'Contre', 'Abstention'] as const;

