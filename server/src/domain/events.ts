import type { SpeakingQueueDomainEvent } from './speaking-queue/speaking-queue-events';
import type { BoardDomainEvent } from './board/board-events';
import type { RecordDomainEvent } from './records/record-events';

/**
 * Domain events: facts that happened, published after commit. They name what changed, not who did
 * it: a transport recomputes the aggregate it needs from the store, so events never carry ballots or
 * participant identities to broadcast.
 */
export type DomainEvent =
  | SpeakingQueueDomainEvent
  | BoardDomainEvent
  | RecordDomainEvent
  | { type: 'workshop.updated'; workshopId: string }
  | { type: 'attendance.changed'; workshopId: string }
  /** An agenda item was added, edited, moved, removed, opened, closed, or its display changed (null: the order). */
  | { type: 'agenda.changed'; workshopId: string; itemId: string | null }
  | { type: 'poll.ballots.changed'; workshopId: string; itemId: string }
  /** Entries were added or taken back, or the facilitator hid or restored one. */
  | { type: 'word-cloud.changed'; workshopId: string; itemId: string };

export type DomainEventType = DomainEvent['type'];
