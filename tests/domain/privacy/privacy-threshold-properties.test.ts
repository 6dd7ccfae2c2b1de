import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPrivacyThreshold, OTHERS_KEY } from '../../../server/src/domain/privacy/privacy-threshold';

/** Breakdowns with distinct keys, sizes often around the threshold, values that record their members. */
const breakdown = fc
  .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', '_undisclosed', '_others'), fc.nat(12)), {
    selector: ([key]) => key,
    maxLength: 8,
  })
  .map((pairs) => pairs.map(([key, size]) => ({ key, size, value: { keys: [key], total: size } })));
const threshold = fc.integer({ min: 1, max: 8 });
const merge = (a: { keys: string[]; total: number }, b: { keys: string[]; total: number }) => ({
  keys: [...a.keys, ...b.keys],
  total: a.total + b.total,
});

describe('applyPrivacyThreshold properties', () => {
  it('conserves the number of people: the sizes out add up to the sizes in', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        const out = applyPrivacyThreshold(input, merge, t);
        const total = (xs: { size: number }[]) => xs.reduce((s, g) => s + g.size, 0);
        expect(total(out)).toBe(total(input));
      }),
    );
  });

  it('never shows a group below the threshold unless a single group holds everyone', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        const out = applyPrivacyThreshold(input, merge, t);
        if (out.length > 1) for (const group of out) expect(group.size).toBeGreaterThanOrEqual(t);
        for (const group of out) expect(group.size).toBeGreaterThan(0);
      }),
    );
  });

  it('accounts for every non-empty input key exactly once, and for no empty one', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        const out = applyPrivacyThreshold(input, merge, t);
        const keys = out.flatMap((g) => g.mergedKeys).sort();
        expect(keys).toEqual(input.filter((g) => g.size > 0).map((g) => g.key).sort());
      }),
    );
  });

  it('keeps visible groups unchanged and in input order, with "autres" last and only if something merged', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        const out = applyPrivacyThreshold(input, merge, t);
        const visible = out.filter((g) => g.key !== OTHERS_KEY);
        const order: string[] = input.map((g) => g.key);
        const positions = visible.map((g) => order.indexOf(g.key));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        for (const group of visible) {
          const original = input.find((g) => g.key === group.key);
          expect(group.mergedKeys).toEqual([group.key]);
          expect(group.value).toBe(original?.value);
          expect(group.size).toBeGreaterThanOrEqual(t);
        }
        const othersIndex = out.findIndex((g) => g.key === OTHERS_KEY);
        if (othersIndex !== -1) {
          expect(othersIndex).toBe(out.length - 1);
          expect(out[othersIndex]?.mergedKeys.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('merges the values of exactly the groups it lists, in input order', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        for (const group of applyPrivacyThreshold(input, merge, t)) {
          expect(group.value.keys).toEqual(group.mergedKeys);
          expect(group.value.total).toBe(group.size);
        }
      }),
    );
  });

  it('hides every group below the threshold, and any group merged earlier, inside "autres"', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        const out = applyPrivacyThreshold(input, merge, t);
        for (const small of input.filter((g) => g.size > 0 && (g.size < t || g.key === OTHERS_KEY))) {
          const holder = out.find((g) => g.mergedKeys.includes(small.key));
          expect(holder?.key).toBe(OTHERS_KEY);
        }
      }),
    );
  });

  it('does not depend on anything but its input: the same breakdown gives the same result', () => {
    fc.assert(
      fc.property(breakdown, threshold, (input, t) => {
        expect(applyPrivacyThreshold(input, merge, t)).toEqual(applyPrivacyThreshold(input, merge, t));
      }),
    );
  });
});
