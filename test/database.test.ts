import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createOwnerDataSource } from '../src/database/data-sources';
import { ENTITIES } from '../src/modules';
import { APP_GROUP_ROLE } from '../src/database/roles';
import { CorrectClientDocument, MembersDocument } from './generated/graphql';
import { addMember, dataOf, signUpOrganization } from './factories';
import { registerClient, sendReferral } from './factories/referrals';
import { buildWorld } from './isolation/harness';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', SIGN_IN_THROTTLE: 'true' });
  // Organizations with rows in every table: members, sessions, invitations, API keys, services and
  // places, partnerships, clients, consents, referrals with their timelines, audit events, joint
  // programmes (members, results, indicators, targets, enrolments, deliveries, rollups, reported
  // values, and the facts of referrals made within a programme), rate-limit counters, sign-in
  // attempts (the world's wrong passwords), and an idempotency key.
  const world = await buildWorld(app);
  const client = await registerClient(app, world.a.admin, { fullName: 'Idempotent' });
  await sendReferral(app, world.a.admin, { clientId: client.id, externalReceiverName: 'Chùa Phúc Khánh', idempotencyKey: `key-${client.id}` });
  // A correction, which keeps the previous values in the client's history.
  await app.request(
    CorrectClientDocument,
    { input: { clientId: client.id, expectedVersion: client.version, fullName: 'Idempotent, corrected', reason: 'Spelling' } },
    { token: world.a.admin.token },
  );
  const query = '{ viewer { organization { id } } }';
  // A password reset a person asked for.
  await app.ownerQuery(`INSERT INTO password_resets (id, user_id, token_hash, requested_by, expires_at) VALUES (gen_random_uuid(), $1, repeat('a', 64), 'self', now() + interval '1 hour')`, [
    world.a.admin.userId,
  ]);
  // A platform operator's command.
  await app.ownerQuery(`INSERT INTO platform_audit_events (id, operator, command, subject_organization_id) VALUES (gen_random_uuid(), 'test', 'verify-organization', $1)`, [
    world.a.admin.organizationId,
  ]);
  // A person two members of A's programme linked, as a cell of the programme counting them once
  // (test/count-once.test.ts makes such rows through the API, with a partnership that allows matching).
  const [enrolment] = world.a.programmes.enrolments;
  await app.ownerQuery(
    `INSERT INTO program_linked_person_cells (organization_id, program_id, person_key, metric, category_code, period_type, period_start, dimension, dimension_value, member_organization_id)
     SELECT organization_id, program_id, $2, 'PEOPLE_ENROLLED', '', 'YEAR', '2026-01-01', 'TOTAL', '', member_organization_id FROM program_enrollments WHERE id = $1`,
    [enrolment.id, enrolment.client.id],
  );
  // The platform's jobs, run once.
  await app.jobs.tick(new Date());
  // A persisted query, registered by a signed-in caller (anonymous ones register nothing).
  await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.a.admin.token}` },
    body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } }),
  });
});
afterAll(() => app.close());

async function asAppRole<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: app.appUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const tablesQuery = `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped) AS tenant
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
 ORDER BY 1`;

describe('row-level security in the database', () => {
  it('is enabled and forced on every table, and every tenant table has a non-null organization_id', async () => {
    const tables = await app.ownerQuery<{ table: string; enabled: boolean; forced: boolean; tenant: boolean }>(tablesQuery);
    expect(tables.length).toBeGreaterThanOrEqual(7);
    expect(tables.filter((t) => !t.enabled || !t.forced).map((t) => t.table)).toEqual([]);
    const nullable = await app.ownerQuery(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'organization_id' AND is_nullable = 'YES'`,
    );
    expect(nullable).toEqual([]);
  });

  it('binds the application role: not superuser, not BYPASSRLS, owner of nothing', async () => {
    const [role] = await asAppRole(async (client) =>
      (
        await client.query(
          `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                  (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned,
                  pg_has_role(r.oid, $1, 'MEMBER') AS member
             FROM pg_roles r WHERE rolname = current_user`,
          [APP_GROUP_ROLE],
        )
      ).rows,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, owned: 0, member: true });
  });

  it('shows the application role no rows of any table without the tenant setting, but the public service catalogue', async () => {
    const tables = await app.ownerQuery<{ table: string }>(tablesQuery);
    const counts = await asAppRole(async (client) => {
      const result: Record<string, number> = {};
      for (const { table } of tables) {
        result[table] = (await client.query(`SELECT count(*)::int AS n FROM ${client.escapeIdentifier(table)}`)).rows[0].n;
      }
      return result;
    });
    for (const { table } of tables) {
      const [{ n }] = await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, hasRows: n > 0 }).toEqual({ table, hasRows: true });
    }
    // The read-path migration says why the service catalogue's read policy has no condition; no other table is public.
    const PUBLIC = ['services'];
    expect(Object.entries(counts).filter(([table, n]) => n > 0 && !PUBLIC.includes(table))).toEqual([]);
    expect(counts.services).toBeGreaterThan(0);
  });

  it("applies a request's settings only for a live session or a valid API key, in the opening functions", async () => {
    const [session] = await app.ownerQuery<{ organization_id: string; user_id: string; id: string }>(
      `SELECT s.organization_id, s.user_id, s.id FROM auth_sessions s
         JOIN memberships m ON m.organization_id = s.organization_id AND m.user_id = s.user_id
        WHERE s.revoked_at IS NULL LIMIT 1`,
    );
    const [other] = await app.ownerQuery<{ id: string }>('SELECT id FROM organizations WHERE id <> $1 LIMIT 1', [session.organization_id]);
    const opened = (sql: string, values: unknown[]) =>
      asAppRole(async (client) => {
        await client.query('BEGIN');
        try {
          const answer = (await client.query(sql, values)).rows[0] ?? null;
          const memberships = (await client.query('SELECT count(*)::int AS n FROM memberships')).rows[0].n;
          const setting = (await client.query(`SELECT current_setting('app.organization_id', true) AS s`)).rows[0].s;
          return { answer, memberships, setting };
        } finally {
          await client.query('ROLLBACK');
        }
      });
    const live = await opened('SELECT app_open_session($1, $2, $3) AS role', [session.organization_id, session.user_id, session.id]);
    expect(live.answer.role).toEqual(expect.any(String));
    expect(live.memberships).toBeGreaterThan(0);
    // The same session claimed for another organization, and an unknown session: no role, no settings, no rows.
    for (const claim of [[other.id, session.user_id, session.id], [session.organization_id, session.user_id, randomUUID()]]) {
      const refused = await opened('SELECT app_open_session($1, $2, $3) AS role', claim);
      expect(refused).toEqual({ answer: { role: null }, memberships: 0, setting: '' });
    }
    const unknownKey = await opened('SELECT * FROM app_open_api_key($1, 60)', [createHash('sha256').update('ngo_key_not-a-key').digest('hex')]);
    expect(unknownKey).toEqual({ answer: null, memberships: 0, setting: '' });
  });

  it('scopes the setting to its transaction, so a pooled connection never carries it to the next request', async () => {
    const [org] = await app.ownerQuery<{ id: string }>('SELECT id FROM organizations LIMIT 1');
    await asAppRole(async (client) => {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [org.id]);
      const inside = (await client.query('SELECT count(*)::int AS n FROM memberships')).rows[0].n;
      await client.query('COMMIT');
      const after = (await client.query('SELECT count(*)::int AS n FROM memberships')).rows[0].n;
      const setting = (await client.query(`SELECT current_setting('app.organization_id', true) AS s`)).rows[0].s;
      expect(inside).toBeGreaterThan(0);
      expect(after).toBe(0);
      expect(setting).toBe('');
    });
  });

  it('refuses writes into another organization even when the code names it', async () => {
    const [a, b] = await app.ownerQuery<{ id: string }>('SELECT id FROM organizations ORDER BY created_at LIMIT 2');
    const [user] = await app.ownerQuery<{ user_id: string }>('SELECT user_id FROM memberships WHERE organization_id = $1', [a.id]);
    await asAppRole(async (client) => {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [b.id]);
      await expect(
        client.query(
          `INSERT INTO memberships (organization_id, id, user_id, role, version) VALUES ($1, gen_random_uuid(), $2, 'ADMIN', 1)`,
          [a.id, user.user_id],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [b.id]);
      const updated = await client.query(`UPDATE memberships SET role = 'VIEWER' WHERE organization_id = $1`, [a.id]);
      expect(updated.rowCount).toBe(0);
      await client.query('ROLLBACK');
    });
  });
});

