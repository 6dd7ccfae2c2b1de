import type { SpeakingQueueDomainEvent } from './speaking-queue/speaking-queue-events';

/**
 * Domain events: facts that happened, published after commit. They name what changed, not who did
 * it: a transport recomputes the aggregate it needs from the store, so events never carry ballots or
 * participant identities to broadcast.
 */
export type DomainEvent =
  | SpeakingQueueDomainEvent
  | { type: 'workshop.updated'; workshopId: string }
  | { type: 'attendance.changed'; workshopId: string };

export type DomainEventType = DomainEvent['type'];
