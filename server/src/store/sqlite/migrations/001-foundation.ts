import type { Migration } from '../migrate';

export const migration001: Migration = {
  version: 1,
  name: 'foundation',
  up: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE working_groups (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      purpose TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    );
    CREATE TABLE workshops (
      id TEXT PRIMARY KEY,
      group_id TEXT NOT NULL REFERENCES working_groups(id),
      title TEXT NOT NULL,
      date TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('draft', 'live', 'closed')),
      join_code TEXT NOT NULL,
      facilitator_secret TEXT NOT NULL,
      projection_secret TEXT NOT NULL,
      standpoints TEXT NOT NULL,
      created_at TEXT NOT NULL,
      opened_at TEXT,
      closed_at TEXT
    );
    CREATE INDEX workshops_group ON workshops(group_id);
    CREATE INDEX workshops_code ON workshops(join_code, created_at);
    -- A join code admits to at most one open workshop.
    CREATE UNIQUE INDEX workshops_open_code ON workshops(join_code) WHERE state <> 'closed';
    CREATE TABLE participants (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id),
      token_hash TEXT NOT NULL UNIQUE,
      pseudonym TEXT,
      standpoint TEXT,
      created_at TEXT NOT NULL,
      attended_at TEXT
    );
    CREATE INDEX participants_workshop ON participants(workshop_id);
    CREATE TABLE connections (
      connection_id TEXT PRIMARY KEY,
      participant_id TEXT NOT NULL REFERENCES participants(id),
      workshop_id TEXT NOT NULL,
      node_id TEXT NOT NULL,
      connected_at TEXT NOT NULL
    );
    CREATE INDEX connections_participant ON connections(participant_id);
    CREATE INDEX connections_workshop ON connections(workshop_id, participant_id);
    CREATE INDEX connections_node ON connections(node_id);
  `,
};
