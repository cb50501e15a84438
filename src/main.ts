import 'reflect-metadata';
import { loadConfig, unsafeSettings } from './config';
import { connectAppDatabase, prepareDatabase } from './database/bootstrap';
import { resolveOwnerConnection } from './database/embedded';
import { createLogger } from './logger';
import { buildAppSchema } from './schema';
import { startServer } from './server';
import { ENTITIES } from './modules';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  for (const warning of unsafeSettings(config)) logger.warn(`unsafe setting: ${warning}`);
  const owner = await resolveOwnerConnection(config, logger);
  const appUrl = await prepareDatabase(config, owner.url, logger);
  const database = await connectAppDatabase(config, appUrl, logger, ENTITIES);
  const server = await startServer({ config, logger, database, schema: await buildAppSchema() });
  logger.info({ url: server.url, embeddedPostgres: !config.database.ownerUrl }, 'NGO Commons is serving GraphQL');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await database.close();
    await owner.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
