import { configFromEnv } from '../server/src/config';
import { resetOrganiserToken } from '../server/src/http/organiser-auth';
import { SqliteStore } from '../server/src/store/sqlite/sqlite-store';

/** Replaces a lost organiser token in the configured database and prints the new one. */
const config = configFromEnv();
if (config.organiserToken) {
  console.error('CROISEE_ORGANISER_TOKEN is set: the token comes from the environment, change it there.');
  process.exit(1);
}
const store = SqliteStore.open(config.dbFile);
const token = await resetOrganiserToken(store.settings);
await store.close();
const base = config.publicUrl ?? `http://localhost:${config.port}`;
console.log(`New organiser token: ${token}\nOrganiser space: ${base}/organiser#${token}\nRestart the server for it to take effect.`);
