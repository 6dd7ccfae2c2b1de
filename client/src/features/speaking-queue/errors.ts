import { SPEAKING_QUEUE_ERROR_CODES, type SpeakingQueueErrorCode } from '../../../../shared/errors';
import { errorKey } from '../../lib/errors';
import type { MessageKey } from '../../lib/i18n/fr';
import type { QueueAction } from './speaking-queue-state.svelte';

const OWN_CODES = new Set<string>(SPEAKING_QUEUE_ERROR_CODES);

/** The words that explain a refused speaking-queue action; a malformed message says the length limit. */
export function queueErrorKey(code: string, action: QueueAction): MessageKey {
  if (OWN_CODES.has(code)) return `speaking.error.${code as SpeakingQueueErrorCode}`;
  if (action === 'submit' && (code === 'bad_request' || code === 'payload_too_large')) return 'speaking.error.text';
  return errorKey(code);
}
