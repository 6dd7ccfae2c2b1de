/**
 * `npm run bench:polls [-- N ...]`: a live poll with N participants (default 500, 2,000 and 5,000).
 * Starts the server in its own process on a fresh database, joins N participants from load-generator
 * processes (socket.io-client, websocket), opens a poll, has everyone vote within a few seconds while
 * one in five changes their mind, and measures ack latency, time until the projection shows the exact
 * final tally, result frames per client per second, server CPU and peak memory, and exactness.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { PollResultsFrame } from '../../shared/views-polls';
import { forkWorker, serverStats, startServer, TOKEN, type Worker } from '../common/processes';
import type { FromWorker, ToWorker, VoteReport } from './messages';
import { cpuTimeMs, markdownTable, peakRssMiB, percentile } from './measure';

const CHOICES = 4;
/** Everyone's first vote falls within this window… */
const SPREAD_MS = 3_000;
/** …and one participant in CHANGE_EVERY votes again within this much after their first ack. */
const CHANGE_EVERY = 5;
const CHANGE_SPREAD_MS = 1_000;
const SAMPLED_PER_WORKER = 10;
const STANDPOINTS = ['concerned', 'professional', 'student', 'elected', 'volunteer', 'partner', 'other', ''];

interface Result {
  n: number;
  votes: number;
  p50: number;
  p99: number;
  max: number;
  tallyAfterLastAckMs: number | null;
  projectionFps: number;
  participantFps: number;
  serverCpuPercent: number;
  /** CPU used by all load generators together while voting, in % of one core. */
  loadCpuPercent: number;
  /** Longest the server's event loop was blocked while votes came in. */
  serverLoopMaxMs: number;
  peakRssMiB: number;
  exact: boolean;
  detail: string;
}

/** Forks one load generator (load-worker.ts) with a message inbox. */
const startPollWorker = (): Worker<ToWorker, FromWorker> => forkWorker(path.join(import.meta.dirname, 'load-worker.ts'));

