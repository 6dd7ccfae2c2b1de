import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../../../shared/schemas/workshops';

/**
 * A random join code: 6 characters from 31 unambiguous symbols (≈ 887 million codes), so that a
 * collision among open workshops is rare; the store's unique index makes it impossible.
 */
export function newJoinCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[random(JOIN_CODE_ALPHABET.length)];
  return code;
}
