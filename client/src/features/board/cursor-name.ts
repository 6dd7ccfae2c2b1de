import { ANONYMOUS_CURSOR_NAME } from '../../../../shared/board-doc';
import { t } from '../../lib/i18n/i18n.svelte';

/** The name on a person's cursor: their pseudonym, else « Participant·e » (the facilitator's own word for staff). */
export function cursorName(pseudonym: string | null, role: 'participant' | 'facilitator' | 'projection'): string {
  return pseudonym || (role === 'facilitator' ? t('board.facilitator_cursor') : ANONYMOUS_CURSOR_NAME);
}
