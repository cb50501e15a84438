import 'reflect-metadata';
import { loadConfig } from '../config';
import { prepareDatabase } from '../database/bootstrap';
import { resolveOwnerConnection } from '../database/embedded';
import { createLogger } from '../logger';

/** `npm run migrate`: applies pending migrations and updates the application role, then exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const owner = await resolveOwnerConnection(config, logger);
  try {
    await prepareDatabase(config, owner.url, logger);
    logger.info('database is up to date');
  } finally {
    await owner.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
