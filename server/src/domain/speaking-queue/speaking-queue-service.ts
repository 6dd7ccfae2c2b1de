import { CroiseeError } from '../../../../shared/errors';
import type {
  HandKind,
  MyQueueView,
  PublicQueueView,
  QueueMode,
  SpeakingCountersView,
  TurnTimerView,
} from '../../../../shared/views-speaking-queue';
import type { EventBus } from '../../bus/event-bus';
import type { Store } from '../../store/ports';
import type { Clock } from '../clock';
import { DEFAULT_PRIVACY_THRESHOLD } from '../privacy/privacy-threshold';
import { ContributionService } from './contribution-service';
import {
  applyQueueCommand,
  DEFAULT_GRACE_MS,
  initialQueueState,
  publicView,
  viewFor,
  type QueueCommand,
  type QueueEvent,
  type QueueState,
} from './queue-machine';
import type { SpeakingQueueStore } from './queue-store';
import type { ParticipantQueueView, PublicQueueView as DomainPublicView } from './queue-view';
import { speakingCountersView } from './speaking-counters';
import { TimerWatch, turnTimerView } from './turn-timer';

export type { SpeakingQueueDomainEvent } from './speaking-queue-events';
export type { SpeakingQueueStore } from './queue-store';
export { ContributionService } from './contribution-service';

export interface SpeakingQueueOptions {
  /** How long a disconnected participant keeps a waiting ticket; 2 minutes unless told. */
  graceMs?: number;
  /** Smallest standpoint group shown alone in the counters; 3 unless told. */
  privacyThreshold?: number;
}

/** The participant a command comes from, as the handshake authenticated them. */
export interface QueueParticipant {
  id: string;
  standpoint: string | null;
}

/** What a participant's screens show when they hold no ticket. */
export const NO_TICKET: MyQueueView = { ticket: null, position: null, estimatedWaitMs: null, isMyTurn: false, timer: null };

const toPublic = (view: DomainPublicView): PublicQueueView => ({ ...view, waiting: view.waiting.map((t) => ({ ...t })) });
const toMine = (view: ParticipantQueueView): MyQueueView => ({ ...view, ticket: view.ticket && { ...view.ticket } });

/**
 * Anonymous speaking turns (tours de parole): commands go through the pure queue machine, whose state
 * is read and written in one store transaction per command, then domain events are published. Views
 * never carry a participant id or a standpoint; `framesFor` and `speakerOf` give the transport the
 * owners it must route personal messages to, and nothing more.
 */
