import { z } from 'zod';
import { SPEAKING_QUEUE_ERROR_CODES, type SpeakingQueueErrorCode } from '../errors';
import { SPEAKING_QUEUE_LIMITS } from '../limits';
import { idSchema } from './common';

export { SPEAKING_QUEUE_ERROR_CODES, SPEAKING_QUEUE_LIMITS, type SpeakingQueueErrorCode };

/** Why a participant raises a hand; optional. */
export const handKindSchema = z.enum(['question', 'testimony', 'reaction']);
export type HandKindInput = z.infer<typeof handKindSchema>;

/**
 * Fair-order rules: `fifo` first come first served; `first_time_first` those who have not spoken yet
 * first; `alternate_standpoints` the standpoint that has had the floor least so far first.
 */
export const queueModeSchema = z.enum(['fifo', 'first_time_first', 'alternate_standpoints']);
export type QueueModeInput = z.infer<typeof queueModeSchema>;

const ticketNumber = z.number().int().min(1).max(1_000_000);

/** Participant: raise a hand, optionally saying what kind of turn it is. */
export const raiseHandSchema = z.object({ kind: handKindSchema.nullable().optional() }).strict();
export type RaiseHandInput = z.infer<typeof raiseHandSchema>;

/** Participant: lower their own hand (or end their own turn). */
export const lowerHandSchema = z.object({ ticketNumber }).strict();
export type LowerHandInput = z.infer<typeof lowerHandSchema>;

/** Facilitator: give the floor to a chosen ticket, or to the next one in the current mode when omitted. */
export const giveFloorSchema = z.object({ ticketNumber: ticketNumber.optional() }).strict();
export type GiveFloorInput = z.infer<typeof giveFloorSchema>;

/** Facilitator: a countdown on the current turn. */
export const startTimerSchema = z
  .object({
    seconds: z
      .number()
      .int('un nombre entier de secondes')
      .min(SPEAKING_QUEUE_LIMITS.timerMinSeconds, `au moins ${SPEAKING_QUEUE_LIMITS.timerMinSeconds} secondes`)
      .max(SPEAKING_QUEUE_LIMITS.timerMaxSeconds, `au plus ${SPEAKING_QUEUE_LIMITS.timerMaxSeconds} secondes`),
  })
  .strict();
export type StartTimerInput = z.infer<typeof startTimerSchema>;

/** Facilitator: switch the fair-order rule, live. */
export const setQueueModeSchema = z.object({ mode: queueModeSchema }).strict();
export type SetQueueModeInput = z.infer<typeof setQueueModeSchema>;

/** What a written contribution is; optional. */
export const contributionKindSchema = z.enum(['question', 'testimony']);
export type ContributionKindInput = z.infer<typeof contributionKindSchema>;

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The text of a written contribution, with an error that says the limit in plain words. */
const contributionText = z
  .string()
  .trim()
  .min(1, 'le message est vide')
  .max(
    SPEAKING_QUEUE_LIMITS.contributionText,
    `une contribution écrite fait au plus ${SPEAKING_QUEUE_LIMITS.contributionText} caractères`,
  )
  .refine((s) => !CONTROL_CHARACTERS.test(s), 'caractères de contrôle interdits');

/** Participant: a short written question or testimony, sent without any identity. */
export const submitContributionSchema = z
  .object({
    text: contributionText,
    kind: contributionKindSchema.nullable().optional(),
  })
  .strict();
export type SubmitContributionInput = z.infer<typeof submitContributionSchema>;

const contributionId = idSchema;

/** Participant: +1 on someone else's contribution; counted once however often it is sent. */
export const supportContributionSchema = z.object({ contributionId }).strict();
export type SupportContributionInput = z.infer<typeof supportContributionSchema>;

/** Facilitator: mark a contribution as read out or answered, or clear the mark (null). */
export const markContributionSchema = z
  .object({ contributionId, handled: z.enum(['read', 'answered']).nullable() })
  .strict();
export type MarkContributionInput = z.infer<typeof markContributionSchema>;

/** Facilitator: show one approved contribution on the projection, or none (null). */
export const projectContributionSchema = z.object({ contributionId: contributionId.nullable() }).strict();
export type ProjectContributionInput = z.infer<typeof projectContributionSchema>;

/** Facilitator: let a pending contribution be seen by everyone, or set it aside. */
export const moderateContributionSchema = z
  .object({ contributionId, decision: z.enum(['approve', 'reject']) })
  .strict();
export type ModerateContributionInput = z.infer<typeof moderateContributionSchema>;

/** Facilitator: whether new contributions wait for approval before others see them. */
export const setApprovalRequiredSchema = z.object({ required: z.boolean() }).strict();
export type SetApprovalRequiredInput = z.infer<typeof setApprovalRequiredSchema>;