describe('programme memberships in the database', () => {
  it('let a member only answer its own invitation, whatever the code asks', async () => {
    const [funder] = await app.ownerQuery<{ id: string; member_organization_id: string }>(
      `SELECT id, member_organization_id FROM program_members WHERE role = 'FUNDER' AND status = 'ACTIVE' LIMIT 1`,
    );
    await asAppRole(async (client) => {
      for (const change of [`role = 'LEAD'`, `status = 'INVITED'`]) {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.organization_id', $1, true)`, [funder.member_organization_id]);
        await expect(client.query(`UPDATE program_members SET ${change} WHERE id = $1`, [funder.id])).rejects.toThrow(/only accept or decline/);
        await client.query('ROLLBACK');
      }
    });
    const [after] = await app.ownerQuery<{ role: string; status: string }>('SELECT role, status FROM program_members WHERE id = $1', [funder.id]);
    expect(after).toEqual({ role: 'FUNDER', status: 'ACTIVE' });
  });
});

describe('schema shape that keeps tenants apart', () => {
  it("makes every foreign key into a tenant table reference that table's organization_id too", async () => {
    // A composite key means a row can only point at a row of the organization named beside it.
    const loose = await app.ownerQuery<{ conname: string }>(
      `SELECT con.conname FROM pg_constraint con
        WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = con.confrelid AND attname = 'organization_id')
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'organization_id'
                           AND a.attnum = ANY (con.confkey))`,
    );
    expect(loose).toEqual([]);
  });

  it('includes organization_id in every unique index of a tenant table, and leads indexes with a tenant column', async () => {
    const indexes = await app.ownerQuery<{ index: string; table: string; unique: boolean; first: string; columns: string[] }>(
      `SELECT i.indexrelid::regclass::text AS index, t.relname AS table, i.indisunique AS unique,
              (SELECT attname FROM pg_attribute WHERE attrelid = i.indrelid AND attnum = i.indkey[0]) AS first,
              ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = i.indrelid AND attnum = ANY (i.indkey)) AS columns
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relnamespace = 'public'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t.oid AND attname = 'organization_id')`,
    );
    expect(indexes.filter((i) => i.unique && !i.columns.includes('organization_id')).map((i) => i.index)).toEqual([]);
    // A row shared by two organizations (a referral, a partnership) is indexed for each side by the
    // column the policy names for that side, e.g. the receiver's inbox by receiving_organization_id.
    const policies = await app.ownerQuery<{ table: string; rule: string }>(
      `SELECT tablename AS table, coalesce(qual, '') || ' ' || coalesce(with_check, '') AS rule FROM pg_policies WHERE schemaname = 'public'`,
    );
    const tenantColumn = (table: string, column: string) =>
      column === 'organization_id' ||
      (column.endsWith('organization_id') &&
        policies.some((p) => p.table === table && new RegExp(`\\b${column} = app_organization_id\\(\\)`).test(p.rule)));
    // Documented in the migrations: lookups before the tenant is known, a user's own memberships,
    // and the public service directory, which is searched across organizations by design.
    const allowed = [
      'ix_memberships_user',
      'ix_refresh_tokens_token_hash',
      'ix_invitations_token_hash',
      'ix_api_keys_secret_hash',
      'ix_services_directory',
      'ix_services_search_text',
      // Events are found by id alone by each instance routing a notification and by the subscriber it reaches (under RLS).
      'ix_organization_events_id',
      // Match keys are looked up by hash across organizations, under the lookup policy (client-matching migration).
      'ix_client_match_keys_key_hash',
    ];
    expect(indexes.filter((i) => !tenantColumn(i.table, i.first ?? '') && !allowed.includes(i.index)).map((i) => i.index)).toEqual([]);
  });

  it('has no policy that calls a function PostgreSQL runs once per row', async () => {
    // PostgreSQL inlines a plain SQL function whose body is one expression (app_organization_id()
    // and its kind) into the query, where the planner can use it like a constant; any other function
    // in a policy is called for every row the query touches, and hides what it reads from the planner.
    // Functions in pg_catalog are built in; the rest must be inlinable.
    const offenders = (owner: { query: (text: string) => Promise<{ rows: { policy: string }[] }> }) =>
      owner.query(
        `SELECT DISTINCT c.relname || '.' || pol.polname || ' calls ' || p.proname AS policy
           FROM pg_policy pol
           JOIN pg_class c ON c.oid = pol.polrelid
           JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = pol.oid AND d.refclassid = 'pg_proc'::regclass
           JOIN pg_proc p ON p.oid = d.refobjid
          WHERE p.pronamespace <> 'pg_catalog'::regnamespace
            AND NOT (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql') AND NOT p.prosecdef AND NOT p.proretset
                     AND p.provolatile IN ('s', 'i') AND p.proconfig IS NULL
                     AND p.prosrc ~* '^\\s*select\\s' AND p.prosrc !~* '\\m(from|where|group|order|limit|union|with)\\M')
          ORDER BY 1`,
      );
    const owner = new Client({ connectionString: app.ownerUrl });
    await owner.connect();
    try {
      expect((await offenders(owner)).rows).toEqual([]);
      // The check can fail: a policy calling a function that reads a table is found.
      await owner.query('BEGIN');
      await owner.query(`CREATE FUNCTION test_member_role(o uuid, p uuid) RETURNS text LANGUAGE sql STABLE
          AS $$ SELECT role FROM program_members WHERE organization_id = o AND program_id = p $$`);
      await owner.query(`CREATE POLICY test_per_row ON indicators FOR SELECT TO ngo_commons_app USING (test_member_role(organization_id, program_id) IS NOT NULL)`);
      expect((await offenders(owner)).rows).toEqual([{ policy: 'indicators.test_per_row calls test_member_role' }]);
    } finally {
      await owner.query('ROLLBACK');
      await owner.end();
    }
  });

  it('has no view without security_invoker and no SECURITY DEFINER function', async () => {
    const views = await app.ownerQuery(
      `SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
          AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)`,
    );
    const definers = await app.ownerQuery(`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef`);
    expect(views).toEqual([]);
    expect(definers).toEqual([]);
  });
});

describe('migrations', () => {
  it('produce exactly the schema the entities describe', async () => {
    const owner = createOwnerDataSource(app.ownerUrl, ENTITIES);
    await owner.initialize();
    try {
      const pending = await owner.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await owner.showMigrations()).toBe(false);
    } finally {
      await owner.destroy();
    }
  });
});

describe('request connections', () => {
  it('release their connection after every request, so the pool never stalls', async () => {
    const admin = await signUpOrganization(app);
    await addMember(app, admin, 'VIEWER');
    // Twice the pool size (5 in tests), with failures among them.
    const requests = Array.from({ length: 10 }, (_, i) =>
      app.request(MembersDocument, { first: i % 2 === 0 ? 10 : 100_000 }, { token: admin.token }),
    );
    await Promise.all(requests);
    const res = await app.request(MembersDocument, { first: 10 }, { token: admin.token });
    expect(dataOf(res).members.edges).toHaveLength(2);
    const [{ n }] = await app.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(n).toBe(0);
  });
});
