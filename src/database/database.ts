import type { Pool } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isConnectionFailure, serviceUnavailable } from '../common/errors';
import { isUuid } from '../common/validation';
import type { Logger } from '../logger';

/**
 * The per-transaction settings that the RLS policies read (see the foundation migration).
 * Each is applied with `set_config(..., true)`, so it ends with the transaction and can never leak
 * to the next user of a pooled connection.
 */
export interface TenantSettings {
  /** app.organization_id: the organization the request acts as. */
  organizationId?: string | null;
  /** app.user_id: the signed-in user (their own identity and memberships across organizations). */
  userId?: string | null;
  /** app.lookup_hash: a credential hash being looked up before the tenant is known. */
  lookupHash?: string | null;
  /** app.login_email: the email whose account a sign-in or sign-up looks up. */
  loginEmail?: string | null;
}


async function applySettings(runner: QueryRunner, settings: TenantSettings): Promise<void> {
  for (const key of ['organizationId', 'userId'] as const) {
    const value = settings[key];
    if (value != null && !isUuid(value)) throw new Error(`Tenant setting ${key} is not a UUID`);
  }
  await runner.query(
    `SELECT set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true),
            set_config('app.lookup_hash', $3, true), set_config('app.login_email', $4, true)`,
    [settings.organizationId ?? '', settings.userId ?? '', settings.lookupHash ?? '', settings.loginEmail ?? ''],
  );
}

/**
 * GraphQL resolves sibling fields concurrently, and they share the request's one connection; pg
 * queues concurrent queries on a client but deprecates doing so. Queue them here instead.
 */
function serialized(runner: QueryRunner, onStatement: () => void): QueryRunner {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    onStatement();
    const run = tail.then(() => query(...args)).catch((error: unknown) => {
      throw isConnectionFailure(error) ? serviceUnavailable() : error;
    });
    tail = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query'];
  return runner;
}

/**
 * One transaction on one pooled connection with the tenant settings applied first. Opened lazily
 * on first use; `finish` always releases the connection.
 */
