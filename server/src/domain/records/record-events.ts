/** Domain events of records, published after commit. */
export type RecordDomainEvent =
  /** A version of a workshop's entry was stored (a push, or the workshop closing). */
  { type: 'record.pushed'; workshopId: string; version: number };
