import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../../../server/src/bus/event-bus';
import type { DomainEvent } from '../../../server/src/domain/events';
import { hashToken } from '../../../server/src/domain/ids';
import { createServices, type Services } from '../../../server/src/domain/services';
import { DEFAULT_GRACE_MS } from '../../../server/src/domain/speaking-queue/queue-types';
import { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import type { OrganiserWorkshopView } from '../../../shared/views';

/** Services on a `:memory:` store with a clock the test moves, and every event they published. */
async function world() {
  const store = SqliteStore.open(':memory:');
  const bus = new InProcessEventBus();
  const events: DomainEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const clock = { at: Date.parse('2026-11-22T10:00:00Z'), now: () => new Date(clock.at) };
  const services: Services = createServices({ store, bus, clock, publicUrl: () => 'https://croisee.example' });
  const group = await services.groups.create({ name: 'Accès aux droits', purpose: '' });
  const workshop: OrganiserWorkshopView = await services.workshops.create(group.id, { title: 'Tours de parole' });
  await services.workshops.open(workshop.id);
  const join = async (standpoint: string | null) => {
    const { token } = await services.participants.join({ code: workshop.joinCode, standpoint, pseudonym: null });
    const record = (await store.participants.findByTokenHash(hashToken(token)))!;
    // Counted as having come, so that standpoint groups have a size.
    await services.participants.connected(workshop.id, record.id, `c-${record.id}`, 'node-1');
    return { id: record.id, standpoint };
  };
  return { store, services, queue: services.speakingQueue, events, clock, workshop, join };
}

describe('SpeakingQueueService', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    await w.store.close();
  });

  it('publishes a change only after the command is stored, and a refused command stores and publishes nothing', async () => {
    const p = await w.join('concerned');
    w.events.length = 0;
    await w.queue.raise(w.workshop.id, p, 'question');
    expect(w.events.map((e) => e.type)).toEqual(['speaking-queue.changed']);
    expect((await w.store.speakingQueue.queues.load(w.workshop.id))?.waiting).toHaveLength(1);

    w.events.length = 0;
    const stored = JSON.stringify(await w.store.speakingQueue.queues.load(w.workshop.id));
    await expect(w.queue.raise(w.workshop.id, p, null)).rejects.toMatchObject({ code: 'hand_already_raised' });
    expect(w.events).toEqual([]);
    expect(JSON.stringify(await w.store.speakingQueue.queues.load(w.workshop.id))).toBe(stored);
  });

  it('gives distinct ticket numbers to hands raised at the same moment', async () => {
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => w.join(i % 2 ? 'concerned' : 'professional')));
    const tickets = await Promise.all(people.map((p) => w.queue.raise(w.workshop.id, p, null)));
    expect(new Set(tickets.map((t) => t.ticketNumber)).size).toBe(40);
    expect((await w.queue.publicView(w.workshop.id)).waiting).toHaveLength(40);
  });

  it('announces the turn of a ticket and routes it to its owner only through speakerOf', async () => {
    const p = await w.join('student');
    const { ticketNumber } = await w.queue.raise(w.workshop.id, p, null);
    w.events.length = 0;
    await w.queue.give(w.workshop.id);
    expect(w.events).toContainEqual({ type: 'speaking-queue.turn-started', workshopId: w.workshop.id, ticketNumber });
    expect(JSON.stringify(w.events)).not.toContain(p.id);
    expect(await w.queue.speakerOf(w.workshop.id, ticketNumber)).toEqual({ participantId: p.id, startedAt: w.clock.at });
    expect(await w.queue.speakerOf(w.workshop.id, ticketNumber + 1)).toBeNull();
  });

  it('tells once when a timer reaches its warning and once when it is up', async () => {
    const p = await w.join('elected');
    await w.queue.raise(w.workshop.id, p, null);
    await w.queue.give(w.workshop.id);
    const timer = await w.queue.startTimer(w.workshop.id, 100);
    expect(timer).toMatchObject({ durationMs: 100_000, warningAt: timer.startedAt + 70_000, endsAt: timer.startedAt + 100_000, phase: 'running' });
    const timerEvents = () => w.events.filter((e) => e.type === 'speaking-queue.timer').length;
    const before = timerEvents();
    w.clock.at += 69_000;
    w.queue.tick();
    expect(timerEvents()).toBe(before);
    w.clock.at += 1_000;
    w.queue.tick();
    w.queue.tick();
    expect(timerEvents()).toBe(before + 1);
    expect((await w.queue.timer(w.workshop.id))?.phase).toBe('warning');
    w.clock.at += 30_000;
    w.queue.tick();
    w.queue.tick();
    expect(timerEvents()).toBe(before + 2);
    expect((await w.queue.timer(w.workshop.id))?.phase).toBe('time_up');
  });

  it('the sweep marks away the tickets of people not connected, keeps them through the grace period, then drops them', async () => {
    const gone = await w.join('volunteer');
    const here = await w.join('volunteer');
    await w.queue.raise(w.workshop.id, gone, null);
    await w.queue.raise(w.workshop.id, here, null);
    const connected = async (id: string) => id === here.id;
    expect(await w.queue.activeWorkshops()).toEqual([w.workshop.id]);

    await w.queue.sweep(w.workshop.id, connected);
    expect((await w.queue.publicView(w.workshop.id)).waiting.map((t) => t.away)).toEqual([true, false]);
    w.clock.at += DEFAULT_GRACE_MS;
    await w.queue.sweep(w.workshop.id, connected);
    expect((await w.queue.publicView(w.workshop.id)).waiting).toHaveLength(2);
    w.clock.at += 1;
    await w.queue.sweep(w.workshop.id, connected);
    expect((await w.queue.publicView(w.workshop.id)).waiting.map((t) => t.number)).toEqual([2]);
    expect(await w.queue.mine(w.workshop.id, gone.id)).toMatchObject({ ticket: null });
  });

  it('an owner who comes back within the grace period keeps the ticket, and the sweep does not take it away', async () => {
    const p = await w.join('partner');
    await w.queue.raise(w.workshop.id, p, null);
    await w.queue.ownerAway(w.workshop.id, p.id);
    w.clock.at += DEFAULT_GRACE_MS - 1;
    await w.queue.ownerBack(w.workshop.id, p.id);
    w.clock.at += DEFAULT_GRACE_MS * 3;
    await w.queue.sweep(w.workshop.id, async () => true);
    expect(await w.queue.mine(w.workshop.id, p.id)).toMatchObject({ ticket: { number: 1 }, position: 1 });
  });

  it('closing the workshop ends the turn in progress so that its time is counted', async () => {
    const p = await w.join('professional');
    await w.queue.raise(w.workshop.id, p, null);
    await w.queue.give(w.workshop.id);
    w.clock.at += 42_000;
    await w.services.workshops.close(w.workshop.id);
    await w.queue.workshopUpdated(w.workshop.id);
    const counters = await w.queue.counters(w.workshop.id);
    expect(counters.total).toEqual({ turns: 1, speakingMs: 42_000, contributions: 0 });
    expect(await w.queue.activeWorkshops()).toEqual([]);
    await expect(w.queue.raise(w.workshop.id, p, null)).rejects.toMatchObject({ code: 'workshop_closed' });
  });

  it('counts by standpoint group, merging groups below the threshold, and shows groups that have not spoken', async () => {
    const pros = [await w.join('professional'), await w.join('professional'), await w.join('professional')];
    const concerned = [await w.join('concerned'), await w.join('concerned'), await w.join('concerned')];
    const elected = await w.join('elected');
    const undisclosed = await w.join(null);
    const anotherUndisclosed = await w.join(null);
    for (const [p, ms] of [[pros[0]!, 10_000], [pros[1]!, 20_000], [elected, 5_000], [undisclosed, 7_000]] as const) {
      await w.queue.raise(w.workshop.id, p, null);
      await w.queue.give(w.workshop.id);
      w.clock.at += ms;
      await w.queue.endTurn(w.workshop.id);
    }
    await w.queue.contributions.submit(w.workshop.id, concerned[0]!, { text: 'Une question', kind: 'question' });
    await w.queue.contributions.submit(w.workshop.id, anotherUndisclosed, { text: 'Un témoignage', kind: 'testimony' });

    expect(await w.queue.counters(w.workshop.id)).toEqual({
      total: { turns: 4, speakingMs: 42_000, contributions: 2 },
      groups: [
        { key: 'concerned', mergedKeys: ['concerned'], turns: 0, speakingMs: 0, contributions: 1 },
        { key: 'professional', mergedKeys: ['professional'], turns: 2, speakingMs: 30_000, contributions: 0 },
        { key: '_others', mergedKeys: ['elected', '_undisclosed'], turns: 2, speakingMs: 12_000, contributions: 1 },
      ],
      threshold: 3,
    });
    expect(concerned).toHaveLength(3);
  });
});
