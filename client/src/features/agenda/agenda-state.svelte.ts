import type { AgendaDisplayInput } from '../../../../shared/schemas/agenda';
import type { AgendaItemView, AgendaView } from '../../../../shared/views-agenda';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import type { FeatureState } from '../registry';

/** An agenda action that waits for the server's answer: which item, and what was asked. */
export interface PendingItemAction {
  itemId: string | null;
  action: 'open' | 'close' | 'delete' | 'move' | 'display' | 'save';
}

/** What an intent of the facilitator came to: done, or refused with a named code. */
export type Outcome = { ok: true } | { ok: false; code: string };

/**
 * The workshop's agenda (déroulé) on one connection: the item on stage for everyone, and for the
 * facilitator the whole agenda and the intents on its items (open, close, reorder, delete, display).
 * Polls and word clouds read the item on stage from here, so each connection holds one agenda
 * (see `agendaOf`).
 */
export class AgendaState implements FeatureState {
  /** The whole agenda, in order (facilitators only; null for the others). */
  agenda = $state.raw<AgendaView | null>(null);
  /** The item on stage: the open one, or the last closed one while its results are shown. */
  activity = $state.raw<AgendaItemView | null>(null);
  pending = $state.raw<PendingItemAction | null>(null);
  /** The last refused action, shown beside the agenda until the next one. */
  error = $state.raw<{ itemId: string | null; code: string } | null>(null);
  /** The agenda is a console section, never an activity of its own. */
  readonly current = false;

  readonly #connection: LiveConnection;
  readonly #stop: Array<() => void>;

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.#stop = [
      connection.on('agenda', (agenda) => {
        this.agenda = agenda;
      }),
      connection.on('activity', (activity) => {
        this.activity = activity.item;
      }),
    ];
  }

  /** The agenda's item with this id, if the facilitator's agenda has it. */
  item(itemId: string): AgendaItemView | undefined {
    return this.agenda?.items.find((item) => item.id === itemId);
  }

  /** draft → open: the item goes on stage; another open item must be closed first. */
  open(itemId: string): Promise<Outcome> {
    return this.#act({ itemId, action: 'open' }, async () => {
      const result = await this.#connection.request('agenda:open', { itemId });
      if (result.ok) this.upsert(result.item);
      return result;
    });
  }

  /** open → closed, for good: a poll's ballots become anonymous counts. */
  close(itemId: string): Promise<Outcome> {
    return this.#act({ itemId, action: 'close' }, async () => {
      const result = await this.#connection.request('agenda:close', { itemId });
      if (result.ok) this.upsert(result.item);
      return result;
    });
  }

  /** Deletes a draft or closed item. */
  remove(itemId: string): Promise<Outcome> {
    return this.#act({ itemId, action: 'delete' }, async () => {
      const result = await this.#connection.request('agenda:delete', { itemId });
      if (result.ok) this.agenda = result.agenda;
      return result;
    });
  }

  /** Moves an item one place up (-1) or down (+1) in the agenda. */
  move(itemId: string, by: -1 | 1): Promise<Outcome> {
    const ids = this.agenda?.items.map((item) => item.id) ?? [];
    const from = ids.indexOf(itemId);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return Promise.resolve({ ok: false, code: 'bad_request' });
    [ids[from], ids[to]] = [ids[to] as string, itemId];
    return this.#act({ itemId, action: 'move' }, async () => {
      const result = await this.#connection.request('agenda:reorder', { itemIds: ids });
      if (result.ok) this.agenda = result.agenda;
      return result;
    });
  }

  /** Shows or hides the results to participants and the projection; whole room or side by side by standpoint. */
  display(itemId: string, display: Omit<AgendaDisplayInput, 'itemId'>): Promise<Outcome> {
    return this.#act({ itemId, action: 'display' }, async () => {
      const result = await this.#connection.request('agenda:display', { itemId, ...display });
      if (result.ok) this.upsert(result.item);
      return result;
    });
  }

  /**
   * Runs a facilitator intent that creates or changes an item (a poll or word cloud being prepared), with
   * the same pending and error handling as the agenda's own actions.
   */
  save(itemId: string | null, send: () => Promise<{ ok: true; item: AgendaItemView } | { ok: false; code: string }>): Promise<Outcome> {
    return this.#act({ itemId, action: 'save' }, async () => {
      const result = await send();
      if (result.ok) this.upsert(result.item);
      return result;
    });
  }

  /** Takes an item the server answered as the latest one, before the next `agenda` frame arrives. */
  upsert(item: AgendaItemView): void {
    if (this.activity?.id === item.id) this.activity = item;
    if (!this.agenda) return;
    const items = this.agenda.items;
    const known = items.some((candidate) => candidate.id === item.id);
    this.agenda = { items: known ? items.map((candidate) => (candidate.id === item.id ? item : candidate)) : [...items, item] };
  }

  dispose(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }

  async #act(pending: PendingItemAction, run: () => Promise<{ ok: boolean; code?: string }>): Promise<Outcome> {
    if (this.pending) return { ok: false, code: 'conflict' };
    this.pending = pending;
    this.error = null;
    try {
      const result = await run();
      if (result.ok) return { ok: true };
      const code = result.code ?? 'internal';
      this.error = { itemId: pending.itemId, code };
      return { ok: false, code };
    } finally {
      this.pending = null;
    }
  }
}

const agendas = new WeakMap<LiveConnection, AgendaState>();

/** The agenda of a connection, created at first use: the agenda, polls and word clouds share it. */
export function agendaOf(connection: LiveConnection): AgendaState {
  let agenda = agendas.get(connection);
  if (!agenda) {
    agenda = new AgendaState(connection);
    agendas.set(connection, agenda);
  }
  return agenda;
}
