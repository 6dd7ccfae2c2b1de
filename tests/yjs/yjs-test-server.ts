import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Logger } from '../../server/src/logger';
import {
  attachYjsEndpoint,
  tokenFromRequest,
  type YDocPersistence,
  type YjsEndpoint,
  type YjsLimits,
} from '../../server/src/yjs';

/** What a test token grants: one workshop's documents, writable while `writable` is true. */
export interface Grant {
  workshopId: string;
  label: string;
  writable: boolean;
}

export interface TestServer {
  /** `ws://127.0.0.1:<port>/yjs`, the provider's server URL. */
  url: string;
  port: number;
  server: Server;
  endpoint: YjsEndpoint;
  grants: Map<string, Grant>;
  logs: string[];
  /** Closes the endpoint (flushing documents) and the HTTP server. */
  close(): Promise<void>;
}

/** Starts a bare HTTP server on port 0 with the Yjs endpoint and an authenticate that knows `grants`. */
export async function startYjsServer(options: {
  persistence: YDocPersistence;
  grants?: Record<string, Grant>;
  limits?: Partial<YjsLimits>;
  allowedOrigins?: string[];
  /** URL of a document module for the workers (see server/src/yjs/document-module.ts). */
  documentModule?: URL;
}): Promise<TestServer> {
  const grants = new Map(Object.entries(options.grants ?? {}));
  const logs: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logs.push(`${level} ${message} ${JSON.stringify(fields ?? {}, (_k, v) => (v instanceof Error ? v.message : v))}`);
  };
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const server = createServer((_req, res) => res.writeHead(404).end());
  const endpoint = attachYjsEndpoint(server, {
    persistence: options.persistence,
    limits: options.limits,
    allowedOrigins: options.allowedOrigins,
    documentModule: options.documentModule,
    logger,
    authenticate: async (req, docName) => {
      const token = tokenFromRequest(req);
      if (token === 'auth-backend-down') throw new Error('the token store is unreachable');
      const grant = token === null ? undefined : grants.get(token);
      if (!grant) return { ok: false, status: 401, code: 'unauthorized', message: 'Unknown token.' };
      if (!docName.startsWith(`workshop/${grant.workshopId}/`)) {
        return { ok: false, status: 404, code: 'not_found', message: 'No such document for this token.' };
      }
      return { ok: true, access: { principalLabel: grant.label, canWrite: () => grant.writable } };
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/yjs`,
    port,
    server,
    endpoint,
    grants,
    logs,
    async close() {
      await endpoint.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A real y-websocket provider on its own Y.Doc (BroadcastChannel off, so only the server links peers). */
export function connectProvider(url: string, docName: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(url, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
}

/** Resolves once the provider has synced with the server. */
export function synced(provider: WebsocketProvider, timeoutMs = 15_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Polls `check` until it returns true. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the code and reason the server closed a raw socket with. */
export function closed(ws: WebSocket, timeoutMs = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket was not closed')), timeoutMs);
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** A raw WebSocket that records every frame it receives from the start (some arrive with the 101). */
export type RawClient = WebSocket & { received: Buffer[] };

/** Opens a raw WebSocket (for hostile clients) and resolves once it is open. */
export function openRaw(url: string): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const ws = Object.assign(new WebSocket(url), { received: [] as Buffer[] });
    ws.on('message', (data) => ws.received.push(data as Buffer));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Tries an upgrade and resolves with the HTTP status and body it was refused with (or 101). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}
