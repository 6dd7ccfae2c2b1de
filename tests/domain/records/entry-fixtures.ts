import { buildEntryContent, type EntryInputs } from '../../../server/src/domain/records/build-entry';
import type { StoredRecordVersion } from '../../../server/src/domain/records/record-store';
import { DEFAULT_STANDPOINTS } from '../../../shared/standpoints';

/** Inputs of a small workshop: one closed poll, one word cloud, a board, two proposals, one contribution. */
export function sampleInputs(overrides: Partial<EntryInputs> = {}): EntryInputs {
  return {
    group: { id: 'group-0001', name: 'Accès aux droits', purpose: 'Faciliter l’accès aux droits' },
    workshop: { title: 'Atelier « accueil »', date: '2026-11-22', state: 'closed', openedAt: '2026-11-22T09:00:00.000Z', closedAt: '2026-11-22T11:00:00.000Z', standpoints: DEFAULT_STANDPOINTS },
    threshold: 3,
    attended: [
      { standpoint: 'concerned', count: 5 },
      { standpoint: 'professional', count: 4 },
      { standpoint: 'elected', count: 1 },
      { standpoint: null, count: 2 },
    ],
    polls: [
      {
        item: { id: 'poll-0001', position: 2, state: 'closed', openedAt: '2026-11-22T09:10:00.000Z', closedAt: '2026-11-22T09:20:00.000Z' },
        question: 'Êtes-vous bien accueilli·e ?',
        kind: 'yes_no',
        maxChoices: 1,
        scale: null,
        results: {
          kind: 'yes_no',
          ballots: 9,
          present: 12,
          turnout: 0.75,
          mean: null,
          choices: [
            { id: '0', label: 'Oui', count: 6, percent: 67 },
            { id: '1', label: 'Non', count: 3, percent: 33 },
          ],
          byStandpoint: [
            { key: 'concerned', ballots: 5, mergedKeys: ['concerned'], choices: [{ id: '0', count: 4, percent: 80 }, { id: '1', count: 1, percent: 20 }], mean: null },
            { key: 'professional', ballots: 4, mergedKeys: ['professional'], choices: [{ id: '0', count: 2, percent: 50 }, { id: '1', count: 2, percent: 50 }], mean: null },
          ],
        },
      },
      {
        item: { id: 'poll-0002', position: 1, state: 'draft', openedAt: null, closedAt: null },
        question: 'Jamais posée',
        kind: 'yes_no',
        maxChoices: 1,
        scale: null,
        results: null,
      },
    ],
    wordClouds: [
      {
        item: { id: 'cloud-0001', position: 3, state: 'open', openedAt: '2026-11-22T09:30:00.000Z', closedAt: null },
        prompt: 'Un mot ?',
        maxEntries: 3,
        results: {
          entries: 4,
          contributors: 4,
          words: [{ key: 'ecout', display: 'Écoute', count: 4, byStandpoint: [{ key: '_others', count: 4, mergedKeys: ['concerned', 'professional'] }] }],
          byStandpoint: [{ key: '_others', contributors: 4, mergedKeys: ['concerned', 'professional'], words: [{ key: 'ecout', display: 'Écoute', count: 4 }] }],
          hidden: [{ key: 'cach', display: 'Caché', count: 2 }],
          blocked: [{ key: 'insult', display: 'Insulte', count: 1 }],
          blockedCount: 1,
        },
      },
    ],
    board: { columns: [{ id: 'col-0001', title: 'Formation', cards: [{ id: 'card-0001', text: 'Former à l’accueil', dots: 7 }] }] },
    proposals: [
      { id: 'prop-0001', title: 'Former les équipes', markdown: '# Proposition\n\nFormer **toutes** les équipes.', status: 'adopted', decidedAt: '2026-11-22T10:30:00.000Z', theme: 'Formation', supporters: [{ standpoint: 'concerned', count: 4 }, { standpoint: 'elected', count: 1 }, { standpoint: 'professional', count: 3 }] },
      { id: 'prop-0002', title: 'Ouvrir le samedi', markdown: 'Ouvrir le samedi matin.', status: 'voting', decidedAt: null, theme: null, supporters: [{ standpoint: 'concerned', count: 2 }] },
    ],
    speaking: {
      total: { turns: 3, speakingMs: 95_000, contributions: 1 },
      groups: [
        { key: 'concerned', mergedKeys: ['concerned'], turns: 2, speakingMs: 60_000, contributions: 1 },
        { key: 'professional', mergedKeys: ['professional'], turns: 1, speakingMs: 35_000, contributions: 0 },
      ],
      threshold: 3,
    },
    contributions: [{ id: 'contrib-0001', text: '=SOMME(A1) ; une "question"', kind: 'question', supports: 2, handled: 'read' }],
    ...overrides,
  };
}

let versions = 0;

/** A stored version of a workshop, as the store would give it. */
export function storedVersion(options: { workshopId: string; version?: number; date?: string; title?: string; withdrawn?: boolean; inputs?: Partial<EntryInputs> }): StoredRecordVersion {
  const base = sampleInputs(options.inputs);
  const content = buildEntryContent({ ...base, workshop: { ...base.workshop, date: options.date ?? base.workshop.date, title: options.title ?? base.workshop.title } });
  return {
    id: `version-${++versions}`,
    groupId: 'group-0001',
    workshopId: options.workshopId,
    version: options.version ?? 1,
    pushedAt: `2026-11-22T12:00:${String(versions % 60).padStart(2, '0')}.000Z`,
    pushedBy: 'facilitator',
    summary: '',
    content,
    withdrawn: options.withdrawn ? { at: '2026-11-23T08:00:00.000Z', reason: 'erreur' } : null,
  };
}
