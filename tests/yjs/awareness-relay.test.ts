import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { AwarenessRelay, type AwarenessPeer } from '../../server/src/yjs/awareness-relay';
import { TokenBucket } from '../../server/src/yjs/token-bucket';

interface FakePeer extends AwarenessPeer {
  frames: Array<Array<{ clientId: number; clock: number; state: unknown }>>;
}

function peer(principal: string): FakePeer {
  const frames: FakePeer['frames'] = [];
  return {
    principal,
    frames,
    send(message) {
      const d = decoding.createDecoder(message);
      decoding.readVarUint(d);
      const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
      const entries = [];
      for (let n = decoding.readVarUint(inner); n > 0; n--) {
        entries.push({ clientId: decoding.readVarUint(inner), clock: decoding.readVarUint(inner), state: JSON.parse(decoding.readVarString(inner)) });
      }
      frames.push(entries);
    },
  };
}

function relayOf(peers: FakePeer[]) {
  return new AwarenessRelay(() => peers, { flushMs: 10_000, maxClientsPerPeer: 2 });
}

const entry = (clientId: number, clock: number, state: unknown) => ({ clientId, clock, state: JSON.stringify(state) });

describe('the awareness relay', () => {
  it('sends the changes of a window as one frame to everyone but their sender', () => {
    const a = peer('a');
    const b = peer('b');
    const c = peer('c');
    const relay = relayOf([a, b, c]);
    relay.receive(a, [entry(1, 1, { x: 1 })]);
    relay.receive(a, [entry(1, 2, { x: 2 })]);
    relay.receive(b, [entry(2, 1, { y: 1 })]);
    relay.flush();
    expect(a.frames).toEqual([[{ clientId: 2, clock: 1, state: { y: 1 } }]]);
    expect(b.frames).toEqual([[{ clientId: 1, clock: 2, state: { x: 2 } }]]);
    expect(c.frames).toEqual([[{ clientId: 1, clock: 2, state: { x: 2 } }, { clientId: 2, clock: 1, state: { y: 1 } }]]);
    relay.flush();
    expect(c.frames).toHaveLength(1);
  });

  it('ignores stale clocks and lets a removal win at the same clock', () => {
    const a = peer('a');
    const c = peer('c');
    const relay = relayOf([a, c]);
    relay.receive(a, [entry(1, 5, { x: 5 })]);
    relay.receive(a, [entry(1, 4, { x: 4 }), entry(1, 5, { x: 'same clock' })]);
    relay.flush();
    relay.receive(a, [entry(1, 5, null)]);
    relay.flush();
    expect(c.frames).toEqual([[{ clientId: 1, clock: 5, state: { x: 5 } }], [{ clientId: 1, clock: 5, state: null }]]);
    expect(relay.size).toBe(0);
  });

  it('removes the states of a peer that leaves, for everyone else', () => {
    const a = peer('a');
    const c = peer('c');
    const peers = [a, c];
    const relay = relayOf(peers);
    relay.receive(a, [entry(1, 3, { x: 1 })]);
    relay.flush();
    peers.splice(0, 1);
    relay.leave(a);
    relay.flush();
    expect(c.frames.at(-1)).toEqual([{ clientId: 1, clock: 4, state: null }]);
    expect(relay.snapshotFor(c)).toBeNull();
  });

  it('caps the client ids one peer speaks for and refuses ids owned by another principal', () => {
    const a = peer('a');
    const m = peer('m');
    const c = peer('c');
    const relay = relayOf([a, m, c]);
    relay.receive(a, [entry(1, 1, 'a1')]);
    relay.receive(m, [entry(1, 9, 'stolen'), entry(7, 1, 'm7'), entry(8, 1, 'm8'), entry(9, 1, 'm9')]);
    relay.flush();
    expect(c.frames[0]!.map((e) => [e.clientId, e.state])).toEqual([
      [1, 'a1'],
      [7, 'm7'],
      [8, 'm8'],
    ]);
  });

  it('gives a newcomer everyone’s current state, without its own', () => {
    const a = peer('a');
    const b = peer('b');
    const relay = relayOf([a, b]);
    relay.receive(a, [entry(1, 1, { name: 'Aline' })]);
    relay.receive(b, [entry(2, 1, { name: 'Bruno' })]);
    const snapshot = peer('x');
    snapshot.send(relay.snapshotFor(b)!);
    expect(snapshot.frames).toEqual([[{ clientId: 1, clock: 1, state: { name: 'Aline' } }]]);
  });
});

describe('the token bucket', () => {
  it('allows a burst up to its capacity, then its refill rate', () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(1, 0))).toEqual([true, true, true, false]);
    expect(bucket.take(1, 499)).toBe(false);
    expect(bucket.take(1, 500)).toBe(true);
    expect(bucket.take(3, 10_000)).toBe(true);
    expect(bucket.take(1, 10_000)).toBe(false);
  });

  it('goes into debt when charged after the fact', () => {
    const bucket = new TokenBucket(100, 10, 0);
    bucket.charge(150, 0);
    expect(bucket.exhausted(0)).toBe(true);
    expect(bucket.exhausted(5000)).toBe(false);
  });
});
