import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ContributionsView,
  MyContributionsView,
  SpeakingCountersView,
  StaffContributionsView,
} from '../../shared/views-speaking-queue';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { liveWorkshop, nextEvent, participant, participantIds, request, seen } from './speaking-queue-helpers';

describe('written contributions', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function submit(socket: Awaited<ReturnType<typeof participant>>['socket'], text: string) {
    const result = await request(socket, 'contribution:submit', { text, kind: 'question' });
    if (!result.ok) throw new Error(`submit refused: ${result.code}`);
    return result;
  }

  it('a +1 counts once per participant, even when it is sent again', async () => {
    const { workshop, facilitatorLog } = await liveWorkshop(server);
    const author = await participant(server, workshop.joinCode, 'concerned');
    const fan = await participant(server, workshop.joinCode, 'professional');
    const other = await participant(server, workshop.joinCode, 'student');
    const { id } = await submit(author.socket, 'Pourquoi faut-il refaire le dossier chaque année ?');

    expect(await request(fan.socket, 'contribution:support', { contributionId: id })).toEqual({ ok: true, supports: 1 });
    expect(await request(fan.socket, 'contribution:support', { contributionId: id })).toEqual({ ok: true, supports: 1 });
    expect(await request(other.socket, 'contribution:support', { contributionId: id })).toEqual({ ok: true, supports: 2 });
    expect(await request(author.socket, 'contribution:support', { contributionId: id })).toMatchObject({ ok: false, code: 'own_contribution' });

    const staff = await seen<StaffContributionsView>(facilitatorLog, 'contributions:staff', (v) => v.items[0]?.supports === 2);
    expect(staff.items).toEqual([{ id, text: 'Pourquoi faut-il refaire le dossier chaque année ?', kind: 'question', supports: 2, handled: null, moderation: 'approved' }]);
    const mine = await seen<MyContributionsView>(fan.log, 'contributions:mine', (m) => m.supported.length === 1);
    expect(mine).toEqual({ authored: [], supported: [id] });
  });

  it('the facilitator sees contributions ordered by support, marks one answered and shows one on the projection', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const a = await participant(server, workshop.joinCode, 'concerned');
    const b = await participant(server, workshop.joinCode, 'volunteer');
    const c = await participant(server, workshop.joinCode, 'elected');
    const first = await submit(a.socket, 'Première question');
    const second = await submit(b.socket, 'Un témoignage');
    await request(a.socket, 'contribution:support', { contributionId: second.id });
    await request(c.socket, 'contribution:support', { contributionId: second.id });
    await request(c.socket, 'contribution:support', { contributionId: first.id });

    const ordered = await seen<StaffContributionsView>(facilitatorLog, 'contributions:staff', (v) => v.items.length === 2 && v.items[0]!.supports === 2 && v.items[1]!.supports === 1);
    expect(ordered.items.map((i) => i.id)).toEqual([second.id, first.id]);

    expect(await request(facilitator, 'contribution:mark', { contributionId: second.id, handled: 'answered' })).toEqual({ ok: true });
    expect(await request(facilitator, 'contribution:project', { contributionId: second.id })).toEqual({ ok: true });
    const shown = await seen<ContributionsView>(projectionLog, 'contributions:state', (v) => v.projected?.id === second.id);
    expect(shown.projected).toEqual({ id: second.id, text: 'Un témoignage', kind: 'question', supports: 2, handled: 'answered' });
    const phone = await seen<ContributionsView>(c.log, 'contributions:state', (v) => v.projected?.id === second.id);
    expect(phone.items.find((i) => i.id === second.id)?.handled).toBe('answered');

    projectionLog.clear();
    expect(await request(facilitator, 'contribution:project', { contributionId: null })).toEqual({ ok: true });
    await seen<ContributionsView>(projectionLog, 'contributions:state', (v) => v.projected === null);
  });

  it('when approval is required a contribution stays hidden from others until the facilitator approves it', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const author = await participant(server, workshop.joinCode, 'concerned');
    const reader = await participant(server, workshop.joinCode, 'professional');
    expect(await request(facilitator, 'contribution:set-approval', { required: true })).toEqual({ ok: true });

    const sent = await request(author.socket, 'contribution:submit', { text: 'Un sujet délicat' });
    expect(sent).toMatchObject({ ok: true, moderation: 'pending' });
    const id = sent.ok ? sent.id : '';
    const pending = await seen<StaffContributionsView>(facilitatorLog, 'contributions:staff', (v) => v.items.length === 1);
    expect(pending.items[0]).toMatchObject({ id, moderation: 'pending' });
    const own = await seen<MyContributionsView>(author.log, 'contributions:mine', (m) => m.authored.length === 1);
    expect(own.authored[0]).toMatchObject({ id, moderation: 'pending' });

    // Hidden: no list shows it, it cannot be supported or projected.
    expect((await server.services.speakingQueue.contributions.publicView(workshop.id)).items).toEqual([]);
    expect(await request(reader.socket, 'contribution:support', { contributionId: id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await request(facilitator, 'contribution:project', { contributionId: id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(JSON.stringify(projectionLog.of('contributions:state'))).not.toContain('Un sujet délicat');
    expect(JSON.stringify(reader.log.of('contributions:state'))).not.toContain('Un sujet délicat');

    const readerSees = nextEvent<ContributionsView>(reader.socket, 'contributions:state', (v) => v.items.some((i) => i.id === id), 5_000);
    const approvedForAuthor = seen<MyContributionsView>(author.log, 'contributions:mine', (m) => m.authored[0]?.moderation === 'approved');
    expect(await request(facilitator, 'contribution:moderate', { contributionId: id, decision: 'approve' })).toEqual({ ok: true, moderation: 'approved' });
    expect((await readerSees).items[0]).toEqual({ id, text: 'Un sujet délicat', kind: null, supports: 0, handled: null });
    await approvedForAuthor;
    await seen<ContributionsView>(projectionLog, 'contributions:state', (v) => v.items.length === 1);

    // Setting it aside hides it again.
    projectionLog.clear();
    expect(await request(facilitator, 'contribution:moderate', { contributionId: id, decision: 'reject' })).toEqual({ ok: true, moderation: 'rejected' });
    await seen<ContributionsView>(projectionLog, 'contributions:state', (v) => v.items.length === 0);
  });

  it('written contributions are counted by standpoint, never by person', async () => {
    const { workshop, facilitatorLog } = await liveWorkshop(server);
    const writers = [];
    for (let i = 0; i < 3; i++) writers.push(await participant(server, workshop.joinCode, 'concerned'));
    for (const w of writers) await submit(w.socket, 'Une difficulté vécue');
    await eventually(() => facilitatorLog.of<SpeakingCountersView>('queue:counters').at(-1)?.total.contributions === 3, 3_000, 'counted');
    const counters = facilitatorLog.of<SpeakingCountersView>('queue:counters').at(-1)!;
    expect(counters.groups).toEqual([{ key: 'concerned', mergedKeys: ['concerned'], turns: 0, speakingMs: 0, contributions: 3 }]);
  });

  it('one participant cannot flood the workshop with contributions', async () => {
    const { workshop } = await liveWorkshop(server);
    await participant(server, workshop.joinCode, 'other');
    const [participantId] = participantIds(server, workshop.id);
    const author = { id: participantId!, standpoint: 'other' };
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      codes.push(
        await server.services.speakingQueue.contributions
          .submit(workshop.id, author, { text: `n°${i}`, kind: null })
          .then(() => 'ok')
          .catch((error: { code: string }) => error.code),
      );
    }
    expect(codes.filter((c) => c === 'ok')).toHaveLength(20);
    expect(codes[20]).toBe('contribution_limit');
  });
});
