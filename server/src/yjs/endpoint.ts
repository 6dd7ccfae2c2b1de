import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { consoleLogger, redact, type Logger } from '../logger';
import { YjsConnection, type DocAccess } from './connection';
import { DEFAULT_DOC_NAME_PATTERN, isValidDocName } from './doc-name';
import { DocRegistry } from './doc-registry';
import { DocWorkerPool } from './doc-worker-pool';
import { DEFAULT_LIMITS, type YjsLimits } from './limits';
import type { YDocPersistence } from './persistence';
import { CLOSE_CODES, DENIED_READ_ONLY } from './protocol';

/** The application's verdict on an upgrade request for one document. */
export type AuthResult =
  | { ok: true; access: DocAccess }
  | { ok: false; status: 401 | 403 | 404; code: string; message: string };

export interface YjsEndpointOptions {
  /** Decides, before the WebSocket is accepted, whether this request may open this document. */
  authenticate(req: IncomingMessage, docName: string): Promise<AuthResult>;
  persistence: YDocPersistence;
  /** URL path prefix served, with both slashes (default `/yjs/`); other upgrades are left alone. */
  pathPrefix?: string;
  /** Browser origins allowed to connect; a request with another `Origin` is refused with 403. */
  allowedOrigins?: readonly string[];
  /** Accepted document names (default: workshop boards and proposals; must not use the `g` flag). */
  docNamePattern?: RegExp;
  limits?: Partial<YjsLimits>;
  logger?: Logger;
  /** URL of a module the document workers import: checks of client updates and server-side edits (document-module.ts). */
  documentModule?: URL;
}

export interface YjsStats {
  documents: number;
  connections: number;
  storedBytes: number;
  updatesApplied: number;
  updatesRejected: number;
  upgradesRefused: number;
  workers: number;
  workersReplaced: number;
}

export interface YjsEndpoint {
  /** Re-checks write access of every connection under a document-name prefix; tells those that lost it. Returns how many. */
  refreshAccess(docNamePrefix: string): number;
  /** A detached copy of a document (loaded from storage if nobody has it open). Changes to it go nowhere. */
  getDoc(docName: string): Promise<Y.Doc>;
  /** Runs `fn` on a detached copy of a document, then discards the copy. */
  withDoc<T>(docName: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /** Runs a named edit of the document module on the live document: stored, then sent to every client. Resolves with its result. */
  edit(docName: string, editName: string, args: unknown): Promise<unknown>;
  stats(): YjsStats;
  /** Refuses new connections, closes open ones (1001), stores and unloads every document, stops the workers. */
  close(): Promise<void>;
}

const TICK_MS = 5000;

/**
 * Serves y-websocket clients on `httpServer` under `pathPrefix`: `ws://host/yjs/<docName>?token=…`.
 * Authentication happens in the HTTP upgrade: a refused request gets an HTTP status and a JSON body
 * and never becomes a WebSocket.
 */
export function attachYjsEndpoint(httpServer: Server, options: YjsEndpointOptions): YjsEndpoint {
  const limits: YjsLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? consoleLogger('warn');
  const prefix = options.pathPrefix ?? '/yjs/';
  const pattern = options.docNamePattern ?? DEFAULT_DOC_NAME_PATTERN;
  const counters = { applied: 0, rejected: 0, refused: 0 };
  const pool = new DocWorkerPool({
    workers: limits.workers,
    requestTimeoutMs: limits.workerTimeoutMs,
    loadTimeoutMs: limits.workerLoadTimeoutMs,
    maxOldGenerationSizeMb: limits.workerHeapMb,
    documentModule: options.documentModule?.href,
    onWorkerReplaced: (kind, message) => logger.warn('yjs: document worker replaced', { kind, message }),
  });
  const registry = new DocRegistry({ pool, persistence: options.persistence, limits, logger, counters });
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  let closing = false;

  const refuse = (socket: Duplex, status: number, code: string, message: string) => {
    counters.refused++;
    const body = JSON.stringify({ ok: false, code, message });
    socket.once('finish', () => socket.destroy());
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) return;
    socket.on('error', () => undefined);
    void upgrade(req, socket, head, url.pathname.slice(prefix.length));
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer, docName: string) => {
    if (closing) return refuse(socket, 503, 'closing', 'The server is shutting down.');
    if (!isValidDocName(docName, pattern)) return refuse(socket, 400, 'invalid_document_name', 'This document name is not valid.');
    const origin = req.headers.origin;
    if (origin !== undefined && options.allowedOrigins && !options.allowedOrigins.includes(origin)) {
      return refuse(socket, 403, 'origin_not_allowed', 'This origin may not connect.');
    }
    let verdict: AuthResult;
    try {
      verdict = await options.authenticate(req, docName);
    } catch (error) {
      logger.error('yjs: authentication failed', { url: redact(req.url ?? ''), error });
      return refuse(socket, 503, 'unavailable', 'Authentication is unavailable, try again later.');
    }
    if (socket.destroyed) return;
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.code, verdict.message);
    if (closing) return refuse(socket, 503, 'closing', 'The server is shutting down.');
    const access = verdict.access;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new YjsConnection(ws, docName, access, limits, {
        message: (c, message) => registry.dispatch(c, message),
        closed: (c, code, reason) => {
          if (code !== 1000 && code !== 1001 && code !== 1005) {
            logger.info('yjs: connection closed', { doc: docName, principal: access.principalLabel, code, reason });
          }
          registry.disconnect(c);
        },
      });
      registry.connect(connection);
    });
  };

  httpServer.on('upgrade', onUpgrade);
  const ticker = setInterval(() => {
    const now = Date.now();
    for (const connection of registry.allConnections()) connection.tick(now);
  }, Math.min(TICK_MS, Math.max(50, limits.keepaliveMs / 3)));
  ticker.unref();

  return {
    refreshAccess(docNamePrefix) {
      let told = 0;
      for (const connection of registry.connectionsUnder(docNamePrefix)) {
        if (!connection.accessChanged()) continue;
        connection.deny(DENIED_READ_ONLY);
        told++;
      }
      return told;
    },
    getDoc(docName) {
      if (!isValidDocName(docName, pattern)) return Promise.reject(new Error(`invalid document name: ${docName}`));
      return registry.snapshot(docName);
    },
    async withDoc(docName, fn) {
      const doc = await this.getDoc(docName);
      try {
        return await fn(doc);
      } finally {
        doc.destroy();
      }
    },
    edit(docName, editName, args) {
      if (closing) return Promise.reject(new Error('the endpoint is closing'));
      if (!isValidDocName(docName, pattern)) return Promise.reject(new Error(`invalid document name: ${docName}`));
      return registry.edit(docName, editName, args);
    },
    stats() {
      const pools = pool.stats();
      return {
        ...registry.stats(),
        updatesApplied: counters.applied,
        updatesRejected: counters.rejected,
        upgradesRefused: counters.refused,
        workers: pools.workers,
        workersReplaced: pools.replaced,
      };
    },
    async close() {
      if (closing) return;
      closing = true;
      httpServer.off('upgrade', onUpgrade);
      clearInterval(ticker);
      const open = [...registry.allConnections()];
      for (const connection of open) connection.close(CLOSE_CODES.goingAway, 'server-closing');
      await registry.drain();
      await pool.terminate();
      for (const connection of open) connection.terminate();
      wss.close();
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};
