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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import { serverStats, startServer, TOKEN } from '../common/processes';
import { cpuTimeMs, markdownTable, peakRssMiB, percentile } from '../polls/measure';
import { boardPhase } from './board-phase';
import type { TypingReport } from './messages';
import { ack, pause, startWorker } from './processes';

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
    const board = await boardPhase(server.url, dbFile, workshop.id, { role: 'facilitator', secret: workshop.facilitatorSecret }, authors, CARDS);

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
