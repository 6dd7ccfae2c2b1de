import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollDefinition } from '../../../shared/schemas/polls';
import { serviceWorld, type ServiceWorld } from './service-fixtures';

const poll = (question: string): PollDefinition => ({ kind: 'yes_no', question, results: 'live' });

describe('the workshop agenda (domain, :memory: store)', () => {
  let world: ServiceWorld;
  beforeEach(async () => {
    world = await serviceWorld({ live: false });
  });
  afterEach(() => world.close());

  it('activities are prepared in a draft workshop, in order, and can be moved and deleted', async () => {
    const a = await world.services.polls.create(world.workshop.id, poll('Première question ?'));
    const b = await world.services.wordClouds.create(world.workshop.id, { prompt: 'Un mot ?', maxEntries: 3, results: 'live' });
    const c = await world.services.polls.create(world.workshop.id, poll('Troisième question ?'));
    expect((await world.services.agenda.list(world.workshop.id)).items.map((i) => [i.kind, i.position, i.state])).toEqual([
      ['poll', 1, 'draft'],
      ['word_cloud', 2, 'draft'],
      ['poll', 3, 'draft'],
    ]);
    const moved = await world.services.agenda.reorder(world.workshop.id, [c.id, a.id, b.id]);
    expect(moved.items.map((i) => [i.id, i.position])).toEqual([[c.id, 1], [a.id, 2], [b.id, 3]]);
    await expect(world.services.agenda.reorder(world.workshop.id, [c.id, a.id])).rejects.toMatchObject({ code: 'bad_request' });
    const removed = await world.services.agenda.remove(world.workshop.id, a.id);
    expect(removed.items.map((i) => [i.id, i.position])).toEqual([[c.id, 1], [b.id, 2]]);
  });

  it('an activity opens only in a live workshop, one at a time; an open one cannot be deleted', async () => {
    const a = await world.services.polls.create(world.workshop.id, poll('A ?'));
    const b = await world.services.polls.create(world.workshop.id, poll('B ?'));
    await expect(world.services.agenda.open(world.workshop.id, a.id)).rejects.toMatchObject({ code: 'workshop_not_live' });
    await world.services.workshops.open(world.workshop.id);
    const opened = await world.services.agenda.open(world.workshop.id, a.id);
    expect(opened.state).toBe('open');
    await expect(world.services.agenda.open(world.workshop.id, b.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(world.services.agenda.remove(world.workshop.id, a.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    await world.services.agenda.close(world.workshop.id, a.id);
    await expect(world.services.agenda.close(world.workshop.id, a.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    expect((await world.services.agenda.open(world.workshop.id, b.id)).state).toBe('open');
  });

  it('on stage is the open activity, else the one closed last while its results are shown', async () => {
    await world.services.workshops.open(world.workshop.id);
    expect((await world.services.agenda.current(world.workshop.id)).item).toBeNull();
    const a = await world.services.polls.create(world.workshop.id, poll('A ?'));
    await world.services.agenda.open(world.workshop.id, a.id);
    expect((await world.services.agenda.current(world.workshop.id)).item?.id).toBe(a.id);
    await world.services.agenda.close(world.workshop.id, a.id);
    expect((await world.services.agenda.current(world.workshop.id)).item).toMatchObject({ id: a.id, state: 'closed' });
    const display = await world.services.agenda.setDisplay(world.workshop.id, { itemId: a.id, byStandpoint: true });
    expect(display.display).toEqual({ showResults: true, byStandpoint: true });
    await world.services.agenda.setDisplay(world.workshop.id, { itemId: a.id, showResults: false });
    expect((await world.services.agenda.current(world.workshop.id)).item).toBeNull();
  });

  it('nothing is added to a closed workshop', async () => {
    await world.services.workshops.close(world.workshop.id);
    await expect(world.services.polls.create(world.workshop.id, poll('Trop tard ?'))).rejects.toMatchObject({ code: 'workshop_closed' });
  });

  it('a closed workshop’s agenda is what happened: nothing in it is moved or deleted', async () => {
    const a = await world.services.polls.create(world.workshop.id, poll('A ?'));
    const b = await world.services.polls.create(world.workshop.id, poll('B ?'));
    await world.services.workshops.open(world.workshop.id);
    await world.services.agenda.open(world.workshop.id, a.id);
    await world.services.agenda.close(world.workshop.id, a.id);
    await world.services.workshops.close(world.workshop.id);
    await expect(world.services.agenda.remove(world.workshop.id, a.id)).rejects.toMatchObject({ code: 'workshop_closed' });
    await expect(world.services.agenda.remove(world.workshop.id, b.id)).rejects.toMatchObject({ code: 'workshop_closed' });
    await expect(world.services.agenda.reorder(world.workshop.id, [b.id, a.id])).rejects.toMatchObject({ code: 'workshop_closed' });
    expect((await world.services.agenda.list(world.workshop.id)).items.map((i) => [i.id, i.state])).toEqual([[a.id, 'closed'], [b.id, 'draft']]);
  });
});
