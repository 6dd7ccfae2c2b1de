import type { Migration } from '../migrate';

/**
 * The workshop agenda, polls and word clouds.
 *
 * Secret ballot: `poll_ballots` links a participant to their ballot only while the poll is open, so
 * that the ballot can be changed and counted once (UNIQUE(poll_id, participant_id)). Closing a poll
 * copies the aggregates into `poll_counts` / `poll_turnout` and deletes the ballots in the same
 * transaction; `secure_delete` (set on the connection) overwrites the freed bytes. Standpoint groups
 * below the privacy threshold are stored merged, so that a lone standpoint does not name its voter.
 */
export const migration002: Migration = {
  version: 2,
  name: 'polls-word-clouds',
  up: `
    -- The agenda: activities of a workshop in order. Each kind keeps its own data in a table keyed by
    -- the item id. No CHECK on kind, so that later kinds (speaking turns, board) need no table rebuild.
    CREATE TABLE agenda_items (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id),
      kind TEXT NOT NULL,
      position INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
      results TEXT NOT NULL CHECK (results IN ('live', 'on_close')),
      show_results INTEGER NOT NULL DEFAULT 1,
      by_standpoint INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      opened_at TEXT,
      closed_at TEXT
    );
    CREATE INDEX agenda_items_workshop ON agenda_items(workshop_id, position);
    -- One activity open at a time in a workshop.
    CREATE UNIQUE INDEX agenda_items_one_open ON agenda_items(workshop_id) WHERE state = 'open';

    CREATE TABLE polls (
      item_id TEXT PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
      definition TEXT NOT NULL,
      -- Participants present when the poll closed: the "sur 27 présents" of the final turnout.
      present_at_close INTEGER,
      -- Standpoints too small to be stored alone at close, merged under '_others' (JSON array).
      merged_standpoints TEXT
    );
    -- Open polls only: one row per participant who voted. choices: bit i set = option i chosen.
    CREATE TABLE poll_ballots (
      poll_id TEXT NOT NULL REFERENCES polls(item_id) ON DELETE CASCADE,
      participant_id TEXT NOT NULL REFERENCES participants(id),
      standpoint TEXT,
      choices INTEGER NOT NULL CHECK (choices > 0),
      ballot_id TEXT NOT NULL,
      UNIQUE (poll_id, participant_id)
    );
    -- Covers the live count: ballots grouped by standpoint and set of options, read from the index alone.
    CREATE INDEX poll_ballots_count ON poll_ballots(poll_id, standpoint, choices);
    -- Ballot ids already applied (a resent one changes nothing). No participant here.
    CREATE TABLE poll_ballot_ids (
      poll_id TEXT NOT NULL REFERENCES polls(item_id) ON DELETE CASCADE,
      ballot_id TEXT NOT NULL,
      PRIMARY KEY (poll_id, ballot_id)
    ) WITHOUT ROWID;
    -- Closed polls: what remains of the ballots, counts only, by standpoint groups no smaller than
    -- the privacy threshold (smaller ones are stored merged as '_others').
    CREATE TABLE poll_counts (
      poll_id TEXT NOT NULL REFERENCES polls(item_id) ON DELETE CASCADE,
      standpoint TEXT,
      choice INTEGER NOT NULL,
      count INTEGER NOT NULL
    );
    CREATE INDEX poll_counts_poll ON poll_counts(poll_id);
    CREATE TABLE poll_turnout (
      poll_id TEXT NOT NULL REFERENCES polls(item_id) ON DELETE CASCADE,
      standpoint TEXT,
      ballots INTEGER NOT NULL
    );
    CREATE INDEX poll_turnout_poll ON poll_turnout(poll_id);

    CREATE TABLE word_clouds (
      item_id TEXT PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
      prompt TEXT NOT NULL,
      max_entries INTEGER NOT NULL,
      merged_standpoints TEXT
    );
    -- participant_id links an entry to its author only while the cloud is open (limit of k
    -- entries, taking one back); closing the cloud sets it to NULL.
    CREATE TABLE word_cloud_entries (
      cloud_id TEXT NOT NULL REFERENCES word_clouds(item_id) ON DELETE CASCADE,
      entry_id TEXT NOT NULL,
      participant_id TEXT REFERENCES participants(id),
      standpoint TEXT,
      text TEXT NOT NULL,
      key TEXT NOT NULL,
      -- Matched the blocklist when stored: kept off the cloud unless the facilitator lets it through.
      blocked INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      PRIMARY KEY (cloud_id, entry_id)
    );
    CREATE INDEX word_cloud_entries_participant ON word_cloud_entries(cloud_id, participant_id);
    CREATE INDEX word_cloud_entries_key ON word_cloud_entries(cloud_id, key);
    -- Closed clouds: how many people of each standpoint group sent entries.
    CREATE TABLE word_cloud_contributors (
      cloud_id TEXT NOT NULL REFERENCES word_clouds(item_id) ON DELETE CASCADE,
      standpoint TEXT,
      contributors INTEGER NOT NULL
    );
    CREATE INDEX word_cloud_contributors_cloud ON word_cloud_contributors(cloud_id);
    -- The facilitator's choice for a word (by key): hidden = 1 keeps it off the cloud, hidden = 0
    -- shows it, even when it matched the blocklist.
    CREATE TABLE word_cloud_moderation (
      cloud_id TEXT NOT NULL REFERENCES word_clouds(item_id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      hidden INTEGER NOT NULL,
      PRIMARY KEY (cloud_id, key)
    ) WITHOUT ROWID;
  `,
};
