import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  percentOf,
  tallyPoll,
  turnoutOf,
  type ChoiceCountRow,
  type StandpointBallotsRow,
} from '../../../server/src/domain/polls/tally';

const yesNo = [
  { id: 'yes', label: 'Oui' },
  { id: 'no', label: 'Non' },
];
const row = (standpoint: string | null, choiceId: string, count: number): ChoiceCountRow => ({ standpoint, choiceId, count });
const ballotsOf = (standpoint: string | null, ballots: number): StandpointBallotsRow => ({ standpoint, ballots });

describe('percentOf', () => {
  it('rounds to whole percentages, half up', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(1, 8)).toBe(13); // 12.5 goes up
    expect(percentOf(3, 8)).toBe(38); // 37.5 goes up
    expect(percentOf(1, 4)).toBe(25);
  });

  it('shows 0 % only for nobody and 100 % only for everybody', () => {
    expect(percentOf(0, 1000)).toBe(0);
    expect(percentOf(1, 1000)).toBe(1);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1000, 1000)).toBe(100);
  });

  it('is 0 when there is no ballot', () => {
    expect(percentOf(0, 0)).toBe(0);
  });

  it('never decreases when the count grows, and equal counts give equal percentages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(5000), (ballots, raw) => {
        const count = raw % (ballots + 1);
        const p = percentOf(count, ballots);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
        if (count < ballots) expect(percentOf(count + 1, ballots)).toBeGreaterThanOrEqual(p);
        expect(Math.abs(p - (count * 100) / ballots)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('turnoutOf', () => {
  it('divides ballots by people present, within 0..1', () => {
    expect(turnoutOf(23, 27)).toBeCloseTo(23 / 27, 10);
    expect(turnoutOf(0, 27)).toBe(0);
    expect(turnoutOf(30, 27)).toBe(1);
    expect(turnoutOf(0, 0)).toBe(0);
    expect(turnoutOf(2, 0)).toBe(1);
  });
});

describe('tallyPoll', () => {
  it('gives totals, percentages of ballots and turnout for a yes/no poll', () => {
    const results = tallyPoll({
      kind: 'yes_no',
      choices: yesNo,
      counts: [row('professional', 'yes', 10), row('professional', 'no', 4), row('concerned', 'yes', 5), row('concerned', 'no', 4)],
      ballotsByStandpoint: [ballotsOf('professional', 14), ballotsOf('concerned', 9)],
      present: 27,
      standpointOrder: ['concerned', 'professional'],
    });
    expect(results.ballots).toBe(23);
    expect(results.present).toBe(27);
    expect(results.turnout).toBeCloseTo(23 / 27, 10);
    expect(results.choices).toEqual([
      { id: 'yes', label: 'Oui', count: 15, percent: 65 },
      { id: 'no', label: 'Non', count: 8, percent: 35 },
    ]);
    expect(results.mean).toBeNull();
    expect(results.byStandpoint).toEqual([
      {
        key: 'concerned',
        ballots: 9,
        mergedKeys: ['concerned'],
        choices: [
          { id: 'yes', count: 5, percent: 56 },
          { id: 'no', count: 4, percent: 44 },
        ],
        mean: null,
      },
      {
        key: 'professional',
        ballots: 14,
        mergedKeys: ['professional'],
        choices: [
          { id: 'yes', count: 10, percent: 71 },
          { id: 'no', count: 4, percent: 29 },
        ],
        mean: null,
      },
    ]);
  });

  it('merges standpoints below the threshold into "_others", undisclosed ballots included', () => {
    const results = tallyPoll({
      kind: 'single',
      choices: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
      counts: [row('professional', 'a', 6), row('elected', 'b', 1), row(null, 'c', 2), row('student', 'a', 5)],
      ballotsByStandpoint: [ballotsOf('professional', 6), ballotsOf('elected', 1), ballotsOf(null, 2), ballotsOf('student', 5)],
      present: 20,
      standpointOrder: ['professional', 'student', 'elected'],
    });
    expect(results.byStandpoint.map((g) => [g.key, g.ballots, g.mergedKeys])).toEqual([
      ['professional', 6, ['professional']],
      ['student', 5, ['student']],
      ['_others', 3, ['elected', '_undisclosed']],
    ]);
    expect(results.byStandpoint[2]?.choices).toEqual([
      { id: 'a', count: 0, percent: 0 },
      { id: 'b', count: 1, percent: 33 },
      { id: 'c', count: 2, percent: 67 },
    ]);
  });

  it('a room smaller than the threshold is one "_others" group that does not say which standpoints it holds', () => {
    const results = tallyPoll({
      kind: 'yes_no',
      choices: [
        { id: 'yes', label: 'Oui' },
        { id: 'no', label: 'Non' },
      ],
      counts: [row('elected', 'yes', 1)],
      ballotsByStandpoint: [ballotsOf('elected', 1)],
      present: 1,
    });
    expect(results.byStandpoint.map((g) => [g.key, g.ballots, g.mergedKeys])).toEqual([['_others', 1, []]]);
    expect(JSON.stringify(results)).not.toContain('elected');
  });

  it('does not single out a lone voter: the next-smallest standpoint joins "_others"', () => {
    const results = tallyPoll({
      kind: 'yes_no',
      choices: yesNo,
      counts: [row('professional', 'yes', 12), row('concerned', 'no', 4), row('elected', 'yes', 1)],
      ballotsByStandpoint: [ballotsOf('professional', 12), ballotsOf('concerned', 4), ballotsOf('elected', 1)],
      present: 17,
    });
    const others = results.byStandpoint.find((g) => g.key === '_others');
    expect(others?.mergedKeys).toEqual(['concerned', 'elected']);
    expect(others?.choices.map((c) => c.count)).toEqual([1, 4]);
    expect(results.byStandpoint.every((g) => g.ballots >= 3)).toBe(true);
  });

  it('lets a multiple-choice poll add up to more than 100 %', () => {
    const results = tallyPoll({
      kind: 'multiple',
      choices: [
        { id: 'housing', label: 'Logement' },
        { id: 'health', label: 'Santé' },
        { id: 'work', label: 'Emploi' },
      ],
      counts: [row('professional', 'housing', 4), row('professional', 'health', 3), row('professional', 'work', 1)],
      ballotsByStandpoint: [ballotsOf('professional', 4)],
      present: 4,
    });
    expect(results.choices.map((c) => c.percent)).toEqual([100, 75, 25]);
    expect(results.turnout).toBe(1);
  });

  it('gives the mean of a scale poll, as a whole and by standpoint, points valued from 1', () => {
    const scale = [1, 2, 3, 4, 5].map((n) => ({ id: `p${n}`, label: String(n) }));
    const results = tallyPoll({
      kind: 'scale',
      choices: scale,
      counts: [row('professional', 'p5', 2), row('professional', 'p4', 1), row('concerned', 'p1', 2), row('concerned', 'p2', 1)],
      ballotsByStandpoint: [ballotsOf('professional', 3), ballotsOf('concerned', 3)],
      present: 6,
      standpointOrder: ['professional', 'concerned'],
    });
    expect(results.mean).toBe(3); // (5+5+4+1+1+2) / 6
    expect(results.byStandpoint.map((g) => g.mean)).toEqual([4.67, 1.33]);
  });

  it('reports zeros and no mean when nobody has voted yet', () => {
    const results = tallyPoll({
      kind: 'scale',
      choices: [
        { id: 'p1', label: '1' },
        { id: 'p2', label: '2' },
      ],
      counts: [],
      ballotsByStandpoint: [],
      present: 12,
    });
    expect(results).toEqual({
      kind: 'scale',
      ballots: 0,
      present: 12,
      turnout: 0,
      choices: [
        { id: 'p1', label: '1', count: 0, percent: 0 },
        { id: 'p2', label: '2', count: 0, percent: 0 },
      ],
      mean: null,
      byStandpoint: [],
    });
  });

  it('orders standpoints missing from the given order by key, with undisclosed last', () => {
    const results = tallyPoll({
      kind: 'yes_no',
      choices: yesNo,
      counts: [row(null, 'yes', 3), row('volunteer', 'yes', 3), row('elected', 'no', 3), row('concerned', 'yes', 3)],
      ballotsByStandpoint: [ballotsOf(null, 3), ballotsOf('volunteer', 3), ballotsOf('elected', 3), ballotsOf('concerned', 3)],
      present: 12,
      standpointOrder: ['volunteer'],
    });
    expect(results.byStandpoint.map((g) => g.key)).toEqual(['volunteer', 'concerned', 'elected', '_undisclosed']);
  });

  it('honours a custom threshold', () => {
    const input = {
      kind: 'yes_no' as const,
      choices: yesNo,
      counts: [row('a', 'yes', 4), row('b', 'no', 4)],
      ballotsByStandpoint: [ballotsOf('a', 4), ballotsOf('b', 4)],
      present: 8,
    };
    expect(tallyPoll(input).byStandpoint).toHaveLength(2);
    expect(tallyPoll({ ...input, threshold: 5 }).byStandpoint.map((g) => g.key)).toEqual(['_others']);
  });

  it('refuses rows that do not add up, naming the problem', () => {
    const base = { kind: 'single' as const, choices: yesNo, present: 5 };
    expect(() => tallyPoll({ ...base, counts: [row('a', 'maybe', 1)], ballotsByStandpoint: [ballotsOf('a', 1)] })).toThrow(/unknown choice/);
    expect(() => tallyPoll({ ...base, counts: [row('a', 'yes', 2)], ballotsByStandpoint: [ballotsOf('a', 1)] })).toThrow(/more choices/);
    expect(() =>
      tallyPoll({ ...base, counts: [row('a', 'yes', 1), row('a', 'no', 1)], ballotsByStandpoint: [ballotsOf('a', 1)] }),
    ).toThrow(/more choices/);
    expect(() => tallyPoll({ ...base, counts: [row('a', 'yes', -1)], ballotsByStandpoint: [ballotsOf('a', 1)] })).toThrow(/invalid count/);
    expect(() => tallyPoll({ ...base, counts: [], ballotsByStandpoint: [ballotsOf('a', 0.5)] })).toThrow(/invalid ballot/);
    expect(() => tallyPoll({ ...base, present: -1, counts: [], ballotsByStandpoint: [] })).toThrow(/present/);
    expect(() =>
      tallyPoll({ ...base, choices: [...yesNo, { id: 'yes', label: 'Encore' }], counts: [], ballotsByStandpoint: [] }),
    ).toThrow(/share an id/);
  });

  it('keeps totals consistent with the breakdown for any consistent set of ballots', () => {
    const ballot = fc.record({
      standpoint: fc.constantFrom('concerned', 'professional', 'student', 'elected', null),
      picks: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (ballots, threshold) => {
        const choices = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() }));
        const counts = new Map<string, ChoiceCountRow>();
        const perStandpoint = new Map<string | null, number>();
        for (const b of ballots) {
          perStandpoint.set(b.standpoint, (perStandpoint.get(b.standpoint) ?? 0) + 1);
          for (const p of b.picks) {
            const choiceId = choices[p]?.id ?? 'a';
            const key = `${b.standpoint}/${choiceId}`;
            const existing = counts.get(key) ?? row(b.standpoint, choiceId, 0);
            counts.set(key, { ...existing, count: existing.count + 1 });
          }
        }
        const results = tallyPoll({
          kind: 'multiple',
          choices,
          counts: [...counts.values()],
          ballotsByStandpoint: [...perStandpoint].map(([s, n]) => ballotsOf(s, n)),
          present: ballots.length + 2,
          threshold,
        });
        expect(results.ballots).toBe(ballots.length);
        expect(results.byStandpoint.reduce((s, g) => s + g.ballots, 0)).toBe(ballots.length);
        results.choices.forEach((choice, i) => {
          const expected = ballots.filter((b) => b.picks.includes(i)).length;
          expect(choice.count).toBe(expected);
          expect(results.byStandpoint.reduce((s, g) => s + (g.choices[i]?.count ?? 0), 0)).toBe(expected);
        });
        if (results.byStandpoint.length > 1) {
          for (const g of results.byStandpoint) expect(g.ballots).toBeGreaterThanOrEqual(threshold);
        }
      }),
    );
  });
});
