import Database from 'better-sqlite3';
import { hashToken } from '../../server/src/domain/ids';
import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { PollDefinitionInput } from '../../shared/schemas/polls';
import type { WordCloudDefinitionInput } from '../../shared/schemas/word-clouds';
import type { OrganiserWorkshopView } from '../../shared/views';
import { createWorkshop, eventually, nextEvent, type TestServer } from '../helpers/server';

/** Every event a socket received, in order, with its payload. */
export interface Recorder {
  events: Array<{ event: string; payload: unknown; at: number }>;
  of<T>(event: string): T[];
}

/** Records everything the socket receives; attach it before the socket connects to miss nothing. */
export function record(socket: CroiseeSocket): Recorder {
  const events: Recorder['events'] = [];
  socket.onAny((event: string, ...args: unknown[]) => events.push({ event, payload: args[0], at: performance.now() }));
  return { events, of: <T>(event: string) => events.filter((e) => e.event === event).map((e) => e.payload as T) };
}

/** The latest recorded `event` that satisfies `predicate`, waiting for it if it has not come yet. */
export async function seen<T>(log: Recorder, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  let found: T | undefined;
  await eventually(
    () => {
      found = log.of<T>(event).reverse().find(predicate);
      return found !== undefined;
    },
    timeoutMs,
    `a matching "${event}"`,
  );
  return found as T;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let ids = 0;
/** A fresh client-made ballot or entry id. */
export const clientId = (): string => `it-${++ids}-${Math.random().toString(36).slice(2, 12)}`;

/** A live workshop with its facilitator and projection connected and recorded. */
export async function liveWorkshop(server: TestServer) {
  const workshop: OrganiserWorkshopView = await createWorkshop(server);
  const facilitator = server.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
  const facilitatorLog = record(facilitator);
  await nextEvent(facilitator, 'session');
  const opened = await request(facilitator, 'workshop:open', {});
  if (!opened.ok) throw new Error(`could not open the workshop: ${opened.code}`);
  const projection = server.connect({ role: 'projection', workshopId: workshop.id, secret: workshop.projectionSecret });
  const projectionLog = record(projection);
  await nextEvent(projection, 'session');
  return { workshop, facilitator, facilitatorLog, projection, projectionLog };
}

/** A participant joined by code and connected (present), with everything their socket receives recorded. */
export async function participant(server: TestServer, code: string, standpoint: string | null, pseudonym: string | null = null) {
  const joined = await server.client.join({ code, standpoint, pseudonym });
  const socket = server.connect({ role: 'participant', token: joined.participantToken });
  const log = record(socket);
  await nextEvent(socket, 'session');
  const id = (await server.store.participants.findByTokenHash(hashToken(joined.participantToken)))!.id;
  return { socket, log, token: joined.participantToken, id, pseudonym };
}

/** Another tab (or device) of the same participant. */
export async function otherTab(server: TestServer, token: string) {
  const socket = server.connect({ role: 'participant', token });
  const log = record(socket);
  await nextEvent(socket, 'session');
  return { socket, log };
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
