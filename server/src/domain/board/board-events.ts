/**
 * Domain events of the board and proposals, published after commit. They name what changed, never
 * who: card content travels in the Yjs documents, not on the bus.
 */
export type BoardDomainEvent =
  /** The board was locked or unlocked, or its dot budget changed. */
  | { type: 'board.changed'; workshopId: string }
  /** Dots were placed or removed, or a card holding dots was deleted. */
  | { type: 'board.dots.changed'; workshopId: string }
  /** A proposal was created, retitled, locked, put to a vote, decided or removed, or its supports changed. */
  | { type: 'proposals.changed'; workshopId: string; proposalId: string | null }
  /** The proposal whose text the projection shows changed (shown, hidden, or deleted while shown). */
  | { type: 'proposals.shown'; workshopId: string };
