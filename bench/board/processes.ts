import { fork, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { providerParams, yjsServerUrl, type DocumentCredentials } from '../../shared/board-doc';
import type { FromWorker, ToWorker } from './messages';

/** Processes and clients of `npm run bench:board`: the server under test, load generators, providers. */

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The organiser token of the benchmarked server. */
export const TOKEN = 'bench-organiser-token-0123456789';

/** The server's own measurements, one line per 250 ms (see bench/polls/server-stats.ts). */
export const serverStats: Array<{ at: number; loopMaxMs: number; loopP99Ms: number; cpuMs: number; rssMiB: number }> = [];

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
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', '--import', './bench/polls/server-stats.ts', 'server/src/main.ts'], {
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

/** Forks one load generator (yjs-client-worker.ts) with a message inbox. */
export function startWorker() {
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

