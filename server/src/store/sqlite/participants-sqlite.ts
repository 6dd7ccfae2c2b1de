import type Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import type { ParticipantRecord, ParticipantRepository, PresenceRepository, StandpointCount } from '../ports';

interface ParticipantRow {
  id: string;
  workshop_id: string;
  token_hash: string;
  pseudonym: string | null;
  standpoint: string | null;
  created_at: string;
  attended_at: string | null;
}

const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  tokenHash: r.token_hash,
  pseudonym: r.pseudonym,
  standpoint: r.standpoint,
  createdAt: r.created_at,
  attendedAt: r.attended_at,
});

export class SqliteParticipants implements ParticipantRepository {
  readonly #insert: Database.Statement;
  readonly #byToken: Database.Statement<[string], ParticipantRow>;
  readonly #get: Database.Statement<[string], ParticipantRow>;
  readonly #commit: GroupCommit;

  constructor(db: Database.Database) {
    this.#commit = GroupCommit.of(db);
    this.#insert = db.prepare(`INSERT INTO participants (id, workshop_id, token_hash, pseudonym, standpoint, created_at, attended_at)
      VALUES (@id, @workshopId, @tokenHash, @pseudonym, @standpoint, @createdAt, @attendedAt)`);
    this.#byToken = db.prepare('SELECT * FROM participants WHERE token_hash = ?');
    this.#get = db.prepare('SELECT * FROM participants WHERE id = ?');
  }

  /** Joins arrive in bursts (a room scanning the QR code at once): they share commits. */
  async insert(p: ParticipantRecord): Promise<void> {
    await this.#commit.run(() => this.#insert.run(p));
  }

  async findByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
    const row = this.#byToken.get(tokenHash);
    return row ? toParticipant(row) : null;
  }

  async get(id: string): Promise<ParticipantRecord | null> {
    const row = this.#get.get(id);
    return row ? toParticipant(row) : null;
  }
}

export class SqlitePresence implements PresenceRepository {
  readonly #connect: (input: { connectionId: string; participantId: string; workshopId: string; nodeId: string; at: string }) => void;
  readonly #disconnect: Database.Statement<[string]>;
  readonly #isPresent: Database.Statement<[string], { present: number }>;
  readonly #present: Database.Statement<[string], StandpointCount>;
  readonly #attended: Database.Statement<[string], StandpointCount>;
  readonly #clearNode: Database.Statement<[string]>;
  readonly #commit: GroupCommit;

  constructor(db: Database.Database) {
    this.#commit = GroupCommit.of(db);
    const insert = db.prepare(`INSERT OR REPLACE INTO connections (connection_id, participant_id, workshop_id, node_id, connected_at)
      VALUES (@connectionId, @participantId, @workshopId, @nodeId, @at)`);
    const attend = db.prepare('UPDATE participants SET attended_at = @at WHERE id = @participantId AND attended_at IS NULL');
    this.#connect = db.transaction((input) => {
      insert.run(input);
      attend.run(input);
    });
    this.#disconnect = db.prepare('DELETE FROM connections WHERE connection_id = ?');
    this.#isPresent = db.prepare('SELECT EXISTS (SELECT 1 FROM connections WHERE participant_id = ?) AS present');
    this.#present = db.prepare(`SELECT p.standpoint AS standpoint, COUNT(*) AS count FROM participants p
      WHERE p.workshop_id = ? AND EXISTS (SELECT 1 FROM connections c WHERE c.participant_id = p.id)
      GROUP BY p.standpoint`);
    this.#attended = db.prepare(`SELECT standpoint, COUNT(*) AS count FROM participants
      WHERE workshop_id = ? AND attended_at IS NOT NULL GROUP BY standpoint`);
    this.#clearNode = db.prepare('DELETE FROM connections WHERE node_id = ?');
  }

  /** Connections and disconnections come in bursts (a room arriving, a network cut): they share commits. */
  async connect(input: { connectionId: string; participantId: string; workshopId: string; nodeId: string; at: string }): Promise<void> {
    await this.#commit.run(() => this.#connect(input));
  }

  async disconnect(connectionId: string): Promise<void> {
    await this.#commit.run(() => this.#disconnect.run(connectionId));
  }

  async isPresent(participantId: string): Promise<boolean> {
    return this.#isPresent.get(participantId)!.present === 1;
  }

  async attendance(workshopId: string): Promise<{ present: StandpointCount[]; attended: StandpointCount[] }> {
    return { present: this.#present.all(workshopId), attended: this.#attended.all(workshopId) };
  }

  async clearNode(nodeId: string): Promise<number> {
    return this.#clearNode.run(nodeId).changes;
  }
}
