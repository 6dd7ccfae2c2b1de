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
  // Adding at either end is what a board does most: step by one digit rather than halving the room,
  // so that keys grow by one character every ~60 additions instead of every ~6.
  if (before !== null && after === null) return increment(before);
  if (before === null && after !== null) return decrement(after);
  return midpoint(before ?? '', after);
}

/** The next key after `a`: its rightmost digit that can grow, grown, the rest dropped. */
function increment(a: string): string {
  for (let i = a.length - 1; i >= 0; i--) {
    const digit = ORDER_DIGITS.indexOf(a[i]!);
    if (digit < ORDER_DIGITS.length - 1) return a.slice(0, i) + ORDER_DIGITS[digit + 1];
  }
  return a + ORDER_DIGITS[1];
}

/** A key just before `b`: its first digit lowered, or a longer key under it. */
function decrement(b: string): string {
  const digit = ORDER_DIGITS.indexOf(b[0]!);
  if (digit >= 2) return ORDER_DIGITS[digit - 1]!;
  if (digit === 1) return ZERO + ORDER_DIGITS.at(-1)!;
  return ZERO + decrement(b.slice(1));
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
