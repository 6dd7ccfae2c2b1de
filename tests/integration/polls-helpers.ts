import Database from 'better-sqlite3';
import { hashToken } from '../../server/src/domain/ids';
import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { PollDefinitionInput } from '../../shared/schemas/polls';
import type { WordCloudDefinitionInput } from '../../shared/schemas/word-clouds';
import { recordedParticipant } from '../helpers/recorder';
import type { TestServer } from '../helpers/server';

let ids = 0;
/** A fresh client-made ballot or entry id. */
export const clientId = (): string => `it-${++ids}-${Math.random().toString(36).slice(2, 12)}`;

/** A participant joined by code and connected (present), recorded, with their participant id from the store. */
export async function participant(server: TestServer, code: string, standpoint: string | null, pseudonym: string | null = null) {
  const joined = await recordedParticipant(server, code, standpoint, pseudonym);
  const id = (await server.store.participants.findByTokenHash(hashToken(joined.token)))!.id;
  return { ...joined, id, pseudonym };
}

/** Creates a poll in the agenda and opens it; returns its id. */
export async function openPoll(facilitator: CroiseeSocket, poll: PollDefinitionInput): Promise<string> {
  const created = await request(facilitator, 'poll:create', { poll });
  if (!created.ok) throw new Error(`poll:create failed: ${created.code} ${created.message}`);
  const opened = await request(facilitator, 'agenda:open', { itemId: created.item.id });
  if (!opened.ok) throw new Error(`agenda:open failed: ${opened.code} ${opened.message}`);
  return created.item.id;
}

/** Creates a word cloud in the agenda and opens it; returns its id. */
export async function openCloud(facilitator: CroiseeSocket, cloud: WordCloudDefinitionInput): Promise<string> {
  const created = await request(facilitator, 'word-cloud:create', { cloud });
  if (!created.ok) throw new Error(`word-cloud:create failed: ${created.code} ${created.message}`);
  const opened = await request(facilitator, 'agenda:open', { itemId: created.item.id });
  if (!opened.ok) throw new Error(`agenda:open failed: ${opened.code} ${opened.message}`);
  return created.item.id;
}

/** Reads the server's SQLite file through a separate, read-only connection, as an outsider with the file would. */
export function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export { liveWorkshop, otherTab, pause, record, seen, type Recorder } from '../helpers/recorder';
