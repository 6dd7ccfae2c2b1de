import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOrderKey, ORDER_DIGITS, orderBetween, ordersAfter } from '../../../server/src/domain/board/fractional-order';

const key = fc
  .array(fc.constantFrom(...ORDER_DIGITS), { minLength: 1, maxLength: 8 })
  .map((digits) => digits.join(''))
  .filter(isOrderKey);

describe('fractional order keys', () => {
  it('a key placed between two others sorts strictly between them and is itself a valid key', () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        const mid = orderBetween(low, high);
        expect(isOrderKey(mid)).toBe(true);
        expect(low < mid && mid < high).toBe(true);
      }),
    );
  });

  it('a key placed first or last sorts before or after every other', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(orderBetween(null, k) < k).toBe(true);
        expect(orderBetween(k, null) > k).toBe(true);
      }),
    );
  });

  it('keeps finding room when cards are dropped again and again at the same place', () => {
    let low = orderBetween(null, null);
    const high = orderBetween(low, null);
    for (let i = 0; i < 200; i++) {
      const mid = orderBetween(low, high);
      expect(low < mid && mid < high).toBe(true);
      low = mid;
    }
    expect(low.length).toBeLessThan(45);
  });

  it('keeps keys short for a list built by adding at its end or at its start', () => {
    const appended = ordersAfter(null, 1000);
    expect([...appended].sort()).toEqual(appended);
    expect(Math.max(...appended.map((k) => k.length))).toBeLessThanOrEqual(18);
    const prepended = [orderBetween(null, null)];
    for (let i = 0; i < 1000; i++) prepended.unshift(orderBetween(null, prepended[0]!));
    expect([...prepended].sort()).toEqual(prepended);
    expect(prepended.every(isOrderKey)).toBe(true);
    expect(Math.max(...prepended.map((k) => k.length))).toBeLessThanOrEqual(18);
  });

  it('refuses bounds that are not keys or not in order', () => {
    expect(() => orderBetween('V', 'A')).toThrow(RangeError);
    expect(() => orderBetween('A0', null)).toThrow(RangeError);
    expect(() => orderBetween('é', null)).toThrow(RangeError);
  });
});
