import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { providerParams, yjsServerUrl, type DocumentCredentials } from '../../shared/board-doc';
import { forkWorker, type Worker } from '../common/processes';
import type { FromWorker, ToWorker } from './messages';

/** Load generators and clients of `npm run bench:board`: the processes that write the board, providers. */

/** Forks one load generator (yjs-client-worker.ts) with a message inbox. */
export function startWorker(): Worker<ToWorker, FromWorker> {
  return forkWorker<ToWorker, FromWorker>(path.join(import.meta.dirname, 'yjs-client-worker.ts'));
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real y-websocket provider on its own Y.Doc. */
export function openProvider(url: string, docName: string, credentials: DocumentCredentials): WebsocketProvider {
  return new WebsocketProvider(yjsServerUrl(url), docName, new Y.Doc(), {
    params: providerParams(credentials),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.on('sync', (ok: boolean) => ok && resolve()));
}

/** Resolves with a successful ack, or throws with the refusal. */
export async function ack<T extends { ok: boolean }>(promise: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
}

