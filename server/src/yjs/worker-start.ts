import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./doc-worker.ts', import.meta.url);

/**
 * Starts a worker on doc-worker.ts. The server runs TypeScript through tsx, whose loader a worker
 * does not inherit, so the worker registers it before importing its module.
 */
export function startWorker(maxOldGenerationSizeMb: number, documentModule?: string): Worker {
  const resourceLimits = { maxOldGenerationSizeMb };
  // The application's document module (document-module.ts), imported by the worker.
  const workerData = { documentModule };
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { resourceLimits, workerData });
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl())})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits, workerData });
}

function tsxEsmApiUrl(): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') {
    try {
      return resolve('tsx/esm/api');
    } catch {
      // Fall back to require's resolution below.
    }
  }
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