export class SpeakingQueueService {
  readonly contributions: ContributionService;
  readonly #queues: SpeakingQueueStore['queues'];
  readonly #timers = new TimerWatch();
  readonly #graceMs: number;
  readonly #threshold: number;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    options: SpeakingQueueOptions = {},
  ) {
    this.#queues = store.speakingQueue.queues;
    this.#graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.#threshold = options.privacyThreshold ?? DEFAULT_PRIVACY_THRESHOLD;
    this.contributions = new ContributionService(store, bus, clock, (workshopId) => this.#requireWorkshop(workshopId));
  }

  /** Raises a hand; refuses a second open hand of the same participant (`hand_already_raised`). */
  async raise(workshopId: string, participant: QueueParticipant, kind: HandKind): Promise<{ ticketNumber: number; mine: MyQueueView }> {
    await this.#requireLive(workshopId);
    const { state, events } = await this.#command(workshopId, {
      type: 'raise',
      participantId: participant.id,
      standpoint: participant.standpoint,
      kind,
    });
    const raised = events.find((e) => e.type === 'hand_raised');
    return { ticketNumber: raised?.ticketNumber ?? 0, mine: toMine(viewFor(state, participant.id, this.#now())) };
  }

  /** Lowers the participant's own hand, or ends their own turn (`not_ticket_owner` for anyone else's). */
  async lower(workshopId: string, participantId: string, ticketNumber: number): Promise<{ mine: MyQueueView }> {
    const { state } = await this.#command(workshopId, { type: 'lower', participantId, ticketNumber });
    return { mine: toMine(viewFor(state, participantId, this.#now())) };
  }

  /** Gives the floor to `ticketNumber`, or to the next ticket of the current mode; ends the current turn first. */
  async give(workshopId: string, ticketNumber?: number): Promise<{ ticketNumber: number }> {
    await this.#requireLive(workshopId);
    const command: QueueCommand = ticketNumber === undefined ? { type: 'give_next' } : { type: 'give', ticketNumber };
    const { events } = await this.#command(workshopId, command);
    const started = events.find((e) => e.type === 'turn_started');
    return { ticketNumber: started?.ticketNumber ?? 0 };
  }

  async endTurn(workshopId: string): Promise<{ durationMs: number }> {
    const { events } = await this.#command(workshopId, { type: 'end_turn' });
    const ended = events.find((e) => e.type === 'turn_ended');
    return { durationMs: ended?.durationMs ?? 0 };
  }

  async startTimer(workshopId: string, seconds: number): Promise<TurnTimerView> {
    await this.#requireLive(workshopId);
    const { state } = await this.#command(workshopId, { type: 'start_timer', durationMs: seconds * 1000 });
    const timer = turnTimerView(state, this.#now());
    if (timer === null) throw new CroiseeError('internal', 'Le minuteur n’a pas démarré.');
    return timer;
  }

  async setMode(workshopId: string, mode: QueueMode): Promise<QueueMode> {
    const workshop = await this.#requireWorkshop(workshopId);
    if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
    const { state } = await this.#command(workshopId, { type: 'set_mode', mode });
    return state.mode;
  }

  /** The participant's last connection closed: their waiting ticket is kept for the grace period. */
  async ownerAway(workshopId: string, participantId: string): Promise<void> {
    await this.#presence(workshopId, { type: 'disconnect', participantId });
  }

  /** The participant is connected again: their ticket, if still kept, is theirs as before. */
  async ownerBack(workshopId: string, participantId: string): Promise<void> {
    await this.#presence(workshopId, { type: 'reconnect', participantId });
  }

  /** Live workshops whose queue has tickets or a turn, for the periodic sweep. */
  activeWorkshops(): Promise<string[]> {
    return this.#queues.activeWorkshops();
  }

  /**
   * Brings the queue in line with who is connected (a process that restarted, or a missed
   * disconnect), then drops the tickets whose grace period is over.
   */
  async sweep(workshopId: string, isConnected: (participantId: string) => Promise<boolean>): Promise<void> {
    const state = await this.#queues.load(workshopId);
    if (state === null) return;
    this.#timers.track(workshopId, state, this.#now());
    for (const ticket of state.waiting) {
      const connected = await isConnected(ticket.participantId);
      if (connected && ticket.disconnectedAt !== null) await this.ownerBack(workshopId, ticket.participantId);
      if (!connected && ticket.disconnectedAt === null) await this.ownerAway(workshopId, ticket.participantId);
    }
    await this.#presence(workshopId, { type: 'expire' });
  }

  /** Publishes a timer event for every running timer that reached its warning or its end. Cheap: no I/O. */
  tick(): void {
    for (const workshopId of this.#timers.crossed(this.#now())) this.bus.publish({ type: 'speaking-queue.timer', workshopId });
  }

  /** A closed workshop's turn ends, so that its speaking time is counted. */
  async workshopUpdated(workshopId: string): Promise<void> {
    const workshop = await this.#requireWorkshop(workshopId);
    const state = await this.#queues.load(workshopId);
    if (workshop.state === 'closed' && state?.speaking) await this.#presence(workshopId, { type: 'end_turn' });
  }

  async publicView(workshopId: string): Promise<PublicQueueView> {
    return toPublic(publicView(await this.#load(workshopId), this.#now()));
  }

  async mine(workshopId: string, participantId: string): Promise<MyQueueView> {
    return toMine(viewFor(await this.#load(workshopId), participantId, this.#now()));
  }

  async timer(workshopId: string): Promise<TurnTimerView | null> {
    return turnTimerView(await this.#load(workshopId), this.#now());
  }

  /**
   * One broadcast frame: the public view, and the own view of every participant holding a ticket,
   * keyed by participant id so that the transport can reach their devices. Server-side only.
   */
  async framesFor(workshopId: string): Promise<{ queue: PublicQueueView; owners: Map<string, MyQueueView> }> {
    const state = await this.#load(workshopId);
    const now = this.#now();
    const owners = new Map<string, MyQueueView>();
    const holders = state.waiting.map((t) => t.participantId);
    if (state.speaking) holders.push(state.speaking.ticket.participantId);
    for (const id of holders) {
      const mine = viewFor(state, id, now);
      if (mine.ticket !== null) owners.set(id, toMine(mine));
    }
    return { queue: toPublic(publicView(state, now)), owners };
  }

  /** Who has the floor with this ticket and since when, if it still has it. Server-side only: used to route "your turn". */
  async speakerOf(workshopId: string, ticketNumber: number): Promise<{ participantId: string; startedAt: number } | null> {
    const turn = (await this.#load(workshopId)).speaking;
    return turn?.ticket.number === ticketNumber ? { participantId: turn.ticket.participantId, startedAt: turn.startedAt } : null;
  }

  /** Turns, speaking time and written contributions by standpoint group, under the privacy threshold; also for the record. */
  async counters(workshopId: string): Promise<SpeakingCountersView> {
    const workshop = await this.#requireWorkshop(workshopId);
    const [state, attendance, contributions] = await Promise.all([
      this.#load(workshopId),
      this.store.presence.attendance(workshopId),
      this.store.speakingQueue.contributions.countByStandpoint(workshopId),
    ]);
    return speakingCountersView({
      standpoints: workshop.standpoints.map((s) => s.key),
      attended: attendance.attended,
      speaking: state.counters,
      contributions,
      threshold: this.#threshold,
    });
  }

  #now(): number {
    return this.clock.now().getTime();
  }

  #initial = (): QueueState => initialQueueState({ graceMs: this.#graceMs });

  async #load(workshopId: string): Promise<QueueState> {
    return (await this.#queues.load(workshopId)) ?? this.#initial();
  }

  /** Applies a command in one transaction; a refusal writes nothing and becomes a named error. */
  async #command(workshopId: string, command: QueueCommand): Promise<{ state: QueueState; events: readonly QueueEvent[] }> {
    const now = this.#now();
    const result = await this.#queues.update(
      workshopId,
      this.#initial,
      (state) => {
        const applied = applyQueueCommand(state, command, now);
        return { next: applied.ok && applied.events.length > 0 ? applied.state : null, result: applied };
      },
      new Date(now).toISOString(),
    );
    if (!result.ok) throw new CroiseeError(result.code, result.message);
    this.#timers.track(workshopId, result.state, now);
    this.#publish(workshopId, result.events);
    return { state: result.state, events: result.events };
  }

  /** Presence and sweeping commands never fail for a reason a caller could act on; only their events matter. */
  async #presence(workshopId: string, command: QueueCommand): Promise<void> {
    if ((await this.#queues.load(workshopId)) === null) return;
    try {
      await this.#command(workshopId, command);
    } catch (error) {
      if (!(error instanceof CroiseeError)) throw error;
    }
  }

  #publish(workshopId: string, events: readonly QueueEvent[]): void {
    if (events.length === 0) return;
    this.bus.publish({ type: 'speaking-queue.changed', workshopId });
    for (const event of events) {
      if (event.type === 'turn_started') {
        this.bus.publish({ type: 'speaking-queue.turn-started', workshopId, ticketNumber: event.ticketNumber });
      }
    }
    if (events.some((e) => e.type === 'turn_started' || e.type === 'turn_ended' || e.type === 'timer_started')) {
      this.bus.publish({ type: 'speaking-queue.timer', workshopId });
    }
    if (events.some((e) => e.type === 'turn_ended')) this.bus.publish({ type: 'speaking-queue.counters', workshopId });
  }

  async #requireWorkshop(workshopId: string) {
    const workshop = await this.store.workshops.get(workshopId);
    if (!workshop) throw new CroiseeError('not_found', 'Atelier introuvable.');
    return workshop;
  }

  async #requireLive(workshopId: string): Promise<void> {
    const workshop = await this.#requireWorkshop(workshopId);
    if (workshop.state === 'closed') throw new CroiseeError('workshop_closed', 'Cet atelier est terminé.');
    if (workshop.state !== 'live') throw new CroiseeError('workshop_not_live', 'L’atelier n’a pas encore commencé.');
  }
}
