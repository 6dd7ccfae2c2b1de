import { ApiError } from '../../../shared/client/croisee-client';
import type { MessageKey } from './i18n/fr';

/** Codes the client itself produces, beside the server's named codes (shared/errors.ts). */
export type ClientErrorCode = 'network' | 'timeout';

const KEYS: Record<string, MessageKey> = {
  bad_request: 'error.bad_request',
  payload_too_large: 'error.payload_too_large',
  rate_limited: 'error.rate_limited',
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  unknown_code: 'error.unknown_code',
  workshop_closed: 'error.workshop_closed',
  workshop_not_live: 'error.workshop_not_live',
  invalid_transition: 'error.invalid_transition',
  protocol_mismatch: 'error.protocol_mismatch',
  origin_not_allowed: 'error.origin_not_allowed',
  conflict: 'error.conflict',
  internal: 'error.internal',
  network: 'error.network',
  timeout: 'error.timeout',
};

/** The catalogue key that explains an error code to a person; unknown codes get the generic message. */
export function errorKey(code: string): MessageKey {
  return KEYS[code] ?? 'error.internal';
}

/** The error code behind a failed API call: the server's named code, or `network` when the server was not reached. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  if (error instanceof TypeError) return 'network';
  return 'internal';
}
