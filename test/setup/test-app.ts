import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig, type Config } from '../../src/config';
import { connectAppDatabase } from '../../src/database/bootstrap';
import type { Database } from '../../src/database/database';
import { ensureDatabase } from '../../src/database/admin';
import { withCredentials } from '../../src/database/roles';
import { createLogger } from '../../src/logger';
import { buildAppSchema } from '../../src/schema';
import { startServer, type RunningServer } from '../../src/server';
import type { SubscriptionServer } from '../../src/subscriptions';
import type { JobRunner } from '../../src/modules/jobs/job-runner';
import { ADMIN_URL_VARIABLE, TEMPLATE_DATABASE } from './test-env';
import { ENTITIES } from '../../src/modules';

export interface GraphQLResponse<T> extends FormattedExecutionResult<T> {
  status: number;
  /** SQL statements the request sent (the server's `x-sql-statements` header). */
  statements: number;
  /** Round trips those statements took (`x-sql-round-trips`). */
  roundTrips: number;
}

type Request = <TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  options?: { token?: string; headers?: Record<string, string> },
) => Promise<GraphQLResponse<TResult>>;

/** Another server instance on the same database, as behind a load balancer. */
export interface TestInstance {
  url: string;
  request: Request;
  subscriptions: SubscriptionServer;
  jobs: JobRunner;
  close(): Promise<void>;
}

function requester(url: string): Request {
  return async (document, variables, options = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as FormattedExecutionResult<never>;
    return {
      ...body,
      status: response.status,
      statements: Number(response.headers.get('x-sql-statements')),
      roundTrips: Number(response.headers.get('x-sql-round-trips')),
    };
  };
}

export interface TestApp {
  url: string;
  config: Config;
  databaseName: string;
  /** Sends a codegen-typed operation over HTTP, as a client would. */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TResult>>;
  /** Runs SQL as the schema owner (a superuser in embedded mode): for assertions on what the database holds. */
  ownerQuery<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Connection URLs for tests that need their own client. */
  ownerUrl: string;
  appUrl: string;
  /** Starts a second server instance on the same database. */
  startInstance(): Promise<TestInstance>;
  /** The instance's subscription server: `sweep(now)` closes sockets whose token expired by then. */
  subscriptions: SubscriptionServer;
  /** The instance's job runner: `tick(now)` runs the jobs due at that time. */
  jobs: JobRunner;
  close(): Promise<void>;
}

function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database cloned from the migrated template, and the real HTTP server on it, connected as
 * the application role exactly as in production. One per test file.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  if (!adminUrl) throw new Error(`${ADMIN_URL_VARIABLE} is not set: run the tests through jest (global setup)`);
  const databaseName = `test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, databaseName, TEMPLATE_DATABASE);
  const ownerUrl = urlWithDatabase(adminUrl, databaseName);

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: ownerUrl,
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    DB_POOL_SIZE: '5',
    // Test files send many requests per minute; rate limits get their own tests.
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_API_KEY_PER_MINUTE: '0',
    // Test files sign in hundreds of times from one address, and try wrong passwords on purpose; the throttle has its own tests.
    SIGN_IN_THROTTLE: 'false',
    // Jobs run when a test says, at the time it says (app.jobs.tick(now)).
    JOB_RUNNER: 'false',
    // Test files race requests of one organization on purpose; the fair share gets its own test.
    FAIR_SHARE_ORGANIZATION_REQUESTS: '0',
    FAIR_SHARE_API_KEY_REQUESTS: '0',
    FAIR_SHARE_HEAVY_REQUESTS: '0',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const appUrl = withCredentials(ownerUrl, config.database.appRole, config.database.appPassword);
  const database: Database = await connectAppDatabase(config, appUrl, logger, ENTITIES);
  const server: RunningServer = await startServer({
    config,
    logger,
    database,
    schema: await buildAppSchema(),
    port: 0,
    host: '127.0.0.1',
  });

  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();

  return {
    url: server.url,
    config,
    databaseName,
    ownerUrl,
    appUrl,
    request: requester(server.url),
    subscriptions: server.subscriptions,
    jobs: server.jobs,
    async startInstance() {
      const instanceDatabase = await connectAppDatabase(config, appUrl, logger, ENTITIES);
      const instance = await startServer({ config, logger, database: instanceDatabase, schema: await buildAppSchema(), port: 0, host: '127.0.0.1' });
      return {
        url: instance.url,
        request: requester(instance.url),
        subscriptions: instance.subscriptions,
        jobs: instance.jobs,
        async close() {
          await instance.stop();
          await instanceDatabase.close();
        },
      };
    },
    async ownerQuery(sql, params) {
      return (await owner.query(sql, params)).rows;
    },
    async close() {
      await server.stop();
      await database.close();
      await owner.end();
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(databaseName)} WITH (FORCE)`);
      await admin.end();
    },
  };
}
