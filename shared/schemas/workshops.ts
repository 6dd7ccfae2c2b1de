import { z } from 'zod';
import { idSchema, text, tokenSchema } from './common';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseJoinCode } from '../join-code';

export { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseJoinCode };

export const joinCodeSchema = z
  .string()
  .max(32)
  .transform(normaliseJoinCode)
  .pipe(
    z
      .string()
      .length(JOIN_CODE_LENGTH, `le code a ${JOIN_CODE_LENGTH} caractères`)
      .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), 'caractère inconnu dans le code'),
  );

export const standpointSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'clé de regard invalide'),
  label: z.object({ fr: text(80), en: text(80) }),
});

export const workshopStateSchema = z.enum(['draft', 'live', 'closed']);
export type WorkshopState = z.infer<typeof workshopStateSchema>;

export const createGroupSchema = z.object({
  name: text(120),
  purpose: text(1000, 0).default(''),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const createWorkshopSchema = z.object({
  title: text(160),
  /** ISO date (YYYY-MM-DD) of the meeting; today when omitted. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
    .optional(),
  standpoints: z
    .array(standpointSchema)
    .min(1)
    .max(12)
    .refine((list) => new Set(list.map((s) => s.key)).size === list.length, 'deux regards ont la même clé')
    .optional(),
});
export type CreateWorkshopInput = z.infer<typeof createWorkshopSchema>;

export const joinRequestSchema = z.object({
  code: joinCodeSchema,
  /** A key of the workshop's standpoint set, or null for "je préfère ne pas dire". */
  standpoint: z.string().max(32).nullable(),
  pseudonym: text(40).nullable().optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** socket.io handshake `auth` object: who is connecting. */
export const handshakeSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('participant'), token: tokenSchema, protocol: z.number().int() }),
  z.object({ role: z.literal('facilitator'), workshopId: idSchema, secret: tokenSchema, protocol: z.number().int() }),
  z.object({ role: z.literal('projection'), workshopId: idSchema, secret: tokenSchema, protocol: z.number().int() }),
]);
export type Handshake = z.infer<typeof handshakeSchema>;
export type Role = Handshake['role'];

export const emptyPayloadSchema = z.object({}).strict();
