import { Pool } from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createAppDataSource, createOwnerDataSource } from './data-sources';
import { Database } from './database';
import { assertAppRoleIsBoundByRls, ensureAppLoginRole, withCredentials } from './roles';

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

/** Connects as the application role after checking that RLS binds it; `entities` are the modules' (`ENTITIES` of src/modules). */
export async function connectAppDatabase(config: Config, appUrl: string, logger: Logger, entities: Function[]): Promise<Database> {
  await assertAppRoleIsBoundByRls(appUrl);
  const dataSource = createAppDataSource(appUrl, config.database, entities);
  await dataSource.initialize();
  const platform = createAppDataSource(appUrl, { ...config.database, poolSize: 3 }, entities);
  await platform.initialize();
  const counters = new Pool({ connectionString: appUrl, max: 2, connectionTimeoutMillis: 3000, application_name: 'ngo-commons-counters' });
  // An idle counter connection dropped by a database restart is replaced on next use; nothing to do here.
  counters.on('error', (error) => logger.warn({ err: error }, 'rate-limit counter connection lost'));
  return new Database(dataSource, platform, counters, logger, config.events.listenUrl ?? appUrl, {
    preparedStatements: config.database.preparedStatements,
    openWithFirstRead: config.database.openWithFirstRead,
  });
}
