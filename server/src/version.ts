import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version in package.json, reported by GET /health. */
export const VERSION: string = (require('../../package.json') as { version: string }).version;
