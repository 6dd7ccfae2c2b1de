import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../shared/client/croisee-client';
import type { PollResultsFrame } from '../../shared/views-polls';
import type { MySupportsView, ProposalListView } from '../../shared/views-board';
import { connectAndWait, nextEvent, startTestServer, type TestServer } from '../helpers/server';
import { codeOf, liveBoard, ok, participant, WAIT, type LiveBoard } from './board-helpers';

describe('supporting and deciding proposals through the real server', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  beforeEach(async () => {
    server = await startTestServer();
    live = await liveBoard(server);
  });
  afterEach(() => server.close());

  it('one support per participant, whatever is replayed from several tabs at once', async () => {
    const { proposal } = await ok(live.facilitator, 'proposal:create', { title: 'Un référent unique' });
    const alice = await participant(server, live, 'concerned');
    const tabs = [alice.socket];
    for (let i = 0; i < 4; i++) tabs.push((await connectAndWait(server, { role: 'participant', token: alice.token })).socket);
    const answers = await Promise.all(tabs.flatMap((tab) => Array.from({ length: 8 }, () => request(tab, 'proposal:support', { proposalId: proposal.id }))));
    expect(answers.every((a) => a.ok)).toBe(true);
    const [view] = (await ok(live.facilitator, 'proposal:sync', {})).proposals;
    expect(view!.supports).toBe(1);
    const rows = server.store.db.prepare('SELECT COUNT(*) AS n FROM proposal_supports').get() as { n: number };
    expect(rows.n).toBe(1);
    expect(await codeOf(live.facilitator, 'proposal:support', { proposalId: proposal.id })).toBe('forbidden');
  });

  it('counts go to everyone, the breakdown by standpoint to the facilitator only, own supports to one’s own devices', async () => {
    const { proposal } = await ok(live.facilitator, 'proposal:create', { title: 'Former ensemble' });
    const people = [];
    for (const standpoint of ['concerned', 'concerned', 'concerned', 'professional', 'professional', 'professional']) people.push(await participant(server, live, standpoint));
    const complete = (list: ProposalListView) => list.proposals[0]?.supports === 6;
    const atFacilitator = nextEvent<ProposalListView>(live.facilitator, 'proposals', complete, WAIT);
    const atParticipant = nextEvent<ProposalListView>(people[5]!.socket, 'proposals', complete, WAIT);
    const otherTab = (await connectAndWait(server, { role: 'participant', token: people[0]!.token })).socket;
    const mineOnOtherTab = nextEvent<MySupportsView>(otherTab, 'proposal:mine', (m) => m.proposalIds.length === 1, WAIT);
    for (const person of people) await ok(person.socket, 'proposal:support', { proposalId: proposal.id });

    expect((await atFacilitator).proposals[0]!.supportsByStandpoint).toEqual([
      { key: 'concerned', count: 3, mergedKeys: ['concerned'] },
      { key: 'professional', count: 3, mergedKeys: ['professional'] },
    ]);
    const shown = (await atParticipant).proposals[0]!;
    expect(shown.supports).toBe(6);
    expect(shown).not.toHaveProperty('supportsByStandpoint');
    expect((await mineOnOtherTab).proposalIds).toEqual([proposal.id]);
  });

  it('putting to a vote opens a « Pour / Contre / Abstention » poll that present participants answer; then the facilitator records the decision', async () => {
    const alice = await participant(server, live, 'concerned');
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'Revaloriser les salaires' });
    expect(await codeOf(alice.socket, 'proposal:put-to-vote', { proposalId: proposal.id })).toBe('forbidden');
    const { pollItemId } = await ok(live.facilitator, 'proposal:put-to-vote', { proposalId: proposal.id, open: true });
    const results = nextEvent<PollResultsFrame>(live.facilitator, 'poll:results', (f) => f.itemId === pollItemId && f.turnout.ballots === 1, WAIT);
    await ok(alice.socket, 'poll:vote', { itemId: pollItemId, ballotId: 'ballot-alice-0001', choices: [0] });
    const frame = await results;
    expect(frame.results!.choices.map((c) => [c.label, c.count])).toEqual([
      ['Pour', 1],
      ['Contre', 0],
      ['Abstention', 0],
    ]);
    await ok(live.facilitator, 'agenda:close', { itemId: pollItemId });
    const { proposal: adopted } = await ok(live.facilitator, 'proposal:decide', { proposalId: proposal.id, status: 'adopted' });
    expect(adopted).toMatchObject({ status: 'adopted', pollItemId, writable: false });
    expect(await codeOf(alice.socket, 'proposal:support', { proposalId: proposal.id })).toBe('proposal_decided');
    expect(await codeOf(live.facilitator, 'proposal:delete', { proposalId: proposal.id })).toBe('invalid_transition');
  });

  it('refuses malformed commands with a named field and other workshops’ proposals as unknown', async () => {
    const alice = await participant(server, live);
    const bad = await request(alice.socket, 'proposal:create', {} as never);
    expect(bad).toMatchObject({ ok: false, code: 'bad_request' });
    expect(bad.ok ? '' : bad.message).toContain('title');
    const tooLong = await request(alice.socket, 'proposal:create', { title: 'x'.repeat(201) });
    expect(tooLong).toMatchObject({ ok: false, code: 'bad_request' });
    const other = await liveBoard(server);
    const { proposal } = await ok(other.facilitator, 'proposal:create', { title: 'Ailleurs' });
    expect(await codeOf(alice.socket, 'proposal:support', { proposalId: proposal.id })).toBe('proposal_not_found');
    expect(await codeOf(live.facilitator, 'proposal:lock', { proposalId: proposal.id, locked: true })).toBe('proposal_not_found');
  });
});
