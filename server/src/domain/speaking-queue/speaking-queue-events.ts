/**
 * Domain events of the speaking queue, published after commit. Like every domain event they name
 * what changed, never who: the transport asks the service for the views (and, for "your turn", the
 * owner of the ticket) when it needs them.
 */
export type SpeakingQueueDomainEvent =
  /** The anonymous queue changed (a hand raised or lowered, a turn, a mode, a ticket away or back). */
  | { type: 'speaking-queue.changed'; workshopId: string }
  /** A ticket was given the floor. */
  | { type: 'speaking-queue.turn-started'; workshopId: string; ticketNumber: number }
  /** The turn timer started, reached its warning or its end, or went away with its turn. */
  | { type: 'speaking-queue.timer'; workshopId: string }
  /** Turns, speaking time or written contributions counted by standpoint changed. */
  | { type: 'speaking-queue.counters'; workshopId: string }
  /** A written contribution was added, supported, moderated, marked or projected, or a setting changed. */
  | { type: 'contributions.changed'; workshopId: string; contributionId: string | null };
