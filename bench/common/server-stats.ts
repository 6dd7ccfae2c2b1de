/**
 * Preloaded into the benchmarked server (`node --import`): prints one line per interval with the
 * event-loop delay and CPU time, so the coordinator can tell stalls of the server from those of its
 * load generators. Nothing of the server's own code is involved.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const INTERVAL_MS = 250;
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let cpu = process.cpuUsage();
setInterval(() => {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const line = {
    at: Date.now(),
    loopMaxMs: Math.round(delay.max / 1e5) / 10,
    loopP99Ms: Math.round(delay.percentile(99) / 1e5) / 10,
    cpuMs: Math.round((used.user + used.system) / 1000),
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
  };
  delay.reset();
  process.stdout.write(`BENCH-STATS ${JSON.stringify(line)}\n`);
}, INTERVAL_MS).unref();
