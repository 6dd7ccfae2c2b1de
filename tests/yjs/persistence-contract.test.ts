import { afterEach, describe, expect, it } from 'vitest';
import { MemoryYDocPersistence, SqliteYDocPersistence, type YDocPersistence } from '../../server/src/yjs';
import { tempYjsDatabase } from './sqlite-helpers';

const bytes = (...values: number[]) => new Uint8Array(values);
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const backends: Array<[string, () => YDocPersistence]> = [
  ['memory', () => new MemoryYDocPersistence()],
  [
    'sqlite',
    () => {
      const temp = tempYjsDatabase();
      cleanups.push(() => {
        temp.db.close();
        temp.remove();
      });
      return new SqliteYDocPersistence(temp.db);
    },
  ],
];

describe.each(backends)('%s Yjs update log', (_name, create) => {
  it('has nothing stored for a document never written', async () => {
    expect(await create().load('workshop/w/board')).toEqual({ updates: [], lastSeq: 0 });
  });

  it('returns appended updates in order with increasing sequence numbers', async () => {
    const store = create();
    expect(await store.append('d', bytes(1))).toBe(1);
    expect(await store.append('d', bytes(2, 2))).toBe(2);
    expect(await store.append('other', bytes(9))).toBe(1);
    const loaded = await store.load('d');
    expect(loaded.updates.map((u) => [...u])).toEqual([[1], [2, 2]]);
    expect(loaded.lastSeq).toBe(2);
  });

  it('replaces the compacted prefix by the merged update and keeps what came after', async () => {
    const store = create();
    await store.append('d', bytes(1));
    await store.append('d', bytes(2));
    await store.append('d', bytes(3));
    await store.compact('d', bytes(12), 2);
    await store.append('d', bytes(4));
    const loaded = await store.load('d');
    expect(loaded.updates.map((u) => [...u])).toEqual([[12], [3], [4]]);
    expect(loaded.lastSeq).toBe(4);
  });

  it('keeps numbering after a compaction of the whole log', async () => {
    const store = create();
    await store.append('d', bytes(1));
    await store.append('d', bytes(2));
    await store.compact('d', bytes(12), 2);
    expect(await store.append('d', bytes(3))).toBe(3);
    expect((await store.load('d')).updates.map((u) => [...u])).toEqual([[12], [3]]);
  });

  it('does not let a stored update change when the caller reuses its buffer', async () => {
    const store = create();
    const update = bytes(5, 5);
    await store.append('d', update);
    update[0] = 0;
    expect([...(await store.load('d')).updates[0]!]).toEqual([5, 5]);
  });
});
