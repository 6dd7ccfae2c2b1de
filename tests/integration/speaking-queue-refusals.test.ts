import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, createWorkshop, type TestServer } from '../helpers/server';
import { liveWorkshop, nextEvent, participant, pause, raise, request } from './speaking-queue-helpers';

describe('the speaking queue refuses what is not allowed, with a named error', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('a participant cannot give the floor, end a turn, start a timer or change the mode', async () => {
    const { workshop } = await liveWorkshop(server);
    const p = await participant(server, workshop.joinCode, 'concerned');
    await raise(p.socket);
    for (const [event, payload] of [
      ['queue:give', {}],
      ['queue:end-turn', {}],
      ['queue:start-timer', { seconds: 60 }],
      ['queue:set-mode', { mode: 'fifo' }],
      ['contribution:set-approval', { required: true }],
    ] as const) {
      expect(await request(p.socket, event, payload as never)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect((await server.services.speakingQueue.publicView(workshop.id)).speaking).toBeNull();
  });

  it('the facilitator and the projection cannot raise a hand', async () => {
    const { facilitator, projection } = await liveWorkshop(server);
    expect(await request(facilitator, 'queue:raise', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await request(projection, 'queue:raise', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await request(projection, 'queue:give', {})).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('only the owner of a ticket can lower it', async () => {
    const { workshop } = await liveWorkshop(server);
    const owner = await participant(server, workshop.joinCode, 'student');
    const other = await participant(server, workshop.joinCode, 'student');
    const ticket = await raise(owner.socket);
    expect(await request(other.socket, 'queue:lower', { ticketNumber: ticket })).toMatchObject({ ok: false, code: 'not_ticket_owner' });
    expect(await request(other.socket, 'queue:lower', { ticketNumber: 99 })).toMatchObject({ ok: false, code: 'ticket_not_found' });
    expect((await server.services.speakingQueue.publicView(workshop.id)).waiting.map((t) => t.number)).toEqual([ticket]);
  });

  it('a participant has one open hand at a time, also from a second tab', async () => {
    const { workshop } = await liveWorkshop(server);
    const p = await participant(server, workshop.joinCode, 'elected');
    await raise(p.socket);
    expect(await request(p.socket, 'queue:raise', { kind: 'question' })).toMatchObject({ ok: false, code: 'hand_already_raised' });
    const secondTab = server.connect({ role: 'participant', token: p.token });
    await nextEvent(secondTab, 'session');
    expect(await request(secondTab, 'queue:raise', {})).toMatchObject({ ok: false, code: 'hand_already_raised' });
  });

  it('raising and lowering too fast is rate limited', async () => {
    const { workshop } = await liveWorkshop(server);
    const p = await participant(server, workshop.joinCode, 'volunteer');
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const raised = await request(p.socket, 'queue:raise', {});
      codes.push(raised.ok ? 'ok' : raised.code);
      if (raised.ok) await request(p.socket, 'queue:lower', { ticketNumber: raised.ticketNumber });
    }
    expect(codes.slice(0, 2)).toEqual(['ok', 'ok']);
    expect(codes).toContain('rate_limited');
    await pause(1_100);
    expect((await request(p.socket, 'queue:raise', {})).ok).toBe(true);
  });

  it('a written contribution longer than 500 characters is refused with a message that says the limit', async () => {
    const { workshop } = await liveWorkshop(server);
    const p = await participant(server, workshop.joinCode, 'concerned');
    const tooLong = await request(p.socket, 'contribution:submit', { text: 'é'.repeat(501) });
    expect(tooLong).toMatchObject({ ok: false, code: 'bad_request' });
    expect(!tooLong.ok && tooLong.message).toContain('500 caractères');
    const empty = await request(p.socket, 'contribution:submit', { text: '   ' });
    expect(empty).toMatchObject({ ok: false, code: 'bad_request' });
    await pause(1_100);
    expect(await request(p.socket, 'contribution:submit', { text: 'é'.repeat(500) })).toMatchObject({ ok: true, moderation: 'approved' });
  });

  it('malformed payloads are refused before anything changes', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const p = await participant(server, workshop.joinCode, null);
    expect(await request(p.socket, 'queue:raise', { kind: 'shout' } as never)).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(p.socket, 'queue:lower', { ticketNumber: -1 })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(facilitator, 'queue:set-mode', { mode: 'loudest_first' } as never)).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(facilitator, 'queue:give', { ticketNumber: 1.5 })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(facilitator, 'contribution:moderate', { contributionId: 'nope', decision: 'approve' })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(facilitator, 'contribution:moderate', { contributionId: 'AAAAAAAAAAAAAAAA', decision: 'approve' })).toMatchObject({ ok: false, code: 'not_found' });
    expect((await server.services.speakingQueue.publicView(workshop.id)).waiting).toEqual([]);
  });

  it('nobody can raise a hand or write before the workshop is live', async () => {
    const workshop = await createWorkshop(server);
    const p = await participant(server, workshop.joinCode, 'partner');
    expect(await request(p.socket, 'queue:raise', {})).toMatchObject({ ok: false, code: 'workshop_not_live' });
    expect(await request(p.socket, 'contribution:submit', { text: 'Une question' })).toMatchObject({ ok: false, code: 'workshop_not_live' });
  });

  it('the floor cannot be given when nobody waits, nor to a ticket that does not exist', async () => {
    const { facilitator } = await liveWorkshop(server);
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: false, code: 'queue_empty' });
    expect(await request(facilitator, 'queue:give', { ticketNumber: 4 })).toMatchObject({ ok: false, code: 'ticket_not_found' });
    expect(await request(facilitator, 'queue:end-turn', {})).toMatchObject({ ok: false, code: 'no_turn_in_progress' });
  });
});
