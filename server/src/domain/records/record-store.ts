import type { DeliveryStatus, RecordEntry, RecordPushedBy, RecordWithdrawal } from '../../../../shared/views-records';

/** What a push stores besides its version's metadata and summary: everything the entry says. */
export type RecordEntryContent = Omit<
  RecordEntry,
  'format' | 'formatVersion' | 'id' | 'workshopId' | 'version' | 'pushedAt' | 'pushedBy' | 'withdrawn' | 'summary'
>;

/** One stored version of a workshop's entry, with the organiser's withdrawal mark if any. */
export interface StoredRecordVersion {
  id: string;
  groupId: string;
  workshopId: string;
  version: number;
  pushedAt: string;
  pushedBy: RecordPushedBy;
  summary: string;
  content: RecordEntryContent;
  withdrawn: RecordWithdrawal | null;
}

export interface NewRecordVersion {
  id: string;
  groupId: string;
  workshopId: string;
  pushedAt: string;
  pushedBy: RecordPushedBy;
  /** Idempotency key: a version already stored for this workshop under it is answered instead. */
  pushKey: string | null;
  /** Null: the summary of the previous version ('' for the first one). */
  summary: string | null;
  content: RecordEntryContent;
  /** Id given to the webhook delivery, if the group has a webhook. */
  deliveryId: string;
}

/** `created` false: a version with the same push key was already there, nothing was written. */
export interface AppendOutcome {
  version: StoredRecordVersion;
  created: boolean;
  /** Whether a webhook delivery was queued with it. */
  deliveryQueued: boolean;
}

/** A group's webhook. The secret signs each delivery. */
export interface WebhookRecord {
  groupId: string;
  url: string;
  secret: string;
  createdAt: string;
}

export interface DeliveryRecord {
  id: string;
  groupId: string;
  entryId: string;
  workshopId: string;
  version: number;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A delivery due now, with what it needs to be sent: the group's webhook as it is now and the version. */
export interface DeliveryJob {
  delivery: DeliveryRecord;
  webhook: WebhookRecord | null;
  entry: StoredRecordVersion;
}

/** What an attempt changed: counts, last answer, and either the next attempt, success or failure. */
export interface DeliveryAttempt {
  status: DeliveryStatus;
  attempts: number;
  url: string;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/**
 * Storage port of records. Each method is one atomic operation. Versions are append-only: there is no
 * method to change or remove one; a withdrawal is a separate mark, set once.
 */
export interface RecordRepository {
  /**
   * Stores version n + 1 of the workshop's entry (n the number stored so far), and, in the same
   * transaction, queues a webhook delivery when the group has a webhook.
   */
  append(version: NewRecordVersion): Promise<AppendOutcome>;
  get(workshopId: string, version: number): Promise<StoredRecordVersion | null>;
  /** Oldest first. */
  listByWorkshop(workshopId: string): Promise<StoredRecordVersion[]>;
  /** Every version of every workshop of the group, by workshop then version. */
  listByGroup(groupId: string): Promise<StoredRecordVersion[]>;
  /** Marks a version withdrawn, once. Null when there is no such version. */
  withdraw(workshopId: string, version: number, at: string, reason: string): Promise<StoredRecordVersion | 'already_withdrawn' | null>;
  /** Closed workshops that have no version pushed by their closing yet. */
  closedWithoutClosePush(): Promise<string[]>;

  setWebhook(webhook: WebhookRecord): Promise<void>;
  getWebhook(groupId: string): Promise<WebhookRecord | null>;
  /** Removes the group's webhook and fails its pending deliveries; false when there was none. */
  removeWebhook(groupId: string, at: string): Promise<boolean>;
  /** Newest first. */
  listDeliveries(groupId: string, limit: number): Promise<DeliveryRecord[]>;
  /** Pending deliveries due at `now`, leased until `leaseUntil` so that no other worker takes them meanwhile. */
  claimDueDeliveries(now: string, leaseUntil: string, limit: number): Promise<DeliveryJob[]>;
  /** When the earliest pending delivery is due; null when none is pending. */
  nextDeliveryDueAt(): Promise<string | null>;
  recordAttempt(deliveryId: string, attempt: DeliveryAttempt): Promise<void>;
}
