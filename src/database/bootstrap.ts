import type { Config } from '../config';
import type { Logger } from '../logger';
import { createAppDataSource, createOwnerDataSource } from './data-sources';
import { Database } from './database';
import { ensureDatabase, startEmbeddedPostgres } from './embedded';
import { assertAppRoleIsBoundByRls, ensureAppLoginRole, withCredentials } from './roles';

export const EMBEDDED_DATABASE_NAME = 'ngo_commons';

export interface OwnerConnection {
  url: string;
  /** Stops the embedded cluster, if this process started one. */
  stop(): Promise<void>;
}

/** DATABASE_URL if set; otherwise the embedded cluster under EMBEDDED_PG_DIR, started now. */
export async function resolveOwnerConnection(config: Config, logger: Logger): Promise<OwnerConnection> {
  if (config.database.ownerUrl) return { url: config.database.ownerUrl, stop: async () => undefined };
  logger.info({ dir: config.database.embeddedDir, port: config.database.embeddedPort }, 'starting embedded PostgreSQL');
  const cluster = await startEmbeddedPostgres({
    dataDir: config.database.embeddedDir,
    port: config.database.embeddedPort,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }),
  });
  await ensureDatabase(cluster.urlFor('postgres'), EMBEDDED_DATABASE_NAME);
  return { url: cluster.urlFor(EMBEDDED_DATABASE_NAME), stop: () => cluster.stop() };
}

/** Applies pending migrations as the owner; returns the names of those applied. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const owner = createOwnerDataSource(ownerUrl);
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await owner.destroy();
  }
}

/**
 * Migrates, makes sure the application role exists (unless the operator gave APP_DATABASE_URL),
 * and returns the URL the server must use for requests.
 */
export async function prepareDatabase(config: Config, ownerUrl: string, logger: Logger): Promise<string> {
  const applied = await runMigrations(ownerUrl);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (config.database.appUrl) return config.database.appUrl;
  await ensureAppLoginRole(ownerUrl, {
    name: config.database.appRole,
    password: config.database.appPassword,
    statementTimeoutMs: config.database.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
  });
  return withCredentials(ownerUrl, config.database.appRole, config.database.appPassword);
}

/** Connects as the application role after checking that RLS binds it. */
export async function connectAppDatabase(config: Config, appUrl: string, logger: Logger): Promise<Database> {
  await assertAppRoleIsBoundByRls(appUrl);
  const dataSource = createAppDataSource(appUrl, config.database);
  await dataSource.initialize();
  return new Database(dataSource, logger);
}
