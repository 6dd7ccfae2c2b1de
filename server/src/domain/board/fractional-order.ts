/**
 * Fractional order keys: strings over base-62 digits, compared as plain strings, so that an item can
 * always be placed between two others by writing one key (a move rewrites one card, never its
 * neighbours). Keys never end with the smallest digit, which guarantees a key exists between any two.
 */

export const ORDER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = ORDER_DIGITS[0]!;

/** Whether `key` is a valid order key: base-62 digits, not empty, not ending with '0'. */
export function isOrderKey(key: string): boolean {
  return key.length > 0 && !key.endsWith(ZERO) && [...key].every((c) => ORDER_DIGITS.includes(c));
}

/**
 * A key strictly between `before` and `after` (null: no bound on that side). Throws a RangeError when
 * the bounds are not valid keys or not in increasing order.
 */
export function orderBetween(before: string | null, after: string | null): string {
  if (before !== null && !isOrderKey(before)) throw new RangeError(`invalid order key "${before}"`);
  if (after !== null && !isOrderKey(after)) throw new RangeError(`invalid order key "${after}"`);
  if (before !== null && after !== null && before >= after) throw new RangeError(`"${before}" is not before "${after}"`);
  return midpoint(before ?? '', after);
}

/** A key between `a` ('' = the lowest) and `b` (null = above everything); `a` < `b`. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Keep the prefix both share; place the rest between what follows.
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = a === '' ? 0 : ORDER_DIGITS.indexOf(a[0]!);
  const high = b === null ? ORDER_DIGITS.length : ORDER_DIGITS.indexOf(b[0]!);
  if (high - low > 1) return ORDER_DIGITS[Math.round((low + high) / 2)]!;
  // Adjacent first digits: `b`'s first digit alone is above `a` if `b` goes on, else extend `a`.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return ORDER_DIGITS[low]! + midpoint(a.slice(1), null);
}

/** `count` increasing keys after `before` (e.g. the default columns of a new board). */
export function ordersAfter(before: string | null, count: number): string[] {
  const keys: string[] = [];
  let last = before;
  for (let i = 0; i < count; i++) {
    last = orderBetween(last, null);
    keys.push(last);
  }
  return keys;
}