const waitFor = async (check: () => boolean, timeoutMs: number, what: string) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function runOnce(n: number): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-bench-'));
  const server = await startServer(path.join(dir, 'croisee.db'));
  const pid = server.child.pid!;
  const api = new CroiseeClient(server.url, TOKEN);
  const workers: Worker<ToWorker, FromWorker>[] = [];
  const sockets: CroiseeSocket[] = [];
  try {
    const group = await api.createGroup({ name: 'Banc d’essai' });
    const workshop = await api.createWorkshop(group.id, { title: `Webinaire ${n}` });
    const connect = async (role: 'facilitator' | 'projection', secret: string) => {
      const socket = api.connect({ role, workshopId: workshop.id, secret }, { transports: ['websocket'] });
      sockets.push(socket);
      await new Promise((resolve) => socket.once('session', resolve));
      return socket;
    };
    const facilitator = await connect('facilitator', workshop.facilitatorSecret);
    const projection = await connect('projection', workshop.projectionSecret);
    const frames: Array<{ at: number; frame: PollResultsFrame }> = [];
    projection.on('poll:results', (frame: PollResultsFrame) => frames.push({ at: Date.now(), frame }));
    await request(facilitator, 'workshop:open', {});
    const created = await request(facilitator, 'poll:create', {
      poll: { kind: 'single', question: 'Quel thème pour le prochain atelier ?', choices: ['Accès aux droits', 'Logement', 'Mobilité', 'Santé'] },
    });
    if (!created.ok) throw new Error(created.message);
    const itemId = created.item.id;

    const count = Math.min(4, Math.max(1, Math.ceil(n / 1_000)));
    for (let w = 0; w < count; w++) workers.push(startPollWorker());
    const joinStart = Date.now();
    workers.forEach((worker, w) => {
      const first = Math.floor((n * w) / count);
      const last = Math.floor((n * (w + 1)) / count);
      worker.send({ type: 'join', url: server.url, code: workshop.joinCode, first, count: last - first, standpoints: STANDPOINTS, sampleSize: SAMPLED_PER_WORKER });
    });
    const ready = await Promise.all(workers.map((w) => w.next()));
    const joined = ready.reduce((sum, m) => sum + (m.type === 'ready' ? m.joined : 0), 0);
    const joinFailures = ready.flatMap((m) => (m.type === 'ready' ? m.failures : []));
    if (joined !== n) throw new Error(`only ${joined} of ${n} joined: ${joinFailures.join('; ')}`);
    const load = os.loadavg()[0]!.toFixed(1);
    process.stdout.write(`  N=${n}: ${joined} participants joined in ${((Date.now() - joinStart) / 1000).toFixed(1)} s; machine load average ${load}; voting…\n`);

    // Let the attendance frames of the last arrivals go out: the poll opens on a settled room.
    await new Promise((r) => setTimeout(r, 3_000));
    const opened = await request(facilitator, 'agenda:open', { itemId });
    if (!opened.ok) throw new Error(opened.message);
    const cpuBefore = cpuTimeMs(pid);
    const wallBefore = Date.now();
    for (const worker of workers) worker.send({ type: 'vote', itemId, choices: CHOICES, spreadMs: SPREAD_MS, changeEvery: CHANGE_EVERY, changeSpreadMs: CHANGE_SPREAD_MS });
    const reports = (await Promise.all(workers.map((w) => w.next()))) as VoteReport[];

    const expected = Array.from({ length: CHOICES }, (_, c) => reports.reduce((sum, r) => sum + r.finalCounts[c]!, 0));
    const lastAckAt = Math.max(...reports.map((r) => r.lastAckAt));
    const firstSendAt = Math.min(...reports.map((r) => r.firstSendAt));
    const isExact = (f: PollResultsFrame) => f.results?.ballots === n && f.results.choices.every((c, i) => c.count === expected[i]);
    await waitFor(() => frames.some((f) => isExact(f.frame)), 10_000, 'the exact tally on the projection').catch(() => {});
    const exactFrame = frames.find((f) => isExact(f.frame));
    const cpuMs = cpuTimeMs(pid) - cpuBefore;
    const wallMs = Date.now() - wallBefore;

    // Closing settles the ballots into counts: they must still be exactly what was sent.
    const closed = await request(facilitator, 'agenda:close', { itemId });
    await waitFor(() => frames.at(-1)?.frame.state === 'closed', 15_000, 'the closed poll on the projection').catch(() => {});
    const stored = frames.at(-1)?.frame;

    const latencies = reports.flatMap((r) => r.latencies);
    const failures = reports.flatMap((r) => r.failures);
    const votes = reports.reduce((sum, r) => sum + r.votesSent, 0);
    const windowEnd = exactFrame?.at ?? lastAckAt;
    const windowS = Math.max(0.001, (windowEnd - firstSendAt) / 1000);
    const during = serverStats.filter((line) => line.at >= firstSendAt && line.at <= windowEnd + 250);
    if (process.env.BENCH_TRACE) for (const line of during) console.log(`    ${line.at - firstSendAt} ms: loop max ${line.loopMaxMs} ms, cpu ${line.cpuMs} ms`);
    const projectionFrames = frames.filter((f) => f.at >= firstSendAt && f.at <= windowEnd).length;
    const sampled = reports.flatMap((r) => r.sampledFrames);
    const participantFrames = sampled.map((times) => times.filter((t) => t >= firstSendAt && t <= windowEnd).length);
    const exact =
      failures.length === 0 &&
      latencies.length === votes &&
      exactFrame !== undefined &&
      closed.ok &&
      stored?.state === 'closed' &&
      stored.results?.ballots === n &&
      stored.results.choices.every((c, i) => c.count === expected[i]);
    return {
      n,
      votes,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      tallyAfterLastAckMs: exactFrame ? exactFrame.at - lastAckAt : null,
      projectionFps: projectionFrames / windowS,
      participantFps: participantFrames.reduce((a, b) => a + b, 0) / Math.max(1, participantFrames.length) / windowS,
      serverCpuPercent: (cpuMs / wallMs) * 100,
      loadCpuPercent: reports.reduce((sum, r) => sum + (r.cpuMs / r.wallMs) * 100, 0),
      serverLoopMaxMs: Math.max(0, ...during.map((line) => line.loopMaxMs)),
      peakRssMiB: peakRssMiB(pid),
      exact,
      detail:
        `expected ${expected.join('/')}, stored ${stored?.state === 'closed' ? stored.results?.choices.map((c) => c.count).join('/') : 'not seen'}` +
        (failures.length ? `; ${failures.length} refused, first: ${failures[0]!.code} ${failures[0]!.message}` : ''),
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    for (const worker of workers) worker.send({ type: 'stop' });
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.child.exitCode !== null ? resolve(null) : w.child.once('exit', resolve)))));
    server.child.kill('SIGTERM');
    const killer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
    clearTimeout(killer);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const runs = sizes.length ? sizes : [500, 2_000, 5_000];
console.log(`Croisée poll benchmark — ${os.cpus().length} CPU(s), Node ${process.version}; first votes within ${SPREAD_MS / 1000} s, 1 in ${CHANGE_EVERY} changes within ${CHANGE_SPREAD_MS / 1000} s more`);
const ms = (v: number | null) => (v === null ? 'never' : `${Math.round(v)} ms`);
const table = (rows: Result[]) =>
  markdownTable(
      ['N', 'votes sent', 'ack p50', 'ack p99', 'ack max', 'exact tally on projection after last ack', 'projection frames/s', 'participant frames/s', 'server CPU', 'load generators CPU', 'server event-loop max delay', 'server peak RSS', 'exact (0 lost, 0 double)'],
      rows.map((r) => [
        String(r.n),
        String(r.votes),
        ms(r.p50),
        ms(r.p99),
        ms(r.max),
        ms(r.tallyAfterLastAckMs),
        r.projectionFps.toFixed(1),
        r.participantFps.toFixed(2),
        `${Math.round(r.serverCpuPercent)} %`,
        `${Math.round(r.loadCpuPercent)} %`,
        ms(r.serverLoopMaxMs),
        `${Math.round(r.peakRssMiB)} MiB`,
        r.exact ? 'yes' : 'NO',
      ]),
    );
const results: Result[] = [];
for (const n of runs) {
  const result = await runOnce(n);
  results.push(result);
  console.log(`${table([result])}\n  N=${n}: ${result.detail}`);
}
console.log(`\n${table(results)}`);
process.exit(results.every((r) => r.exact) ? 0 : 1);
