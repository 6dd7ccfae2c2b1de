import { beforeEach, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../../../server/src/bus/event-bus';
import type { DomainEvent } from '../../../server/src/domain/events';
import { createServices, type Services } from '../../../server/src/domain/services';
import { newJoinCode } from '../../../server/src/domain/workshops/join-code';
import { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { JOIN_CODE_ALPHABET, normaliseJoinCode } from '../../../shared/schemas/workshops';

describe('workshops and participants (domain, :memory: store)', () => {
  let services: Services;
  let events: DomainEvent[];
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.open(':memory:');
    const bus = new InProcessEventBus();
    events = [];
    bus.subscribe((e) => events.push(e));
    services = createServices({ store, bus, clock: { now: () => new Date('2026-11-22T10:00:00Z') }, publicUrl: () => 'https://croisee.example' });
    return () => store.close();
  });

  it('a new workshop is a draft with the default standpoints, today’s date and capability links', async () => {
    const group = await services.groups.create({ name: 'Accès aux droits', purpose: '' });
    const w = await services.workshops.create(group.id, { title: 'Atelier croisement des regards' });
    expect(w.state).toBe('draft');
    expect(w.date).toBe('2026-11-22');
    expect(w.standpoints.map((s) => s.key)).toEqual(['concerned', 'professional', 'student', 'elected', 'volunteer', 'partner', 'other']);
    expect(w.links.join).toBe(`https://croisee.example/j/${w.joinCode}`);
    expect(w.facilitatorSecret).not.toBe(w.projectionSecret);
  });

  it('opening publishes an event after the change is stored; a closed workshop cannot reopen', async () => {
    const group = await services.groups.create({ name: 'G', purpose: '' });
    const w = await services.workshops.create(group.id, { title: 'T' });
    await services.workshops.open(w.id);
    expect(events).toEqual([{ type: 'workshop.updated', workshopId: w.id }]);
    expect((await store.workshops.get(w.id))?.state).toBe('live');
    await services.workshops.close(w.id);
    await expect(services.workshops.open(w.id)).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('a capability secret opens its own workshop only, with its own role', async () => {
    const group = await services.groups.create({ name: 'G', purpose: '' });
    const a = await services.workshops.create(group.id, { title: 'A' });
    const b = await services.workshops.create(group.id, { title: 'B' });
    await expect(services.workshops.authorize(a.id, a.facilitatorSecret, 'facilitator')).resolves.toMatchObject({ id: a.id });
    await expect(services.workshops.authorize(b.id, a.facilitatorSecret, 'facilitator')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(services.workshops.authorize(a.id, a.projectionSecret, 'facilitator')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('joining stores only a hash of the device token', async () => {
    const group = await services.groups.create({ name: 'G', purpose: '' });
    const w = await services.workshops.create(group.id, { title: 'T' });
    const { token } = await services.participants.join({ code: w.joinCode, standpoint: 'concerned', pseudonym: null });
    const row = store.db.prepare('SELECT token_hash FROM participants').get() as { token_hash: string };
    expect(row.token_hash).not.toContain(token);
    const session = await services.participants.authenticate(token);
    expect(session.workshop.id).toBe(w.id);
  });

  it('join codes are drawn from the unambiguous alphabet and typed codes are normalised', () => {
    let i = 0;
    const sequence = [0, 30, 5, 12, 29, 1];
    expect(newJoinCode(() => sequence[i++]!)).toBe('A9FP8B');
    for (let n = 0; n < 200; n++) expect(newJoinCode()).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(normaliseJoinCode(' ab3-k9m ')).toBe('AB3K9M');
  });
});
