import type { ProposalStatus } from '../../../../shared/schemas/board';

/**
 * A proposal's life: written as a `draft`, put to a vote (`voting`), then `adopted` or `not_adopted`.
 * The facilitator may decide without a vote, and may send a proposal back to `draft` to write again.
 */
const NEXT: Record<ProposalStatus, readonly ProposalStatus[]> = {
  draft: ['voting', 'adopted', 'not_adopted'],
  voting: ['adopted', 'not_adopted', 'draft'],
  adopted: ['not_adopted', 'draft'],
  not_adopted: ['adopted', 'draft'],
};

/** The statuses from which a proposal may move to `to`. */
export function statusesBefore(to: ProposalStatus): ProposalStatus[] {
  return (Object.keys(NEXT) as ProposalStatus[]).filter((from) => NEXT[from].includes(to));
}

/** Whether the text may be edited: only a draft that is not locked, in a workshop that is not closed. */
export function isWritable(proposal: { status: ProposalStatus; locked: boolean }, workshopClosed: boolean): boolean {
  return proposal.status === 'draft' && !proposal.locked && !workshopClosed;
}
