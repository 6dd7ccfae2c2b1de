import { BOARD_LIMITS } from '../../../../shared/board-doc';
import { CroiseeError } from '../../../../shared/errors';
import type { BoardErrorCode } from '../../../../shared/schemas/board';

const MESSAGES: Record<BoardErrorCode, string> = {
  board_locked: 'Le tableau est verrouillé par l’animation.',
  board_full: `Le tableau est plein : ${BOARD_LIMITS.cards} cartes au plus.`,
  board_unavailable: 'Le tableau n’est pas disponible pour le moment, réessayez dans un instant.',
  card_not_found: 'Cette carte n’existe plus.',
  column_not_found: 'Cette colonne n’existe plus.',
  column_not_empty: 'Cette colonne contient des cartes : déplacez-les ou supprimez-les d’abord.',
  too_many_columns: `Il y a déjà ${BOARD_LIMITS.columns} colonnes.`,
  not_card_author: 'Seule la personne qui a écrit cette carte peut faire cela.',
  no_pseudonym: 'Pour signer une carte, il faut un pseudonyme.',
  dot_budget_exhausted: 'Vous avez déjà placé toutes vos gommettes. Retirez-en une pour voter pour une autre carte.',
  proposal_not_found: 'Cette proposition n’existe plus.',
  proposal_locked: 'Cette proposition est verrouillée par l’animation.',
  proposal_decided: 'La décision sur cette proposition est déjà prise.',
  too_many_proposals: `Il y a déjà ${BOARD_LIMITS.proposals} propositions.`,
};

/** The named error of the board or proposals, with words a participant understands. */
export function boardError(code: BoardErrorCode): CroiseeError {
  return new CroiseeError(code, MESSAGES[code]);
}
