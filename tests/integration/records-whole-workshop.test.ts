import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEntrySchema } from '../../shared/schemas/records';
import type { RecordEntry, RecordPushedView } from '../../shared/views-records';
import { startTestServer, type TestServer } from '../helpers/server';
import { breakdowns, CARD, clientId, ok, PROMPT, PROPOSAL, QUESTION, runWorkshop, waitForVersions } from './records-helpers';

describe('a whole workshop pushed to its working group', () => {
  let server: TestServer;
  let run: Awaited<ReturnType<typeof runWorkshop>>;
  let pushed: RecordPushedView[];
  let first: { entry: { version: number; pushedBy: string }; created: boolean };
  let resent: { entry: { version: number }; created: boolean };
  let entry: RecordEntry;
  const summary = 'Résumé de l’animation : **l’accueil** revient partout.\n\n- horaires\n- écoute';

  beforeAll(async () => {
    server = await startTestServer();
    run = await runWorkshop(server);
    pushed = [];
    run.facilitator.on('record:pushed', (v) => pushed.push(v));
    const pushId = clientId();
    first = await ok(run.facilitator, 'record:push', { summary, pushId });
    resent = await ok(run.facilitator, 'record:push', { summary: 'ignored: same push id', pushId });
    await ok(run.facilitator, 'workshop:close', {});
    const versions = await waitForVersions(server, run.workshop.id, 2);
    entry = await server.organiser.recordEntry(run.workshop.id, versions[1]!.version);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('stores the facilitator’s push as version 1 and answers a resent push with that same version', () => {
    expect(first.created).toBe(true);
    expect(first.entry.version).toBe(1);
    expect(first.entry.pushedBy).toBe('facilitator');
    expect(resent.created).toBe(false);
    expect(resent.entry.version).toBe(1);
  });

  it('pushes again when the workshop closes, as version 2, keeping the summary given earlier', async () => {
    const versions = await server.organiser.recordVersions(run.workshop.id);
    expect(versions.map((v) => [v.version, v.pushedBy])).toEqual([
      [1, 'facilitator'],
      [2, 'workshop_closed'],
    ]);
    expect(entry.version).toBe(2);
    expect(entry.pushedBy).toBe('workshop_closed');
    expect(entry.summary).toBe(summary);
    expect(entry.withdrawn).toBeNull();
  });

  it('tells the facilitators of the workshop about each new version', async () => {
    await expect.poll(() => pushed.map((v) => v.version)).toContain(2);
  });

  it('tells a facilitator console that connects later about the versions already stored, oldest first', async () => {
    const later = server.connect({ role: 'facilitator', workshopId: run.workshop.id, secret: run.workshop.facilitatorSecret });
    const heard: RecordPushedView[] = [];
    later.on('record:pushed', (v) => heard.push(v));
    await expect.poll(() => heard.map((v) => [v.version, v.pushedBy])).toEqual([
      [1, 'facilitator'],
      [2, 'workshop_closed'],
    ]);
    later.disconnect();
  });

  it('matches the documented schema', () => {
    expect(recordEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('names the group and the workshop, and reads alone with the standpoints’ labels', () => {
    expect(entry.format).toBe('croisee.record-entry');
    expect(entry.formatVersion).toBe(1);
    expect(entry.workshopId).toBe(run.workshop.id);
    expect(entry.group).toEqual({ id: run.group.id, name: 'Accès aux droits', purpose: 'Faciliter l’accès aux droits sociaux' });
    expect(entry.workshop.title).toBe('Accueil dans les services sociaux');
    expect(entry.workshop.date).toBe('2026-11-22');
    expect(entry.workshop.state).toBe('closed');
    expect(entry.workshop.closedAt).not.toBeNull();
    expect(entry.privacyThreshold).toBe(3);
    const labels = Object.fromEntries(entry.standpoints.map((s) => [s.key, s.label.fr]));
    expect(labels.concerned).toBe('Personne concernée / accompagnée');
    expect(labels._others).toBe('Autres regards');
    expect(labels._undisclosed).toBe('Sans précision');
  });

  it('counts attendance by standpoint, the three lone standpoints merged into « autres »', () => {
    expect(entry.attendance.total).toBe(10);
    const groups = Object.fromEntries(entry.attendance.byStandpoint.map((g) => [g.key, g]));
    expect(groups.concerned?.count).toBe(4);
    expect(groups.professional?.count).toBe(3);
    expect(groups._others?.count).toBe(3);
    expect(new Set(groups._others?.mergedKeys)).toEqual(new Set(['elected', 'student', '_undisclosed']));
    expect(groups.elected).toBeUndefined();
  });

  it('holds the poll with its choices, results, turnout and side-by-side breakdown', () => {
    expect(entry.polls).toHaveLength(1);
    const poll = entry.polls[0]!;
    expect(poll.itemId).toBe(run.pollItemId);
    expect(poll.question).toBe(QUESTION);
    expect(poll.kind).toBe('single');
    expect(poll.state).toBe('closed');
    expect(poll.ballots).toBe(10);
    expect(poll.present).toBe(10);
    expect(poll.turnout).toBe(1);
    expect(poll.choices.map((c) => [c.label, c.count, c.percent])).toEqual([
      ['Oui', 4, 40],
      ['Non', 2, 20],
      ['Parfois', 4, 40],
    ]);
    const by = Object.fromEntries(poll.byStandpoint.map((g) => [g.key, g]));
    expect(by.concerned?.ballots).toBe(4);
    expect(by.concerned?.choices.map((c) => c.count)).toEqual([3, 1, 0]);
    expect(by.professional?.choices.map((c) => c.count)).toEqual([0, 0, 3]);
    expect(by._others?.ballots).toBe(3);
    expect(by._others?.choices.map((c) => c.count)).toEqual([1, 1, 1]);
  });

  it('holds the word cloud’s counted words, without the hidden word or the blocklisted insult', () => {
    expect(entry.wordClouds).toHaveLength(1);
    const cloud = entry.wordClouds[0]!;
    expect(cloud.prompt).toBe(PROMPT);
    expect(cloud.state).toBe('closed');
    expect(cloud.contributors).toBe(10);
    expect(cloud.words.map((w) => [w.display, w.count])).toEqual([
      ['Accueil', 8],
      ['Écoute', 5],
      ['Temps', 3],
      ['Dignité', 1],
    ]);
    expect(cloud.entries).toBe(17);
    for (const word of cloud.words) expect(word.byStandpoint.reduce((sum, g) => sum + g.count, 0)).toBe(word.count);
    const concerned = cloud.byStandpoint.find((g) => g.key === 'concerned');
    expect(concerned?.words.map((w) => [w.display, w.count])).toEqual([
      ['Accueil', 4],
      ['Écoute', 4],
    ]);
    const text = JSON.stringify(entry).toLowerCase();
    expect(text).not.toContain('budget');
    expect(text).not.toContain('connard');
  });

  it('counts the speaking turn and its time by standpoint', () => {
    expect(entry.speaking.total.turns).toBe(1);
    expect(entry.speaking.total.speakingMs).toBeGreaterThanOrEqual(100);
    const concerned = entry.speaking.byStandpoint.find((g) => g.key === 'concerned');
    expect(concerned?.turns).toBe(1);
    expect(concerned?.speakingMs).toBe(entry.speaking.total.speakingMs);
  });

  it('keeps only the written contributions everyone could see, anonymous, with their supports', () => {
    expect(entry.contributions).toEqual([{ kind: 'question', text: 'Les horaires d’accueil ne conviennent pas aux familles.', supports: 1, handled: null }]);
    const text = JSON.stringify(entry);
    expect(text).not.toContain('en attente de validation');
    expect(text).not.toContain('écarté');
  });

  it('shows no standpoint group smaller than the threshold anywhere', () => {
    for (const { where, groups } of breakdowns(entry)) {
      if (groups.length < 2) continue;
      for (const g of groups) expect(g.size, `${where}: ${g.key}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('holds the board’s columns and cards with their dot totals, without the signature a card showed', () => {
    const columns = Object.fromEntries(entry.board!.columns.map((c) => [c.title, c.cards.map((card) => [card.text, card.dots])]));
    expect(columns['Formation']).toEqual([[CARD, 4]]);
    expect(columns['Accompagnement social']).toEqual([['Ouvrir le samedi matin', 1]]);
    expect(Object.keys(columns)).toEqual(['Accompagnement social', 'Participation des personnes concernées', 'Formation', 'Attractivité des métiers']);
    const author = run.people[2]!;
    expect(JSON.stringify(entry)).not.toContain(author.pseudonym);
  });

  it('holds each proposal with its final text, status, theme and supports by standpoint', () => {
    expect(entry.proposals).toHaveLength(2);
    const [adopted, draft] = entry.proposals as [RecordEntry['proposals'][number], RecordEntry['proposals'][number]];
    expect(adopted).toMatchObject({ id: run.proposalId, title: PROPOSAL, status: 'adopted', theme: 'Formation' });
    expect(adopted.text.trim()).toBe(CARD);
    expect(adopted.decidedAt).not.toBeNull();
    expect(adopted.supports.total).toBe(6);
    const by = Object.fromEntries(adopted.supports.byStandpoint.map((g) => [g.key, g]));
    expect(by.concerned?.count).toBe(3);
    expect(by._others?.count).toBe(3);
    expect(new Set(by._others?.mergedKeys)).toEqual(new Set(['professional', 'elected']));
    expect(draft).toMatchObject({ title: 'Ouvrir le samedi', status: 'in_progress', decidedAt: null, theme: null, supports: { total: 0, byStandpoint: [] } });
  });

  it('lists the workshop in the group’s timeline with its current version', async () => {
    const record = await server.organiser.groupRecord(run.group.id);
    expect(record.entries).toHaveLength(1);
    const item = record.entries[0]!;
    expect(item.workshopId).toBe(run.workshop.id);
    expect(item.current.version).toBe(2);
    expect(item.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(item.counts).toEqual({ attended: 10, polls: 1, wordClouds: 1, proposals: 2, adoptedProposals: 1, contributions: 1 });
  });
});
