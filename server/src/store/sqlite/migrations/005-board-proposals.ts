import type { Migration } from '../migrate';

/**
 * The board and proposals: what the server must decide on, outside the Yjs documents. Card rows say
 * who may delete a card (their author); dots and supports are one row per participant and target, so
 * that the database itself refuses a second one, and budgets are counted from these rows.
 */
export const migration005: Migration = {
  version: 5,
  name: 'board-proposals',
  up: `
    CREATE TABLE board_settings (
      workshop_id TEXT PRIMARY KEY REFERENCES workshops(id),
      locked INTEGER NOT NULL DEFAULT 0,
      dot_budget INTEGER NOT NULL DEFAULT 3 CHECK (dot_budget BETWEEN 1 AND 100)
    );
    CREATE TABLE board_cards (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id),
      author_id TEXT REFERENCES participants(id),
      created_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX board_cards_workshop ON board_cards(workshop_id) WHERE deleted_at IS NULL;
    CREATE TABLE board_dots (
      card_id TEXT NOT NULL REFERENCES board_cards(id),
      participant_id TEXT NOT NULL REFERENCES participants(id),
      workshop_id TEXT NOT NULL,
      standpoint TEXT,
      PRIMARY KEY (card_id, participant_id)
    );
    CREATE INDEX board_dots_participant ON board_dots(workshop_id, participant_id);
    CREATE TABLE proposals (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id),
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'voting', 'adopted', 'not_adopted')),
      locked INTEGER NOT NULL DEFAULT 0,
      from_card_id TEXT,
      poll_item_id TEXT,
      created_at TEXT NOT NULL,
      decided_at TEXT,
      deleted_at TEXT
    );
    CREATE INDEX proposals_workshop ON proposals(workshop_id, created_at);
    CREATE TABLE proposal_supports (
      proposal_id TEXT NOT NULL REFERENCES proposals(id),
      participant_id TEXT NOT NULL REFERENCES participants(id),
      workshop_id TEXT NOT NULL,
      standpoint TEXT,
      PRIMARY KEY (proposal_id, participant_id)
    );
    CREATE INDEX proposal_supports_participant ON proposal_supports(workshop_id, participant_id);
  `,
};
