import fs from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { InProcessEventBus } from './bus/event-bus';
import { systemClock, type Clock } from './domain/clock';
import { createServices, type Services } from './domain/services';
import { errorMiddleware } from './http/http-errors';
import { ensureOrganiserToken } from './http/organiser-auth';
import { apiRoutes } from './http/routes';
import { consoleLogger, type Logger } from './logger';
import type { Config } from './config';
import { SqliteStore } from './store/sqlite/sqlite-store';
import { createSocketServer } from './socket/socket-server';
import { workshopSocket } from './socket/features/workshop-socket';
import { agendaSocket } from './socket/features/agenda-socket';
import { pollSocket } from './socket/features/poll-socket';
import { wordCloudSocket } from './socket/features/word-cloud-socket';
import { speakingQueueSocket } from './socket/features/speaking-queue-socket';
import { attachBoardEndpoint } from './socket/features/board-endpoint';
import { boardSocket } from './socket/features/board-socket';
import { proposalSocket } from './socket/features/proposal-socket';
import { SharedDocumentsLink } from './domain/board/shared-documents';
import type { YjsEndpoint } from './yjs';
import { recordsSocket } from './socket/features/records-socket';
import { VERSION } from './version';

export interface CroiseeServerOptions extends Partial<Config> {
  logger?: Logger;
  clock?: Clock;
  nodeId?: string;
  joinRatePerMinute?: number;
  /** Called once with a newly generated organiser token and the organiser URL. */
  onOrganiserToken?: (token: string, url: string) => void;
}

export interface RunningServer {
  /** Base URL, e.g. http://localhost:3000 */
  url: string;
  port: number;
  httpServer: http.Server;
  store: SqliteStore;
  services: Services;
  /** The y-websocket endpoint of boards and proposals (stats, server-side reads). */
  yjs: YjsEndpoint;
  close(): Promise<void>;
}

/** Same-origin check for browser handshakes: the configured public URL, or else the Host the request was sent to. */
function originPolicy(publicUrl: () => string | null) {
  return (origin: string | undefined, host: string | undefined): boolean => {
    if (!origin) return true; // not a browser: nothing a page could forge; tokens still apply
    const configured = publicUrl();
    if (configured) return origin === new URL(configured).origin;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  };
}

/** Starts Croisée: store, services, HTTP API, static client, socket.io. `port: 0` picks a free port (tests). */
export async function startServer(options: CroiseeServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger(options.logLevel ?? 'info');
  const clock = options.clock ?? systemClock;
  const nodeId = options.nodeId ?? 'node-1';
  const store = SqliteStore.open(options.dbFile ?? ':memory:');
  const bus = new InProcessEventBus((error, event) => logger.error(`event handler failed on ${event.type}`, { error }));

  let baseUrl = options.publicUrl ?? null;
  const publicUrl = () => baseUrl ?? 'http://localhost';
  const documents = new SharedDocumentsLink();
  const services = createServices({ store, bus, clock, publicUrl, documents, onError: (error) => logger.error('event reaction failed', { error }) });

  // A restarted node forgets the connections it held: those sockets are gone.
  await store.presence.clearNode(nodeId);

  let newOrganiserToken: string | null = null;
  const organiserHash = await ensureOrganiserToken(store.settings, options.organiserToken ?? null, (token) => {
    newOrganiserToken = token;
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: '32kb' }));
  app.use((_req, res, next) => {
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy':
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'self'",
    });
    next();
  });
  app.use(
    apiRoutes({
      services,
      logger,
      version: VERSION,
      storeKind: store.kind,
      organiserTokenHash: () => organiserHash,
      joinRatePerMinute: options.joinRatePerMinute ?? 600,
    }),
  );
  app.use('/api', (_req, res) => {
    res.status(404).json({ ok: false, error: { code: 'not_found', message: 'Route inconnue.' } });
  });
  const clientDir = options.clientDir === undefined ? null : options.clientDir;
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    const index = path.resolve(clientDir, 'index.html');
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|socket\.io\/|yjs\/).*/, (_req, res) => res.sendFile(index, { maxAge: 0 }));
  } else if (clientDir) {
    logger.warn(`no built client in ${clientDir}: run "npm run build" (npm start does it)`);
  }
  app.use(errorMiddleware(logger));

  const httpServer = http.createServer(app);
  const board = attachBoardEndpoint(httpServer, { services, bus, store, documents, logger, originAllowed: originPolicy(() => baseUrl) });
  const sockets = createSocketServer(httpServer, {
    services,
    bus,
    logger,
    nodeId,
    originAllowed: originPolicy(() => baseUrl),
    features: (ctx) => {
      const polls = pollSocket(ctx);
      const wordClouds = wordCloudSocket(ctx);
      return [workshopSocket(ctx), agendaSocket(ctx, { poll: polls, word_cloud: wordClouds }), polls, wordClouds, speakingQueueSocket(ctx), recordsSocket(ctx), boardSocket(ctx), proposalSocket(ctx)];
    },
  });

  // A websocket upgrade for a path that neither socket.io nor the Yjs endpoint serves: refused at once.
  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/socket.io/') || path.startsWith('/yjs/')) return;
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  baseUrl ??= url;
  if (newOrganiserToken) options.onOrganiserToken?.(newOrganiserToken, `${publicUrl()}/organiser#${newOrganiserToken}`);

  let closed = false;
  return {
    url,
    port,
    httpServer,
    store,
    services,
    yjs: board.endpoint,
    async close() {
      if (closed) return;
      closed = true;
      // Yjs connections first: socket.io's close waits for the HTTP server, hence for every upgraded socket.
      await board.close();
      await sockets.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await store.close();
    },
  };
}
