import { z } from 'zod';
import { idSchema, text } from './common';
import { WORD_CLOUD_LIMITS } from '../limits';
import { clientIdSchema, resultsVisibilitySchema } from './polls';

export { WORD_CLOUD_LIMITS };

/** What the facilitator prepares: a prompt and how many entries each participant may send. */
export const wordCloudDefinitionSchema = z.object({
  prompt: text(WORD_CLOUD_LIMITS.prompt),
  maxEntries: z.number().int().min(1).max(WORD_CLOUD_LIMITS.maxEntriesPerParticipant).default(WORD_CLOUD_LIMITS.defaultEntriesPerParticipant),
  results: resultsVisibilitySchema.default('live'),
});
export type WordCloudDefinition = z.infer<typeof wordCloudDefinitionSchema>;
export type WordCloudDefinitionInput = z.input<typeof wordCloudDefinitionSchema>;

/** `word-cloud:create` */
export const createWordCloudSchema = z.object({ cloud: wordCloudDefinitionSchema });
/** `word-cloud:update`: replaces the definition; only while the word cloud is a draft. */
export const updateWordCloudSchema = z.object({ itemId: idSchema, cloud: wordCloudDefinitionSchema });

/** `word-cloud:add`: one entry; `entryId` is made by the client, so a resent entry is stored once. */
export const addEntrySchema = z.object({
  itemId: idSchema,
  entryId: clientIdSchema,
  text: text(WORD_CLOUD_LIMITS.entry),
});
export type AddEntryInput = z.infer<typeof addEntrySchema>;

/** `word-cloud:remove`: a participant takes back one of their own entries while the cloud is open. */
export const removeEntrySchema = z.object({ itemId: idSchema, entryId: clientIdSchema });

/** `word-cloud:hide` / `word-cloud:restore`: the facilitator moderates a grouped entry by its key. */
export const moderateEntrySchema = z.object({ itemId: idSchema, key: z.string().min(1).max(200) });
