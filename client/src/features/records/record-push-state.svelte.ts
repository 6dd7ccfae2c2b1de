import type { RecordVersionSummary } from '../../../../shared/views-records';
import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import { clientId } from '../agenda/client-id';
import type { FeatureState } from '../registry';

/**
 * The facilitator's side of the working-group record on one connection: sending the workshop's results
 * (a new version each time) with a summary, and the versions stored — before the console connected,
 * then each new one, by this console, another facilitator's, the organiser, or the workshop closing.
 */
export class RecordPushState implements FeatureState {
  readonly current = false;
  /** Versions stored, oldest first: those before the console connected, then each new one. */
  versions = $state.raw<RecordVersionSummary[]>([]);
  sending = $state(false);
  /** Code of the last failed push. */
  error = $state<string | null>(null);
  /** The version the last push from this console created (or found, for a resend). */
  lastSent = $state<number | null>(null);

  readonly #connection: LiveConnection;
  readonly #stop: () => void;
  /** Kept across retries of one push, so that a push whose answer was lost is stored once. */
  #pushId: string | null = null;

  constructor(connection: LiveConnection) {
    this.#connection = connection;
    this.#stop = connection.on('record:pushed', (entry) => this.#add(entry));
  }

  /** Sends the results now; an empty summary keeps the previous version's. */
  async push(summary: string): Promise<boolean> {
    if (this.sending) return false;
    this.sending = true;
    this.error = null;
    this.#pushId ??= clientId();
    const trimmed = summary.trim();
    const result = await this.#connection.request('record:push', { pushId: this.#pushId, ...(trimmed ? { summary: trimmed } : {}) });
    this.sending = false;
    if (!result.ok) {
      this.error = result.code;
      // A refusal other than a lost answer will not change on a resend: the next push is a new one.
      if (result.code !== 'timeout') this.#pushId = null;
      return false;
    }
    this.#pushId = null;
    this.#add(result.entry);
    this.lastSent = result.entry.version;
    return true;
  }

  #add(entry: RecordVersionSummary): void {
    if (this.versions.some((v) => v.id === entry.id)) return;
    this.versions = [...this.versions, entry].sort((a, b) => a.version - b.version);
  }

  dispose(): void {
    this.#stop();
  }
}
