import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from '../../shared/client/croisee-client';
import type { ActivityView } from '../../shared/views-agenda';
import type { OwnBallotView, PollResultsFrame } from '../../shared/views-polls';
import { startTestServer, type TestServer } from '../helpers/server';
import { clientId, liveWorkshop, openPoll, otherTab, participant, seen } from './polls-helpers';

const question = 'Est-ce que ce webinaire vous a permis de mieux comprendre ce qu’est un Comité local du travail social ?';

describe('one ballot per participant present, changeable while the poll is open', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('two tabs of one participant voting at the same moment count as one ballot, and both tabs end on it', async () => {
    const { workshop, facilitator, facilitatorLog } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'yes_no', question });
    const first = await participant(server, workshop.joinCode, 'concerned');
    const second = await otherTab(server, first.token);
    const [a, b] = await Promise.all([
      request(first.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0] }),
      request(second.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [1] }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const frame = await seen<PollResultsFrame>(facilitatorLog, 'poll:results', (f) => f.itemId === itemId && f.turnout.ballots > 0);
    expect(frame.results?.ballots).toBe(1);
    expect(frame.results!.choices[0]!.count + frame.results!.choices[1]!.count).toBe(1);
    // The ballot kept is the one stored last; the tab whose ack came first is told of the other's choice.
    const stored = await server.services.polls.ownBallot({ workshopId: workshop.id, participantId: first.id, standpoint: 'concerned' }, itemId);
    const earlier = b.ok && stored.ballot?.ballotId === b.ballot?.ballotId ? first : second;
    await seen<OwnBallotView>(earlier.log, 'poll:ballot', (v) => v.ballot?.ballotId === stored.ballot?.ballotId);
  });

  it('a ballot resent with the same id is counted once, and a late resend never undoes a change', async () => {
    const { workshop, facilitator, facilitatorLog } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'single', question: 'Quel thème pour le prochain atelier ?', choices: ['Logement', 'Mobilité', 'Santé'] });
    const p = await participant(server, workshop.joinCode, 'professional');
    const ballotId = clientId();
    const sent = await Promise.all([1, 2, 3].map(() => request(p.socket, 'poll:vote', { itemId, ballotId, choices: [2] })));
    expect(sent.every((r) => r.ok && r.ballot?.choices[0] === 2)).toBe(true);
    const changed = await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0] });
    expect(changed.ok && changed.ballot?.choices).toEqual([0]);
    const late = await request(p.socket, 'poll:vote', { itemId, ballotId, choices: [2] });
    expect(late.ok && late.ballot?.choices).toEqual([0]);
    const frame = await seen<PollResultsFrame>(facilitatorLog, 'poll:results', (f) => f.results?.choices[0]?.count === 1);
    expect(frame.results?.choices.map((c) => c.count)).toEqual([1, 0, 0]);
    expect(frame.turnout.ballots).toBe(1);
  });

  it('a vote after the poll closed is refused and changes nothing', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'yes_no', question });
    const p = await participant(server, workshop.joinCode, 'student');
    expect((await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0] })).ok).toBe(true);
    expect((await request(facilitator, 'agenda:close', { itemId })).ok).toBe(true);
    const late = await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [1] });
    expect(late).toMatchObject({ ok: false, code: 'activity_not_open' });
    const results = (await server.services.polls.resultsFrame(itemId, 'facilitator'))!.results!;
    expect(results.choices.map((c) => c.count)).toEqual([1, 0]);
  });

  it('someone the server does not count as present cannot vote', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'yes_no', question });
    const p = await participant(server, workshop.joinCode, 'elected');
    // The connections this node held are forgotten, as after a restart while the socket has not noticed yet.
    await server.store.presence.clearNode('node-1');
    const refused = await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0] });
    expect(refused).toMatchObject({ ok: false, code: 'not_present' });
    expect((await server.services.polls.resultsFrame(itemId, 'facilitator'))!.turnout.ballots).toBe(0);
  });

  it('a participant who comes back, or opens a second tab, finds the open poll and their own ballot', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'multiple', question: 'Vos priorités ?', choices: ['Accès aux droits', 'Logement', 'Emploi'], maxChoices: 2 });
    const p = await participant(server, workshop.joinCode, 'volunteer');
    await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [2, 0] });
    p.socket.disconnect();
    const back = await otherTab(server, p.token);
    const activity = await seen<ActivityView>(back.log, 'activity');
    expect(activity.item).toMatchObject({ id: itemId, kind: 'poll', state: 'open', poll: { maxChoices: 2 } });
    const own = await seen<OwnBallotView>(back.log, 'poll:ballot');
    expect(own).toMatchObject({ itemId, ballot: { choices: [0, 2] } });
  });

  it('a ballot that does not fit the poll, a wrong role or a malformed payload gets a named error', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const itemId = await openPoll(facilitator, { kind: 'single', question: 'Un seul choix ?', choices: ['A', 'B'] });
    const p = await participant(server, workshop.joinCode, null);
    expect(await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0, 1] })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [7] })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(p.socket, 'poll:vote', { itemId, ballotId: 'x', choices: [0] })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(p.socket, 'poll:vote', { itemId: 'nope nope', ballotId: clientId(), choices: [0] } as never)).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [0], extra: 'x'.repeat(2000) } as never)).toMatchObject({
      ok: false,
      code: 'payload_too_large',
    });
    expect(await request(facilitator, 'poll:vote', { itemId, ballotId: clientId(), choices: [0] })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await request(p.socket, 'poll:create', { poll: { kind: 'yes_no', question: 'Pirate ?' } })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await request(p.socket, 'agenda:close', { itemId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await request(facilitator, 'poll:create', { poll: { kind: 'single', question: 'Q ?', choices: Array.from({ length: 13 }, (_, i) => `choix ${i}`) } })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await request(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: 'q'.repeat(301) } })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(p.socket, 'poll:vote', { itemId, ballotId: clientId(), choices: [1] })).toMatchObject({ ok: true, ballot: { choices: [1] } });
  });
});
