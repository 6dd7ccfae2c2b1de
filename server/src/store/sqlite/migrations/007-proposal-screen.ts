import type { Migration } from '../migrate';

/**
 * The proposal whose text the projection shows, one per workshop at most. Deleting the proposal
 * removes the row in the same transaction (see `SqliteProposals.remove`), so the screen never points
 * at a proposal that is gone.
 */
export const migration007: Migration = {
  version: 7,
  name: 'proposal-screen',
  up: `
    CREATE TABLE proposal_screen (
      workshop_id TEXT PRIMARY KEY REFERENCES workshops(id),
      proposal_id TEXT NOT NULL REFERENCES proposals(id)
    );
  `,
};
