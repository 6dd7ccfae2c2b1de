import { CroiseeError } from '../../../../shared/errors';
import type { ContributionExportFormat, RecordExportFormat } from '../../../../shared/schemas/records';
import type {
  CompareView,
  DeliveryView,
  GroupRecordView,
  ParticipationView,
  RecordEntry,
  RecordPushedBy,
  RecordVersionSummary,
  WebhookCreatedView,
  WebhookView,
} from '../../../../shared/views-records';
import type { EventBus } from '../../bus/event-bus';
import type { Store, WorkingGroupRecord } from '../../store/ports';
import type { AgendaService } from '../agenda/agenda-service';
import type { Clock } from '../clock';
import { newId, newSecret } from '../ids';
import { DEFAULT_PRIVACY_THRESHOLD } from '../privacy/privacy-threshold';
import { buildEntryContent } from './build-entry';
import { collectInputs, type RecordSources } from './collect-inputs';
import { compareOf, contributionOf, currentVersions, participationOf, timelineOf, toEntry, toSummary } from './group-views';
import { contributionFile, entryFile, groupFile } from './record-exports';
import type { ExportedFile } from './record-labels';
import type { StoredRecordVersion } from './record-store';
import { WebhookDispatcher, type RetryPolicy, type WebhookSender } from './webhook-dispatcher';

export type { RecordBoardSource, RecordSources } from './collect-inputs';
export type { ExportedFile } from './record-labels';
export type { RecordDomainEvent } from './record-events';
export { signatureOf, type RetryPolicy, type WebhookSender } from './webhook-dispatcher';

/** Push key of the version made when the workshop closed: one per workshop. */
const CLOSE_PUSH_KEY = 'close';
/** Deliveries listed to the organiser. */
const DELIVERIES_SHOWN = 100;
/** Waits before trying a failed close push again. */
const CLOSE_PUSH_RETRIES_MS = [1_000, 5_000, 30_000];

export interface RecordServiceOptions {
  /** Smallest group a breakdown shows alone; 3 unless told. */
  privacyThreshold?: number;
  /** How webhook POSTs are sent; `fetch` unless told. */
  sender?: WebhookSender;
  retryPolicy?: RetryPolicy;
  onError?: (error: unknown) => void;
}

/**
 * Working-group records: pushes of a workshop's results as append-only versions, the group's views
 * (timeline, participation, compare, contribution), exports, and the webhook. A workshop that closes
 * is pushed once it is settled, after its close was committed.
 */
