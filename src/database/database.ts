import { createHash } from 'node:crypto';
import { escapeLiteral, type Pool, type PoolClient, type QueryResult } from 'pg';
// node-postgres's own conversion of a parameter to its text form (untyped in @types/pg).
import { prepareValue } from 'pg/lib/utils';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { isConnectionFailure, isStatementTimeout, queryTimeout, serviceUnavailable } from '../common/errors';
import { isUuid } from '../common/validation';
import type { Logger } from '../logger';
import { RowReader } from './rows';

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
  /** app.worker: the platform's background jobs, which alone may read the job queue and list organizations to act as each in turn. */
  worker?: boolean;
}


/**
 * The settings as one statement of escaped literals, so that it can travel in the same round trip
 * as BEGIN (a simple-protocol query string takes no parameters).
 */
export function settingsStatement(settings: TenantSettings): string {
  for (const key of ['organizationId', 'userId'] as const) {
    const value = settings[key];
    if (value != null && !isUuid(value)) throw new Error(`Tenant setting ${key} is not a UUID`);
  }
  return `SELECT set_config('app.organization_id', ${escapeLiteral(settings.organizationId ?? '')}, true), set_config('app.user_id', ${escapeLiteral(settings.userId ?? '')}, true),
            set_config('app.lookup_hash', ${escapeLiteral(settings.lookupHash ?? '')}, true), set_config('app.login_email', ${escapeLiteral(settings.loginEmail ?? '')}, true),
            set_config('app.worker', '${settings.worker ? 'on' : ''}', true)`;
}

/**
 * TypeORM keeps its own idea of whether a transaction is open: `save()` opens (and commits) one of
 * its own when it thinks none is, and savepoints need the depth. The request's transaction is begun
 * in the same round trip as its first statement, outside TypeORM, so the runner is told here, as
 * `startTransaction()` would have left it.
 */
function adoptOpenTransaction(runner: QueryRunner): void {
  Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
}

/** Where hot reads keep their statements: named prepared statements, or one-off ones for poolers that cannot keep them. */
export interface ReadOptions {
  preparedStatements: boolean;
  /**
   * Whether a person's first hot read travels with the opening, as SQL-level PREPARE/EXECUTE (see
   * ScopedTransaction.openWith): off behind a transaction-mode pooler, which keeps protocol-level
   * prepared statements at best (PgBouncer 1.21+), never SQL-level ones.
   */
  openWithFirstRead: boolean;
}

/**
 * How many statement texts get a name. A hot read's text follows what a query selects, so a caller
 * could make many; each named one stays prepared on every connection that ran it. Past this many,
 * a new text runs unnamed (parsed and planned each time), and PostgreSQL's memory stays bounded.
 */
const NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/** A stable name per statement text, so that each connection prepares a statement once and reuses it; null past the cap. */
function statementName(text: string): string | null {
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size >= NAMED_STATEMENTS) return null;
    name = `ngo_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A statement refused because the request's client went away (its transaction is rolled back). */
export class RequestCancelled extends Error {
  constructor() {
    super('The client went away: the request was cancelled');
    this.name = 'RequestCancelled';
  }
}

/** What node-postgres knows is prepared on a connection (name → text); it skips Parse for those. */
function parsedStatements(client: PoolClient): Record<string, string> {
  return (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
}

/** A statement with its parameters, as node-postgres takes it. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * A statement prepared at SQL level (`PREPARE`/`EXECUTE`, its values as escaped literals), to travel
 * in one simple-protocol string with others. SQL-level and protocol-level prepared statements share
 * their names on a connection, so node-postgres is told it exists once it ran (`done`); if the string
 * fails, whether PREPARE ran is unknown, so the name is dropped (`failed`: an error if it never ran).
 */
function preparedCall(client: PoolClient, name: string, { text, values }: Statement): { statements: string[]; done(): void; failed(): Promise<void> } {
  const prepared = parsedStatements(client);
  const preparing = prepared[name] !== text;
  // PostgreSQL's EXECUTE takes no parentheses for a statement without parameters.
  const statements = [values.length ? `EXECUTE ${name}(${values.map(literal).join(', ')})` : `EXECUTE ${name}`];
  if (preparing) statements.unshift(`PREPARE ${name} AS ${text}`);
  return {
    statements,
    done: () => {
      prepared[name] = text;
    },
    failed: async () => {
      if (preparing) await client.query(`DEALLOCATE ${name}`).catch(() => undefined);
    },
  };
}

/** A value as an SQL literal, in the text form node-postgres sends parameters in. */
function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null) return 'NULL';
  if (typeof text !== 'string') throw new Error('Binary values cannot travel as literals');
  return escapeLiteral(text);
}

/**
 * One transaction on one pooled connection, begun in one round trip with its opening statement: the
 * tenant settings, or a function that applies them and verifies the credential (see
 * verifyCredential). Opened lazily on first use; `finish` always releases the connection.
 *
 * GraphQL resolves sibling fields concurrently, and they share this one connection; pg queues
 * concurrent queries on a client but deprecates doing so. Every statement is queued here instead.
 */
export class ScopedTransaction {
  private runner: QueryRunner | null = null;
  private client: PoolClient | null = null;
  private opening: Promise<EntityManager> | null = null;
  private openingRows: Record<string, unknown>[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private readonly atCommit: (() => Statement | null)[] = [];
  /** SQL statements sent, transaction control included: the N+1 guard in tests, and the benchmark's measure. */
  statements = 0;
  /** Round trips to PostgreSQL (a round trip may carry several statements). */
  roundTrips = 0;
  private finished = false;
  /** Set once the client went away: the statement running is cancelled, and no other is sent. */
  private cancelling: Promise<void> | null = null;
  /** The first read ended the transaction it opened; the next statement opens another (see endedWithRead). */
  private reopens = false;
  /**
   * Checks the rows of an opening that runs again after the first read ended its transaction: it
   * throws if the credential no longer holds (the opening then cleared the tenant settings).
   */
  verifyReopening: ((rows: Record<string, unknown>[]) => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly openingStatement: string,
    private readonly options: ReadOptions,
    /** Replaces the connection's statement timeout for this transaction (SET LOCAL, in the opening round trip). */
    private readonly statementTimeoutMs?: number,
    /** Cancels what a backend (by process id) is running, from another connection. */
    private readonly cancelBackend?: (processId: number) => Promise<void>,
  ) {}

  /**
   * The client went away: cancels the statement running on this transaction's connection, if any,
   * and refuses the next ones. The connection stays this transaction's until the cancel was sent
   * (finish waits for it), so a cancel can never reach the next user of the connection.
   */
  cancel(): void {
    if (this.cancelling || this.finished) return;
    // node-postgres keeps the backend's process id from the connection's BackendKeyData, untyped.
    const processId = (this.client as { processID?: number } | null)?.processID;
    this.cancelling = processId && this.cancelBackend ? this.cancelBackend(processId).catch(() => undefined) : Promise.resolve();
  }

  /** Whether a statement has opened the transaction (and, if the first read ended it, a later one may open it again). */
  get isOpen(): boolean {
    return this.opening !== null || this.reopens;
  }

  manager(): Promise<EntityManager> {
    if (!this.opening && this.finished) return Promise.reject(new Error('The request transaction has ended'));
    this.opening ??= this.open();
    return this.opening;
  }

  /**
   * Opens the transaction with a hot read in the same round trip: `BEGIN`, the opening statement(s)
   * and the read as one simple-protocol string. The read runs as a statement prepared at SQL level
   * (`PREPARE`/`EXECUTE`, its values as escaped literals); SQL-level and protocol-level prepared
   * statements share their names on a connection, so node-postgres is told it exists. Without
   * prepared statements (or past their cap) the read follows the opening in a round trip of its own.
   */
  async openWith<R>(text: string, values: unknown[], endsTransaction = false): Promise<{ opening: Record<string, unknown>[]; rows: R[] }> {
    const name = this.options.openWithFirstRead ? statementName(text) : null;
    if (this.opening || !name || this.finished || this.reopens) {
      const opening = await this.opened();
      return { opening, rows: await this.query<R>(text, values) };
    }
    let results: QueryResult[] = [];
    this.opening = this.open((client) => {
      const call = preparedCall(client, name, { text, values });
      this.statements += 1;
      if (endsTransaction) {
        call.statements.push('COMMIT');
        this.statements += 1;
      }
      return {
        tail: call.statements.join('; '),
        done: (answered) => {
          results = answered;
          call.done();
        },
        // PREPARE outlives a rolled-back transaction: the connection's state is known again after this.
        failed: call.failed,
      };
    });
    await this.opening;
    const opening = this.openingRows;
    if (endsTransaction) await this.endedWithRead();
    return { opening, rows: results[results.length - (endsTransaction ? 2 : 1)].rows as R[] };
  }

  /**
   * The read committed the transaction (see openWith): the connection goes back to the pool at once,
   * before the rows are used. Anything the request still sends opens a transaction again with the
   * same opening statement, which checks the credential again (see `verifyReopening`).
   */
  private async endedWithRead(): Promise<void> {
    const runner = this.runner!;
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    this.opening = null;
    this.runner = null;
    this.client = null;
    this.reopens = true;
    // A cancel sent for this connection (the client went away) must have reached its backend before
    // the connection can serve anyone else: otherwise it could cancel the next request's statement.
    await this.cancelling;
    await runner.release();
  }

  /** The rows the opening statement answered, e.g. the verified role. */
  async opened(): Promise<Record<string, unknown>[]> {
    await this.manager();
    return this.openingRows;
  }

  /** Changes the settings inside the open transaction, e.g. once a credential lookup names the tenant. */
  async rescope(settings: TenantSettings): Promise<EntityManager> {
    const manager = await this.manager();
    await this.runner!.query(settingsStatement(settings));
    return manager;
  }

  /**
   * A hot read: plain SQL on the transaction's connection, prepared once per connection under a
   * name derived from its text (unless prepared statements are off), without the ORM's query
   * building and hydration.
   */
  async query<R = Record<string, unknown>>(text: string, values: unknown[]): Promise<R[]> {
    await this.manager();
    const client = this.client!;
    const name = this.options.preparedStatements ? statementName(text) : null;
    const config = name ? { name, text, values } : { text, values };
    const result = await this.enqueue(() => client.query(config));
    return result.rows as R[];
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

  /**
   * Registers a statement to run just before COMMIT: `statement` is asked for it when the
   * transaction commits (null for nothing). It travels in the same round trip as COMMIT, prepared at
   * SQL level once per connection, unless prepared statements are off (then in a round trip of its
   * own). If it fails, the transaction does not commit and the request fails, so what it records
   * (e.g. that personal fields were read) is never missing from a response that was sent.
   */
  beforeCommit(statement: () => Statement | null): void {
    if (this.finished) throw new Error('The transaction has ended');
    this.atCommit.push(statement);
  }

  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    if (this.finished) return;
    // The first read ended its transaction; what must run at commit (e.g. an audit) opens another.
    const atCommit = outcome === 'commit' ? this.atCommit.map((statement) => statement()).filter((statement): statement is Statement => statement !== null) : [];
    if (!this.opening && this.reopens && atCommit.length && !this.cancelling) await this.manager();
    this.finished = true;
    if (!this.opening) return;
    const runner = this.runner!;
    try {
      await this.opening.catch(() => undefined);
      if (!runner.isTransactionActive) return;
      if (this.cancelling) return await this.rollBackCancelled(runner);
      const client = this.client!;
      if (outcome === 'rollback') {
        await this.enqueue(() => client.query('ROLLBACK'), true).finally(() => Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 }));
        return;
      }
      // COMMIT goes straight to the connection (with what must run just before it, in the same round
      // trip), not through TypeORM's runner: its bookkeeping around a COMMIT cost more than sending it.
      const calls: ReturnType<typeof preparedCall>[] = [];
      try {
        for (const statement of atCommit) {
          const name = this.options.openWithFirstRead ? statementName(statement.text) : null;
          if (name) calls.push(preparedCall(client, name, statement));
          else await this.enqueue(() => client.query(statement), true);
        }
        this.statements += calls.length;
        await this.enqueue(() => client.query([...calls.flatMap((call) => call.statements), 'COMMIT'].join('; ')), true);
        for (const call of calls) call.done();
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        for (const call of calls) await call.failed();
        throw error;
      } finally {
        Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
      }
    } finally {
      // A cancel in flight must have reached the backend before the connection can serve anyone else.
      await this.cancelling;
      await runner.release();
    }
  }

  /** After a cancel: waits until it was sent and the cancelled statement ended, then rolls back on the connection itself. */
  private async rollBackCancelled(runner: QueryRunner): Promise<void> {
    await this.cancelling;
    await this.tail;
    const client = this.client!;
    // A cancel that reached the backend only as ROLLBACK began fails that ROLLBACK: the second one ends the transaction.
    await client
      .query('ROLLBACK')
      .catch(() => client.query('ROLLBACK'))
      .catch(() => undefined);
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
  }

  /**
   * Queues a statement after the ones already sent. Once the transaction is finishing, only its own
   * closing statements (`closing`) are taken: work a request left running after its response (a
   * sibling field still resolving) must never reach a connection handed back to the pool.
   */
  private enqueue<T>(work: () => Promise<T>, closing = false): Promise<T> {
    if (this.finished && !closing) return Promise.reject(new Error('The request transaction has ended'));
    this.statements += 1;
    this.roundTrips += 1;
    const run = this.tail
      .then(() => {
        if (this.cancelling) throw new RequestCancelled();
        return work();
      })
      .catch((error: unknown) => {
        throw isConnectionFailure(error) ? serviceUnavailable() : isStatementTimeout(error) ? queryTimeout() : error;
      });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** `withRead`, when given, adds statements to the opening's round trip and receives every result of it. */
  private async open(
    withRead?: (client: PoolClient) => { tail: string; done(results: QueryResult[]): void; failed(): Promise<void> },
  ): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    const query = runner.query.bind(runner);
    runner.query = ((...args: Parameters<QueryRunner['query']>) => this.enqueue(() => query(...args))) as QueryRunner['query'];
    this.client = (await runner.connect().catch((error: unknown) => {
      throw isConnectionFailure(error) ? serviceUnavailable() : error;
    })) as PoolClient;
    const client = this.client;
    this.statements += 1;
    let opening = this.openingStatement;
    if (this.statementTimeoutMs !== undefined) {
      opening = `SET LOCAL statement_timeout = ${Math.trunc(this.statementTimeoutMs)}; ${opening}`;
      this.statements += 1;
    }
    const read = withRead?.(client);
    // BEGIN and the opening statement(s) in one round trip: one simple-protocol query string.
    const text = read ? `BEGIN; ${opening}; ${read.tail}` : `BEGIN; ${opening}`;
    const results = (await this.enqueue(() => client.query(text)).catch(async (error: unknown) => {
      // Never hand the pool a connection inside a failed transaction.
      await client.query('ROLLBACK').catch(() => undefined);
      await read?.failed();
      throw error;
    })) as unknown as QueryResult[];
    adoptOpenTransaction(runner);
    const openingCount = this.statementTimeoutMs === undefined ? 2 : 3;
    this.openingRows = results[openingCount - 1].rows;
    read?.done(results);
    if (this.reopens) this.verifyReopening?.(this.openingRows);
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
  | 'acceptInvitation'
  | 'switchOrganization'
  | 'changePassword'
  | 'requestPasswordReset'
  | 'resetPassword'
  | 'seedDemo'
  | 'persistedQuery'
  | 'job'
  | 'routeEvent';

/**
 * The only way to reach the application role's pool. There is deliberately no accessor for the
 * DataSource or a repository on it: tenant work goes through `openScope`, platform work through
 * `platform`, and both apply the RLS settings before the first statement.
 */
export class Database {
  readonly #dataSource: DataSource;
  /** Whether a transaction can open in the same round trip as its first hot read (needs prepared statements; see ScopedTransaction.openWith). */
  readonly opensWithFirstRead: boolean;
  readonly #counters: Pool;
  readonly #platform: DataSource;
  readonly #reads: ReadOptions;
  readonly #readers = new Map<string, RowReader<ObjectLiteral>>();

  /**
   * `counters` is a small pool of its own for rate-limit counting: a request counts itself while it
   * may already hold a connection of the main pool, and must never wait for another one from it.
   */
  constructor(
    dataSource: DataSource,
    platform: DataSource,
    counters: Pool,
    private readonly logger: Logger,
    /** Where an instance LISTENs for events: a session connection, not through a transaction-mode pooler. */
    readonly listenUrl: string,
    reads: ReadOptions,
  ) {
    this.#dataSource = dataSource;
    this.#platform = platform;
    this.#counters = counters;
    this.#reads = reads;
    this.opensWithFirstRead = reads.openWithFirstRead;
  }

  /** `statementTimeoutMs`, when given, replaces the connection's statement timeout for this transaction. */
  openScope(settings: TenantSettings, statementTimeoutMs?: number): ScopedTransaction {
    return this.openVerified(settingsStatement(settings), statementTimeoutMs);
  }

  /**
   * A request transaction whose opening statement applies the tenant settings and verifies the
   * credential in one (see the read-path migration's app_open_* functions); `opened()` answers its rows.
   */
  openVerified(statement: string, statementTimeoutMs?: number): ScopedTransaction {
    return new ScopedTransaction(this.#dataSource, statement, this.#reads, statementTimeoutMs, (processId) => this.cancelBackend(processId));
  }

  /** Runs a named platform operation in its own transaction: committed if `work` returns, rolled back if it throws. */
  async platform<T>(
    operation: PlatformOperation,
    settings: TenantSettings,
    work: (tx: ScopedTransaction) => Promise<T>,
  ): Promise<T> {
    // A pool of its own: a sign-in may run while its request already holds a connection of the main
    // pool, and must not wait for a second one from it.
    const tx = new ScopedTransaction(this.#platform, settingsStatement(settings), this.#reads);
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
   * Cancels the statement a backend of the application role is running (pg_cancel_backend), from the
   * counters' pool: the request's own connection is busy running it.
   */
  private async cancelBackend(processId: number): Promise<void> {
    try {
      await this.#counters.query('SELECT pg_cancel_backend($1)', [processId]);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not cancel the statement of a request whose client went away');
    }
  }

  /**
   * Runs one statement for an organization in a short transaction of its own on the small pool kept
   * for counters, outside any request's transaction (e.g. a rate-limit counter, so that a busy
   * organization's requests do not queue on its row while they run), with the tenant setting applied
   * here. One round trip of the simple protocol, so no parameters: the caller inlines only values it
   * has checked. Answers the statement's rows.
   */
  async separately(organizationId: string, statement: string): Promise<Record<string, unknown>[]> {
    if (!isUuid(organizationId)) throw new Error('Tenant setting app.organization_id is not a UUID');
    const results = (await this.#counters.query(
      `BEGIN; SELECT set_config('app.organization_id', '${organizationId}', true); ${statement}; COMMIT;`,
    )) as unknown as { rows: Record<string, unknown>[] }[];
    return results[2].rows;
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

  /** The reader of an entity's rows for hand-written SQL (hot reads), made once per entity and omission. */
  rows<T extends ObjectLiteral>(entity: EntityTarget<T>, omit: readonly string[] = []): RowReader<T> {
    const key = `${this.#dataSource.getMetadata(entity).name}|${omit.join(',')}`;
    let reader = this.#readers.get(key) as RowReader<T> | undefined;
    if (!reader) {
      reader = new RowReader(this.#dataSource, entity, omit);
      this.#readers.set(key, reader);
    }
    return reader;
  }

  async close(): Promise<void> {
    await this.#counters.end();
    if (this.#platform.isInitialized) await this.#platform.destroy();
    if (this.#dataSource.isInitialized) await this.#dataSource.destroy();
  }
}
