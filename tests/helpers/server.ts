import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type CroiseeServerOptions, type RunningServer } from '../../server/src/app';
import { CroiseeClient, type CroiseeSocket, type Credentials } from '../../shared/client/croisee-client';
import type { OrganiserWorkshopView } from '../../shared/views';

export const ORGANISER_TOKEN = 'test-organiser-token-0123456789';

/** A Croisée server on a free port with its own database, and everything needed to close it. */
export interface TestServer extends RunningServer {
  client: CroiseeClient;
  organiser: CroiseeClient;
  dbFile: string;
  /** Sockets opened through `connect` are closed by `close()`. */
  connect(credentials: Credentials): CroiseeSocket;
}

/** Starts the real server on port 0 with a temporary SQLite file (or the one given). */
export async function startTestServer(options: CroiseeServerOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-test-'));
  const dbFile = options.dbFile ?? path.join(dir, 'croisee.db');
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    organiserToken: ORGANISER_TOKEN,
    clientDir: null,
    joinRatePerMinute: 100_000,
    ...options,
    dbFile,
  });
  const client = new CroiseeClient(server.url);
  const sockets: CroiseeSocket[] = [];
  return {
    ...server,
    client,
    organiser: client.withOrganiserToken(ORGANISER_TOKEN),
    dbFile,
    connect(credentials) {
      const socket = client.connect(credentials, { transports: ['websocket'] });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await server.close();
    },
  };
}

/** A working group and a workshop in it, created through the organiser API. */
export async function createWorkshop(server: TestServer, title = 'Atelier croisement des regards'): Promise<OrganiserWorkshopView> {
  const group = await server.organiser.createGroup({ name: 'Accès aux droits', purpose: 'Faciliter l’accès aux droits' });
  return server.organiser.createWorkshop(group.id, { title });
}

/** Resolves with the next `event` the socket receives that satisfies `predicate`; rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: CroiseeSocket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const s = socket as unknown as { on: (e: string, f: (p: T) => void) => void; off: (e: string, f: (p: T) => void) => void };
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no "${event}" event matching within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(payload);
    };
    s.on(event, listener);
  });
}

/** Connects and waits until the server accepted the handshake (the `session` event). */
export async function connectAndWait(server: TestServer, credentials: Credentials): Promise<{ socket: CroiseeSocket; session: import('../../shared/views').SessionView }> {
  const socket = server.connect(credentials);
  const session = await nextEvent<import('../../shared/views').SessionView>(socket, 'session');
  return { socket, session };
}

/** Joins by code and connects as that participant. */
export async function joinAndConnect(server: TestServer, code: string, standpoint: string | null, pseudonym: string | null = null) {
  const joined = await server.client.join({ code, standpoint, pseudonym });
  const { socket, session } = await connectAndWait(server, { role: 'participant', token: joined.participantToken });
  return { socket, session, token: joined.participantToken };
}

/** Polls `check` until it returns true or the time runs out. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
