import { encodeAwarenessEntry, encodeAwarenessMessage, type AwarenessEntry } from './protocol';

/** A connection as the awareness relay sees it. */
export interface AwarenessPeer {
  /** Who is connected: a client id may move only between connections of the same principal. */
  readonly principal: string;
  send(message: Uint8Array): void;
}

export interface AwarenessRelayOptions {
  /** Changes are gathered and sent at most once per this many milliseconds per document. */
  flushMs: number;
  /** How many awareness client ids one connection may speak for. */
  maxClientsPerPeer: number;
}

interface State {
  clientId: number;
  clock: number;
  state: string;
  owner: AwarenessPeer;
  encoded: Uint8Array;
}

const REMOVED = 'null';

/**
 * Relays awareness (cursors, pseudonyms shown on a board) between the connections of one document.
 *
 * Changes are coalesced: whatever arrives within `flushMs` leaves as one frame per connection, so a
 * connection receives at most 1000/flushMs awareness frames a second however many people move their
 * cursor. Nobody is sent their own state back, and a connection that publishes nothing only receives.
 * A connection speaks for the client ids it announced (a few at most). Another connection of the same
 * principal may take one over with a newer clock (the same page reconnecting before the old socket is
 * known dead); anyone else's states for it are ignored. A leaving connection's states are removed
 * for everyone.
 */
export class AwarenessRelay {
  readonly #states = new Map<number, State>();
  readonly #owned = new Map<AwarenessPeer, Set<number>>();
  readonly #changed = new Set<number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly peers: () => Iterable<AwarenessPeer>,
    private readonly options: AwarenessRelayOptions,
  ) {}

  /** Records the entries a peer sent; they are relayed at the next flush. */
  receive(peer: AwarenessPeer, entries: readonly AwarenessEntry[]): void {
    for (const entry of entries) {
      const current = this.#states.get(entry.clientId);
      if (current && !isNewer(entry, current)) continue;
      if (!current && entry.state === REMOVED) continue;
      const owned = this.#ownedBy(peer);
      if (!owned.has(entry.clientId)) {
        if (current && current.owner.principal !== peer.principal) continue;
        if (owned.size >= this.options.maxClientsPerPeer) continue;
        if (current) this.#owned.get(current.owner)?.delete(entry.clientId);
        owned.add(entry.clientId);
      }
      this.#states.set(entry.clientId, { ...entry, owner: peer, encoded: encodeAwarenessEntry(entry) });
      this.#changed.add(entry.clientId);
    }
    this.#schedule();
  }

  /** Marks every state a leaving peer spoke for as removed. */
  leave(peer: AwarenessPeer): void {
    for (const clientId of this.#owned.get(peer) ?? []) {
      const current = this.#states.get(clientId);
      if (!current || current.state === REMOVED) continue;
      const removed = { clientId, clock: current.clock + 1, state: REMOVED };
      this.#states.set(clientId, { ...removed, owner: peer, encoded: encodeAwarenessEntry(removed) });
      this.#changed.add(clientId);
    }
    this.#owned.delete(peer);
    this.#schedule();
  }

  /** Everyone else's current state, for a peer that just arrived or asked; null when there is none. */
  snapshotFor(peer: AwarenessPeer): Uint8Array | null {
    const entries = [...this.#states.values()].filter((s) => s.owner !== peer && s.state !== REMOVED);
    return entries.length === 0 ? null : encodeAwarenessMessage(entries.map((s) => s.encoded));
  }

  /** Sends what changed since the last flush. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changed.size === 0) return;
    const changed = [...this.#changed].map((id) => this.#states.get(id)!);
    this.#changed.clear();
    let forAll: Uint8Array | null = null;
    for (const peer of this.peers()) {
      const own = this.#owned.get(peer);
      if (!own || !changed.some((s) => s.owner === peer)) {
        forAll ??= encodeAwarenessMessage(changed.map((s) => s.encoded));
        peer.send(forAll);
        continue;
      }
      const others = changed.filter((s) => s.owner !== peer);
      if (others.length > 0) peer.send(encodeAwarenessMessage(others.map((s) => s.encoded)));
    }
    for (const s of changed) {
      if (s.state !== REMOVED) continue;
      this.#states.delete(s.clientId);
      this.#owned.get(s.owner)?.delete(s.clientId);
    }
  }

  /** Number of states currently shown. */
  get size(): number {
    return [...this.#states.values()].filter((s) => s.state !== REMOVED).length;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #ownedBy(peer: AwarenessPeer): Set<number> {
    let owned = this.#owned.get(peer);
    if (!owned) {
      owned = new Set();
      this.#owned.set(peer, owned);
    }
    return owned;
  }

  #schedule(): void {
    if (this.#timer || this.#changed.size === 0) return;
    this.#timer = setTimeout(() => this.flush(), this.options.flushMs);
  }
}

/** y-protocols' rule: a newer clock wins; at the same clock, only a removal wins. */
function isNewer(entry: AwarenessEntry, current: State): boolean {
  return entry.clock > current.clock || (entry.clock === current.clock && entry.state === REMOVED && current.state !== REMOVED);
}
