import { describe, expect, it } from 'vitest';
import { compareOf, contributionOf, currentOf, currentVersions, normaliseQuestion, participationOf, timelineOf } from '../../../server/src/domain/records/group-views';
import { storedVersion } from './entry-fixtures';

const group = { id: 'group-0001', name: 'Accès aux droits', purpose: '' };

describe('current versions', () => {
  it('is the latest version not withdrawn, and none when all are withdrawn', () => {
    const v1 = storedVersion({ workshopId: 'w1', version: 1 });
    const v2 = storedVersion({ workshopId: 'w1', version: 2, withdrawn: true });
    expect(currentOf([v2, v1])?.version).toBe(1);
    expect(currentOf([{ ...v1, withdrawn: v2.withdrawn }, v2])).toBeNull();
  });

  it('lists one version per workshop, oldest workshop first', () => {
    const list = currentVersions([
      storedVersion({ workshopId: 'w2', date: '2026-12-01' }),
      storedVersion({ workshopId: 'w1', date: '2026-10-01' }),
      storedVersion({ workshopId: 'w1', version: 2, date: '2026-10-01' }),
    ]);
    expect(list.map((v) => [v.workshopId, v.version])).toEqual([
      ['w1', 2],
      ['w2', 1],
    ]);
  });
});

describe('timeline', () => {
  it('shows the most recent workshop first, with all its versions and the current one', () => {
    const view = timelineOf(group, [
      storedVersion({ workshopId: 'w1', date: '2026-10-01' }),
      storedVersion({ workshopId: 'w2', date: '2026-12-01', version: 1 }),
      storedVersion({ workshopId: 'w2', date: '2026-12-01', version: 2, withdrawn: true }),
    ]);
    expect(view.entries.map((e) => [e.workshopId, e.current.version, e.versions.length])).toEqual([
      ['w2', 1, 2],
      ['w1', 1, 1],
    ]);
    expect(view.entries[0]?.counts).toEqual({ attended: 12, polls: 1, wordClouds: 1, proposals: 2, adoptedProposals: 1, contributions: 1 });
  });
});

describe('participation over time', () => {
  it('gives each workshop’s attendance by standpoint, oldest first, without withdrawn versions', () => {
    const view = participationOf(group, [
      storedVersion({ workshopId: 'w2', date: '2026-12-01', inputs: { attended: [{ standpoint: 'concerned', count: 8 }] } }),
      storedVersion({ workshopId: 'w1', date: '2026-10-01' }),
      storedVersion({ workshopId: 'w3', date: '2026-11-01', withdrawn: true }),
    ]);
    expect(view.workshops.map((w) => [w.workshopId, w.attendance.total])).toEqual([
      ['w1', 12],
      ['w2', 8],
    ]);
    expect(view.privacyThreshold).toBe(3);
  });
});

describe('compare', () => {
  it('normalises questions: case, accents, punctuation, inclusive dots and spacing do not matter', () => {
    expect(normaliseQuestion('Êtes-vous satisfait·e ?')).toBe(normaliseQuestion('etes vous  SATISFAIT.E'));
    expect(normaliseQuestion('L’accueil, c’est bien ?')).toBe('l accueil c est bien');
    expect(normaliseQuestion('Êtes-vous satisfait ?')).not.toBe(normaliseQuestion('Êtes-vous satisfaite de l’accueil ?'));
  });

  it('lists only the questions asked in at least two workshops, unless one question is asked for', () => {
    const versions = [storedVersion({ workshopId: 'w1', date: '2026-10-01' }), storedVersion({ workshopId: 'w2', date: '2026-11-01' })];
    const both = compareOf(group, versions);
    expect(both.questions.map((q) => [q.key, q.occurrences.map((o) => o.workshopId)])).toEqual([['etes vous bien accueilli e', ['w1', 'w2']]]);
    expect(compareOf(group, versions.slice(0, 1)).questions).toEqual([]);
    expect(compareOf(group, versions.slice(0, 1), 'ÊTES VOUS BIEN ACCUEILLI.E').questions[0]?.occurrences).toHaveLength(1);
  });
});

describe('group contribution', () => {
  it('gathers adopted proposals by theme, alphabetically, those without a theme last, with where and when', () => {
    const noTheme = storedVersion({
      workshopId: 'w2',
      date: '2026-12-01',
      title: 'Atelier de décembre',
      inputs: { proposals: [{ id: 'p9', title: 'Sans thème', markdown: 'Texte', status: 'adopted', decidedAt: '2026-12-01T10:00:00.000Z', theme: null, supporters: [] }] },
    });
    const accueil = storedVersion({
      workshopId: 'w3',
      date: '2026-11-01',
      inputs: { proposals: [{ id: 'p8', title: 'Accueillir', markdown: 'Texte', status: 'adopted', decidedAt: null, theme: 'Accueil', supporters: [] }] },
    });
    const view = contributionOf(group, [noTheme, storedVersion({ workshopId: 'w1' }), accueil], '2026-12-24T00:00:00.000Z');
    expect(view.themes.map((t) => [t.theme, t.proposals.map((p) => p.title)])).toEqual([
      ['Accueil', ['Accueillir']],
      ['Formation', ['Former les équipes']],
      [null, ['Sans thème']],
    ]);
    expect(view.themes[2]?.proposals[0]).toMatchObject({ workshop: { id: 'w2', title: 'Atelier de décembre', date: '2026-12-01' }, adoptedAt: '2026-12-01T10:00:00.000Z' });
    expect(JSON.stringify(view)).not.toContain('Ouvrir le samedi');
  });
});
