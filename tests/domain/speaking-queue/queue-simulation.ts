/**
 * Random command sequences for the property tests, and an independent model of what the
 * queue must do: it follows tickets, presence and speaking time from the commands and
 * events alone, so the machine's own state is checked against it rather than trusted.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  applyQueueCommand,
  DEFAULT_GRACE_MS,
  publicView,
  type QueueCommand,
  type QueueEvent,
  type QueueMode,
  type QueueState,
} from '../../../server/src/domain/speaking-queue/queue-machine';
import { deepFreeze } from './queue-helpers';

export const PARTICIPANTS = ['pid-alpha', 'pid-bravo', 'pid-charlie', 'pid-delta', 'pid-echo', 'pid-foxtrot'];
const STANDPOINTS = ['regard-concerned', 'regard-pro', 'regard-student', null];
export const standpointOf = (participant: number): string | null => STANDPOINTS[participant % STANDPOINTS.length] ?? null;
export const keyOf = (standpoint: string | null): string => standpoint ?? 'undisclosed-group';

/** A step before it is resolved against the current state (so that most lowers and gives hit a real ticket). */
export type Step =
  | { kind: 'raise'; participant: number; hand: 'question' | 'testimony' | 'reaction' | null }
  | { kind: 'lower_own'; participant: number }
  | { kind: 'lower_any'; participant: number; ticketNumber: number }
  | { kind: 'give_next' }
  | { kind: 'give_pick'; pick: number }
  | { kind: 'end_turn' }
  | { kind: 'start_timer'; durationMs: number }
  | { kind: 'set_mode'; mode: QueueMode }
  | { kind: 'disconnect' | 'reconnect'; participant: number }
  | { kind: 'expire' };

