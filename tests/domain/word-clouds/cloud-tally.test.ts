import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyCloud, type CloudEntry } from '../../../server/src/domain/word-clouds/cloud-tally';

const none = { hiddenKeys: new Set<string>() };
const e = (text: string, standpoint: string | null = 'professional'): CloudEntry => ({ text, standpoint });

describe('tallyCloud', () => {
  it('counts spellings of one word together and shows the most frequent spelling', () => {
    const results = tallyCloud(
      [e('Motivée'), e('motivé'), e('MOTIVÉS'), e('motivé'), e('« motivées ! »'), e('écoute'), e('Écoute')],
      none,
    );
    expect(results.words.map((w) => [w.key, w.display, w.count])).toEqual([
      ['motive', 'motivé', 5],
      ['ecout', 'écoute', 2],
    ]);
    expect(results.entries).toBe(7);
  });

  it('breaks a tie between spellings in favour of the one seen first', () => {
    const results = tallyCloud([e('Solidarité'), e('solidarité'), e('solidarités'), e('Solidarité'), e('solidarité')], none);
    expect(results.words[0]?.display).toBe('Solidarité');
    const reversed = tallyCloud([e('solidarité'), e('Solidarité'), e('Solidarité'), e('solidarité')], none);
    expect(reversed.words[0]?.display).toBe('solidarité');
  });

  it('sorts by count, most frequent first, then by display in French order', () => {
    const results = tallyCloud(
      [e('zèle'), e('écoute'), e('accueil'), e('respect'), e('respect'), e('Égalité'), e('dignité')],
      none,
    );
    expect(results.words.map((w) => w.display)).toEqual(['respect', 'accueil', 'dignité', 'écoute', 'Égalité', 'zèle']);
  });

  it('leaves blocked entries out of the cloud and only counts them', () => {
    const results = tallyCloud([e('connard'), e('C0nnard'), e('écoute'), e('fils de pute')], none);
    expect(results.words.map((w) => w.key)).toEqual(['ecout']);
    expect(results.blockedCount).toBe(3);
    expect(results.hidden).toEqual([]);
    expect(JSON.stringify({ ...results, blocked: [] })).not.toMatch(/onnard|pute/);
    // Disguises are seen through by the blocklist, not by the grouping key.
    expect(results.blocked.map((w) => [w.key, w.count])).toEqual([
      ['c0nnard', 1],
      ['connard', 1],
      ['fils de pute', 1],
    ]);
  });

  it('lets a facilitator restore a blocked key, and trusts a blocked flag stored with the entry', () => {
    const entries = [{ text: 'Tapette', standpoint: null, count: 2 }, e('écoute')];
    expect(tallyCloud(entries, none).blockedCount).toBe(2);
    const restored = tallyCloud(entries, { ...none, restoredKeys: new Set(['tapette']) });
    expect(restored.words.map((w) => [w.display, w.count])).toEqual([
      ['Tapette', 2],
      ['écoute', 1],
    ]);
    expect(restored.blockedCount).toBe(0);
    const flagged = tallyCloud([{ text: 'écoute', standpoint: null, blocked: true }, e('Écoute')], none);
    expect(flagged.words).toEqual([]);
    expect(flagged.blocked).toEqual([{ key: 'ecout', display: 'écoute', count: 2 }]);
  });

  it('tallies rows aggregated by spelling and standpoint like the entries they stand for', () => {
    const rows = [
      { text: 'motivé', standpoint: 'professional', count: 3 },
      { text: 'Motivée', standpoint: 'concerned', count: 4 },
      { text: 'motivés', standpoint: null, count: 0 },
    ];
    const [word] = tallyCloud(rows, none).words;
    expect([word?.display, word?.count]).toEqual(['Motivée', 7]);
    expect(word?.byStandpoint.map((g) => [g.key, g.count])).toEqual([
      ['concerned', 4],
      ['professional', 3],
    ]);
    expect(() => tallyCloud([{ text: 'lien', standpoint: null, count: -1 }], none)).toThrow(/invalid entry count/);
  });

  it('gives one cloud per standpoint group, grouped on the number of people', () => {
    const rows = [
      { text: 'écoute', standpoint: 'concerned', count: 3 },
      { text: 'respect', standpoint: 'concerned', count: 1 },
      { text: 'écoute', standpoint: 'professional', count: 1 },
      { text: 'moyens', standpoint: 'professional', count: 4 },
      { text: 'moyens', standpoint: 'elected', count: 1 },
      { text: 'lien', standpoint: null, count: 1 },
      { text: 'connard', standpoint: 'concerned', count: 1 },
    ];
    const results = tallyCloud(rows, {
      ...none,
      hiddenKeys: new Set(['respect']),
      standpointOrder: ['concerned', 'professional', 'elected'],
      contributorsByStandpoint: [
        { standpoint: 'concerned', contributors: 3 },
        { standpoint: 'professional', contributors: 4 },
        { standpoint: 'elected', contributors: 1 },
        { standpoint: null, contributors: 2 },
      ],
    });
    expect(results.contributors).toBe(10);
    expect(results.byStandpoint).toEqual([
      { key: 'concerned', contributors: 3, mergedKeys: ['concerned'], words: [{ key: 'ecout', display: 'écoute', count: 3 }] },
      {
        key: 'professional',
        contributors: 4,
        mergedKeys: ['professional'],
        words: [
          { key: 'moyen', display: 'moyens', count: 4 },
          { key: 'ecout', display: 'écoute', count: 1 },
        ],
      },
      {
        key: '_others',
        contributors: 3,
        mergedKeys: ['elected', '_undisclosed'],
        words: [
          { key: 'lien', display: 'lien', count: 1 },
          { key: 'moyen', display: 'moyens', count: 1 },
        ],
      },
    ]);
  });

  it('applies a workshop\'s extra blocked words', () => {
    const results = tallyCloud([e('patate'), e('écoute')], { ...none, extraBlocked: ['patate'] });
    expect(results.words.map((w) => w.key)).toEqual(['ecout']);
    expect(results.blockedCount).toBe(1);
  });

  it('lists hidden keys apart with their display and count, so that they can be restored', () => {
    const results = tallyCloud([e('Lenteur'), e('lenteurs'), e('lenteur'), e('écoute')], {
      hiddenKeys: new Set(['lenteu']),
    });
    expect(results.words.map((w) => w.key)).toEqual(['ecout']);
    expect(results.hidden).toEqual([{ key: 'lenteu', display: 'Lenteur', count: 3 }]);
    expect(results.entries).toBe(1);
  });

  it('ignores entries with nothing to read', () => {
    const results = tallyCloud([e('!!!'), e('   '), e('écoute')], none);
    expect(results.words).toHaveLength(1);
    expect(results.blockedCount).toBe(0);
  });

  it('breaks each word down by standpoint without showing a group below the threshold', () => {
    const entries = [
      ...Array.from({ length: 4 }, () => e('confiance', 'professional')),
      ...Array.from({ length: 3 }, () => e('confiance', 'concerned')),
      e('confiance', 'elected'),
      e('confiance', null),
      e('confiance', 'student'),
    ];
    const [word] = tallyCloud(entries, { ...none, standpointOrder: ['concerned', 'professional', 'student', 'elected'] }).words;
    expect(word?.count).toBe(10);
    expect(word?.byStandpoint).toEqual([
      { key: 'concerned', count: 3, mergedKeys: ['concerned'] },
      { key: 'professional', count: 4, mergedKeys: ['professional'] },
      { key: '_others', count: 3, mergedKeys: ['student', 'elected', '_undisclosed'] },
    ]);
  });

  it('does not let "autres" single out one person: the next-smallest group joins it', () => {
    const entries = [
      ...Array.from({ length: 5 }, () => e('logement', 'professional')),
      ...Array.from({ length: 3 }, () => e('logement', 'concerned')),
      e('logement', 'elected'),
    ];
    const [word] = tallyCloud(entries, none).words;
    expect(word?.byStandpoint.map((g) => [g.key, g.count])).toEqual([
      ['professional', 5],
      ['_others', 4],
    ]);
  });

  it('honours a custom threshold', () => {
    const entries = [e('lien', 'a'), e('lien', 'b')];
    expect(tallyCloud(entries, { ...none, threshold: 1 }).words[0]?.byStandpoint.map((g) => g.key)).toEqual(['a', 'b']);
    expect(tallyCloud(entries, none).words[0]?.byStandpoint.map((g) => g.key)).toEqual(['_others']);
  });

  it('returns an empty cloud for no entries', () => {
    expect(tallyCloud([], none)).toEqual({ entries: 0, words: [], hidden: [], blockedCount: 0, blocked: [], contributors: 0, byStandpoint: [] });
  });

  it('accounts for every entry exactly once, whatever the entries', () => {
    const vocabulary = ['motivé', 'Motivées', 'écoute', 'connard', 'lien', 'Liens', '!!', 'p*te', 'respect', 'confiance'];
    const entry = fc.record({
      text: fc.constantFrom(...vocabulary),
      standpoint: fc.constantFrom('a', 'b', 'c', null),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.subarray(['motive', 'lien', 'ecout']), (entries, hiddenList) => {
        const results = tallyCloud(entries, { hiddenKeys: new Set(hiddenList) });
        const empty = entries.filter((x) => x.text === '!!').length;
        const hiddenCount = results.hidden.reduce((s, w) => s + w.count, 0);
        expect(results.entries + hiddenCount + results.blockedCount + empty).toBe(entries.length);
        for (const word of results.words) {
          expect(word.byStandpoint.reduce((s, g) => s + g.count, 0)).toBe(word.count);
          if (word.byStandpoint.length > 1) for (const g of word.byStandpoint) expect(g.count).toBeGreaterThanOrEqual(3);
          expect(hiddenList).not.toContain(word.key);
        }
        for (let i = 1; i < results.words.length; i += 1) {
          expect(results.words[i - 1]?.count ?? 0).toBeGreaterThanOrEqual(results.words[i]?.count ?? 0);
        }
      }),
    );
  });
});
