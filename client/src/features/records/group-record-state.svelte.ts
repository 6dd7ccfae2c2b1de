import type { CompareView, GroupRecordView, ParticipationView, RecordEntry } from '../../../../shared/views-records';
import type { RecordAccess } from './record-access.svelte';

/** Where a page's data stands. `missing`: the server does not know what the address names. */
export type LoadStatus = 'loading' | 'ready' | 'missing' | 'error';

/** A working group's record: its timeline, participation over time, and the questions asked in several workshops. */
export class GroupRecordState {
  status = $state<LoadStatus>('loading');
  error = $state<string | null>(null);
  record = $state.raw<GroupRecordView | null>(null);
  participation = $state.raw<ParticipationView | null>(null);
  compare = $state.raw<CompareView | null>(null);
  /** Every workshop's current version, in timeline order (oldest first): the group's printable page. */
  entries = $state.raw<RecordEntry[]>([]);

  readonly #access: RecordAccess;

  constructor(access: RecordAccess) {
    this.#access = access;
  }

  /** Loads the three views of the group at once; with `withEntries`, every current version too. */
  async load(groupId: string, withEntries = false): Promise<void> {
    const client = this.#access.client;
    if (!client) return;
    this.status = 'loading';
    this.error = null;
    try {
      const [record, participation, compare] = await Promise.all([client.groupRecord(groupId), client.participation(groupId), client.compareQuestions(groupId)]);
      const entries = withEntries
        ? await Promise.all([...record.entries].reverse().map((item) => client.recordEntry(item.workshopId, item.current.version)))
        : [];
      this.record = record;
      this.participation = participation;
      this.compare = compare;
      this.entries = entries;
      this.status = 'ready';
    } catch (error) {
      const code = this.#access.failed(error);
      this.error = code;
      this.status = code === 'not_found' || code === 'bad_request' ? 'missing' : 'error';
    }
  }
}
