import { BOARD_ERROR_CODES, type BoardErrorCode } from '../../../../shared/errors';
import { errorKey } from '../../lib/errors';
import type { MessageKey } from '../../lib/i18n/fr';

const OWN_CODES = new Set<string>(BOARD_ERROR_CODES);

/** The words that explain a refused board or proposal action (the board's own codes, then the common ones). */
export function boardErrorKey(code: string): MessageKey {
  if (OWN_CODES.has(code)) return `board.error.${code as BoardErrorCode}`;
  return errorKey(code);
}