const participant = fc.nat({ max: PARTICIPANTS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('raise' as const), participant, hand: fc.constantFrom('question' as const, 'testimony' as const, 'reaction' as const, null) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lower_own' as const), participant }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lower_any' as const), participant, ticketNumber: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'give_next' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('give_pick' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'end_turn' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('start_timer' as const), durationMs: fc.integer({ min: -10, max: 4_000_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set_mode' as const), mode: fc.constantFrom<QueueMode>('fifo', 'first_time_first', 'alternate_standpoints') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('disconnect' as const, 'reconnect' as const), participant }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);

/** A scenario: a starting mode, then steps each taken after a delay in ms. */
export const scenario = (steps: fc.Arbitrary<Step> = step) =>
  fc.record({
    mode: fc.constantFrom<QueueMode>('fifo', 'first_time_first', 'alternate_standpoints'),
    steps: fc.array(fc.tuple(steps, fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 150_000 }))), { minLength: 10, maxLength: 80, size: 'max' }),
  });

/** A waiting ticket as the model sees it. */
export interface Candidate {
  number: number;
  participantId: string;
  key: string;
  firstTime: boolean;
  speakingMs: number;
  turns: number;
}

/** What the queue chose on one successful give_next, and what it could choose from. */
export interface Decision {
  mode: QueueMode;
  candidates: Candidate[];
  chosen: Candidate;
}

interface ModelTicket {
  number: number;
  participantId: string;
  key: string;
  status: 'waiting' | 'speaking' | 'lowered' | 'dropped' | 'served';
  awaySince: number | null;
  starts: number;
}

/** The model of one workshop's queue, advanced one command at a time. */
export class QueueModel {
  readonly tickets = new Map<number, ModelTicket>();
  readonly spoken = new Set<string>();
  readonly time = new Map<string, { speakingMs: number; turns: number }>();
  readonly decisions: Decision[] = [];
  readonly started: number[] = [];
  mode: QueueMode;

  constructor(mode: QueueMode) {
    this.mode = mode;
  }

  openTicketOf(participantId: string): ModelTicket | undefined {
    return [...this.tickets.values()].find((t) => t.participantId === participantId && (t.status === 'waiting' || t.status === 'speaking'));
  }

  waiting(): ModelTicket[] {
    return [...this.tickets.values()].filter((t) => t.status === 'waiting').sort((a, b) => a.number - b.number);
  }

  speaking(): ModelTicket | undefined {
    return [...this.tickets.values()].find((t) => t.status === 'speaking');
  }

  /** Turns a step into a command, using the model to aim at real tickets. */
  resolve(s: Step): QueueCommand {
    switch (s.kind) {
      case 'raise':
        return { type: 'raise', participantId: PARTICIPANTS[s.participant]!, standpoint: standpointOf(s.participant), kind: s.hand };
      case 'lower_own': {
        const participantId = PARTICIPANTS[s.participant]!;
        return { type: 'lower', participantId, ticketNumber: this.openTicketOf(participantId)?.number ?? 1 };
      }
      case 'lower_any':
        return { type: 'lower', participantId: PARTICIPANTS[s.participant]!, ticketNumber: s.ticketNumber };
      case 'give_pick': {
        const waiting = this.waiting();
        return { type: 'give', ticketNumber: waiting[s.pick % Math.max(1, waiting.length)]?.number ?? 1 };
      }
      case 'start_timer':
        return { type: 'start_timer', durationMs: s.durationMs };
      case 'set_mode':
        return { type: 'set_mode', mode: s.mode };
      case 'disconnect':
      case 'reconnect':
        return { type: s.kind, participantId: PARTICIPANTS[s.participant]! };
      default:
        return { type: s.kind };
    }
  }

  /** Applies a command to the machine, checks the outcome against the model, and advances both. */
  step(state: QueueState, command: QueueCommand, now: number): QueueState {
    deepFreeze(state);
    const result = applyQueueCommand(state, command, now);
    const roundTripped = applyQueueCommand(JSON.parse(JSON.stringify(state)) as QueueState, command, now);
    expect(roundTripped).toEqual(result);

    const expectedDrops = this.waiting().filter((t) => t.awaySince !== null && now - t.awaySince > DEFAULT_GRACE_MS);
    if (!result.ok) {
      this.checkRefusal(command, result.code, expectedDrops);
      return state;
    }
    const events = result.events;
    const dropped = events.filter((e) => e.type === 'ticket_dropped').map((e) => e.ticketNumber);
    expect(dropped).toEqual(expectedDrops.map((t) => t.number));
    for (const t of expectedDrops) t.status = 'dropped';

    if (command.type === 'disconnect' || command.type === 'reconnect') this.checkPresence(command, events);
    if (command.type === 'give_next') this.recordDecision(events);
    for (const event of events) this.follow(event, command, now);
    if (command.type === 'set_mode') this.mode = command.mode;
    this.checkState(result.state, now);
    return result.state;
  }

  private checkRefusal(command: QueueCommand, code: string, drops: ModelTicket[]): void {
    const remaining = this.waiting().filter((t) => !drops.includes(t));
    if (command.type === 'raise') {
      const open = this.openTicketOf(command.participantId);
      expect(open !== undefined && !drops.includes(open)).toBe(true);
      expect(code).toBe('hand_already_raised');
    }
    if (command.type === 'give_next') expect([code, remaining.length]).toEqual(['queue_empty', 0]);
    if (command.type === 'end_turn') expect([code, this.speaking()]).toEqual(['no_turn_in_progress', undefined]);
  }

  /** A presence change shows on a waiting ticket exactly when it changes whether its owner is away. */
  private checkPresence(command: QueueCommand & { participantId: string }, events: readonly QueueEvent[]): void {
    const ticket = this.waiting().find((t) => t.participantId === command.participantId);
    const changes = ticket !== undefined && (ticket.awaySince === null) === (command.type === 'disconnect');
    const type = command.type === 'disconnect' ? 'ticket_away' : 'ticket_back';
    const expected = changes ? [{ type, ticketNumber: ticket.number }] : [];
    expect(events.filter((e) => e.type !== 'ticket_dropped')).toEqual(expected);
  }

  private recordDecision(events: readonly QueueEvent[]): void {
    const ended = events.find((e) => e.type === 'turn_ended');
    const startedEvent = events.find((e) => e.type === 'turn_started');
    if (startedEvent?.type !== 'turn_started') throw new Error('give_next succeeded without starting a turn');
    const time = new Map([...this.time].map(([k, v]) => [k, { ...v }]));
    const current = this.speaking();
    if (ended?.type === 'turn_ended' && current !== undefined) {
      const before = time.get(current.key) ?? { speakingMs: 0, turns: 0 };
      time.set(current.key, { speakingMs: before.speakingMs + ended.durationMs, turns: before.turns + 1 });
    }
    const candidates = this.waiting().map((t) => ({
      number: t.number,
      participantId: t.participantId,
      key: t.key,
      firstTime: !this.spoken.has(t.participantId),
      speakingMs: time.get(t.key)?.speakingMs ?? 0,
      turns: time.get(t.key)?.turns ?? 0,
    }));
    const chosen = candidates.find((c) => c.number === startedEvent.ticketNumber);
    if (chosen === undefined) throw new Error(`ticket ${startedEvent.ticketNumber} was served without waiting`);
    this.decisions.push({ mode: this.mode, candidates, chosen });
  }

  private follow(event: QueueEvent, command: QueueCommand, now: number): void {
    if (event.type === 'hand_raised' && command.type === 'raise') {
      expect(this.tickets.has(event.ticketNumber)).toBe(false);
      expect(Math.max(0, ...this.tickets.keys())).toBeLessThan(event.ticketNumber);
      this.tickets.set(event.ticketNumber, {
        number: event.ticketNumber,
        participantId: command.participantId,
        key: keyOf(command.standpoint),
        status: 'waiting',
        awaySince: null,
        starts: 0,
      });
      return;
    }
    const ticket = 'ticketNumber' in event ? this.tickets.get(event.ticketNumber) : undefined;
    if (event.type === 'mode_changed' || event.type === 'ticket_dropped') return;
    if (ticket === undefined) throw new Error(`event ${event.type} names an unknown ticket`);
    switch (event.type) {
      case 'turn_started':
        expect(ticket.status).toBe('waiting');
        ticket.status = 'speaking';
        ticket.starts += 1;
        this.spoken.add(ticket.participantId);
        this.started.push(ticket.number);
        break;
      case 'turn_ended': {
        expect(ticket.status).toBe('speaking');
        ticket.status = 'served';
        const before = this.time.get(ticket.key) ?? { speakingMs: 0, turns: 0 };
        this.time.set(ticket.key, { speakingMs: before.speakingMs + event.durationMs, turns: before.turns + 1 });
        break;
      }
      case 'hand_lowered':
        expect(ticket.status).toBe('waiting');
        ticket.status = 'lowered';
        break;
      case 'ticket_away':
        expect(ticket.awaySince).toBeNull();
        ticket.awaySince = now;
        break;
      case 'ticket_back':
        expect(ticket.awaySince).not.toBeNull();
        ticket.awaySince = null;
        break;
      default:
        break;
    }
  }

  private checkState(state: QueueState, now: number): void {
    expect(state.waiting.map((t) => t.number).sort((a, b) => a - b)).toEqual(this.waiting().map((t) => t.number));
    expect(state.speaking?.ticket.number).toBe(this.speaking()?.number);
    for (const t of this.tickets.values()) expect(t.starts).toBeLessThanOrEqual(1);
    for (const participantId of PARTICIPANTS) {
      const open = [...this.tickets.values()].filter(
        (t) => t.participantId === participantId && (t.status === 'waiting' || t.status === 'speaking'),
      );
      expect(open.length).toBeLessThanOrEqual(1);
    }
    const counters = Object.entries(state.counters).map(([k, c]) => [k === '_undisclosed' ? keyOf(null) : k, c] as const);
    expect(new Map(counters)).toEqual(this.time);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const text = JSON.stringify(publicView(state, now));
    for (const secret of [...PARTICIPANTS, ...STANDPOINTS.filter((s) => s !== null), '_undisclosed']) {
      expect(text).not.toContain(secret);
    }
  }
}
