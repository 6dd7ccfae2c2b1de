import type { RecordEntry, RecordVersionSummary } from '../../../../shared/views-records';
import type { LoadStatus } from './group-record-state.svelte';
import type { RecordAccess } from './record-access.svelte';
import { currentVersion } from './record-format';

/** One workshop's record entry: every version, and the one shown. */
export class EntryState {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
  versions = $state.raw<RecordVersionSummary[]>([]);
  entry = $state.raw<RecordEntry | null>(null);
  /** A withdrawal is being sent. */
  busy = $state(false);
  /** Code of the last refused withdrawal. */
  actionError = $state<string | null>(null);

  readonly #access: RecordAccess;

  constructor(access: RecordAccess) {
    this.#access = access;
  }

  /** Loads the versions, then `version` (the current one when null). */
  async load(workshopId: string, version: number | null): Promise<void> {
    const client = this.#access.client;
    if (!client) return;
    this.status = 'loading';
    this.error = null;
    try {
      const versions = await client.recordVersions(workshopId);
      const shown = version ?? currentVersion(versions)?.version;
      if (shown === undefined || !versions.some((candidate) => candidate.version === shown)) {
        this.versions = versions;
        this.entry = null;
        this.status = 'missing';
        return;
      }
      this.entry = await client.recordEntry(workshopId, shown);
      this.versions = versions;
      this.status = 'ready';
    } catch (error) {
      const code = this.#access.failed(error);
      this.error = code;
      this.status = code === 'not_found' || code === 'bad_request' ? 'missing' : 'error';
    }
  }

  /** Marks the shown version withdrawn; it stays readable, marked. Resolves with whether it worked. */
  async withdraw(reason: string): Promise<boolean> {
    const client = this.#access.client;
    const entry = this.entry;
    if (!client || !entry) return false;
    this.busy = true;
    this.actionError = null;
    try {
      const summary = await client.withdrawRecord(entry.workshopId, entry.version, reason);
      this.entry = { ...entry, withdrawn: summary.withdrawn };
      this.versions = this.versions.map((version) => (version.version === summary.version ? summary : version));
      return true;
    } catch (error) {
      this.actionError = this.#access.failed(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