export class RecordService {
  readonly #threshold: number;
  readonly #deliveries: WebhookDispatcher;
  readonly #onError: (error: unknown) => void;
  readonly #retries = new Set<NodeJS.Timeout>();
  #stopped = false;
  readonly #sources: RecordSources;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly agenda: AgendaService,
    sources: RecordSources,
    options: RecordServiceOptions = {},
  ) {
    this.#sources = sources;
    this.#threshold = options.privacyThreshold ?? DEFAULT_PRIVACY_THRESHOLD;
    this.#onError = options.onError ?? (() => {});
    this.#deliveries = new WebhookDispatcher(store.records, clock, this.#onError, options.sender, options.retryPolicy);
    bus.subscribe((event) => {
      if (event.type === 'workshop.updated') this.#pushAfterClose(event.workshopId, 0);
    });
  }

  /** The close's push, tried again a few times if it fails (the next start tries again after that). */
  #pushAfterClose(workshopId: string, attempt: number): void {
    this.pushIfClosed(workshopId).catch((error) => {
      this.#onError(error);
      const wait = CLOSE_PUSH_RETRIES_MS[attempt];
      if (wait === undefined || this.#stopped) return;
      const timer = setTimeout(() => {
        this.#retries.delete(timer);
        this.#pushAfterClose(workshopId, attempt + 1);
      }, wait);
      timer.unref();
      this.#retries.add(timer);
    });
  }

  /** Stores a new version of the workshop's entry. A `pushId` already used answers its version with `created: false`. */
  async push(workshopId: string, by: RecordPushedBy, input: { summary?: string; pushId?: string } = {}): Promise<{ entry: RecordVersionSummary; created: boolean }> {
    const { version, created } = await this.#append(workshopId, by, input.summary ?? null, input.pushId ? `push:${input.pushId}` : null);
    return { entry: toSummary(version), created };
  }

  /**
   * Pushes a closed workshop once: settles what closing leaves open (an open activity, a turn under
   * way) so that the version holds final counts. Idempotent; does nothing for a workshop not closed.
   */
  async pushIfClosed(workshopId: string): Promise<void> {
    const workshop = await this.store.workshops.get(workshopId);
    if (workshop?.state !== 'closed') return;
    await this.agenda.settleClosedWorkshop(workshopId);
    await this.#sources.speakingQueue.workshopUpdated(workshopId);
    await this.#append(workshopId, 'workshop_closed', null, CLOSE_PUSH_KEY);
  }

  /** Makes the pushes a stopped server missed, then starts webhook deliveries (pending ones first). */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#deliveries.start();
    for (const workshopId of await this.store.records.closedWithoutClosePush()) {
      await this.pushIfClosed(workshopId).catch(this.#onError);
    }
  }

  /** Stops webhook deliveries and pending retries (unfinished work is done again after a restart). */
  stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#retries) clearTimeout(timer);
    this.#retries.clear();
    return this.#deliveries.stop();
  }

  /** Timing of webhook retries. */
  setRetryPolicy(policy: Partial<RetryPolicy>): void {
    this.#deliveries.setRetryPolicy(policy);
  }

  async versions(workshopId: string): Promise<RecordVersionSummary[]> {
    await this.#requireWorkshop(workshopId);
    return (await this.store.records.listByWorkshop(workshopId)).map(toSummary);
  }

  async entry(workshopId: string, version: number): Promise<RecordEntry> {
    return toEntry(await this.#requireVersion(workshopId, version));
  }

  /** Marks a version withdrawn, once; its content stays as it was. */
  async withdraw(workshopId: string, version: number, reason: string): Promise<RecordVersionSummary> {
    await this.#requireVersion(workshopId, version);
    const outcome = await this.store.records.withdraw(workshopId, version, this.clock.now().toISOString(), reason);
    if (outcome === null) throw new CroiseeError('not_found', 'Version introuvable.');
    if (outcome === 'already_withdrawn') throw new CroiseeError('already_withdrawn', 'Cette version est déjà retirée.');
    return toSummary(outcome);
  }

  async timeline(groupId: string): Promise<GroupRecordView> {
    const group = await this.#requireGroup(groupId);
    return timelineOf({ id: group.id, name: group.name, purpose: group.purpose }, await this.store.records.listByGroup(groupId));
  }

  async participation(groupId: string): Promise<ParticipationView> {
    const group = await this.#requireGroup(groupId);
    return participationOf({ id: group.id, name: group.name }, await this.store.records.listByGroup(groupId));
  }

  async compare(groupId: string, question?: string): Promise<CompareView> {
    const group = await this.#requireGroup(groupId);
    return compareOf({ id: group.id, name: group.name }, await this.store.records.listByGroup(groupId), question);
  }

  async exportEntry(workshopId: string, version: number, format: RecordExportFormat): Promise<ExportedFile> {
    return entryFile(await this.entry(workshopId, version), format);
  }

  async exportGroup(groupId: string, format: RecordExportFormat): Promise<ExportedFile> {
    const group = await this.#requireGroup(groupId);
    const entries = currentVersions(await this.store.records.listByGroup(groupId)).map(toEntry);
    return groupFile({ id: group.id, name: group.name, purpose: group.purpose }, entries, format, this.clock.now().toISOString());
  }

  async exportContribution(groupId: string, format: ContributionExportFormat): Promise<ExportedFile> {
    const group = await this.#requireGroup(groupId);
    const versions = await this.store.records.listByGroup(groupId);
    return contributionFile(contributionOf({ id: group.id, name: group.name, purpose: group.purpose }, versions, this.clock.now().toISOString()), format);
  }

  async webhook(groupId: string): Promise<WebhookView | null> {
    await this.#requireGroup(groupId);
    const webhook = await this.store.records.getWebhook(groupId);
    return webhook ? { url: webhook.url, createdAt: webhook.createdAt } : null;
  }

  /** Sets (or replaces) the group's webhook with a new secret, returned this once. */
  async setWebhook(groupId: string, url: string): Promise<WebhookCreatedView> {
    await this.#requireGroup(groupId);
    const webhook = { groupId, url, secret: newSecret(), createdAt: this.clock.now().toISOString() };
    await this.store.records.setWebhook(webhook);
    return { webhook: { url: webhook.url, createdAt: webhook.createdAt }, secret: webhook.secret };
  }

  async removeWebhook(groupId: string): Promise<void> {
    await this.#requireGroup(groupId);
    if (!(await this.store.records.removeWebhook(groupId, this.clock.now().toISOString()))) {
      throw new CroiseeError('not_found', 'Ce groupe n’a pas de webhook.');
    }
  }

  async deliveries(groupId: string): Promise<DeliveryView[]> {
    await this.#requireGroup(groupId);
    return (await this.store.records.listDeliveries(groupId, DELIVERIES_SHOWN)).map((d) => ({
      id: d.id,
      entryId: d.entryId,
      workshopId: d.workshopId,
      version: d.version,
      url: d.url,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
    }));
  }

  async #append(workshopId: string, by: RecordPushedBy, summary: string | null, pushKey: string | null) {
    const { workshop, inputs } = await collectInputs(this.store, this.#sources, workshopId, this.#threshold);
    const outcome = await this.store.records.append({
      id: newId(),
      groupId: workshop.groupId,
      workshopId,
      pushedAt: this.clock.now().toISOString(),
      pushedBy: by,
      pushKey,
      summary,
      content: buildEntryContent(inputs),
      deliveryId: newId(),
    });
    if (outcome.created) {
      this.bus.publish({ type: 'record.pushed', workshopId, version: outcome.version.version });
      if (outcome.deliveryQueued) this.#deliveries.kick();
    }
    return outcome;
  }

  async #requireWorkshop(workshopId: string) {
    const workshop = await this.store.workshops.get(workshopId);
    if (!workshop) throw new CroiseeError('not_found', 'Atelier introuvable.');
    return workshop;
  }

  async #requireVersion(workshopId: string, version: number): Promise<StoredRecordVersion> {
    const stored = await this.store.records.get(workshopId, version);
    if (!stored) throw new CroiseeError('not_found', 'Version introuvable.');
    return stored;
  }

  async #requireGroup(groupId: string): Promise<WorkingGroupRecord> {
    const group = await this.store.groups.get(groupId);
    if (!group) throw new CroiseeError('not_found', 'Groupe de travail introuvable.');
    return group;
  }
}
