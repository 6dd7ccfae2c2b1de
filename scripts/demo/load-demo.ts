import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../server/src/app';
import { configFromEnv } from '../../server/src/config';
import { consoleLogger } from '../../server/src/logger';
import { SqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { CroiseeClient } from '../../shared/client/croisee-client';
import { playScenario } from './play-scenario';
import { ReplayClock } from './replay-clock';

/**
 * `npm run demo [-- --force]`: fills a fresh database (CROISEE_DB, default ./data/croisee.db) with the
 * webinar scenario, so that a newcomer sees a filled-in Croisée at once. It starts the real server in
 * this process on a free port and plays the scenario through the API and real sockets, as people
 * would; then `npm start` serves the result.
 */

const force = process.argv.includes('--force');
const config = configFromEnv();
const dbFile = path.resolve(config.dbFile);

/** Refuses a database that already holds working groups (unless --force) or an organiser token the demo cannot know. */
async function checkDatabase(): Promise<void> {
  if (!fs.existsSync(dbFile)) return;
  const store = SqliteStore.open(dbFile);
  try {
    const groups = await store.groups.list();
    if (groups.length > 0 && !force) {
      throw new Error(`${dbFile} already holds ${groups.length} working group(s). Use another CROISEE_DB, or add the demo to it with: npm run demo -- --force`);
    }
    if (!config.organiserToken && (await store.settings.get('organiser_token_hash'))) {
      throw new Error(`${dbFile} already has an organiser token: set CROISEE_ORGANISER_TOKEN to it, or use another CROISEE_DB.`);
    }
  } finally {
    await store.close();
  }
}

/** `npm start`, with the variables this run was given that the server needs to find the same database and address. */
function startCommand(): string {
  const env = ['CROISEE_DB', 'PORT', 'CROISEE_PUBLIC_URL'].flatMap((name) => (process.env[name] ? [`${name}=${process.env[name]}`] : []));
  return [...env, 'npm start'].join(' ');
}

async function main(): Promise<void> {
  await checkDatabase();
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  let generated: string | null = null;
  const clock = new ReplayClock();
  const server = await startServer({
    dbFile,
    port: 0,
    host: '127.0.0.1',
    publicUrl,
    organiserToken: config.organiserToken,
    clientDir: null,
    logLevel: 'warn',
    logger: consoleLogger('warn'),
    clock,
    onOrganiserToken: (token) => {
      generated = token;
    },
  });
  try {
    const token = config.organiserToken ?? generated;
    if (!token) throw new Error('the server did not give an organiser token');
    const client = new CroiseeClient(server.url);
    console.log(`Croisée demo: loading the webinar of the CLTS of Ardèche into ${dbFile}…`);
    const played = await playScenario({ url: server.url, client, organiser: client.withOrganiserToken(token), log: (step) => console.log(`  ${step}`) }, clock);

    const group = played.groups.power;
    const lines = [
      '',
      'Croisée demo loaded:',
      `  - working groups: ${Object.values(played.groups).map((g) => `« ${g.name} »`).join(', ')}`,
      `  - « ${played.agora.title} » (${played.agora.date}) and « ${played.webinar.title} » (${played.webinar.date}), closed, in the record of « ${group.name} »`,
      `  - « ${played.next.title} », ready to run (join code ${played.next.joinCode})`,
      '',
      'Start the server:',
      `  ${startCommand()}`,
      '',
      'Then open:',
      `  Organiser space: ${publicUrl}/organiser#${token}`,
      `  Record of « ${group.name} »: ${publicUrl}/organiser/groupes/${group.id}/registre`,
      `  Webinar report: ${publicUrl}/organiser/groupes/${group.id}/registre/${played.webinar.id}`,
      `  Workshop to try — facilitator console: ${played.next.links.facilitator}`,
      `                    projection: ${played.next.links.projection}`,
      `                    join (phones): ${played.next.links.join}`,
      '',
      config.organiserToken
        ? 'Organiser token: the one in CROISEE_ORGANISER_TOKEN.'
        : `Organiser token: ${token}\n  (generated for this database and shown once: keep it)`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Croisée demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
