import path from 'node:path';

/** Everything the server reads from its environment; see README "Configuration". */
export interface Config {
  port: number;
  host: string;
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  /** Public origin used in links and for the Origin check; defaults to the address the server listens on. */
  publicUrl: string | null;
  /** Fixed organiser token; when null one is generated at first start and kept (hashed) in the store. */
  organiserToken: string | null;
  logLevel: 'info' | 'warn' | 'error' | 'silent';
  /** Directory of the built client; null serves no static files (API only). */
  clientDir: string | null;
  /** Joins (and code look-ups) allowed per minute from one address; a load test from one machine needs more. */
  joinRatePerMinute: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const logLevel = (env.CROISEE_LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['info', 'warn', 'error', 'silent'].includes(logLevel)) throw new Error(`CROISEE_LOG_LEVEL must be info, warn, error or silent`);
  const organiserToken = env.CROISEE_ORGANISER_TOKEN?.trim() || null;
  if (organiserToken !== null && organiserToken.length < 16) throw new Error('CROISEE_ORGANISER_TOKEN must be at least 16 characters');
  const joinRatePerMinute = Number(env.CROISEE_JOIN_RATE_PER_MINUTE ?? 600);
  if (!Number.isInteger(joinRatePerMinute) || joinRatePerMinute < 1) {
    throw new Error(`CROISEE_JOIN_RATE_PER_MINUTE must be a positive integer, got "${env.CROISEE_JOIN_RATE_PER_MINUTE}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dbFile: env.CROISEE_DB ?? path.join('data', 'croisee.db'),
    publicUrl: env.CROISEE_PUBLIC_URL?.replace(/\/+$/, '') || null,
    organiserToken,
    logLevel,
    clientDir: env.CROISEE_CLIENT_DIR ?? path.join('client', 'dist'),
    joinRatePerMinute,
  };
}
