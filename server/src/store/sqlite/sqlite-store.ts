import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../ports';
import { SqliteAgenda } from './agenda-sqlite';
import { SqliteBoard, SqliteProposals } from './board-sqlite';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { SqliteParticipants, SqlitePresence } from './participants-sqlite';
import { SqlitePolls } from './polls-sqlite';
import { SqliteRecords } from './records-sqlite';
import { SqliteSpeakingQueue } from './speaking-queue-sqlite';
import { SqliteWordClouds } from './word-clouds-sqlite';
import { SqliteGroups, SqliteSettings, SqliteWorkshops } from './workshops-sqlite';

/**
 * Opens (creating if needed) the SQLite database: WAL journal, foreign keys on, `synchronous=FULL`
 * so that a write acknowledged to a client survives a power cut as well as a `kill -9`.
 */
export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten, not left in free pages: a closed poll's ballots are gone from the file.
  db.pragma('secure_delete = ON');
  migrate(db, MIGRATIONS);
  return db;
}

/** The embedded store. `db` is exposed for the features whose repositories live beside these. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly settings: SqliteSettings;
  readonly groups: SqliteGroups;
  readonly workshops: SqliteWorkshops;
  readonly participants: SqliteParticipants;
  readonly presence: SqlitePresence;
  readonly agenda: SqliteAgenda;
  readonly polls: SqlitePolls;
  readonly wordClouds: SqliteWordClouds;
  readonly speakingQueue: SqliteSpeakingQueue;
  readonly board: SqliteBoard;
  readonly proposals: SqliteProposals;
  readonly records: SqliteRecords;

  constructor(readonly db: Database.Database) {
    this.settings = new SqliteSettings(db);
    this.groups = new SqliteGroups(db);
    this.workshops = new SqliteWorkshops(db);
    this.participants = new SqliteParticipants(db);
    this.presence = new SqlitePresence(db);
    this.agenda = new SqliteAgenda(db);
    this.polls = new SqlitePolls(db);
    this.wordClouds = new SqliteWordClouds(db);
    this.speakingQueue = new SqliteSpeakingQueue(db);
    this.board = new SqliteBoard(db);
    this.proposals = new SqliteProposals(db);
    this.records = new SqliteRecords(db);
  }

  static open(file: string): SqliteStore {
    return new SqliteStore(openSqliteDatabase(file));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
