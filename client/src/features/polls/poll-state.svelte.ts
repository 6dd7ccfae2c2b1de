import type { PollDefinitionInput } from '../../../../shared/schemas/polls';
import type { PollItemView } from '../../../../shared/views-agenda';
import type { OwnBallotView, PollResultsFrame } from '../../../../shared/views-polls';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import { agendaOf, type AgendaState, type Outcome } from '../agenda/agenda-state.svelte';
import { clientId } from '../agenda/client-id';
import type { FeatureState } from '../registry';

/**
 * - `idle`: nothing sent for this poll yet;
 * - `sending`: the ballot is on its way;
 * - `saved`: the server recorded the ballot now shown as the person's own;
 * - `failed`: the last ballot was refused or lost (see `error`); sending again is safe.
 */
export type VoteStatus = 'idle' | 'sending' | 'saved' | 'failed';

const sameChoices = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((choice, i) => choice === b[i]);
const sorted = (choices: readonly number[]) => [...choices].sort((a, b) => a - b);

/**
 * Polls on one connection: the poll on stage, its coalesced result frames (the facilitator keeps those
 * of every poll seen during the session), and for a participant their own ballot and the intent to
 * vote; for the facilitator the intents to prepare a poll.
 */
export class PollState implements FeatureState {
  /** The latest result frame of each poll, by item id. */
  frames = $state.raw<Readonly<Record<string, PollResultsFrame>>>({});
  /** The participant's ballot in the poll on stage, as the server holds it. */
  ballot = $state.raw<OwnBallotView | null>(null);
  /** What became of the last ballot sent from this device, for the poll it was sent in. */
  #attempt = $state.raw<{ itemId: string; status: 'sending' | 'failed'; error: string | null } | null>(null);

  /** The poll on stage, if the item on stage is a poll. */
  readonly item = $derived.by((): PollItemView | null => {
    const item = this.#agenda.activity;
    return item?.kind === 'poll' ? item : null;
  });
  readonly current = $derived(this.item !== null);
  /** The result frame of the poll on stage. */
  readonly frame = $derived(this.item ? (this.frames[this.item.id] ?? null) : null);
  /** The choices of the participant's ballot in the poll on stage (empty: not voted). */
  readonly voted = $derived(this.ballot && this.ballot.itemId === this.item?.id ? (this.ballot.ballot?.choices ?? []) : []);
  readonly status = $derived.by((): VoteStatus => {
    const attempt = this.#attempt;
    if (attempt && attempt.itemId === this.item?.id) return attempt.status;
    return this.voted.length > 0 ? 'saved' : 'idle';
  });
  /** Code of the last refused ballot in the poll on stage. */
  readonly error = $derived(this.#attempt?.itemId === this.item?.id ? (this.#attempt?.error ?? null) : null);

  readonly #connection: LiveConnection;
  readonly #agenda: AgendaState;
  readonly #stop: Array<() => void>;
  /** The ballot id of the choices last sent, reused when the same choices are sent again after a failure. */
  #sent: { itemId: string; choices: number[]; ballotId: string } | null = null;

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.#agenda = agendaOf(connection);
    this.#stop = [
      connection.on('poll:results', (frame) => {
        this.frames = { ...this.frames, [frame.itemId]: frame };
      }),
      connection.on('poll:ballot', (ballot) => {
        this.ballot = ballot;
      }),
      connection.on('session', () => this.#resendLost()),
    ];
  }

  /**
   * A ballot that got no answer (the phone lost the network) is sent again as soon as the server is
   * back, without the person doing anything; with the same ballot id, so that a ballot which did
   * arrive is not counted twice.
   */
  #resendLost(): void {
    const attempt = this.#attempt;
    const sent = this.#sent;
    if (attempt?.status !== 'failed' || attempt.error !== 'timeout' || !sent) return;
    if (sent.itemId !== attempt.itemId || sent.itemId !== this.item?.id) return;
    void this.vote(sent.choices);
  }

  /** The latest result frame of a poll, if one came during this session. */
  frameOf(itemId: string): PollResultsFrame | null {
    return this.frames[itemId] ?? null;
  }

  /** Participant: casts or changes their ballot in the poll on stage. */
  async vote(choices: readonly number[]): Promise<boolean> {
    const item = this.item;
    if (!item || item.state !== 'open' || choices.length === 0 || this.status === 'sending') return false;
    const wanted = sorted(choices);
    const sent = this.#sent;
    const ballotId = sent && sent.itemId === item.id && sameChoices(sent.choices, wanted) ? sent.ballotId : clientId();
    this.#sent = { itemId: item.id, choices: wanted, ballotId };
    this.#attempt = { itemId: item.id, status: 'sending', error: null };
    const result = await this.#connection.request('poll:vote', { itemId: item.id, ballotId, choices: wanted });
    if (!result.ok) {
      this.#attempt = { itemId: item.id, status: 'failed', error: result.code };
      return false;
    }
    this.ballot = { itemId: result.itemId, ballot: result.ballot };
    this.#attempt = null;
    return true;
  }

  /** Facilitator: adds a draft poll at the end of the agenda. */
  create(poll: PollDefinitionInput): Promise<Outcome> {
    return this.#agenda.save(null, () => this.#connection.request('poll:create', { poll }));
  }

  /** Facilitator: replaces a draft poll's definition. */
  update(itemId: string, poll: PollDefinitionInput): Promise<Outcome> {
    return this.#agenda.save(itemId, () => this.#connection.request('poll:update', { itemId, poll }));
  }

  dispose(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }
}

const states = new WeakMap<LiveConnection, PollState>();

/** The polls of a connection, created at first use (the agenda's console section reads them too). */
export function pollsOf(connection: LiveConnection): PollState {
  let state = states.get(connection);
  if (!state) {
    state = new PollState(connection);
    states.set(connection, state);
  }
  return state;
}
