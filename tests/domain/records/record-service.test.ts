import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../../../server/src/bus/event-bus';
import { MemorySharedDocuments, SharedDocumentsLink, type SharedDocuments } from '../../../server/src/domain/board/shared-documents';
import type { DomainEvent } from '../../../server/src/domain/events';
import { hashToken } from '../../../server/src/domain/ids';
import { createServices, type Services } from '../../../server/src/domain/services';
import { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import type { OrganiserWorkshopView } from '../../../shared/views';

/** Services on a `:memory:` store, with their events, a workshop opened and three people present. */
async function world(documents: SharedDocuments = new MemorySharedDocuments()) {
  const store = SqliteStore.open(':memory:');
  const bus = new InProcessEventBus();
  const events: DomainEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const errors: unknown[] = [];
  const services: Services = createServices({ store, bus, clock: { now: () => new Date() }, publicUrl: () => 'https://croisee.example', documents, onError: (e) => errors.push(e) });
  const group = await services.groups.create({ name: 'Attractivité des métiers', purpose: '' });
  const workshop: OrganiserWorkshopView = await services.workshops.create(group.id, { title: 'Temps d’échange', date: '2026-11-22' });
  await services.workshops.open(workshop.id);
  for (const standpoint of ['student', 'student', 'student']) {
    const { token } = await services.participants.join({ code: workshop.joinCode, standpoint, pseudonym: null });
    const participant = (await store.participants.findByTokenHash(hashToken(token)))!;
    await services.participants.connected(workshop.id, participant.id, `connection-${participant.id}`, 'node-1');
  }
  return { store, services, events, errors, group, workshop };
}

/** Lets reactions to events (the push after a close) run. */
async function settle(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out');
}

describe('RecordService', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    await w.services.records.stop();
    await w.store.close();
  });

  it('numbers versions 1, 2, … and publishes each one after it is stored', async () => {
    const a = await w.services.records.push(w.workshop.id, 'facilitator', { summary: 'Un' });
    const b = await w.services.records.push(w.workshop.id, 'organiser');
    expect([a.entry.version, b.entry.version]).toEqual([1, 2]);
    expect((await w.services.records.entry(w.workshop.id, 2)).summary).toBe('Un');
    expect(w.events.filter((e) => e.type === 'record.pushed')).toEqual([
      { type: 'record.pushed', workshopId: w.workshop.id, version: 1 },
      { type: 'record.pushed', workshopId: w.workshop.id, version: 2 },
    ]);
  });

  it('answers a push id already used with its version, storing nothing and publishing nothing', async () => {
    const first = await w.services.records.push(w.workshop.id, 'facilitator', { pushId: 'push-0000001' });
    const again = await w.services.records.push(w.workshop.id, 'facilitator', { pushId: 'push-0000001', summary: 'autre' });
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(await w.services.records.versions(w.workshop.id)).toHaveLength(1);
    expect(w.events.filter((e) => e.type === 'record.pushed')).toHaveLength(1);
  });

  it('pushes the workshop when it closes, once, with the attendance of those who came', async () => {
    await w.services.workshops.close(w.workshop.id);
    await settle(async () => (await w.services.records.versions(w.workshop.id)).length === 1);
    await w.services.records.pushIfClosed(w.workshop.id);
    const versions = await w.services.records.versions(w.workshop.id);
    expect(versions.map((v) => v.pushedBy)).toEqual(['workshop_closed']);
    const entry = await w.services.records.entry(w.workshop.id, 1);
    expect(entry.workshop.state).toBe('closed');
    expect(entry.attendance).toEqual({ total: 3, byStandpoint: [{ key: 'student', count: 3, mergedKeys: ['student'] }] });
    expect(w.errors).toEqual([]);
  });

  it('does not push a workshop that is not closed', async () => {
    await w.services.records.pushIfClosed(w.workshop.id);
    expect(await w.services.records.versions(w.workshop.id)).toEqual([]);
  });

  it('makes at start the push a stopped server missed between a close and its push', async () => {
    // The close is committed, but nothing reacted to it (the process stopped right after).
    await w.store.workshops.transition(w.workshop.id, ['live'], 'closed', new Date().toISOString());
    expect(await w.store.records.closedWithoutClosePush()).toEqual([w.workshop.id]);
    await w.services.records.start();
    const versions = await w.services.records.versions(w.workshop.id);
    expect(versions.map((v) => v.pushedBy)).toEqual(['workshop_closed']);
    expect(await w.store.records.closedWithoutClosePush()).toEqual([]);
  });

  it('withdraws a version once and keeps its content', async () => {
    await w.services.records.push(w.workshop.id, 'organiser', { summary: 'À retirer' });
    const before = await w.services.records.entry(w.workshop.id, 1);
    const withdrawn = await w.services.records.withdraw(w.workshop.id, 1, 'erreur');
    expect(withdrawn.withdrawn?.reason).toBe('erreur');
    expect({ ...(await w.services.records.entry(w.workshop.id, 1)), withdrawn: null }).toEqual(before);
    await expect(w.services.records.withdraw(w.workshop.id, 1, 'encore')).rejects.toMatchObject({ code: 'already_withdrawn' });
    await expect(w.services.records.withdraw(w.workshop.id, 9, 'inconnue')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('queues a webhook delivery with the version, in the same transaction', async () => {
    await w.services.records.setWebhook(w.group.id, 'https://example.org/hook');
    await w.services.records.push(w.workshop.id, 'organiser');
    const deliveries = await w.services.records.deliveries(w.group.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ version: 1, status: 'pending', attempts: 0, url: 'https://example.org/hook' });
  });

  it('records the board’s cards and the proposals once the board was used', async () => {
    await w.services.board.ensureSeeded(w.workshop.id);
    const column = (await w.services.board.record(w.workshop.id)).columns[0]!;
    const { cardId } = await w.services.board.addCard({ workshopId: w.workshop.id, role: 'facilitator' }, { columnId: column.id, text: 'Une idée', signed: false });
    await w.services.records.push(w.workshop.id, 'organiser');
    const entry = await w.services.records.entry(w.workshop.id, 1);
    expect(entry.board?.columns[0]).toEqual({ id: column.id, title: column.title, cards: [{ id: cardId, text: 'Une idée', dots: 0 }] });
  });

  it('records no board for a workshop that never opened one', async () => {
    await w.services.records.push(w.workshop.id, 'organiser');
    expect((await w.services.records.entry(w.workshop.id, 1)).board).toBeNull();
  });

  it('tries the close push again when the board could not be read at first', async () => {
    const link = new SharedDocumentsLink();
    const late = await world(link);
    try {
      await late.services.workshops.close(late.workshop.id);
      await settle(async () => late.errors.length > 0);
      expect(late.errors[0]).toMatchObject({ code: 'board_unavailable' });
      expect(await late.services.records.versions(late.workshop.id)).toEqual([]);
      link.bind(new MemorySharedDocuments());
      await settle(async () => (await late.services.records.versions(late.workshop.id)).length === 1);
      expect((await late.services.records.versions(late.workshop.id))[0]?.pushedBy).toBe('workshop_closed');
    } finally {
      await late.services.records.stop();
      await late.store.close();
    }
  });
});
