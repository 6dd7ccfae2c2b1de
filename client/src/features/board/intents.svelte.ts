import { SvelteSet } from 'svelte/reactivity';
import type { Ack } from '../../../../shared/errors';

/** The last refused intent: what was tried and the server's named code. */
export interface RefusedIntent {
  action: string;
  code: string;
}

/**
 * Intents sent to the server and waiting for their answer, by key (`dot:<cardId>`, `staff:<proposalId>`…),
 * so that a double tap does not send twice, and the last refusal to show beside the controls.
 */
export class Intents {
  readonly pending = new SvelteSet<string>();
  error = $state.raw<RefusedIntent | null>(null);

  /** Sends once per key at a time; applies the answer on success, keeps the refusal otherwise. Resolves with success. */
  async run<R extends object>(action: string, key: string, send: () => Promise<Ack<R>>, apply?: (result: R) => void): Promise<boolean> {
    if (this.pending.has(key)) return false;
    this.pending.add(key);
    this.error = null;
    try {
      const result = await send();
      if (!result.ok) {
        this.error = { action, code: result.code };
        return false;
      }
      apply?.(result);
      return true;
    } finally {
      this.pending.delete(key);
    }
  }
}
