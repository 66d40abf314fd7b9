import path from 'node:path';
import { readConfig, ConfigError } from '../config/read-config';
import { loadContract } from '../goals/load-contract';
import { ContractFileError } from '../goals/contract-file-error';
import { projectRoot } from '../goals/default-contract';
import { openStore } from '../store/open-store';
import { createApp } from './create-app';
import { createLogger } from './logger';
import { systemClock } from './clock';

/** Entry point: read config, open the store, build the app, listen. Nothing else. */
async function main(): Promise<void> {
  const config = readConfig(process.env);
  const logger = createLogger(config.logLevel);
  const root = projectRoot();
  const contract = loadContract(path.resolve(root, config.contractFile));
  const store = await openStore(config.databaseUrl, { baseDir: root, logger });
  const app = createApp({ config, contract, store, logger, clock: systemClock });

  if (config.credentials === undefined) {
    logger.warn(
      { mode: config.mode },
      'LOCAL MODE: no MicrosoftAppId, so Bot Framework authentication is OFF — every request to /api/messages is accepted. Never expose this to the internet.',
    );
  }

  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  logger.info(
    { port: config.port, host: config.host, store: store.kind, contract: contract.id, mode: config.mode },
    `Målbot lytter på http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/api/messages`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app.server.close(() => {
      store
        .close()
        .catch((err: unknown) => logger.error({ err }, 'closing the store failed'))
        .finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // Config and contract errors are written for an operator: print them plainly, no stack.
  if (err instanceof ConfigError || err instanceof ContractFileError) {
    console.error(err.message);
  } else {
    console.error('Målbot kunne ikke starte:', err);
  }
  process.exit(1);
});
