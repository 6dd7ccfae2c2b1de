import {
  applyQueueCommand,
  type HandKind,
  type QueueCommand,
  type QueueEvent,
  type QueueState,
} from '../../../server/src/domain/speaking-queue/queue-machine';

/** Applies a command that must succeed and returns its new state and events. */
export function ok(state: QueueState, command: QueueCommand, now: number): { state: QueueState; events: readonly QueueEvent[] } {
  const result = applyQueueCommand(state, command, now);
  if (!result.ok) throw new Error(`${command.type} failed: ${result.code} (${result.message})`);
  return { state: result.state, events: result.events };
}

/** Applies a command that must fail and returns its error code. */
export function errorCode(state: QueueState, command: QueueCommand, now: number): string {
  const result = applyQueueCommand(state, command, now);
  if (result.ok) throw new Error(`${command.type} unexpectedly succeeded`);
  return result.code;
}

/** Applies several successful commands, all at their own time, and returns the final state. */
export function run(state: QueueState, steps: readonly (readonly [QueueCommand, number])[]): QueueState {
  return steps.reduce((current, [command, now]) => ok(current, command, now).state, state);
}

export const raise = (participantId: string, standpoint: string | null = null, kind: HandKind = null): QueueCommand => ({
  type: 'raise',
  participantId,
  standpoint,
  kind,
});

/** Deep-freezes a value so that any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
