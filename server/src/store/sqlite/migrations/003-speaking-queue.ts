import type { Migration } from '../migrate';

/**
 * The speaking queue and written contributions.
 *
 * `speaking_queues.state` is the queue machine's state as JSON, rewritten in the transaction of each
 * command, so an acknowledged raise survives a crash. It holds participant ids and standpoints for
 * fair order and counts by standpoint; no view sends them. Supports are unique per participant, so
 * a replayed +1 counts once, and their counts are derived in SQL.
 */
export const migration003: Migration = {
  version: 3,
  name: 'speaking-queue',
  up: `
    CREATE TABLE speaking_queues (
      workshop_id TEXT PRIMARY KEY REFERENCES workshops(id),
      state TEXT NOT NULL,
      -- 1 while a ticket waits or a turn goes on: the queues the presence sweep looks at.
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      updated_at TEXT NOT NULL
    );
    CREATE INDEX speaking_queues_active ON speaking_queues(workshop_id) WHERE active = 1;
    CREATE TABLE speaking_contribution_settings (
      workshop_id TEXT PRIMARY KEY REFERENCES workshops(id),
      approval_required INTEGER NOT NULL DEFAULT 0 CHECK (approval_required IN (0, 1)),
      projected_contribution_id TEXT
    );
    CREATE TABLE speaking_contributions (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id),
      author_id TEXT NOT NULL REFERENCES participants(id),
      standpoint TEXT,
      kind TEXT CHECK (kind IN ('question', 'testimony')),
      text TEXT NOT NULL,
      moderation TEXT NOT NULL CHECK (moderation IN ('pending', 'approved', 'rejected')),
      handled TEXT CHECK (handled IN ('read', 'answered')),
      created_at TEXT NOT NULL
    );
    CREATE INDEX speaking_contributions_workshop ON speaking_contributions(workshop_id);
    CREATE INDEX speaking_contributions_author ON speaking_contributions(author_id);
    CREATE TABLE speaking_contribution_supports (
      contribution_id TEXT NOT NULL REFERENCES speaking_contributions(id),
      participant_id TEXT NOT NULL REFERENCES participants(id),
      created_at TEXT NOT NULL,
      UNIQUE (contribution_id, participant_id)
    );
    CREATE INDEX speaking_contribution_supports_participant ON speaking_contribution_supports(participant_id);
  `,
};
