import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { connectAppDatabase, prepareDatabase } from '../src/database/bootstrap';
import type { Database } from '../src/database/database';
import { APP_GROUP_ROLE } from '../src/database/roles';
import { createLogger } from '../src/logger';
import { buildAppSchema } from '../src/schema';
import { startServer, type RunningServer } from '../src/server';
import { LoginDocument, SignUpDocument, ViewerDocument } from './generated/graphql';
import { dataOf, TEST_PASSWORD } from './factories';
import { ADMIN_URL_VARIABLE } from './setup/test-env';
import { ENTITIES } from '../src/modules';

/**
 * `DATABASE_URL` pointing at an empty database whose owner is an ordinary role (CREATEROLE, not
 * superuser), as on a managed PostgreSQL: the server migrates as that owner, creates its own
 * application role, and serves as it.
 */
const suffix = randomBytes(4).toString('hex');
const ownerRole = `ext_owner_${suffix}`;
const appRole = `ext_app_${suffix}`;
const databaseName = `ext_${suffix}`;
const adminUrl = process.env[ADMIN_URL_VARIABLE]!;

let admin: Client;
let database: Database;
let server: RunningServer;
let ownerUrl: string;

async function request<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return {
    ...((await response.json()) as { data?: R; errors?: never[] }),
    status: response.status,
    statements: Number(response.headers.get('x-sql-statements')),
    roundTrips: Number(response.headers.get('x-sql-round-trips')),
  };
}

beforeAll(async () => {
  admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE ${ownerRole} LOGIN CREATEROLE PASSWORD 'owner-password'`);
  await admin.query(`CREATE DATABASE ${databaseName} OWNER ${ownerRole}`);
  // In a cluster of its own the owner creates the group role in the first migration and so may
  // grant it; here the shared test cluster already has it, created by the superuser.
  await admin.query(`GRANT ${APP_GROUP_ROLE} TO ${ownerRole} WITH ADMIN OPTION`);
  const url = new URL(adminUrl);
  url.username = ownerRole;
  url.password = 'owner-password';
  url.pathname = `/${databaseName}`;
  ownerUrl = url.toString();

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: ownerUrl,
    APP_DB_ROLE: appRole,
    APP_DB_PASSWORD: 'external-app-password',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
  });
  const logger = createLogger('silent');
  const appUrl = await prepareDatabase(config, ownerUrl, logger);
  database = await connectAppDatabase(config, appUrl, logger, ENTITIES);
  server = await startServer({ config, logger, database, schema: await buildAppSchema(), port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
  await admin.query(`DROP ROLE IF EXISTS ${ownerRole}`);
  await admin.end();
});

it('migrates as a non-superuser owner, creates the application role, and serves signUp → login → viewer as it', async () => {
  const signUp = await request(SignUpDocument, {
    input: {
      organization: { name: 'جمعية الأمل للإغاثة', kind: 'INTERNATIONAL_NGO', countryCode: 'JO' },
      email: 'amal@example.org',
      password: TEST_PASSWORD,
      displayName: 'أمل',
    },
  });
  const organizationId = dataOf(signUp).signUp.viewer.organization.id;
  const login = dataOf(await request(LoginDocument, { input: { email: 'amal@example.org', password: TEST_PASSWORD } })).login;
  const viewer = dataOf(await request(ViewerDocument, undefined, login.accessToken)).viewer;
  expect(viewer).toMatchObject({ role: 'ADMIN', organization: { id: organizationId, name: 'جمعية الأمل للإغاثة' } });

  const { rows } = await admin.query(
    `SELECT r.rolsuper, r.rolbypassrls, pg_has_role(r.oid, $2, 'MEMBER') AS member
       FROM pg_roles r WHERE r.rolname = $1`,
    [appRole, APP_GROUP_ROLE],
  );
  expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, member: true }]);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  const tables = await owner.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
  await owner.end();
  expect(tables.rows).toEqual([{ tableowner: ownerRole }]);
});
