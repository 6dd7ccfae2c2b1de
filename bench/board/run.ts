/**
 * `npm run bench:board`: the shared board and co-written proposals under load.
 *
 * 1. Proposal: 50 clients type into one proposal (each in their own paragraph, with a cursor in
 *    awareness) while 200 more watch, all real y-websocket providers in separate processes. Measures
 *    the time for an edit to reach every other client (p50/p99/max), that nothing is lost, the
 *    server's CPU, event-loop delay and memory, and the document's size.
 * 2. Board: 1,000 cards added through socket.io by 25 participants, 200 moved, 100 edited in place.
 *    Measures the document's size in memory and as stored, and how long the server takes to load it.
 *
 * Environment: BENCH_TYPISTS (50), BENCH_WATCHERS (200, of which BENCH_FULL_WATCHERS (10) are real
 * providers and the others protocol-level watchers), BENCH_RATE keystrokes per second per typist (2),
 * BENCH_SECONDS of typing (20), BENCH_CARDS (1000).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardDocName, cardTextType, providerParams, readBoard, replaceText, yjsServerUrl, type DocumentCredentials } from '../../shared/board-doc';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import { cpuTimeMs, markdownTable, peakRssMiB, percentile } from '../polls/measure';
import type { FromWorker, ToWorker, TypingReport } from './messages';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'bench-organiser-token-0123456789';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TYPISTS = env('BENCH_TYPISTS', 50);
const WATCHERS = env('BENCH_WATCHERS', 200);
const RATE = env('BENCH_RATE', 2);
const SECONDS = env('BENCH_SECONDS', 20);
const CARDS = env('BENCH_CARDS', 1000);
/** Watchers that are real providers (a Y.Doc each); the others watch at the protocol level. */
const FULL_WATCHERS = env('BENCH_FULL_WATCHERS', 10);

type Role = 'typists' | 'full watchers' | 'protocol watchers';
const AUTHORS = 25;
const SETTLE_MS = 3_000;

const serverStats: Array<{ at: number; loopMaxMs: number; loopP99Ms: number; cpuMs: number; rssMiB: number }> = [];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

