import { beforeEach, describe, expect, it } from 'vitest';
import type { Store, WorkshopRecord } from '../../server/src/store/ports';
import { DEFAULT_STANDPOINTS } from '../../shared/standpoints';

function workshop(id: string, groupId: string, code: string, createdAt = '2026-01-01T10:00:00.000Z'): WorkshopRecord {
  return {
    id,
    groupId,
    title: `Atelier ${id}`,
    date: '2026-01-01',
    state: 'draft',
    joinCode: code,
    facilitatorSecret: `fac-${id}-secret-xxxxxxxx`,
    projectionSecret: `pro-${id}-secret-xxxxxxxx`,
    standpoints: [...DEFAULT_STANDPOINTS],
    createdAt,
    openedAt: null,
    closedAt: null,
  };
}

/**
 * The behaviour every storage backend must have. Each backend's test file calls this with a factory
 * that returns a fresh, empty store.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.groups.insert({ id: 'group-0001', name: 'Accès aux droits', purpose: '', createdAt: '2026-01-01T09:00:00.000Z' });
      return () => store.close();
    });

    it('a join code is unique among open workshops but may be reused once the holder is closed', async () => {
      expect(await store.workshops.insert(workshop('ws-000001', 'group-0001', 'ABCDEF'))).toBe('ok');
      expect(await store.workshops.insert(workshop('ws-000002', 'group-0001', 'ABCDEF'))).toBe('join_code_taken');
      await store.workshops.transition('ws-000001', ['draft', 'live'], 'closed', '2026-01-01T12:00:00.000Z');
      expect(await store.workshops.insert(workshop('ws-000003', 'group-0001', 'ABCDEF', '2026-01-02T10:00:00.000Z'))).toBe('ok');
      expect((await store.workshops.findOpenByJoinCode('ABCDEF'))?.id).toBe('ws-000003');
      expect((await store.workshops.findLatestByJoinCode('ABCDEF'))?.id).toBe('ws-000003');
    });

    it('a state transition is a compare-and-set that stamps the time', async () => {
      await store.workshops.insert(workshop('ws-000001', 'group-0001', 'ABCDEF'));
      expect(await store.workshops.transition('ws-000001', ['live'], 'closed', 'x')).toBeNull();
      const live = await store.workshops.transition('ws-000001', ['draft'], 'live', '2026-01-01T10:05:00.000Z');
      expect(live).toMatchObject({ state: 'live', openedAt: '2026-01-01T10:05:00.000Z' });
      expect(await store.workshops.transition('ws-000001', ['draft'], 'live', 'y')).toBeNull();
      const closed = await store.workshops.transition('ws-000001', ['draft', 'live'], 'closed', '2026-01-01T11:00:00.000Z');
      expect(closed).toMatchObject({ state: 'closed', closedAt: '2026-01-01T11:00:00.000Z', openedAt: '2026-01-01T10:05:00.000Z' });
    });

    it('presence counts distinct participants by standpoint; attendance remembers who came', async () => {
      await store.workshops.insert(workshop('ws-000001', 'group-0001', 'ABCDEF'));
      const base = { workshopId: 'ws-000001', createdAt: '2026-01-01T10:00:00.000Z', attendedAt: null, pseudonym: null };
      await store.participants.insert({ ...base, id: 'p-00000001', tokenHash: 'h1', standpoint: 'concerned' });
      await store.participants.insert({ ...base, id: 'p-00000002', tokenHash: 'h2', standpoint: null });
      const at = '2026-01-01T10:01:00.000Z';
      await store.presence.connect({ connectionId: 'c1', participantId: 'p-00000001', workshopId: 'ws-000001', nodeId: 'n1', at });
      await store.presence.connect({ connectionId: 'c2', participantId: 'p-00000001', workshopId: 'ws-000001', nodeId: 'n1', at });
      await store.presence.connect({ connectionId: 'c3', participantId: 'p-00000002', workshopId: 'ws-000001', nodeId: 'n2', at });
      let a = await store.presence.attendance('ws-000001');
      expect(a.present).toEqual(expect.arrayContaining([{ standpoint: 'concerned', count: 1 }, { standpoint: null, count: 1 }]));
      expect(await store.presence.isPresent('p-00000001')).toBe(true);
      await store.presence.disconnect('c1');
      expect(await store.presence.isPresent('p-00000001')).toBe(true);
      await store.presence.disconnect('c2');
      expect(await store.presence.isPresent('p-00000001')).toBe(false);
      expect(await store.presence.clearNode('n2')).toBe(1);
      a = await store.presence.attendance('ws-000001');
      expect(a.present).toEqual([]);
      expect(a.attended).toHaveLength(2);
      expect((await store.participants.get('p-00000001'))?.attendedAt).toBe(at);
    });

    it('participants are found by the hash of their token only', async () => {
      await store.workshops.insert(workshop('ws-000001', 'group-0001', 'ABCDEF'));
      await store.participants.insert({ id: 'p-00000001', workshopId: 'ws-000001', tokenHash: 'hash-a', pseudonym: 'Edwige', standpoint: 'concerned', createdAt: 'x', attendedAt: null });
      expect((await store.participants.findByTokenHash('hash-a'))?.pseudonym).toBe('Edwige');
      expect(await store.participants.findByTokenHash('hash-b')).toBeNull();
    });

    it('settings keep the first value written by setIfAbsent', async () => {
      expect(await store.settings.setIfAbsent('k', 'one')).toBe('one');
      expect(await store.settings.setIfAbsent('k', 'two')).toBe('one');
      await store.settings.set('k', 'three');
      expect(await store.settings.get('k')).toBe('three');
    });
  });
}
