import type { Ack } from '../../../../shared/errors';
import type { HandKindInput, ContributionKindInput, QueueModeInput } from '../../../../shared/schemas/speaking-queue';
import type {
  ContributionModeration,
  ContributionsView,
  MyContributionsView,
  MyQueueView,
  PublicQueueView,
  SpeakingCountersView,
  StaffContributionsView,
  TurnTimerView,
} from '../../../../shared/views-speaking-queue';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import type { FeatureState } from '../registry';
import type { LocalTimer } from './format';

/** Something a person asked for; each has its own pending flag and error, shown beside its control. */
export type QueueAction =
  | 'raise'
  | 'lower'
  | 'submit'
  | 'support'
  | 'give'
  | 'end'
  | 'timer'
  | 'mode'
  | 'mark'
  | 'project'
  | 'moderate'
  | 'approval';

/** The last refusal of an action: its named code (see `queueErrorKey`). */
export interface QueueError {
  action: QueueAction;
  code: string;
}

/**
 * The speaking queue (tours de parole) and written contributions on one live connection. It is not an
 * agenda activity: it stays available all workshop long, so `current` is always false and the views show
 * it in their permanent panels. Snapshots come from the server as they are; intents answer true on success.
 */
export class SpeakingQueueState implements FeatureState {
  readonly current = false;
  /** The anonymous queue everyone sees. */
  queue = $state.raw<PublicQueueView | null>(null);
  /** This device's clock when `queue` arrived, to count the current turn's time on. */
  queueReceivedAt = $state(0);
  timer = $state.raw<LocalTimer | null>(null);
  /** Participants: their own ticket and place. */
  mine = $state.raw<MyQueueView | null>(null);
  /** Participants: what they wrote and supported. */
  myContributions = $state.raw<MyContributionsView | null>(null);
  /** Participants and projection: approved contributions, most supported first. */
  contributions = $state.raw<ContributionsView | null>(null);
  /** Facilitators: every contribution. */
  staffContributions = $state.raw<StaffContributionsView | null>(null);
  /** Facilitators and projection: speaking figures by standpoint group. */
  counters = $state.raw<SpeakingCountersView | null>(null);
  /** Increases each time this participant's ticket is given the floor, so that the view can call them. */
  calls = $state(0);
  pending = $state<QueueAction | null>(null);
  error = $state.raw<QueueError | null>(null);

  /** Something worth a place on the projection: a turn, raised hands, a timer or a shown contribution. */
  readonly onStage = $derived(
    Boolean(this.queue?.speaking) || (this.queue?.waiting.length ?? 0) > 0 || this.timer !== null || Boolean(this.contributions?.projected),
  );
  /** Participants: their ticket has the floor. */
  readonly isMyTurn = $derived(this.mine?.isMyTurn ?? false);

  readonly #connection: LiveConnection;
  readonly #stop: Array<() => void>;

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.#stop = [
      connection.on('queue:state', (queue) => {
        this.queue = queue;
        this.queueReceivedAt = Date.now();
      }),
      connection.on('queue:mine', (mine) => {
        this.mine = mine;
      }),
      connection.on('queue:your-turn', () => {
        this.calls += 1;
      }),
      connection.on('queue:timer', ({ timer }) => this.#applyTimer(timer)),
      connection.on('queue:counters', (counters) => {
        this.counters = counters;
      }),
      connection.on('contributions:state', (contributions) => {
        this.contributions = contributions;
      }),
      connection.on('contributions:staff', (staff) => {
        this.staffContributions = staff;
      }),
      connection.on('contributions:mine', (mine) => {
        this.myContributions = mine;
      }),
    ];
  }

  /** Participant: raise a hand, optionally saying what kind of turn it is. */
  raise(kind: HandKindInput | null): Promise<boolean> {
    return this.#act('raise', () => this.#connection.request('queue:raise', { kind }), (result) => {
      this.mine = result.mine;
    });
  }

  /** Participant: lower their hand, or end their own turn ("j'ai fini"). */
  lower(): Promise<boolean> {
    const ticketNumber = this.mine?.ticket?.number;
    if (ticketNumber === undefined) return Promise.resolve(false);
    return this.#act('lower', () => this.#connection.request('queue:lower', { ticketNumber }), (result) => {
      this.mine = result.mine;
    });
  }

  /** Participant: send a written contribution, without any identity; resolves with its moderation, null if refused. */
  async submit(text: string, kind: ContributionKindInput | null): Promise<ContributionModeration | null> {
    let moderation: ContributionModeration | null = null;
    await this.#act('submit', () => this.#connection.request('contribution:submit', { text, kind }), (result) => {
      moderation = result.moderation;
    });
    return moderation;
  }

  /** Participant: +1 on someone else's contribution; shown at once, counted once by the server. */
  support(contributionId: string): Promise<boolean> {
    return this.#act('support', () => this.#connection.request('contribution:support', { contributionId }), (result) => {
      const mine = this.myContributions;
      if (mine && !mine.supported.includes(contributionId)) this.myContributions = { ...mine, supported: [...mine.supported, contributionId] };
      const shown = this.contributions;
      if (shown) {
        const items = shown.items.map((item) => (item.id === contributionId ? { ...item, supports: result.supports } : item));
        this.contributions = { ...shown, items };
      }
    });
  }

  /** Facilitator: the floor to `ticketNumber`, or to the next ticket of the current mode. */
  give(ticketNumber?: number): Promise<boolean> {
    return this.#act('give', () => this.#connection.request('queue:give', ticketNumber === undefined ? {} : { ticketNumber }));
  }

  endTurn(): Promise<boolean> {
    return this.#act('end', () => this.#connection.request('queue:end-turn', {}));
  }

  startTimer(seconds: number): Promise<boolean> {
    return this.#act('timer', () => this.#connection.request('queue:start-timer', { seconds }), (result) => this.#applyTimer(result.timer));
  }

  setMode(mode: QueueModeInput): Promise<boolean> {
    return this.#act('mode', () => this.#connection.request('queue:set-mode', { mode }), (result) => {
      if (this.queue) this.queue = { ...this.queue, mode: result.mode };
    });
  }

  /** Facilitator: mark read out / answered, or clear the mark (null). */
  mark(contributionId: string, handled: 'read' | 'answered' | null): Promise<boolean> {
    return this.#act('mark', () => this.#connection.request('contribution:mark', { contributionId, handled }));
  }

  /** Facilitator: show a contribution on the projection, or none (null). */
  project(contributionId: string | null): Promise<boolean> {
    return this.#act('project', () => this.#connection.request('contribution:project', { contributionId }));
  }

  moderate(contributionId: string, decision: 'approve' | 'reject'): Promise<boolean> {
    return this.#act('moderate', () => this.#connection.request('contribution:moderate', { contributionId, decision }));
  }

  setApprovalRequired(required: boolean): Promise<boolean> {
    return this.#act('approval', () => this.#connection.request('contribution:set-approval', { required }));
  }

  dispose(): void {
    for (const stop of this.#stop) stop();
  }

  #applyTimer(timer: TurnTimerView | null): void {
    this.timer = timer ? { view: timer, skewMs: timer.serverNow - Date.now() } : null;
  }

  /** One intent at a time: a double tap does not send twice. */
  async #act<R extends object>(action: QueueAction, send: () => Promise<Ack<R>>, apply?: (result: R) => void): Promise<boolean> {
    if (this.pending) return false;
    this.pending = action;
    this.error = null;
    try {
      const result = await send();
      if (!result.ok) {
        this.error = { action, code: result.code };
        return false;
      }
      apply?.(result);
      return true;
    } finally {
      this.pending = null;
    }
  }
}
