import type { Migration } from '../migrate';

/**
 * Working-group records: append-only versions of each workshop's entry, the organiser's withdrawal
 * marks, and the webhook with its persisted delivery queue.
 *
 * `record_entries` rows are never changed or removed: triggers abort any UPDATE or DELETE, so even a
 * bug or a hand-written query cannot rewrite what a group received. A withdrawal is a row of its own,
 * written once. `push_key` makes a push idempotent: `close` for the push made when the workshop
 * closed (one per workshop), `push:<client id>` for a push a client may resend.
 */
export const migration006: Migration = {
  version: 6,
  name: 'records',
  up: `
    CREATE TABLE record_entries (
      id TEXT PRIMARY KEY,
      group_id TEXT NOT NULL REFERENCES working_groups(id),
      workshop_id TEXT NOT NULL REFERENCES workshops(id),
      version INTEGER NOT NULL CHECK (version >= 1),
      pushed_at TEXT NOT NULL,
      pushed_by TEXT NOT NULL CHECK (pushed_by IN ('facilitator', 'organiser', 'workshop_closed')),
      push_key TEXT,
      summary TEXT NOT NULL,
      -- The entry as pushed (JSON), without the fields above nor the withdrawal mark.
      content TEXT NOT NULL,
      UNIQUE (workshop_id, version)
    );
    CREATE UNIQUE INDEX record_entries_push_key ON record_entries(workshop_id, push_key) WHERE push_key IS NOT NULL;
    CREATE INDEX record_entries_group ON record_entries(group_id, workshop_id, version);
    CREATE TRIGGER record_entries_no_update BEFORE UPDATE ON record_entries
      BEGIN SELECT RAISE(ABORT, 'record entries are append-only'); END;
    CREATE TRIGGER record_entries_no_delete BEFORE DELETE ON record_entries
      BEGIN SELECT RAISE(ABORT, 'record entries are append-only'); END;

    CREATE TABLE record_withdrawals (
      entry_id TEXT PRIMARY KEY REFERENCES record_entries(id),
      withdrawn_at TEXT NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE TRIGGER record_withdrawals_no_update BEFORE UPDATE ON record_withdrawals
      BEGIN SELECT RAISE(ABORT, 'a withdrawal is set once'); END;
    CREATE TRIGGER record_withdrawals_no_delete BEFORE DELETE ON record_withdrawals
      BEGIN SELECT RAISE(ABORT, 'a withdrawal is set once'); END;

    -- The secret is kept as is: it signs each delivery (HMAC), so it cannot be stored hashed.
    CREATE TABLE record_webhooks (
      group_id TEXT PRIMARY KEY REFERENCES working_groups(id),
      url TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    -- The delivery queue: one row per new version of a group with a webhook, written in the
    -- transaction that stores the version. A worker claims due rows by pushing next_attempt_at
    -- forward (a lease), so a crash mid-attempt only delays the retry.
    CREATE TABLE record_deliveries (
      id TEXT PRIMARY KEY,
      group_id TEXT NOT NULL REFERENCES working_groups(id),
      entry_id TEXT NOT NULL REFERENCES record_entries(id),
      url TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_status INTEGER,
      last_error TEXT,
      created_at TEXT NOT NULL,
      delivered_at TEXT
    );
    CREATE INDEX record_deliveries_due ON record_deliveries(next_attempt_at) WHERE status = 'pending';
    CREATE INDEX record_deliveries_group ON record_deliveries(group_id, created_at);
  `,
};
