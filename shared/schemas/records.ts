import { z } from 'zod';
import type { RecordEntry } from '../views-records';
import { text } from './common';
import { clientIdSchema, pollKindSchema } from './polls';
import { workshopStateSchema } from './workshops';
import { RECORD_ERROR_CODES } from '../errors';
import { RECORD_LIMITS } from '../limits';

export { RECORD_ERROR_CODES, RECORD_LIMITS };

/** `record:push` and `POST …/records`: optional summary, optional client-made id so a resend stores nothing twice. */
export const pushRecordSchema = z.object({
  summary: text(RECORD_LIMITS.summary, 0).optional(),
  pushId: clientIdSchema.optional(),
});
export type PushRecordInput = z.input<typeof pushRecordSchema>;

/** `POST …/records/:version/withdraw` */
export const withdrawRecordSchema = z.object({ reason: text(RECORD_LIMITS.withdrawReason, 0).default('') });
export type WithdrawRecordInput = z.input<typeof withdrawRecordSchema>;

/** A webhook URL: absolute, http or https only, no credentials in it. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(RECORD_LIMITS.webhookUrl, `au plus ${RECORD_LIMITS.webhookUrl} caractères`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'adresse invalide' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'seules les adresses http ou https sont acceptées' });
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'pas d’identifiants dans l’adresse : la signature authentifie les envois' });
  });

/** `POST /api/groups/:groupId/webhook` */
export const setWebhookSchema = z.object({ url: webhookUrlSchema });
export type SetWebhookInput = z.input<typeof setWebhookSchema>;

/** A version number in a URL. */
export const recordVersionSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/, 'numéro de version attendu (1, 2, …)')
  .transform(Number);

/** Formats of the exports of an entry and of a group record. */
export const recordExportFormatSchema = z.enum(['md', 'json', 'csv', 'docx'], 'format attendu : md, json, csv ou docx');
export type RecordExportFormat = z.infer<typeof recordExportFormatSchema>;

/** Formats of the group contribution export. */
export const contributionExportFormatSchema = z.enum(['md', 'json', 'docx'], 'format attendu : md, json ou docx');
export type ContributionExportFormat = z.infer<typeof contributionExportFormatSchema>;

/** `GET /api/groups/:groupId/records/compare?question=…` */
export const compareQuerySchema = z.object({ question: text(300).optional() });

// The entry format. Objects are strict: an export with a field the schema does not name fails validation.
const groupCount = z.strictObject({ key: z.string(), count: z.number().int().min(0), mergedKeys: z.array(z.string()) });
const count = z.number().int().min(0);
const percent = z.number().int().min(0).max(100);
const mean = z.number().nullable();
const timestamp = z.string().nullable();
const label = z.strictObject({ fr: z.string(), en: z.string() });
const cloudWord = z.strictObject({ key: z.string(), display: z.string(), count });

const pollSchema = z.strictObject({
  itemId: z.string(),
  position: z.number().int().min(1),
  state: z.enum(['open', 'closed']),
  openedAt: timestamp,
  closedAt: timestamp,
  question: z.string(),
  kind: pollKindSchema,
  maxChoices: z.number().int().min(1),
  scale: z.strictObject({ points: z.number().int(), minLabel: z.string(), maxLabel: z.string() }).nullable(),
  ballots: count,
  present: count,
  turnout: z.number().min(0).max(1),
  mean,
  choices: z.array(z.strictObject({ id: z.string(), label: z.string(), count, percent })),
  byStandpoint: z.array(
    z.strictObject({
      key: z.string(),
      ballots: count,
      mergedKeys: z.array(z.string()),
      choices: z.array(z.strictObject({ id: z.string(), count, percent })),
      mean,
    }),
  ),
});

const wordCloudSchema = z.strictObject({
  itemId: z.string(),
  position: z.number().int().min(1),
  state: z.enum(['open', 'closed']),
  openedAt: timestamp,
  closedAt: timestamp,
  prompt: z.string(),
  maxEntries: z.number().int().min(1),
  contributors: count,
  entries: count,
  words: z.array(cloudWord.extend({ byStandpoint: z.array(groupCount) })),
  byStandpoint: z.array(z.strictObject({ key: z.string(), contributors: count, mergedKeys: z.array(z.string()), words: z.array(cloudWord) })),
});

const proposalSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  status: z.enum(['in_progress', 'adopted', 'not_adopted']),
  decidedAt: timestamp,
  theme: z.string().nullable(),
  supports: z.strictObject({ total: count, byStandpoint: z.array(groupCount) }),
});

const speakingFigures = { turns: count, speakingMs: count, contributions: count };

/** The JSON export of one entry version (`RecordEntry`); also the `entry` of a webhook body. */
export const recordEntrySchema = z.strictObject({
  format: z.literal('croisee.record-entry'),
  formatVersion: z.literal(1),
  id: z.string(),
  workshopId: z.string(),
  version: z.number().int().min(1),
  pushedAt: z.string(),
  pushedBy: z.enum(['facilitator', 'organiser', 'workshop_closed']),
  withdrawn: z.strictObject({ at: z.string(), reason: z.string() }).nullable(),
  group: z.strictObject({ id: z.string(), name: z.string(), purpose: z.string() }),
  workshop: z.strictObject({ title: z.string(), date: z.string(), state: workshopStateSchema, openedAt: timestamp, closedAt: timestamp }),
  summary: z.string(),
  privacyThreshold: z.number().int().min(1),
  standpoints: z.array(z.strictObject({ key: z.string(), label })),
  attendance: z.strictObject({ total: count, byStandpoint: z.array(groupCount) }),
  polls: z.array(pollSchema),
  wordClouds: z.array(wordCloudSchema),
  board: z
    .strictObject({
      columns: z.array(
        z.strictObject({ id: z.string(), title: z.string(), cards: z.array(z.strictObject({ id: z.string(), text: z.string(), dots: count })) }),
      ),
    })
    .nullable(),
  proposals: z.array(proposalSchema),
  speaking: z.strictObject({
    total: z.strictObject(speakingFigures),
    byStandpoint: z.array(z.strictObject({ key: z.string(), mergedKeys: z.array(z.string()), ...speakingFigures })),
  }),
  contributions: z.array(
    z.strictObject({
      kind: z.enum(['question', 'testimony']).nullable(),
      text: z.string(),
      supports: count,
      handled: z.enum(['read', 'answered']).nullable(),
    }),
  ),
});

// The schema and the documented type are the same shape: this fails to compile when one drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const entrySchemaMatchesType: Same<z.infer<typeof recordEntrySchema>, RecordEntry> = true;
void entrySchemaMatchesType;
