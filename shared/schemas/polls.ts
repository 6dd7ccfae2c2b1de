import { z } from 'zod';
import { idSchema, text } from './common';
import { POLL_LIMITS } from '../limits';

export { POLL_LIMITS };

/** Labels of a yes/no poll's two options, in this order; a client may show them in its own language. */
export const YES_NO_CHOICES = ['Oui', 'Non'] as const;

export const pollKindSchema = z.enum(['yes_no', 'single', 'multiple', 'scale']);
export type PollKind = z.infer<typeof pollKindSchema>;

/**
 * When participants and the projection see the results: `live` while the poll is open, or only
 * `on_close` (to avoid bandwagon votes). The facilitator always sees them live.
 */
export const resultsVisibilitySchema = z.enum(['live', 'on_close']);
export type ResultsVisibility = z.infer<typeof resultsVisibilitySchema>;

const question = text(POLL_LIMITS.question);
const results = resultsVisibilitySchema.default('live');

const choices = z
  .array(text(POLL_LIMITS.choice))
  .min(2, 'au moins 2 choix')
  .max(POLL_LIMITS.choices, `au plus ${POLL_LIMITS.choices} choix`)
  .refine((list) => new Set(list.map((c) => c.toLocaleLowerCase('fr'))).size === list.length, 'deux choix sont identiques');

/** A scale from 1 to `points`, its two ends labelled (e.g. 1 « Pas du tout » … 5 « Tout à fait »). */
export const scaleSchema = z.object({
  points: z.number().int().min(POLL_LIMITS.scaleMinPoints).max(POLL_LIMITS.scaleMaxPoints),
  minLabel: text(POLL_LIMITS.scaleLabel),
  maxLabel: text(POLL_LIMITS.scaleLabel),
});
export type PollScale = z.infer<typeof scaleSchema>;

/** What the facilitator prepares: the question, its kind and options, and when results are shown. */
export const pollDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yes_no'), question, results }),
  z.object({ kind: z.literal('single'), question, choices, results }),
  z
    .object({
      kind: z.literal('multiple'),
      question,
      choices,
      /** How many options one ballot may tick, at most. */
      maxChoices: z.number().int().min(1).max(POLL_LIMITS.choices),
      results,
    })
    .refine((p) => p.maxChoices <= p.choices.length, { message: 'plus de choix permis que de choix proposés', path: ['maxChoices'] }),
  z.object({ kind: z.literal('scale'), question, scale: scaleSchema, results }),
]);
export type PollDefinition = z.infer<typeof pollDefinitionSchema>;
/** A definition as a client writes it (`results` may be left out: `live`). */
export type PollDefinitionInput = z.input<typeof pollDefinitionSchema>;

/** `poll:create` */
export const createPollSchema = z.object({ poll: pollDefinitionSchema });
/** `poll:update`: replaces the whole definition; only while the poll is a draft. */
export const updatePollSchema = z.object({ itemId: idSchema, poll: pollDefinitionSchema });

/** A client-made identifier: random, URL-safe, 8 to 64 characters. */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'identifiant client invalide');

/**
 * `poll:vote`. `choices` are option indexes (for a scale, index i is the value i + 1). `ballotId` is
 * made by the client for this choice: sending it again (after a lost ack) changes nothing; a new
 * choice gets a new id.
 */
export const voteSchema = z.object({
  itemId: idSchema,
  ballotId: clientIdSchema,
  choices: z
    .array(z.number().int().min(0).max(POLL_LIMITS.choices - 1))
    .min(1, 'au moins un choix')
    .max(POLL_LIMITS.choices)
    .refine((list) => new Set(list).size === list.length, 'le même choix deux fois'),
});
export type VoteInput = z.infer<typeof voteSchema>;
