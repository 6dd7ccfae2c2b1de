import { fork, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Processes of the benchmarks: the server under test in its own process, and the load generators it forks. */

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The organiser token of the benchmarked server. */
export const TOKEN = 'bench-organiser-token-0123456789';

/** One of the server's own measurements (see server-stats.ts). */
export interface ServerStatsLine {
  at: number;
  loopMaxMs: number;
  loopP99Ms: number;
  cpuMs: number;
  rssMiB: number;
}

/** The server's own measurements, one line per 250 ms, from every server started so far. */
export const serverStats: ServerStatsLine[] = [];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** Starts `server/src/main.ts` in its own process on a fresh port, with the stats preload. */
export async function startServer(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir> writes a CPU profile of the server there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', '--import', './bench/common/server-stats.ts', 'server/src/main.ts'], {
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

/** A forked load generator: its process, its next message, and a way to send it one. */
export interface Worker<ToWorker, FromWorker> {
  child: ChildProcess;
  next: () => Promise<FromWorker>;
  send: (m: ToWorker) => void;
}

/** Forks one load generator (a TypeScript file run through tsx) with a message inbox. */
export function forkWorker<ToWorker, FromWorker>(script: string): Worker<ToWorker, FromWorker> {
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], cwd: ROOT });
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
    send: (m) => child.send(m as object),
  };
}