export class ScopedTransaction {
  private runner: QueryRunner | null = null;
  private opening: Promise<EntityManager> | null = null;
  /** SQL statements sent, transaction control included: the N+1 guard in tests, and the benchmark's measure. */
  statements = 0;
  private finished = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettings,
  ) {}

  get isOpen(): boolean {
    return this.opening !== null;
  }

  manager(): Promise<EntityManager> {
    this.opening ??= this.open();
    return this.opening;
  }

  /** Changes the settings inside the open transaction, e.g. once a credential lookup names the tenant. */
  async rescope(settings: TenantSettings): Promise<EntityManager> {
    const manager = await this.manager();
    await applySettings(this.runner!, settings);
    return manager;
  }

  /**
   * Runs `work` inside a savepoint: if it throws, its writes are undone and the rest of the request's
   * transaction stands. Each mutation field runs this way, so a failed mutation changes nothing.
   */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    await this.manager();
    const runner = this.runner!;
    await runner.startTransaction();
    try {
      const result = await work();
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    if (!this.opening || this.finished) return;
    this.finished = true;
    const runner = this.runner!;
    try {
      await this.opening.catch(() => undefined);
      if (runner.isTransactionActive) {
        if (outcome === 'commit') await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  private async open(): Promise<EntityManager> {
    const runner = serialized(this.dataSource.createQueryRunner(), () => (this.statements += 1));
    this.runner = runner;
    await runner.connect().catch((error: unknown) => {
      throw isConnectionFailure(error) ? serviceUnavailable() : error;
    });
    await runner.startTransaction();
    await applySettings(runner, this.settings);
    return runner.manager;
  }
}

/**
 * The operations that run before a tenant is known. Each one is named so that logs and reviews can
 * see every place that works outside a request's organization.
 */
export type PlatformOperation =
  | 'signUp'
  | 'login'
  | 'refreshToken'
  | 'logout'
  | 'apiKeyLookup'
  | 'acceptInvitation'
  | 'switchOrganization'
  | 'seedDemo'
  | 'persistedQuery';

/**
 * The only way to reach the application role's pool. There is deliberately no accessor for the
 * DataSource or a repository on it: tenant work goes through `openScope`, platform work through
 * `platform`, and both apply the RLS settings before the first statement.
 */
export class Database {
  readonly #dataSource: DataSource;
  readonly #counters: Pool;
  readonly #platform: DataSource;

  /**
   * `counters` is a small pool of its own for rate-limit counting: a request counts itself while it
   * may already hold a connection of the main pool, and must never wait for another one from it.
   */
  constructor(
    dataSource: DataSource,
    platform: DataSource,
    counters: Pool,
    private readonly logger: Logger,
  ) {
    this.#dataSource = dataSource;
    this.#platform = platform;
    this.#counters = counters;
  }

  openScope(settings: TenantSettings): ScopedTransaction {
    return new ScopedTransaction(this.#dataSource, settings);
  }

  /** Runs a named platform operation in its own transaction: committed if `work` returns, rolled back if it throws. */
  async platform<T>(
    operation: PlatformOperation,
    settings: TenantSettings,
    work: (tx: ScopedTransaction) => Promise<T>,
  ): Promise<T> {
    // A pool of its own: a sign-in may run while its request already holds a connection of the main
    // pool, and must not wait for a second one from it.
    const tx = new ScopedTransaction(this.#platform, settings);
    this.logger.debug({ operation }, 'platform operation');
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await tx.finish('rollback');
      throw error;
    }
    await tx.finish('commit');
    return result;
  }

  /**
   * Counts one request against each bucket of an organization (the organization, an API key) for
   * the current minute, and answers the counts. One round trip, in its own short transaction, so a
   * busy organization's requests do not queue on the counter row while they run.
   */
  async countRequest(organizationId: string, buckets: readonly string[]): Promise<{ bucket: string; count: number; retryAfterSeconds: number }[]> {
    if (!isUuid(organizationId) || !buckets.every((bucket) => /^[a-z-]+(:[0-9a-f-]{36})?$/.test(bucket))) {
      throw new Error('Rate-limit buckets must be organization or API-key ids');
    }
    // Values are checked above and inlined: a multi-statement query sends no parameters.
    const rows = buckets.map((bucket) => `('${organizationId}', '${bucket}', date_trunc('minute', now()), 1)`).join(', ');
    const results = (await this.#counters.query(
      `BEGIN; SELECT set_config('app.organization_id', '${organizationId}', true);
       INSERT INTO rate_limit_counters AS c (organization_id, bucket, window_start, count) VALUES ${rows}
       ON CONFLICT (organization_id, bucket) DO UPDATE
         SET count = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.count + 1 ELSE 1 END, window_start = EXCLUDED.window_start
       RETURNING bucket, count, ceil(extract(epoch FROM (window_start + interval '1 minute' - now())))::int AS "retryAfterSeconds";
       COMMIT;`,
    )) as unknown as { rows: unknown[] }[];
    return results[2].rows as { bucket: string; count: number; retryAfterSeconds: number }[];
  }

  /**
   * Whether the database answers and has run every migration this code expects (`expected`, by
   * name). Runs outside any tenant: it reads only the migrations table.
   */
  async readiness(expected: readonly string[]): Promise<{ database: 'up' | 'down'; pendingMigrations: string[] }> {
    try {
      const rows: { name: string }[] = await this.#dataSource.query('SELECT name FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.name));
      return { database: 'up', pendingMigrations: expected.filter((name) => !applied.has(name)) };
    } catch (error) {
      this.logger.warn({ err: error }, 'readiness check failed');
      return { database: 'down', pendingMigrations: [] };
    }
  }

  async close(): Promise<void> {
    await this.#counters.end();
    if (this.#platform.isInitialized) await this.#platform.destroy();
    if (this.#dataSource.isInitialized) await this.#dataSource.destroy();
  }
}
