import { startServer } from './app';
import { configFromEnv } from './config';
import { consoleLogger } from './logger';

const config = configFromEnv();
const logger = consoleLogger(config.logLevel);

const server = await startServer({
  ...config,
  logger,
  onOrganiserToken: (token, url) => {
    // Printed once, at the start that created it: the store keeps only its hash.
    console.log(`\n  Espace d’organisation / organiser space:\n    ${url}\n  Jeton / token: ${token}\n  (gardez-le : il ne sera plus affiché / keep it: it will not be shown again)\n`);
  },
});

logger.info(`Croisée listening on ${server.url} (store: ${server.store.kind}, ${config.dbFile})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`received ${signal}, closing`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        logger.error('close failed', { error });
        process.exit(1);
      },
    );
  });
}
process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));
process.on('uncaughtException', (error) => logger.error('uncaught exception', { error }));
