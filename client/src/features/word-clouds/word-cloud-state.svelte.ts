import type { WordCloudDefinitionInput } from '../../../../shared/schemas/word-clouds';
import type { WordCloudItemView } from '../../../../shared/views-agenda';
import type { OwnEntriesView, WordCloudResultsFrame } from '../../../../shared/views-word-clouds';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import { agendaOf, type AgendaState, type Outcome } from '../agenda/agenda-state.svelte';
import { clientId } from '../agenda/client-id';
import type { FeatureState } from '../registry';

/** An entry on its way to the server, kept with its id so that sending it again counts it once. */
interface Sending {
  itemId: string;
  entryId: string;
  text: string;
}

/**
 * Word clouds on one connection: the cloud on stage, its coalesced result frames (the facilitator keeps
 * those of every cloud seen during the session), a participant's own entries and intents to send or
 * take back one, and the facilitator's intents to prepare a cloud and moderate its words.
 */
export class WordCloudState implements FeatureState {
  /** The latest result frame of each cloud, by item id. */
  frames = $state.raw<Readonly<Record<string, WordCloudResultsFrame>>>({});
  /** The participant's own entries in the cloud on stage, as the server holds them. */
  mine = $state.raw<OwnEntriesView | null>(null);
  /** The entry being sent, if any. */
  sending = $state.raw<Sending | null>(null);
  /** The last refused intent: its code, for the cloud it concerned. */
  error = $state.raw<{ itemId: string; code: string } | null>(null);
  /** A moderation intent waiting for the server: the word's key. */
  moderating = $state<string | null>(null);

  /** The cloud on stage, if the item on stage is a word cloud. */
  readonly item = $derived.by((): WordCloudItemView | null => {
    const item = this.#agenda.activity;
    return item?.kind === 'word_cloud' ? item : null;
  });
  readonly current = $derived(this.item !== null);
  /** The result frame of the cloud on stage. */
  readonly frame = $derived(this.item ? (this.frames[this.item.id] ?? null) : null);
  /** The participant's entries in the cloud on stage. */
  readonly entries = $derived(this.mine && this.mine.itemId === this.item?.id ? this.mine.entries : []);
  /** How many entries one person may send to the cloud on stage. */
  readonly maxEntries = $derived(this.item?.cloud.maxEntries ?? 0);
  readonly remaining = $derived(Math.max(0, this.maxEntries - this.entries.length));

  readonly #connection: LiveConnection;
  readonly #agenda: AgendaState;
  readonly #stop: Array<() => void>;
  /** The entry whose answer was lost, sent again with the same id if the person tries the same text. */
  #lastFailed: Sending | null = null;

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.#agenda = agendaOf(connection);
    this.#stop = [
      connection.on('word-cloud:results', (frame) => {
        this.frames = { ...this.frames, [frame.itemId]: frame };
      }),
      connection.on('word-cloud:mine', (mine) => {
        this.mine = mine;
      }),
    ];
  }

  /** The latest result frame of a cloud, if one came during this session. */
  frameOf(itemId: string): WordCloudResultsFrame | null {
    return this.frames[itemId] ?? null;
  }

  /** The code of the last refused intent in the cloud on stage. */
  errorOf(itemId: string | undefined): string | null {
    return this.error && this.error.itemId === itemId ? this.error.code : null;
  }

  /**
   * Participant: sends one entry to the cloud on stage. The same text sent again after a failure keeps
   * its id, so the server stores it once even if the first attempt did arrive.
   */
  async add(text: string): Promise<boolean> {
    const item = this.item;
    const trimmed = text.trim();
    if (!item || item.state !== 'open' || trimmed.length === 0 || this.sending) return false;
    const retry = this.#lastFailed && this.#lastFailed.itemId === item.id && this.#lastFailed.text === trimmed ? this.#lastFailed : null;
    const sending: Sending = { itemId: item.id, entryId: retry?.entryId ?? clientId(), text: trimmed };
    this.sending = sending;
    this.error = null;
    try {
      const result = await this.#connection.request('word-cloud:add', sending);
      if (!result.ok) {
        this.error = { itemId: item.id, code: result.code };
        this.#lastFailed = result.code === 'timeout' ? sending : null;
        return false;
      }
      this.#lastFailed = null;
      this.mine = { itemId: result.itemId, entries: result.entries, maxEntries: result.maxEntries };
      return true;
    } finally {
      this.sending = null;
    }
  }

  /** Participant: takes back one of their entries while the cloud is open. */
  async remove(entryId: string): Promise<boolean> {
    const item = this.item;
    if (!item || item.state !== 'open') return false;
    this.error = null;
    const result = await this.#connection.request('word-cloud:remove', { itemId: item.id, entryId });
    if (!result.ok) {
      this.error = { itemId: item.id, code: result.code };
      return false;
    }
    this.mine = { itemId: result.itemId, entries: result.entries, maxEntries: result.maxEntries };
    return true;
  }

  /** Facilitator: keeps a word off the projection and the phones (`hidden`), or shows it again. */
  async moderate(itemId: string, key: string, hidden: boolean): Promise<boolean> {
    if (this.moderating) return false;
    this.moderating = key;
    this.error = null;
    try {
      const result = await this.#connection.request(hidden ? 'word-cloud:hide' : 'word-cloud:restore', { itemId, key });
      if (!result.ok) this.error = { itemId, code: result.code };
      return result.ok;
    } finally {
      this.moderating = null;
    }
  }

  /** Facilitator: adds a draft word cloud at the end of the agenda. */
  create(cloud: WordCloudDefinitionInput): Promise<Outcome> {
    return this.#agenda.save(null, () => this.#connection.request('word-cloud:create', { cloud }));
  }

  /** Facilitator: replaces a draft word cloud's definition. */
  update(itemId: string, cloud: WordCloudDefinitionInput): Promise<Outcome> {
    return this.#agenda.save(itemId, () => this.#connection.request('word-cloud:update', { itemId, cloud }));
  }

  dispose(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }
}

const states = new WeakMap<LiveConnection, WordCloudState>();

/** The word clouds of a connection, created at first use (the agenda's console section reads them too). */
export function wordCloudsOf(connection: LiveConnection): WordCloudState {
  let state = states.get(connection);
  if (!state) {
    state = new WordCloudState(connection);
    states.set(connection, state);
  }
  return state;
}
