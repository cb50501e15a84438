import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_SUPERUSER, readSuperuserPassword, replaceLegacyPassword, startEmbeddedPostgres } from '../../src/database/embedded';

/**
 * The PostgreSQL the benchmark runs on: its own embedded cluster (kept in .data/bench-postgres, so a
 * full-size build survives between runs and never touches the development database), or the server
 * that DATABASE_URL names. Each size gets its own database, ngo_bench_<size>.
 */
export interface BenchCluster {
  /** Owner (superuser for the embedded cluster) URL of a database. */
  urlFor(database: string): string;
  embedded: boolean;
  /** Whether the owner may create roles with BYPASSRLS (for the no-RLS baseline). */
  superuser: boolean;
  /** pg_stat_statements is loaded (embedded cluster only): the server's top statements per run. */
  statementStats: boolean;
  /** The postmaster's pid, for CPU accounting of the database (embedded cluster only). */
  postmasterPid: number | null;
  describe: string;
  stop(): Promise<void>;
}

const SUPERUSER = EMBEDDED_SUPERUSER;

/**
 * Settings for a 2-core server with a few GB for PostgreSQL. pg_stat_statements lets the bench show
 * which statements a GraphQL request spends its database time on.
 */
const POSTGRES_FLAGS = [
  ['shared_buffers', '1GB'],
  ['effective_cache_size', '8GB'],
  ['work_mem', '16MB'],
  ['maintenance_work_mem', '1GB'],
  ['max_wal_size', '16GB'],
  ['checkpoint_timeout', '30min'],
  ['random_page_cost', '1.1'],
  ['max_connections', '200'],
  ['shared_preload_libraries', 'pg_stat_statements'],
  ['pg_stat_statements.max', '2000'],
  ['timezone', 'UTC'],
].flatMap(([name, value]) => ['-c', `${name}=${value}`]);

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function describeServer(url: string): Promise<{ superuser: boolean; statementStats: boolean; version: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT rolsuper OR rolbypassrls AS superuser, current_setting('server_version') AS version,
              current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' AS stats
         FROM pg_roles WHERE rolname = current_user`,
    );
    return { superuser: rows[0].superuser, statementStats: rows[0].stats, version: rows[0].version };
  } finally {
    await client.end();
  }
}

export async function openCluster(env: NodeJS.ProcessEnv = process.env): Promise<BenchCluster> {
  if (env.DATABASE_URL) {
    const base = new URL(env.DATABASE_URL);
    const urlFor = (database: string) => {
      const url = new URL(base);
      url.pathname = `/${database}`;
      return url.toString();
    };
    const info = await describeServer(env.DATABASE_URL);
    return {
      urlFor,
      embedded: false,
      superuser: info.superuser,
      statementStats: info.statementStats,
      postmasterPid: null,
      describe: `PostgreSQL ${info.version} at ${base.host} (DATABASE_URL)`,
      stop: async () => undefined,
    };
  }

  const dataDir = resolve(env.BENCH_PG_DIR ?? '.data/bench-postgres');
  const port = Number(env.BENCH_PG_PORT ?? 54339);
  // The superuser's password is kept in the data directory (see src/database/embedded.ts).
  const kept = readSuperuserPassword(dataDir);
  let urlFor = (database: string) => `postgres://${SUPERUSER}:${encodeURIComponent(kept ?? '')}@127.0.0.1:${port}/${database}`;
  let stop: () => Promise<void> = async () => undefined;
  let started = 'already running';
  if (kept === null && (await canConnect(`postgres://${SUPERUSER}:postgres@127.0.0.1:${port}/postgres`))) {
    // A cluster started by hand from a data directory that still has the old published password.
    const password = await replaceLegacyPassword(dataDir, port);
    urlFor = (database: string) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  } else if (kept === null || !(await canConnect(urlFor('postgres')))) {
    try {
      const cluster = await startEmbeddedPostgres({ dataDir, port, postgresFlags: POSTGRES_FLAGS });
      urlFor = cluster.urlFor;
      stop = () => cluster.stop();
    } catch (error) {
      throw new Error(
        `Could not start the bench's embedded PostgreSQL in ${dataDir} on port ${port}: ${error instanceof Error ? error.message : 'it exited during start-up'}. ` +
          'Is another process using the port (BENCH_PG_PORT) or the folder (BENCH_PG_DIR)?',
      );
    }
    started = 'started';
  }
  const info = await describeServer(urlFor('postgres'));
  const pidFile = resolve(dataDir, 'postmaster.pid');
  const postmasterPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || null : null;
  return {
    urlFor,
    embedded: true,
    superuser: info.superuser,
    statementStats: info.statementStats,
    postmasterPid,
    describe: `embedded PostgreSQL ${info.version} in ${dataDir}, port ${port} (${started})`,
    stop,
  };
}

/** Creates the database if missing; with `fresh`, drops it first. */
export async function ensureDatabase(cluster: BenchCluster, database: string, fresh: boolean): Promise<void> {
  const admin = new Client({ connectionString: cluster.urlFor('postgres') });
  await admin.connect();
  try {
    const name = admin.escapeIdentifier(database);
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}
