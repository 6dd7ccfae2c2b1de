import type { CroiseeClient } from '../../../../shared/client/croisee-client';
import { LiveConnection } from './live-connection.svelte';

/** An intent of the facilitator that is waiting for the server's answer. */
export type PendingAction = 'open' | 'close';

/** The facilitator console's connection: the workshop life cycle and live attendance. */
export class FacilitatorConsole extends LiveConnection {
  pending = $state<PendingAction | null>(null);
  /** Code of the last refused action, shown beside the controls until the next one. */
  actionError = $state<string | null>(null);

  constructor(client: CroiseeClient, workshopId: string, secret: string) {
    super(client, { role: 'facilitator', workshopId, secret });
  }

  /** draft → live: the session starts. */
  open(): Promise<boolean> {
    return this.#transition('open', 'workshop:open');
  }

  /** → closed: nobody can join or answer any more. */
  close(): Promise<boolean> {
    return this.#transition('close', 'workshop:close');
  }

  async #transition(action: PendingAction, event: 'workshop:open' | 'workshop:close'): Promise<boolean> {
    if (this.pending) return false;
    this.pending = action;
    this.actionError = null;
    try {
      const result = await this.request(event, {});
      if (!result.ok) {
        this.actionError = result.code;
        return false;
      }
      this.applyWorkshop(result.workshop);
      return true;
    } finally {
      this.pending = null;
    }
  }
}