async function startServer(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/polls/server-stats.ts', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CROISEE_DB: dbFile,
      CROISEE_LOG_LEVEL: 'warn',
      CROISEE_CLIENT_DIR: '',
      CROISEE_ORGANISER_TOKEN: TOKEN,
      CROISEE_JOIN_RATE_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('BENCH-STATS ')) serverStats.push(JSON.parse(line.slice(12)));
      else if (line.trim()) console.log(line);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function startWorker() {
  const child = fork(path.join(import.meta.dirname, 'yjs-client-worker.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT });
  const inbox: FromWorker[] = [];
  const waiting: Array<(m: FromWorker) => void> = [];
  child.on('message', (m: FromWorker) => {
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  return {
    child,
    next: () => (inbox.length ? Promise.resolve(inbox.shift()!) : new Promise<FromWorker>((resolve) => waiting.push(resolve))),
    send: (m: ToWorker) => child.send(m),
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function openProvider(url: string, docName: string, credentials: DocumentCredentials): WebsocketProvider {
  return new WebsocketProvider(yjsServerUrl(url), docName, new Y.Doc(), {
    params: providerParams(credentials),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => provider.on('sync', (ok: boolean) => ok && resolve()));
}

async function ack<T extends { ok: boolean }>(promise: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
}

const SENTENCES = [
  'Un référent unique pour chaque personne accompagnée, nommé pour toute la durée du parcours',
  'Associer les personnes concernées aux comités de pilotage, avec une indemnisation du temps passé',
  'Des stages croisés entre écoles du travail social et services départementaux',
  'Revaloriser les salaires et reconnaître les diplômes du social',
  'Simplifier les dossiers de demande d’aide et les rendre lisibles en FALC',
  'Des permanences sans rendez-vous dans les quartiers et les villages',
  'Former ensemble professionnels, bénévoles et personnes accompagnées',
  'Un temps d’analyse des pratiques mensuel pour chaque équipe',
];

async function proposalPhase(url: string, pid: number, docName: string, tokens: string[]) {
  const plan: Array<{ tokens: string[]; typists: number; kind: 'provider' | 'protocol'; role: Role }> = [];
  const share = (from: number, count: number, parts: number, kind: 'provider' | 'protocol', role: Role, typing: boolean) => {
    for (let w = 0; w < parts; w++) {
      const tokensOf = tokens.slice(from + Math.floor((count * w) / parts), from + Math.floor((count * (w + 1)) / parts));
      plan.push({ tokens: tokensOf, typists: typing ? tokensOf.length : 0, kind, role });
    }
  };
  const fullWatchers = Math.min(FULL_WATCHERS, WATCHERS);
  share(0, TYPISTS, Math.max(1, Math.ceil(TYPISTS / 25)), 'provider', 'typists', true);
  share(TYPISTS, fullWatchers, 1, 'provider', 'full watchers', false);
  share(TYPISTS + fullWatchers, WATCHERS - fullWatchers, 2, 'protocol', 'protocol watchers', false);
  const workers = plan.map(() => startWorker());
  const epoch = Math.floor(performance.timeOrigin + performance.now());
  workers.forEach((w, i) => w.send({ type: 'connect', url, docName, tokens: plan[i]!.tokens, typists: plan[i]!.typists, epoch, kind: plan[i]!.kind }));
  const ready = await Promise.all(workers.map((w) => w.next()));
  const connected = ready.reduce((sum, m) => sum + (m.type === 'ready' ? m.connected : 0), 0);
  if (connected !== TYPISTS + WATCHERS) throw new Error(`only ${connected} clients connected: ${JSON.stringify(ready)}`);
  console.log(`  ${connected} clients synced on the proposal; typing for ${SECONDS} s at ${RATE} keystrokes/s each…`);
  await pause(1_000);
  const cpuBefore = cpuTimeMs(pid);
  const startedAt = Date.now();
  for (const w of workers) w.send({ type: 'type', durationMs: SECONDS * 1000, rate: RATE });
  await pause(SECONDS * 1000 + SETTLE_MS);
  const cpuMs = cpuTimeMs(pid) - cpuBefore;
  const wallMs = Date.now() - startedAt;
  for (const w of workers) w.send({ type: 'report' });
  const reports = (await Promise.all(workers.map((w) => w.next()))) as TypingReport[];
  for (const w of workers) w.send({ type: 'stop' });
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.child.exitCode !== null ? resolve(null) : w.child.once('exit', resolve)))));
  const latencies = reports.flatMap((r) => r.latencies);
  const byRole = (['typists', 'full watchers', 'protocol watchers'] as const).map((role) => {
    const values = reports.filter((_r, i) => plan[i]!.role === role).flatMap((r) => r.latencies);
    return { role, clients: plan.filter((p) => p.role === role).reduce((sum, p) => sum + p.tokens.length, 0), p50: percentile(values, 50), p99: percentile(values, 99) };
  });
  const keystrokes = reports.reduce((sum, r) => sum + r.keystrokes, 0);
  const received = reports.reduce((sum, r) => sum + r.received, 0);
  const during = serverStats.filter((s) => s.at >= startedAt && s.at <= startedAt + SECONDS * 1000);
  return {
    keystrokes,
    expectedDeliveries: keystrokes * (TYPISTS + WATCHERS - 1),
    received,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.reduce((a, b) => Math.max(a, b), 0),
    serverCpuPercent: (cpuMs / wallMs) * 100,
    loadCpuPercent: reports.reduce((sum, r) => sum + (r.cpuMs / r.wallMs) * 100, 0),
    loopMaxMs: Math.max(0, ...during.map((s) => s.loopMaxMs)),
    loopP99Ms: Math.max(0, ...during.map((s) => s.loopP99Ms)),
    rssMiB: Math.max(0, ...during.map((s) => s.rssMiB)),
    docBytes: Math.max(...reports.map((r) => r.docBytes)),
    failures: reports.flatMap((r) => r.failures),
    byRole,
  };
}

async function boardPhase(url: string, dbFile: string, workshopId: string, staff: DocumentCredentials, authors: CroiseeSocket[]) {
  const docName = boardDocName(workshopId);
  const viewer = openProvider(url, docName, staff);
  await synced(viewer);
  const columns = readBoard(viewer.doc).columns.map((c) => c.id);
  const startedAt = Date.now();
  const perAuthor = Math.ceil(CARDS / authors.length);
  const cardIds: string[] = [];
  await Promise.all(
    authors.map(async (socket, a) => {
      for (let i = 0; i < perAuthor && a * perAuthor + i < CARDS; i++) {
        const n = a * perAuthor + i;
        const text = `${SENTENCES[n % SENTENCES.length]} (${n + 1})`;
        const added = await ack(request(socket, 'board:card:add', { columnId: columns[n % columns.length]!, text }));
        cardIds.push(added.cardId);
        await pause(100);
      }
    }),
  );
  const addMs = Date.now() - startedAt;
  await Promise.all(
    authors.map(async (socket, a) => {
      for (let i = 0; i < 8; i++) {
        const cardId = cardIds[(a * 37 + i * 101) % cardIds.length]!;
        await ack(request(socket, 'board:card:move', { cardId, columnId: columns[(a + i) % columns.length]!, afterCardId: null }));
        await pause(100);
      }
    }),
  );
  while (readBoard(viewer.doc).cards.length < CARDS) await pause(50);
  for (const cardId of cardIds.slice(0, 100)) replaceText(cardTextType(viewer.doc, cardId)!, `${cardTextType(viewer.doc, cardId)!.toString()} — complété en séance`);
  await pause(1_000);
  const memoryBytes = Y.encodeStateAsUpdate(viewer.doc).length;
  const cards = readBoard(viewer.doc).cards.length;
  viewer.destroy();

  // The last client left: the server compacts the log into one update and unloads the document.
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare('SELECT COUNT(*) AS n, SUM(length(data)) AS bytes FROM yjs_updates WHERE doc_name = ?');
  let stored = rows.get(docName) as { n: number; bytes: number };
  for (let i = 0; i < 100 && stored.n > 1; i++) {
    await pause(100);
    stored = rows.get(docName) as { n: number; bytes: number };
  }

  // Cold load: nobody has the document open, so each connection loads it from storage.
  const coldSync: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const p = openProvider(url, docName, staff);
    await synced(p);
    coldSync.push(performance.now() - started);
    p.destroy();
    await pause(500);
  }
  // Warm: another client keeps it loaded; the difference is what loading costs.
  const holder = openProvider(url, docName, staff);
  await synced(holder);
  const warmSync: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const p = openProvider(url, docName, staff);
    await synced(p);
    warmSync.push(performance.now() - started);
    p.destroy();
  }
  holder.destroy();
  // The load step alone, as the server does it: read the stored rows, integrate them into a Y.Doc.
  const select = db.prepare('SELECT data FROM yjs_updates WHERE doc_name = ? ORDER BY seq');
  const loadOnly: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const row of select.all(docName) as Array<{ data: Buffer }>) Y.applyUpdate(doc, new Uint8Array(row.data));
    });
    loadOnly.push(performance.now() - started);
    doc.destroy();
  }
  db.close();
  return { cards, addMs, moved: AUTHORS * 8, edited: Math.min(100, cardIds.length), memoryBytes, storedBytes: stored.bytes, storedRows: stored.n, coldSync, warmSync, loadOnly };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-board-'));
  const dbFile = path.join(dir, 'croisee.db');
  const server = await startServer(dbFile);
  const pid = server.child.pid!;
  const api = new CroiseeClient(server.url, TOKEN);
  const sockets: CroiseeSocket[] = [];
  try {
    console.log(`Croisée board benchmark — ${os.cpus().length} CPU(s), Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`);
    const group = await api.createGroup({ name: 'Banc d’essai' });
    const workshop = await api.createWorkshop(group.id, { title: 'Tableau et propositions' });
    const facilitator = api.connect({ role: 'facilitator', workshopId: workshop.id, secret: workshop.facilitatorSecret }, { transports: ['websocket'] });
    sockets.push(facilitator);
    await new Promise((resolve) => facilitator.once('session', resolve));
    await ack(request(facilitator, 'workshop:open', {}));
    const { proposal } = await ack(request(facilitator, 'proposal:create', { title: 'Un référent unique' }));
    const tokens: string[] = [];
    for (let i = 0; i < TYPISTS + WATCHERS; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, TYPISTS + WATCHERS - i) }, () => api.join({ code: workshop.joinCode, standpoint: null, pseudonym: null })),
      );
      tokens.push(...batch.map((j) => j.participantToken));
    }

    const typing = await proposalPhase(server.url, pid, proposal.docName, tokens);
    console.log(`  board: adding ${CARDS} cards…`);
    const authors: CroiseeSocket[] = [];
    for (const token of tokens.slice(0, AUTHORS)) {
      const socket = api.connect({ role: 'participant', token }, { transports: ['websocket'] });
      sockets.push(socket);
      await new Promise((resolve) => socket.once('session', resolve));
      authors.push(socket);
    }
    const board = await boardPhase(server.url, dbFile, workshop.id, { role: 'facilitator', secret: workshop.facilitatorSecret }, authors);

    const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
    const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    const median = (values: number[]) => percentile(values, 50);
    console.log(`\nProposal: ${TYPISTS} typists × ${RATE} keystrokes/s for ${SECONDS} s, ${WATCHERS} watchers\n`);
    console.log(
      markdownTable(
        ['keystrokes', 'deliveries (got / expected)', 'propagation p50', 'p99', 'max', 'server CPU', 'load generators CPU', 'server event loop p99 / max', 'server RSS', 'document size'],
        [
          [
            String(typing.keystrokes),
            `${typing.received} / ${typing.expectedDeliveries}`,
            ms(typing.p50),
            ms(typing.p99),
            ms(typing.max),
            `${Math.round(typing.serverCpuPercent)} %`,
            `${Math.round(typing.loadCpuPercent)} %`,
            `${ms(typing.loopP99Ms)} / ${ms(typing.loopMaxMs)}`,
            `${typing.rssMiB} MiB (peak ${Math.round(peakRssMiB(pid))} MiB)`,
            kib(typing.docBytes),
          ],
        ],
      ),
    );
    console.log(`\nBoard: ${board.cards} cards (added in ${(board.addMs / 1000).toFixed(1)} s by ${AUTHORS} participants), ${board.moved} moved, ${board.edited} edited in place\n`);
    console.log(
      markdownTable(
        ['document size (encoded)', 'stored (rows)', 'load: read + integrate (median of 7)', 'cold connect → synced (median of 5)', 'warm connect → synced (median of 5)'],
        [[kib(board.memoryBytes), `${kib(board.storedBytes)} (${board.storedRows})`, ms(median(board.loadOnly)), ms(median(board.coldSync)), ms(median(board.warmSync))]],
      ),
    );
    console.log('\nPropagation by kind of receiving client\n');
    console.log(markdownTable(['receivers', 'clients', 'p50', 'p99'], typing.byRole.map((r) => [r.role, String(r.clients), ms(r.p50), ms(r.p99)])));
    if (typing.failures.length) console.log(`failures: ${typing.failures.join('; ')}`);
    const ok = typing.received === typing.expectedDeliveries && board.cards === CARDS;
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const socket of sockets) socket.disconnect();
    server.child.kill('SIGTERM');
    const killer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
    clearTimeout(killer);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(process.exitCode ?? 0);
