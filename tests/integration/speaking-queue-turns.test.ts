import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MyQueueView, PublicQueueView, SpeakingCountersView, TurnTimerView, YourTurnView } from '../../shared/views-speaking-queue';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { liveWorkshop, nextEvent, participant, pause, raise, request, otherTab, seen, SteppedClock } from './speaking-queue-helpers';

describe('raising hands and giving the floor', () => {
  let server: TestServer;
  const clock = new SteppedClock();
  beforeEach(async () => {
    server = await startTestServer({ clock });
  });
  afterEach(async () => {
    await server.close();
  });

  it('a raised hand gets the next ticket number, and everyone sees tickets in raise order', async () => {
    const { workshop, projectionLog } = await liveWorkshop(server);
    const a = await participant(server, workshop.joinCode, 'concerned');
    const b = await participant(server, workshop.joinCode, 'professional');
    const first = await request(a.socket, 'queue:raise', { kind: 'question' });
    expect(first).toMatchObject({ ok: true, ticketNumber: 1, mine: { ticket: { number: 1, kind: 'question', status: 'waiting' }, position: 1 } });
    expect(await raise(b.socket, 'testimony')).toBe(2);

    const view = await seen<PublicQueueView>(projectionLog, 'queue:state', (q) => q.waiting.length === 2);
    expect(view.waiting.map((t) => [t.number, t.kind, t.position])).toEqual([
      [1, 'question', 1],
      [2, 'testimony', 2],
    ]);
    expect(view.mode).toBe('fifo');
    const mine = await seen<MyQueueView>(b.log, 'queue:mine', (m) => m.ticket?.number === 2);
    expect(mine.position).toBe(2);
    expect(mine.estimatedWaitMs).toBe(2 * view.averageTurnMs);
  });

  it('first-time speakers first: someone who already spoke waits behind those who have not', async () => {
    const { workshop, facilitator, facilitatorLog } = await liveWorkshop(server);
    const a = await participant(server, workshop.joinCode, 'professional');
    const b = await participant(server, workshop.joinCode, 'concerned');
    await raise(a.socket);
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: true, ticketNumber: 1 });
    expect((await request(facilitator, 'queue:end-turn', {})).ok).toBe(true);
    const again = await raise(a.socket);
    const newcomer = await raise(b.socket);
    expect(await request(facilitator, 'queue:set-mode', { mode: 'first_time_first' })).toEqual({ ok: true, mode: 'first_time_first' });
    const view = await seen<PublicQueueView>(facilitatorLog, 'queue:state', (q) => q.mode === 'first_time_first' && q.waiting.length === 2);
    expect(view.waiting.map((t) => t.number)).toEqual([newcomer, again]);
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: true, ticketNumber: newcomer });
  });

  it('alternate standpoints: the next turn goes to the standpoint that has had the floor least', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const pro1 = await participant(server, workshop.joinCode, 'professional');
    const pro2 = await participant(server, workshop.joinCode, 'professional');
    const concerned = await participant(server, workshop.joinCode, 'concerned');
    await raise(pro1.socket);
    await request(facilitator, 'queue:give', {});
    await pause(30);
    await request(facilitator, 'queue:end-turn', {});
    const secondPro = await raise(pro2.socket);
    const person = await raise(concerned.socket);
    // First come first served would give the floor to the second professional.
    await request(facilitator, 'queue:set-mode', { mode: 'alternate_standpoints' });
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: true, ticketNumber: person });
    await request(facilitator, 'queue:end-turn', {});
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: true, ticketNumber: secondPro });
  });

  it('the facilitator may give the floor to a chosen ticket out of order', async () => {
    const { workshop, facilitator, facilitatorLog } = await liveWorkshop(server);
    const a = await participant(server, workshop.joinCode, null);
    const b = await participant(server, workshop.joinCode, null);
    await raise(a.socket);
    const second = await raise(b.socket);
    expect(await request(facilitator, 'queue:give', { ticketNumber: second })).toMatchObject({ ok: true, ticketNumber: second });
    const view = await seen<PublicQueueView>(facilitatorLog, 'queue:state', (q) => q.speaking?.number === second);
    expect(view.waiting.map((t) => t.number)).toEqual([1]);
  });

  it('giving the floor tells every tab of the owner "c’est à vous", and nobody else', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const owner = await participant(server, workshop.joinCode, 'concerned');
    const secondTab = await otherTab(server, owner.token);
    const other = await participant(server, workshop.joinCode, 'student');
    await raise(other.socket);
    const ticket = await raise(owner.socket);

    const toldFirst = nextEvent<YourTurnView>(owner.socket, 'queue:your-turn');
    const toldSecond = nextEvent<YourTurnView>(secondTab.socket, 'queue:your-turn');
    expect(await request(facilitator, 'queue:give', { ticketNumber: ticket })).toMatchObject({ ok: true });
    expect((await toldFirst).ticketNumber).toBe(ticket);
    expect((await toldSecond).ticketNumber).toBe(ticket);
    const mine = await seen<MyQueueView>(secondTab.log, 'queue:mine', (m) => m.isMyTurn);
    expect(mine.ticket).toEqual({ number: ticket, kind: null, status: 'speaking' });

    await pause(300);
    expect(other.log.of('queue:your-turn')).toEqual([]);
    expect(facilitatorLog.of('queue:your-turn')).toEqual([]);
    expect(projectionLog.of('queue:your-turn')).toEqual([]);
  });

  it('the timer reaches everyone with its start and length, warns near the end and says when time is up', async () => {
    const { workshop, facilitator, projection } = await liveWorkshop(server);
    const speaker = await participant(server, workshop.joinCode, 'elected');
    await raise(speaker.socket);
    await request(facilitator, 'queue:give', {});
    const started = nextEvent<{ timer: TurnTimerView | null }>(speaker.socket, 'queue:timer', (t) => t.timer?.durationMs === 120_000);
    const ack = await request(facilitator, 'queue:start-timer', { seconds: 120 });
    expect(ack.ok && ack.timer).toMatchObject({ durationMs: 120_000, phase: 'running' });
    const { timer } = await started;
    expect(timer!.endsAt - timer!.startedAt).toBe(120_000);
    // The gentle warning: the last 30 seconds of a 2-minute turn.
    expect(timer!.endsAt - timer!.warningAt).toBe(30_000);

    const warned = nextEvent<{ timer: TurnTimerView | null }>(projection, 'queue:timer', (t) => t.timer?.phase === 'warning');
    clock.advance(91_000);
    expect((await warned).timer?.ticketNumber).toBe(1);
    const timeUp = nextEvent<{ timer: TurnTimerView | null }>(speaker.socket, 'queue:timer', (t) => t.timer?.phase === 'time_up');
    clock.advance(30_000);
    await timeUp;

    const cleared = nextEvent<{ timer: TurnTimerView | null }>(projection, 'queue:timer', (t) => t.timer === null);
    const ended = await request(facilitator, 'queue:end-turn', {});
    expect(ended.ok && ended.durationMs).toBeGreaterThanOrEqual(121_000);
    await cleared;
  });

  it('a timer outside 10 seconds to 15 minutes is refused, and so is a timer with nobody speaking', async () => {
    const { facilitator } = await liveWorkshop(server);
    expect(await request(facilitator, 'queue:start-timer', { seconds: 5 })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(facilitator, 'queue:start-timer', { seconds: 901 })).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await request(facilitator, 'queue:start-timer', { seconds: 60 })).toMatchObject({ ok: false, code: 'no_turn_in_progress' });
  });

  it('a participant lowers their own hand, and all their tabs see it gone', async () => {
    const { workshop, facilitator } = await liveWorkshop(server);
    const owner = await participant(server, workshop.joinCode, 'volunteer');
    const secondTab = await otherTab(server, owner.token);
    const ticket = await raise(owner.socket);
    await seen<MyQueueView>(secondTab.log, 'queue:mine', (m) => m.ticket?.number === ticket);
    const gone = nextEvent<MyQueueView>(secondTab.socket, 'queue:mine', (m) => m.ticket === null);
    expect(await request(owner.socket, 'queue:lower', { ticketNumber: ticket })).toMatchObject({ ok: true, mine: { ticket: null } });
    await gone;
    expect(await request(facilitator, 'queue:give', {})).toMatchObject({ ok: false, code: 'queue_empty' });
  });

  it('speaking time and turns are counted by standpoint for the facilitator and the projection, under the privacy threshold', async () => {
    const { workshop, facilitator, facilitatorLog, projectionLog } = await liveWorkshop(server);
    const pros = [];
    for (let i = 0; i < 4; i++) pros.push(await participant(server, workshop.joinCode, 'professional'));
    for (let i = 0; i < 3; i++) await participant(server, workshop.joinCode, 'concerned');
    const lone = await participant(server, workshop.joinCode, 'elected');
    await raise(pros[0]!.socket);
    await request(facilitator, 'queue:give', {});
    clock.advance(60_000);
    await request(facilitator, 'queue:end-turn', {});
    await raise(lone.socket);
    await request(facilitator, 'queue:give', {});
    clock.advance(30_000);
    await request(facilitator, 'queue:end-turn', {});

    const latest = (log: typeof projectionLog) => log.of<SpeakingCountersView>('queue:counters').at(-1);
    await eventually(() => latest(projectionLog)?.total.turns === 2 && latest(facilitatorLog)?.total.turns === 2, 3000, 'counters');
    const counters = latest(projectionLog)!;
    expect(latest(facilitatorLog)).toEqual(counters);
    expect(counters.total.speakingMs).toBeGreaterThanOrEqual(90_000);
    const professional = counters.groups.find((g) => g.key === 'professional');
    expect(professional).toMatchObject({ turns: 1, mergedKeys: ['professional'] });
    expect(professional!.speakingMs).toBeGreaterThanOrEqual(60_000);
    expect(professional!.speakingMs).toBeLessThan(90_000);
    // The only elected official is never shown alone: their turn is in "autres", merged with a group
    // large enough (the three people concerned) that it cannot be traced back to them.
    expect(counters.groups.find((g) => g.key === 'elected')).toBeUndefined();
    const others = counters.groups.find((g) => g.key === '_others');
    expect(others).toMatchObject({ turns: 1, mergedKeys: ['concerned', 'elected'] });
    expect(others!.speakingMs).toBeGreaterThanOrEqual(30_000);
  });
});
