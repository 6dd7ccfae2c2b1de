import { z } from 'zod';

/** Identifiers are random, URL-safe strings made by the server. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'identifiant invalide');

/** Secrets and tokens: long random URL-safe strings. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'jeton invalide');

export const languageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** A short visible text: trimmed, no control characters, bounded. */
export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, `au moins ${min} caractère(s)`)
    .max(max, `au plus ${max} caractères`)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'caractères de contrôle interdits');
}
