import { describe, expect, it } from 'vitest';
import { buildEntryContent, thresholdCounts } from '../../../server/src/domain/records/build-entry';
import { toEntry } from '../../../server/src/domain/records/group-views';
import { recordEntrySchema } from '../../../shared/schemas/records';
import { sampleInputs, storedVersion } from './entry-fixtures';

describe('buildEntryContent', () => {
  it('applies the privacy threshold to attendance: the lone elected official and the two undisclosed are « autres »', () => {
    const content = buildEntryContent(sampleInputs());
    expect(content.attendance).toEqual({
      total: 12,
      byStandpoint: [
        { key: 'concerned', count: 5, mergedKeys: ['concerned'] },
        { key: 'professional', count: 4, mergedKeys: ['professional'] },
        { key: '_others', count: 3, mergedKeys: ['elected', '_undisclosed'] },
      ],
    });
  });

  it('applies the privacy threshold to proposal supports and keeps their total', () => {
    const [adopted, voting] = buildEntryContent(sampleInputs()).proposals;
    expect(adopted?.supports).toEqual({
      total: 8,
      byStandpoint: [
        { key: 'concerned', count: 4, mergedKeys: ['concerned'] },
        { key: '_others', count: 4, mergedKeys: ['professional', 'elected'] },
      ],
    });
    // Two supporters in all: the record says how many, not where they came from.
    expect(voting?.supports).toEqual({ total: 2, byStandpoint: [{ key: '_others', count: 2, mergedKeys: [] }] });
  });

  it('does not tell how a lone voter voted when their ballot is the only one', () => {
    const inputs = sampleInputs();
    const poll = inputs.polls[0]!;
    const lone = {
      ...poll,
      results: {
        ...poll.results!,
        ballots: 1,
        choices: [{ id: '0', label: 'Oui', count: 1, percent: 100 }, { id: '1', label: 'Non', count: 0, percent: 0 }],
        byStandpoint: [{ key: 'elected', ballots: 1, mergedKeys: ['elected'], choices: [{ id: '0', count: 1, percent: 100 }, { id: '1', count: 0, percent: 0 }], mean: null }],
      },
    };
    const [recorded] = buildEntryContent({ ...inputs, polls: [lone] }).polls;
    expect(recorded?.byStandpoint.map((g) => [g.key, g.mergedKeys, g.ballots])).toEqual([['_others', [], 1]]);
    expect(JSON.stringify(recorded)).not.toContain('elected');
  });

  it('maps proposal statuses: a proposal being voted on is in progress and has no decision date', () => {
    const [adopted, voting] = buildEntryContent(sampleInputs()).proposals;
    expect(adopted).toMatchObject({ status: 'adopted', decidedAt: '2026-11-22T10:30:00.000Z', theme: 'Formation', text: '# Proposition\n\nFormer **toutes** les équipes.' });
    expect(voting).toMatchObject({ status: 'in_progress', decidedAt: null, theme: null });
  });

  it('leaves out polls that never opened and orders activities as in the agenda', () => {
    const content = buildEntryContent(sampleInputs());
    expect(content.polls.map((p) => p.itemId)).toEqual(['poll-0001']);
    expect(content.polls[0]).toMatchObject({ ballots: 9, present: 12, turnout: 0.75, state: 'closed' });
  });

  it('keeps a cloud’s visible words only: nothing of the hidden or blocklisted ones', () => {
    const content = buildEntryContent(sampleInputs());
    const text = JSON.stringify(content);
    expect(content.wordClouds[0]?.words.map((w) => w.display)).toEqual(['Écoute']);
    expect(text).not.toContain('Caché');
    expect(text).not.toContain('Insulte');
  });

  it('labels every standpoint of the workshop, then « Sans précision » and « Autres regards »', () => {
    const keys = buildEntryContent(sampleInputs()).standpoints.map((s) => s.key);
    expect(keys).toEqual(['concerned', 'professional', 'student', 'elected', 'volunteer', 'partner', 'other', '_undisclosed', '_others']);
  });

  it('keeps contributions as anonymous texts with their supports, without their ids', () => {
    expect(buildEntryContent(sampleInputs()).contributions).toEqual([{ kind: 'question', text: '=SOMME(A1) ; une "question"', supports: 2, handled: 'read' }]);
  });

  it('records no board when the workshop had none', () => {
    expect(buildEntryContent(sampleInputs({ board: null })).board).toBeNull();
  });

  it('makes entries that the documented schema validates', () => {
    const parsed = recordEntrySchema.safeParse(toEntry(storedVersion({ workshopId: 'workshop-01' })));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
  });
});

describe('thresholdCounts', () => {
  it('shows nobody alone below the threshold, and adds up to everyone', () => {
    const groups = thresholdCounts(
      [
        { standpoint: 'concerned', count: 2 },
        { standpoint: 'professional', count: 2 },
        { standpoint: 'student', count: 7 },
      ],
      ['concerned', 'professional', 'student'],
      3,
    );
    expect(groups).toEqual([
      { key: 'student', count: 7, mergedKeys: ['student'] },
      { key: '_others', count: 4, mergedKeys: ['concerned', 'professional'] },
    ]);
  });

  it('adds up rows of the same standpoint before applying the threshold', () => {
    expect(thresholdCounts([{ standpoint: null, count: 2 }, { standpoint: null, count: 2 }], [], 3)).toEqual([
      { key: '_undisclosed', count: 4, mergedKeys: ['_undisclosed'] },
    ]);
  });

  it('does not say where a few people came from when they are everybody', () => {
    expect(thresholdCounts([{ standpoint: 'elected', count: 1 }, { standpoint: 'student', count: 1 }], [], 3)).toEqual([{ key: '_others', count: 2, mergedKeys: [] }]);
    expect(thresholdCounts([{ standpoint: 'elected', count: 1 }], [], 3)).toEqual([{ key: '_others', count: 1, mergedKeys: [] }]);
  });
});
