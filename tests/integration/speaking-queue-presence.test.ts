import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GRACE_MS } from '../../server/src/domain/speaking-queue/queue-types';
import type { MyQueueView, PublicQueueView, SpeakingCountersView } from '../../shared/views-speaking-queue';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { liveWorkshop, nextEvent, participant, raise, record, request, otherTab, seen, SteppedClock } from './speaking-queue-helpers';

describe('a ticket outlives a lost connection for the grace period', () => {
  const servers: TestServer[] = [];
  const clock = new SteppedClock();
  const start = async (dbFile?: string) => {
    const server = await startTestServer({ clock, ...(dbFile ? { dbFile } : {}) });
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('a participant who comes back within the grace period finds their ticket, position and estimate again', async () => {
    const server = await start();
    const { workshop, projection, projectionLog } = await liveWorkshop(server);
    const first = await participant(server, workshop.joinCode, 'concerned');
    const owner = await participant(server, workshop.joinCode, 'student');
    await raise(first.socket);
    const ticket = await raise(owner.socket);

    owner.socket.disconnect();
    await nextEvent<PublicQueueView>(projection, 'queue:state', (q) => q.waiting.some((t) => t.number === ticket && t.away), 5_000);
    clock.advance(DEFAULT_GRACE_MS - 10_000);

    const again = server.connect({ role: 'participant', token: owner.token });
    const log = record(again);
    const mine = await nextEvent<MyQueueView>(again, 'queue:mine');
    expect(mine).toMatchObject({ ticket: { number: ticket, status: 'waiting' }, position: 2 });
    expect(mine.estimatedWaitMs).toBeGreaterThan(0);
    await seen<PublicQueueView>(projectionLog, 'queue:state', (q) => q.waiting.some((t) => t.number === ticket && !t.away));
    // Long after the grace period, the ticket is still there: its owner is back.
    clock.advance(DEFAULT_GRACE_MS * 2);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await server.services.speakingQueue.publicView(workshop.id)).waiting.map((t) => t.number)).toEqual([1, ticket]);
    expect(log.of('queue:state').length).toBeGreaterThan(0);
  });

  it('closing one of two tabs keeps the ticket present', async () => {
    const server = await start();
    const { workshop } = await liveWorkshop(server);
    const owner = await participant(server, workshop.joinCode, 'volunteer');
    const second = await otherTab(server, owner.token);
    const ticket = await raise(owner.socket);
    owner.socket.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    const view = await server.services.speakingQueue.publicView(workshop.id);
    expect(view.waiting).toEqual([expect.objectContaining({ number: ticket, away: false })]);
    second.socket.disconnect();
  });

  it('after the grace period the ticket of an absent participant is dropped, and they find no ticket when they come back', async () => {
    const server = await start();
    const { workshop, projection } = await liveWorkshop(server);
    const owner = await participant(server, workshop.joinCode, 'partner');
    const ticket = await raise(owner.socket);
    owner.socket.disconnect();
    await nextEvent<PublicQueueView>(projection, 'queue:state', (q) => q.waiting.some((t) => t.number === ticket && t.away));

    const dropped = nextEvent<PublicQueueView>(projection, 'queue:state', (q) => q.waiting.length === 0, 6_000);
    clock.advance(DEFAULT_GRACE_MS + 1_000);
    await dropped;

    const again = server.connect({ role: 'participant', token: owner.token });
    expect(await nextEvent<MyQueueView>(again, 'queue:mine')).toMatchObject({ ticket: null, position: null });
    // The number is not given again: the next hand is a new ticket.
    expect(await raise(again)).toBe(ticket + 1);
  });

  it('a restarted server on the same database keeps the queue, the turn in progress and the counters', async () => {
    const server = await start();
    const { workshop, facilitator } = await liveWorkshop(server);
    const a = await participant(server, workshop.joinCode, 'professional');
    const b = await participant(server, workshop.joinCode, 'concerned');
    const c = await participant(server, workshop.joinCode, 'concerned');
    await raise(a.socket, 'question');
    await request(facilitator, 'queue:give', {});
    clock.advance(45_000);
    await request(facilitator, 'queue:end-turn', {});
    const waiting = await raise(b.socket, 'testimony');
    const speaking = await raise(c.socket, 'reaction');
    await request(facilitator, 'queue:give', { ticketNumber: speaking });
    await request(facilitator, 'queue:set-mode', { mode: 'alternate_standpoints' });
    const before = await server.services.speakingQueue.publicView(workshop.id);
    const countersBefore = await server.services.speakingQueue.counters(workshop.id);
    await server.close();

    const restarted = await start(server.dbFile);
    const view = await restarted.services.speakingQueue.publicView(workshop.id);
    expect(view.mode).toBe('alternate_standpoints');
    expect(view.speaking).toMatchObject({ number: speaking, kind: 'reaction' });
    expect(view.waiting.map((t) => [t.number, t.kind])).toEqual(before.waiting.map((t) => [t.number, t.kind]));
    expect(view.waiting.map((t) => t.number)).toEqual([waiting]);
    expect((await restarted.services.speakingQueue.counters(workshop.id)).total).toEqual(countersBefore.total);

    // The participants come back with their tokens and find their tickets.
    const back = restarted.connect({ role: 'participant', token: b.token });
    expect(await nextEvent<MyQueueView>(back, 'queue:mine')).toMatchObject({ ticket: { number: waiting, status: 'waiting' }, position: 1 });
    const speaker = restarted.connect({ role: 'participant', token: c.token });
    expect(await nextEvent<MyQueueView>(speaker, 'queue:mine')).toMatchObject({ isMyTurn: true, ticket: { number: speaking } });
    const console2 = restarted.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
    const counters = await nextEvent<SpeakingCountersView>(console2, 'queue:counters');
    expect(counters.total.turns).toBe(1);
    expect(counters.total.speakingMs).toBeGreaterThanOrEqual(45_000);
    const ended = await request(console2, 'queue:end-turn', {});
    expect(ended.ok).toBe(true);
    await eventually(async () => (await restarted.services.speakingQueue.counters(workshop.id)).total.turns === 2, 3_000, 'two turns');
  });
});
