import type Database from 'better-sqlite3';
import type { DeliveryStatus, RecordPushedBy } from '../../../../shared/views-records';
import type {
  AppendOutcome,
  DeliveryAttempt,
  DeliveryJob,
  DeliveryRecord,
  NewRecordVersion,
  RecordRepository,
  StoredRecordVersion,
  WebhookRecord,
} from '../../domain/records/record-store';
import { GroupCommit } from './group-commit';

interface VersionRow {
  id: string;
  group_id: string;
  workshop_id: string;
  version: number;
  pushed_at: string;
  pushed_by: RecordPushedBy;
  summary: string;
  content: string;
  withdrawn_at: string | null;
  reason: string | null;
}

interface DeliveryRow {
  id: string;
  group_id: string;
  entry_id: string;
  workshop_id: string;
  version: number;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

interface WebhookRow {
  group_id: string;
  url: string;
  secret: string;
  created_at: string;
}

const VERSION_SELECT = `SELECT e.id, e.group_id, e.workshop_id, e.version, e.pushed_at, e.pushed_by, e.summary, e.content,
    w.withdrawn_at, w.reason
  FROM record_entries e LEFT JOIN record_withdrawals w ON w.entry_id = e.id`;

const DELIVERY_SELECT = `SELECT d.*, e.workshop_id, e.version FROM record_deliveries d JOIN record_entries e ON e.id = d.entry_id`;

const toVersion = (r: VersionRow): StoredRecordVersion => ({
  id: r.id,
  groupId: r.group_id,
  workshopId: r.workshop_id,
  version: r.version,
  pushedAt: r.pushed_at,
  pushedBy: r.pushed_by,
  summary: r.summary,
  content: JSON.parse(r.content),
  withdrawn: r.withdrawn_at === null ? null : { at: r.withdrawn_at, reason: r.reason ?? '' },
});

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  groupId: r.group_id,
  entryId: r.entry_id,
  workshopId: r.workshop_id,
  version: r.version,
  url: r.url,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const toWebhook = (r: WebhookRow): WebhookRecord => ({ groupId: r.group_id, url: r.url, secret: r.secret, createdAt: r.created_at });

/** Records on SQLite. Versions are only ever inserted; the schema's triggers refuse any change. */
export class SqliteRecords implements RecordRepository {
  readonly #db: Database.Database;
  readonly #commit: GroupCommit;
  readonly #get: Database.Statement<[string, number], VersionRow>;
  readonly #getById: Database.Statement<[string], VersionRow>;
  readonly #byKey: Database.Statement<[string, string], VersionRow>;
  readonly #byWorkshop: Database.Statement<[string], VersionRow>;
  readonly #byGroup: Database.Statement<[string], VersionRow>;
  readonly #last: Database.Statement<[string], { version: number; summary: string }>;
  readonly #webhook: Database.Statement<[string], WebhookRow>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#commit = GroupCommit.of(db);
    this.#get = db.prepare(`${VERSION_SELECT} WHERE e.workshop_id = ? AND e.version = ?`);
    this.#getById = db.prepare(`${VERSION_SELECT} WHERE e.id = ?`);
    this.#byKey = db.prepare(`${VERSION_SELECT} WHERE e.workshop_id = ? AND e.push_key = ?`);
    this.#byWorkshop = db.prepare(`${VERSION_SELECT} WHERE e.workshop_id = ? ORDER BY e.version`);
    this.#byGroup = db.prepare(`${VERSION_SELECT} WHERE e.group_id = ? ORDER BY e.workshop_id, e.version`);
    this.#last = db.prepare('SELECT version, summary FROM record_entries WHERE workshop_id = ? ORDER BY version DESC LIMIT 1');
    this.#webhook = db.prepare('SELECT * FROM record_webhooks WHERE group_id = ?');
  }

