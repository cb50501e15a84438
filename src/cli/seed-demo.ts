import 'reflect-metadata';
import { loadConfig } from '../config';
import { connectAppDatabase, prepareDatabase } from '../database/bootstrap';
import { resolveOwnerConnection } from '../database/embedded';
import { createLogger } from '../logger';
import { ENTITIES } from '../modules';
import { buildAppSchema } from '../schema';
import { startServer } from '../server';
import { seedDemo } from './seed/demo';

/**
 * `npm run seed:demo`: loads a small demo network through the GraphQL API itself, so row-level
 * security and validation apply as for any client. Safe to run again: what exists is skipped.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const owner = await resolveOwnerConnection(config, logger);
  try {
    const appUrl = await prepareDatabase(config, owner.url, logger);
    const database = await connectAppDatabase(config, appUrl, logger, ENTITIES);
    try {
      const server = await startServer({ config, logger, database, schema: await buildAppSchema(), port: 0, host: '127.0.0.1' });
      try {
        await seedDemo(server.url);
      } finally {
        await server.stop();
      }
    } finally {
      await database.close();
    }
  } finally {
    await owner.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Seeding the demo data failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
