import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/bootstrap';
import { ensureDatabase } from '../../src/database/admin';
import { startEmbeddedPostgres } from '../../src/database/embedded';
import { ensureAppLoginRole } from '../../src/database/roles';
import { ADMIN_URL_VARIABLE, TEMPLATE_DATABASE } from './test-env';
import { freePort } from '../support/free-port';


/**
 * One embedded PostgreSQL for the whole run. The migrations run once, into a template database
 * that every test file clones (CREATE DATABASE ... TEMPLATE), so files run in parallel on
 * databases of their own. DATABASE_URL, if set, points the run at an external server instead.
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ngo-commons-test-'));
    // The cluster runs as the `postgres` system user, which must be able to enter the folder.
    chmodSync(dir, 0o755);
    const cluster = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), persistent: false });
    (globalThis as { __EMBEDDED_PG__?: unknown }).__EMBEDDED_PG__ = { cluster, dir };
    adminUrl = cluster.urlFor('postgres');
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  await runMigrations(templateUrl.toString());
  await ensureAppLoginRole(adminUrl, {
    name: config.database.appRole,
    password: config.database.appPassword,
    statementTimeoutMs: config.database.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
  });
  // Jest starts its workers after global setup, and they inherit this environment.
  process.env[ADMIN_URL_VARIABLE] = adminUrl;
}