  append(v: NewRecordVersion): Promise<AppendOutcome> {
    return this.#commit.run((): AppendOutcome => {
      if (v.pushKey !== null) {
        const existing = this.#byKey.get(v.workshopId, v.pushKey);
        if (existing) return { version: toVersion(existing), created: false, deliveryQueued: false };
      }
      const last = this.#last.get(v.workshopId);
      // Read and insert in one transaction: two pushes never get the same number (UNIQUE would refuse it anyway).
      this.#db
        .prepare(`INSERT INTO record_entries (id, group_id, workshop_id, version, pushed_at, pushed_by, push_key, summary, content)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(v.id, v.groupId, v.workshopId, (last?.version ?? 0) + 1, v.pushedAt, v.pushedBy, v.pushKey, v.summary ?? last?.summary ?? '', JSON.stringify(v.content));
      const webhook = this.#webhook.get(v.groupId);
      if (webhook) {
        this.#db
          .prepare(`INSERT INTO record_deliveries (id, group_id, entry_id, url, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`)
          .run(v.deliveryId, v.groupId, v.id, webhook.url, v.pushedAt, v.pushedAt);
      }
      return { version: toVersion(this.#getById.get(v.id)!), created: true, deliveryQueued: webhook !== undefined };
    });
  }

  async get(workshopId: string, version: number): Promise<StoredRecordVersion | null> {
    const row = this.#get.get(workshopId, version);
    return row ? toVersion(row) : null;
  }

  async listByWorkshop(workshopId: string): Promise<StoredRecordVersion[]> {
    return this.#byWorkshop.all(workshopId).map(toVersion);
  }

  async listByGroup(groupId: string): Promise<StoredRecordVersion[]> {
    return this.#byGroup.all(groupId).map(toVersion);
  }

  withdraw(workshopId: string, version: number, at: string, reason: string): Promise<StoredRecordVersion | 'already_withdrawn' | null> {
    return this.#commit.run(() => {
      const row = this.#get.get(workshopId, version);
      if (!row) return null;
      if (row.withdrawn_at !== null) return 'already_withdrawn' as const;
      this.#db.prepare('INSERT INTO record_withdrawals (entry_id, withdrawn_at, reason) VALUES (?, ?, ?)').run(row.id, at, reason);
      return toVersion(this.#getById.get(row.id)!);
    });
  }

  async closedWithoutClosePush(): Promise<string[]> {
    const rows = this.#db
      .prepare(`SELECT w.id FROM workshops w WHERE w.state = 'closed'
        AND NOT EXISTS (SELECT 1 FROM record_entries e WHERE e.workshop_id = w.id AND e.push_key = 'close')
        ORDER BY w.closed_at`)
      .all() as { id: string }[];
    return rows.map((r) => r.id);
  }

  setWebhook(w: WebhookRecord): Promise<void> {
    return this.#commit.run(() => {
      this.#db
        .prepare(`INSERT INTO record_webhooks (group_id, url, secret, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (group_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`)
        .run(w.groupId, w.url, w.secret, w.createdAt);
    });
  }

  async getWebhook(groupId: string): Promise<WebhookRecord | null> {
    const row = this.#webhook.get(groupId);
    return row ? toWebhook(row) : null;
  }

  removeWebhook(groupId: string, at: string): Promise<boolean> {
    return this.#commit.run(() => {
      const removed = this.#db.prepare('DELETE FROM record_webhooks WHERE group_id = ?').run(groupId).changes > 0;
      if (removed) {
        this.#db
          .prepare(`UPDATE record_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = ?
            WHERE group_id = ? AND status = 'pending'`)
          .run(`webhook retiré le ${at}`, groupId);
      }
      return removed;
    });
  }

  async listDeliveries(groupId: string, limit: number): Promise<DeliveryRecord[]> {
    const rows = this.#db.prepare(`${DELIVERY_SELECT} WHERE d.group_id = ? ORDER BY d.created_at DESC, d.rowid DESC LIMIT ?`).all(groupId, limit) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  claimDueDeliveries(now: string, leaseUntil: string, limit: number): Promise<DeliveryJob[]> {
    return this.#commit.run(() => {
      const due = this.#db
        .prepare(`${DELIVERY_SELECT} WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at LIMIT ?`)
        .all(now, limit) as DeliveryRow[];
      const lease = this.#db.prepare('UPDATE record_deliveries SET next_attempt_at = ? WHERE id = ?');
      return due.map((row): DeliveryJob => {
        lease.run(leaseUntil, row.id);
        const webhook = this.#webhook.get(row.group_id);
        return { delivery: toDelivery(row), webhook: webhook ? toWebhook(webhook) : null, entry: toVersion(this.#getById.get(row.entry_id)!) };
      });
    });
  }

  async nextDeliveryDueAt(): Promise<string | null> {
    const row = this.#db.prepare(`SELECT MIN(next_attempt_at) AS at FROM record_deliveries WHERE status = 'pending'`).get() as { at: string | null };
    return row.at;
  }

  recordAttempt(deliveryId: string, a: DeliveryAttempt): Promise<void> {
    return this.#commit.run(() => {
      // A delivery failed meanwhile (its webhook removed) stays failed.
      this.#db
        .prepare(`UPDATE record_deliveries SET status = ?, attempts = ?, url = ?, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?
          WHERE id = ? AND status = 'pending'`)
        .run(a.status, a.attempts, a.url, a.lastStatus, a.lastError, a.nextAttemptAt, a.deliveredAt, deliveryId);
    });
  }
}
