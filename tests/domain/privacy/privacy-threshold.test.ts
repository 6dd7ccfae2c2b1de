import { describe, expect, it } from 'vitest';
import {
  applyPrivacyThreshold,
  DEFAULT_PRIVACY_THRESHOLD,
  OTHERS_KEY,
  standpointGroupKey,
  UNDISCLOSED_KEY,
} from '../../../server/src/domain/privacy/privacy-threshold';

const sum = (a: number, b: number) => a + b;
const groups = (sizes: Record<string, number>) =>
  Object.entries(sizes).map(([key, size]) => ({ key, size, value: size }));
const shape = (out: ReturnType<typeof applyPrivacyThreshold<number>>) =>
  out.map((g) => [g.key, g.size, g.mergedKeys]);

describe('applyPrivacyThreshold', () => {
  it('uses the product constants: threshold 3, "_others" and "_undisclosed"', () => {
    expect(DEFAULT_PRIVACY_THRESHOLD).toBe(3);
    expect(OTHERS_KEY).toBe('_others');
    expect(UNDISCLOSED_KEY).toBe('_undisclosed');
    expect(standpointGroupKey(null)).toBe('_undisclosed');
    expect(standpointGroupKey('elected')).toBe('elected');
  });

  it('shows every group alone when all of them reach the threshold', () => {
    const out = applyPrivacyThreshold(groups({ professional: 5, concerned: 3, student: 4 }), sum);
    expect(shape(out)).toEqual([
      ['professional', 5, ['professional']],
      ['concerned', 3, ['concerned']],
      ['student', 4, ['student']],
    ]);
  });

  it('merges the small groups into "autres", placed last, and folds their values', () => {
    const out = applyPrivacyThreshold(
      groups({ elected: 1, professional: 10, student: 2, concerned: 6, volunteer: 1 }),
      sum,
    );
    expect(shape(out)).toEqual([
      ['professional', 10, ['professional']],
      ['concerned', 6, ['concerned']],
      ['_others', 4, ['elected', 'student', 'volunteer']],
    ]);
    expect(out.at(-1)?.value).toBe(4);
  });

  it('drops groups of size 0 instead of showing or merging them', () => {
    const out = applyPrivacyThreshold(groups({ elected: 0, professional: 4, student: 0 }), sum);
    expect(shape(out)).toEqual([['professional', 4, ['professional']]]);
  });

  it('never leaves a lone small group in "autres": the smallest visible group joins it', () => {
    // Without the extra merge, "autres" would show the one élu's answer on its own.
    const out = applyPrivacyThreshold(groups({ professional: 10, concerned: 4, elected: 1 }), sum);
    expect(shape(out)).toEqual([
      ['professional', 10, ['professional']],
      ['_others', 5, ['concerned', 'elected']],
    ]);
  });

  it('keeps merging until "autres" reaches the threshold, breaking size ties towards the later group', () => {
    const out = applyPrivacyThreshold(groups({ a: 3, b: 3, c: 1 }), sum, 5);
    // a, b and c are all below 5: everything is merged.
    expect(shape(out)).toEqual([['_others', 7, ['a', 'b', 'c']]]);
    const tie = applyPrivacyThreshold(groups({ a: 3, b: 3, c: 1, d: 9 }), sum, 3);
    expect(shape(tie)).toEqual([
      ['a', 3, ['a']],
      ['d', 9, ['d']],
      ['_others', 4, ['b', 'c']],
    ]);
  });

  it('returns a single "autres" group, even below the threshold, when everybody is in small groups', () => {
    const out = applyPrivacyThreshold(groups({ a: 1, b: 1 }), sum);
    expect(shape(out)).toEqual([['_others', 2, ['a', 'b']]]);
  });

  it('treats the undisclosed group like any other standpoint', () => {
    const out = applyPrivacyThreshold(groups({ professional: 6, [UNDISCLOSED_KEY]: 2, concerned: 1 }), sum);
    expect(shape(out)).toEqual([
      ['professional', 6, ['professional']],
      ['_others', 3, ['_undisclosed', 'concerned']],
    ]);
  });

  it('keeps a group merged earlier under "_others" in "autres", together with the new small groups', () => {
    const out = applyPrivacyThreshold(groups({ professional: 6, _others: 4, student: 1 }), sum);
    expect(shape(out)).toEqual([
      ['professional', 6, ['professional']],
      ['_others', 5, ['_others', 'student']],
    ]);
    const alone = applyPrivacyThreshold(groups({ professional: 6, _others: 1 }), sum);
    expect(shape(alone)).toEqual([['_others', 7, ['professional', '_others']]]);
  });

  it('returns nothing for an empty breakdown', () => {
    expect(applyPrivacyThreshold([], sum)).toEqual([]);
    expect(applyPrivacyThreshold(groups({ a: 0 }), sum)).toEqual([]);
  });

  it('shows every non-empty group alone with a threshold of 1', () => {
    const out = applyPrivacyThreshold(groups({ a: 1, b: 2 }), sum, 1);
    expect(shape(out)).toEqual([
      ['a', 1, ['a']],
      ['b', 2, ['b']],
    ]);
  });

  it('merges values in input order, so a non-commutative merge stays deterministic', () => {
    const input = [
      { key: 'x', size: 1, value: ['x'] },
      { key: 'big', size: 8, value: ['big'] },
      { key: 'y', size: 1, value: ['y'] },
      { key: 'z', size: 1, value: ['z'] },
    ];
    const out = applyPrivacyThreshold(input, (a, b) => [...a, ...b]);
    expect(out.at(-1)?.value).toEqual(['x', 'y', 'z']);
  });

  it('refuses malformed input with a RangeError naming the problem', () => {
    expect(() => applyPrivacyThreshold(groups({ a: -1 }), sum)).toThrow(/invalid size/);
    expect(() => applyPrivacyThreshold(groups({ a: 1.5 }), sum)).toThrow(/invalid size/);
    expect(() => applyPrivacyThreshold([...groups({ a: 1 }), ...groups({ a: 2 })], sum)).toThrow(/twice/);
    expect(() => applyPrivacyThreshold(groups({ a: 4 }), sum, 0)).toThrow(/threshold/);
    expect(() => applyPrivacyThreshold(groups({ a: 4 }), sum, 2.5)).toThrow(/threshold/);
  });
});
