import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { ensureDatabase } from '../../src/database/admin';
import { connectAppDatabase, prepareDatabase } from '../../src/database/bootstrap';
import type { Database } from '../../src/database/database';
import { createLogger } from '../../src/logger';
import { buildAppSchema } from '../../src/schema';
import { startServer, type RunningServer } from '../../src/server';
import { print } from 'graphql';
import { RegisterClientDocument, SignUpDocument, type RegisterClientMutation, type SignUpMutation } from '../generated/graphql';
import { TEST_PASSWORD } from '../factories';
import { ENTITIES } from '../../src/modules';
import { freePort } from '../support/free-port';

/** A PostgreSQL of this test's own, in a child process, so that stopping it touches no other test. */
class Postgres {
  private process: ChildProcess | null = null;

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(__dirname, 'postgres-process.mjs'), this.dataDir, String(this.port)], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (data) => String(data).includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`PostgreSQL process exited with ${code}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = null;
    await new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.stdin!.write('stop\n');
    });
  }
}

let dir: string;
let postgres: Postgres;
let database: Database;
let server: RunningServer;
let ownerUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ngo-outage-'));
  chmodSync(dir, 0o755);
  postgres = new Postgres(join(dir, 'pg'), await freePort());
  await postgres.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${postgres.port}/postgres`;
  ownerUrl = `postgres://postgres:postgres@127.0.0.1:${postgres.port}/ngo_outage`;
  await ensureDatabase(adminUrl, 'ngo_outage');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: ownerUrl,
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    DB_POOL_SIZE: '4',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const logger = createLogger(config.logLevel);
  const appUrl = await prepareDatabase(config, ownerUrl, logger);
  database = await connectAppDatabase(config, appUrl, logger, ENTITIES);
  server = await startServer({ config, logger, database, schema: await buildAppSchema(), port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function send<T>(query: unknown, variables: unknown, token?: string): Promise<{ status: number; body: { data?: T; errors?: { extensions: { code: string } }[] } }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(query as never), variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: T; errors?: { extensions: { code: string } }[] } };
}

it('fails fast while the database is away, recovers by itself, and loses no acknowledged write', async () => {
  const signUp = await send<SignUpMutation>(SignUpDocument, {
    input: { organization: { name: 'Outage test', kind: 'NGO', countryCode: 'VN' }, email: 'outage@example.org', password: TEST_PASSWORD, displayName: 'Admin' },
  });
  expect(signUp.body.errors).toBeUndefined();
  const token = signUp.body.data!.signUp.accessToken;

  const acknowledged: string[] = [];
  const refusals = new Map<string, number>();
  let phase: 'before' | 'down' | 'after' = 'before';
  let sent = 0;
  const register = async () => {
    const name = `Người ${sent++}`;
    const res = await send<RegisterClientMutation>(RegisterClientDocument, { input: { fullName: name, sex: 'UNKNOWN', ageBand: 'AGE_18_59' } }, token);
    if (res.body.data?.registerClient) acknowledged.push(res.body.data.registerClient.id);
    else if (phase !== 'before') {
      const code = `${res.status} ${res.body.errors?.[0]?.extensions.code}`;
      refusals.set(code, (refusals.get(code) ?? 0) + 1);
    }
  };
  const load = async (until: () => boolean) => {
    const worker = async () => {
      while (!until()) await register();
    };
    await Promise.all([worker(), worker(), worker()]);
  };

  await load(() => acknowledged.length >= 30);
  const beforeOutage = acknowledged.length;
  const stopping = postgres.stop().then(() => {
    phase = 'down';
  });
  // Bounded, so that a server that never refuses cleanly fails the assertions below instead of the timeout.
  const sentBeforeOutage = sent;
  await load(() => (phase === 'down' && (refusals.get('503 SERVICE_UNAVAILABLE') ?? 0) >= 10) || sent > sentBeforeOutage + 2000);
  await stopping;

  const restarting = postgres.start().then(() => {
    phase = 'after';
  });
  const duringRestart = acknowledged.length;
  await load(() => phase === 'after' && acknowledged.length >= duringRestart + 30);
  await restarting;

  // Refused requests said why, with a status a client can act on; nothing was masked as a bug.
  expect(refusals.get('503 SERVICE_UNAVAILABLE')).toBeGreaterThanOrEqual(10);
  expect([...refusals.keys()].filter((code) => code !== '503 SERVICE_UNAVAILABLE')).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(beforeOutage + 30);

  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string }>('SELECT id FROM clients WHERE id = ANY($1)', [acknowledged]);
    expect(rows.length).toBe(acknowledged.length);
  } finally {
    await owner.end();
  }
}, 120_000);
