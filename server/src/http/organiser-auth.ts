import type { NextFunction, Request, Response } from 'express';
import { hashToken, newSecret, secretsEqual } from '../domain/ids';
import type { Logger } from '../logger';
import type { SettingsRepository } from '../store/ports';
import { sendError } from './http-errors';

const SETTING = 'organiser_token_hash';

/**
 * The organiser token: from CROISEE_ORGANISER_TOKEN when set, otherwise generated at first start,
 * kept hashed in the store, and printed once with the organiser URL (as a notebook server does).
 */
export async function ensureOrganiserToken(
  settings: SettingsRepository,
  fixed: string | null,
  announce: (token: string) => void,
): Promise<string> {
  if (fixed) {
    await settings.set(SETTING, hashToken(fixed));
    return hashToken(fixed);
  }
  const existing = await settings.get(SETTING);
  if (existing) return existing;
  const token = newSecret();
  const stored = await settings.setIfAbsent(SETTING, hashToken(token));
  if (stored === hashToken(token)) announce(token);
  return stored;
}

/** Replaces the organiser token (for a lost one); returns the new token to show once. */
export async function resetOrganiserToken(settings: SettingsRepository): Promise<string> {
  const token = newSecret();
  await settings.set(SETTING, hashToken(token));
  return token;
}

/** Express middleware: `Authorization: Bearer <organiser token>`, else 401 (missing) or 403 (wrong). */
export function requireOrganiser(tokenHash: () => string, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return sendError(res, 'unauthorized', 'Jeton d’organisation manquant (en-tête Authorization: Bearer …).');
    if (!secretsEqual(hashToken(match[1]!), tokenHash())) {
      logger.warn('refused organiser request', { path: req.path });
      return sendError(res, 'forbidden', 'Jeton d’organisation incorrect.');
    }
    next();
  };
}
