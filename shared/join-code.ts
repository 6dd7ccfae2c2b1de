/**
 * Join codes: 6 characters from an alphabet without look-alikes (no 0/O, no 1/I/L). Kept free of
 * any dependency so that the phone bundle can use it without the validation library.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** Accepts what a person types ("abc 234", "ABC-234") and returns the canonical code. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-._]/g, '');
}
