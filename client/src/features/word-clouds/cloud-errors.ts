import { errorKey } from '../../lib/errors';
import type { MessageKey } from '../../lib/i18n/fr';

const OWN_ERRORS: Record<string, MessageKey> = {
  entry_limit: 'clouds.error.entry_limit',
  duplicate_entry: 'clouds.error.duplicate_entry',
  activity_not_open: 'clouds.error.activity_not_open',
  not_present: 'clouds.error.not_present',
  bad_request: 'clouds.error.bad_request',
  payload_too_large: 'clouds.error.bad_request',
};

/** The words that explain a refused entry (or a refused moderation, for the generic codes). */
export function entryErrorKey(code: string): MessageKey {
  return OWN_ERRORS[code] ?? errorKey(code);
}
