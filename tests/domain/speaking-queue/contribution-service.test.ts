import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../../../server/src/bus/event-bus';
import type { DomainEvent } from '../../../server/src/domain/events';
import { hashToken } from '../../../server/src/domain/ids';
import { createServices } from '../../../server/src/domain/services';
import { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';

async function world() {
  const store = SqliteStore.open(':memory:');
  const bus = new InProcessEventBus();
  const events: DomainEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const services = createServices({ store, bus, clock: { now: () => new Date() }, publicUrl: () => 'https://croisee.example' });
  const group = await services.groups.create({ name: 'Attractivité des métiers', purpose: '' });
  const workshop = await services.workshops.create(group.id, { title: 'Temps d’échange' });
  await services.workshops.open(workshop.id);
  const join = async (standpoint: string | null, code = workshop.joinCode) => {
    const { token } = await services.participants.join({ code, standpoint, pseudonym: 'Prénom' });
    return { id: (await store.participants.findByTokenHash(hashToken(token)))!.id, standpoint };
  };
  const otherWorkshop = async () => {
    const other = await services.workshops.create(group.id, { title: 'Un autre atelier' });
    await services.workshops.open(other.id);
    return other;
  };
  return { store, contributions: services.speakingQueue.contributions, events, workshopId: workshop.id, join, otherWorkshop };
}

describe('ContributionService', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    await w.store.close();
  });

  it('counts one support per participant even when many copies of it arrive at once', async () => {
    const author = await w.join('concerned');
    const fan = await w.join('student');
    const { id } = await w.contributions.submit(w.workshopId, author, { text: 'Comment être mieux accueilli ?', kind: 'question' });
    const counts = await Promise.all(Array.from({ length: 10 }, () => w.contributions.support(w.workshopId, fan.id, id)));
    expect(counts.every((c) => c.supports === 1)).toBe(true);
    expect((await w.contributions.publicView(w.workshopId)).items[0]?.supports).toBe(1);
    const rows = w.store.db.prepare('SELECT COUNT(*) AS n FROM speaking_contribution_supports').get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('views carry the text and counts, never the author, their standpoint or their pseudonym', async () => {
    const author = await w.join('elected');
    const fan = await w.join('volunteer');
    const { id } = await w.contributions.submit(w.workshopId, author, { text: 'Un témoignage', kind: 'testimony' });
    await w.contributions.support(w.workshopId, fan.id, id);
    const views = [
      await w.contributions.publicView(w.workshopId),
      await w.contributions.staffView(w.workshopId),
      await w.contributions.mine(w.workshopId, fan.id),
    ];
    for (const view of views) {
      const text = JSON.stringify(view);
      for (const secret of [author.id, fan.id, 'elected', 'volunteer', 'Prénom']) expect(text).not.toContain(secret);
    }
    expect(JSON.stringify(w.events)).not.toContain(author.id);
  });

  it('holds new contributions for approval when required, and a contribution set aside leaves the projection', async () => {
    const author = await w.join(null);
    const visible = await w.contributions.submit(w.workshopId, author, { text: 'Avant la règle', kind: null });
    await w.contributions.setApprovalRequired(w.workshopId, true);
    const held = await w.contributions.submit(w.workshopId, author, { text: 'Après la règle', kind: null });
    expect(visible.moderation).toBe('approved');
    expect(held.moderation).toBe('pending');
    expect((await w.contributions.publicView(w.workshopId)).items.map((c) => c.text)).toEqual(['Avant la règle']);
    expect((await w.contributions.staffView(w.workshopId)).items.map((c) => [c.text, c.moderation])).toEqual([
      ['Avant la règle', 'approved'],
      ['Après la règle', 'pending'],
    ]);

    await w.contributions.project(w.workshopId, visible.id);
    expect((await w.contributions.publicView(w.workshopId)).projected?.id).toBe(visible.id);
    await w.contributions.moderate(w.workshopId, visible.id, 'reject');
    const after = await w.contributions.publicView(w.workshopId);
    expect(after.projected).toBeNull();
    expect(after.items).toEqual([]);
  });

  it('the facilitator of one workshop cannot touch the contributions of another', async () => {
    const elsewhere = await w.otherWorkshop();
    const author = await w.join('partner', elsewhere.joinCode);
    const { id } = await w.contributions.submit(elsewhere.id, author, { text: 'Ailleurs', kind: null });
    await expect(w.contributions.mark(w.workshopId, id, 'read')).rejects.toMatchObject({ code: 'not_found' });
    await expect(w.contributions.moderate(w.workshopId, id, 'reject')).rejects.toMatchObject({ code: 'not_found' });
    await expect(w.contributions.project(w.workshopId, id)).rejects.toMatchObject({ code: 'not_found' });
    const local = await w.join('partner');
    await expect(w.contributions.support(w.workshopId, local.id, id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await w.contributions.staffView(elsewhere.id)).items).toEqual([
      { id, text: 'Ailleurs', kind: null, supports: 0, handled: null, moderation: 'approved' },
    ]);
  });
});
