import * as authProtocol from 'y-protocols/auth';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardDocName, providerParams, readBoard, yjsServerUrl, type DocumentCredentials } from '../../shared/board-doc';
import { request, type CroiseeSocket, type EventPayload, type EventResult } from '../../shared/client/croisee-client';
import type { ClientToServerEvents } from '../../shared/events';
import type { OrganiserWorkshopView } from '../../shared/views';
import { connectAndWait, createWorkshop, eventually, joinAndConnect, startTestServer, type TestServer } from '../helpers/server';

/** How long a test waits for something to arrive: generous, so that a loaded machine does not fail it. */
export const WAIT = 15_000;

/** A live workshop, its facilitator's socket, and what is needed to open its documents. */
export interface LiveBoard {
  workshop: OrganiserWorkshopView;
  facilitator: CroiseeSocket;
  staff: DocumentCredentials;
  projection: DocumentCredentials;
}

/** Creates a workshop, opens it, and connects its facilitator. */
export async function liveBoard(server: TestServer): Promise<LiveBoard> {
  const workshop = await createWorkshop(server);
  const { socket: facilitator } = await connectAndWait(server, { role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret });
  const opened = await request(facilitator, 'workshop:open', {});
  if (!opened.ok) throw new Error(`workshop:open refused: ${opened.message}`);
  return {
    workshop,
    facilitator,
    staff: { role: 'facilitator', secret: workshop.facilitatorSecret },
    projection: { role: 'projection', secret: workshop.projectionSecret },
  };
}

/** A test server with a live workshop on it: what each test of a board file starts from. */
export async function startLiveBoard(): Promise<{ server: TestServer; live: LiveBoard }> {
  const server = await startTestServer();
  try {
    return { server, live: await liveBoard(server) };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Destroys the providers a test opened (emptying the list for the next test), then closes its server. */
export async function closeLiveBoard(server: TestServer, providers: WebsocketProvider[]): Promise<void> {
  for (const p of providers.splice(0)) p.destroy();
  await server.close();
}

/** A participant who joined by code, with a socket.io connection and their document credentials. */
export async function participant(server: TestServer, live: LiveBoard, standpoint: string | null = 'professional', pseudonym: string | null = null) {
  const joined = await joinAndConnect(server, live.workshop.joinCode, standpoint, pseudonym);
  return { ...joined, credentials: { role: 'participant', token: joined.token } as DocumentCredentials };
}

/** Sends an event and fails the test with the server's words if it is refused. */
export async function ok<E extends keyof ClientToServerEvents>(socket: CroiseeSocket, event: E, payload: EventPayload<E>) {
  const result = (await request(socket, event, payload)) as EventResult<E>;
  if (!result.ok) throw new Error(`${String(event)} refused: ${result.code} ${result.message}`);
  return result as Extract<EventResult<E>, { ok: true }>;
}

/** Sends an event and returns the refusal's code (or 'ok'). */
export async function codeOf<E extends keyof ClientToServerEvents>(socket: CroiseeSocket, event: E, payload: EventPayload<E>): Promise<string> {
  const result = (await request(socket, event, payload)) as { ok: boolean; code?: string };
  return result.ok ? 'ok' : result.code!;
}

/** A real y-websocket provider on the server's endpoint (BroadcastChannel off, so only the server links peers). */
export function provider(server: TestServer, docName: string, credentials: DocumentCredentials, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(yjsServerUrl(server.url), docName, doc, {
    params: providerParams(credentials),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
}

/** Resolves once the provider has synced with the server. */
export function synced(p: WebsocketProvider, timeoutMs = WAIT): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    p.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Opens the workshop's board and waits until it holds its columns. */
export async function openBoard(server: TestServer, live: LiveBoard, credentials: DocumentCredentials): Promise<WebsocketProvider> {
  const p = provider(server, boardDocName(live.workshop.id), credentials);
  await synced(p);
  await eventually(() => readBoard(p.doc).columns.length > 0, WAIT, 'the board columns');
  return p;
}

/** Records the permission-denied reasons a provider receives (y-websocket only logs them). */
export function recordDenials(p: WebsocketProvider): string[] {
  const reasons: string[] = [];
  p.messageHandlers[2] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, p.doc, (_doc, reason) => reasons.push(reason));
  };
  return reasons;
}

/** The close codes a provider's connection was closed with. */
export function closeCodes(p: WebsocketProvider): number[] {
  const codes: number[] = [];
  p.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/** The stored Yjs document, rebuilt from the `yjs_updates` rows of the server's database. */
export function storedDoc(server: TestServer, docName: string): Y.Doc {
  const rows = server.store.db.prepare('SELECT data FROM yjs_updates WHERE doc_name = ? ORDER BY seq').all(docName) as Array<{ data: Buffer }>;
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  return doc;
}

export { eventually };
