import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/client/croisee-client';
import type { WorkingGroupView } from '../../shared/views';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { clientId, joinAll, liveWorkshop, ok, type Joined } from './records-helpers';

/** A workshop of the group where everyone present answers one yes/no question, then it closes. */
async function workshopWithPoll(server: TestServer, group: WorkingGroupView, title: string, date: string, question: string, standpoints: Array<string | null>, yes: number) {
  const session = await liveWorkshop(server, { group, title, date });
  const people: Joined[] = await joinAll(server, session.workshop.joinCode, standpoints);
  const poll = await ok(session.facilitator, 'poll:create', { poll: { kind: 'yes_no', question } });
  await ok(session.facilitator, 'agenda:open', { itemId: poll.item.id });
  await Promise.all(people.map((p, i) => ok(p.socket, 'poll:vote', { itemId: poll.item.id, ballotId: clientId(), choices: [i < yes ? 0 : 1] })));
  await ok(session.facilitator, 'workshop:close', {});
  return session;
}

describe('the group record across workshops', () => {
  let server: TestServer;
  let group: WorkingGroupView;
  let october: Awaited<ReturnType<typeof workshopWithPoll>>;
  let november: Awaited<ReturnType<typeof workshopWithPoll>>;
  let december: Awaited<ReturnType<typeof workshopWithPoll>>;

  beforeAll(async () => {
    server = await startTestServer();
    group = await server.organiser.createGroup({ name: 'Développement du pouvoir d’agir', purpose: 'Mesurer les effets' });
    november = await workshopWithPoll(server, group, 'Atelier de novembre', '2026-11-15', 'Etes vous satisfait.e de l’accueil', ['concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional'], 4);
    october = await workshopWithPoll(server, group, 'Atelier d’octobre', '2026-10-01', 'Êtes-vous satisfait·e de l’accueil ?', ['concerned', 'concerned', 'concerned'], 1);
    december = await workshopWithPoll(server, group, 'Atelier de décembre', '2026-12-03', 'Une autre question ?', ['professional', 'professional', 'professional', 'professional'], 2);
    await eventually(async () => (await server.organiser.groupRecord(group.id)).entries.length === 3, 10_000, 'three workshops in the record');
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('lists the workshops as a timeline, most recent first', async () => {
    const record = await server.organiser.groupRecord(group.id);
    expect(record.group.name).toBe('Développement du pouvoir d’agir');
    expect(record.entries.map((e) => e.title)).toEqual(['Atelier de décembre', 'Atelier de novembre', 'Atelier d’octobre']);
    expect(record.entries.map((e) => e.counts.attended)).toEqual([4, 6, 3]);
  });

  it('shows participation over time by standpoint, oldest workshop first', async () => {
    const participation = await server.organiser.participation(group.id);
    expect(participation.workshops.map((w) => [w.date, w.attendance.total])).toEqual([
      ['2026-10-01', 3],
      ['2026-11-15', 6],
      ['2026-12-03', 4],
    ]);
    const concerned = participation.workshops.map((w) => w.attendance.byStandpoint.find((g) => g.key === 'concerned')?.count ?? 0);
    expect(concerned).toEqual([3, 3, 0]);
    expect(participation.standpoints.find((s) => s.key === 'concerned')?.label.fr).toBe('Personne concernée / accompagnée');
  });

  it('puts the same question asked in two workshops side by side, whatever its punctuation and accents', async () => {
    const compare = await server.organiser.compareQuestions(group.id);
    expect(compare.questions).toHaveLength(1);
    const question = compare.questions[0]!;
    expect(question.key).toBe('etes vous satisfait e de l accueil');
    expect(question.occurrences.map((o) => [o.title, o.poll.choices[0]!.count, o.poll.ballots])).toEqual([
      ['Atelier d’octobre', 1, 3],
      ['Atelier de novembre', 4, 6],
    ]);
    const one = await server.organiser.compareQuestions(group.id, 'UNE AUTRE QUESTION');
    expect(one.questions.map((q) => q.occurrences.map((o) => o.workshopId))).toEqual([[december.workshop.id]]);
  });

  it('leaves a withdrawn version out of the group views and falls back to the one before', async () => {
    await server.organiser.pushRecord(november.workshop.id, { summary: 'Version corrigée' });
    const versions = await server.organiser.recordVersions(november.workshop.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    await server.organiser.withdrawRecord(november.workshop.id, 2, 'envoyée trop tôt');
    const record = await server.organiser.groupRecord(group.id);
    const item = record.entries.find((e) => e.workshopId === november.workshop.id)!;
    expect(item.current.version).toBe(1);
    expect(item.versions.map((v) => v.withdrawn !== null)).toEqual([false, true]);
    await server.organiser.withdrawRecord(november.workshop.id, 1, 'atelier annulé');
    const participation = await server.organiser.participation(group.id);
    expect(participation.workshops.map((w) => w.title)).toEqual(['Atelier d’octobre', 'Atelier de décembre']);
    expect((await server.organiser.compareQuestions(group.id)).questions).toEqual([]);
    const timeline = await server.organiser.groupRecord(group.id);
    expect(timeline.entries.find((e) => e.workshopId === november.workshop.id)?.current.withdrawn).not.toBeNull();
    expect(october.workshop.id).not.toBe(november.workshop.id);
  });

  it('answers not_found for a group that does not exist', async () => {
    const error = await server.organiser.groupRecord('AAAAAAAAAAAAAAAA').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(404);
  });
});
