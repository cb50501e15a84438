import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read path (issue 9): a request's transaction is begun, its tenant settings applied and its
 * credential verified in one round trip, by one function per kind of credential; no policy calls a
 * function that PostgreSQL must run once per row; the referral read policy no longer misleads the
 * planner; the service catalogue's search can use its index under RLS; and the dashboard's rollup
 * cells have an index in its order.
 */

/** Programme policies as correlated EXISTS, which the planner turns into one semi-join; `roles` narrows the member's role. */
const activeMember = (table: string, roles?: string) => `EXISTS (SELECT 1 FROM program_members m
    WHERE m.organization_id = ${table}.organization_id AND m.program_id = ${table}.program_id
      AND m.member_organization_id = app_organization_id() AND m.status = 'ACTIVE'${roles ? ` AND m.role IN (${roles})` : ''})`;
const DELIVERERS = `'LEAD', 'IMPLEMENTING_PARTNER'`;

/** Each policy that called app_program_role(), which PostgreSQL cannot inline (it reads a table): [policy, table, USING or WITH CHECK, new rule]. */
const PROGRAM_POLICIES: [policy: string, table: string, clause: 'USING' | 'WITH CHECK', rule: string, old: string][] = [
  ...['program_results', 'indicators', 'indicator_targets'].map((table): [string, string, 'USING', string, string] => [
    `${table}_read`,
    table,
    'USING',
    activeMember(table),
    `app_program_role(organization_id, program_id) IS NOT NULL`,
  ]),
  ...['program_enrollments', 'service_deliveries', 'program_person_periods'].map((table): [string, string, 'WITH CHECK', string, string] => [
    `${table}_create`,
    table,
    'WITH CHECK',
    `member_organization_id = app_organization_id() AND ${activeMember(table, DELIVERERS)}`,
    `member_organization_id = app_organization_id() AND app_program_role(organization_id, program_id) IN ('LEAD', 'IMPLEMENTING_PARTNER')`,
  ]),
  ['program_metric_cells_create', 'program_metric_cells', 'WITH CHECK', activeMember('program_metric_cells', DELIVERERS), `app_program_role(organization_id, program_id) IN ('LEAD', 'IMPLEMENTING_PARTNER')`],
  [
    'program_referral_facts_create',
    'program_referral_facts',
    'WITH CHECK',
    `sender_organization_id = app_organization_id() AND ${activeMember('program_referral_facts', DELIVERERS)}`,
    `sender_organization_id = app_organization_id() AND app_program_role(organization_id, program_id) IN ('LEAD', 'IMPLEMENTING_PARTNER')`,
  ],
  [
    'reported_values_read',
    'reported_values',
    'USING',
    `organization_id = app_organization_id() OR reporter_organization_id = app_organization_id()
        OR (status IN ('APPROVED', 'SUPERSEDED') AND ${activeMember('reported_values')})`,
    `organization_id = app_organization_id() OR reporter_organization_id = app_organization_id()
        OR (status IN ('APPROVED', 'SUPERSEDED') AND app_program_role(organization_id, program_id) IS NOT NULL)`,
  ],
  [
    'reported_values_create',
    'reported_values',
    'WITH CHECK',
    `reporter_organization_id = app_organization_id() AND ${activeMember('reported_values', DELIVERERS)}`,
    `reporter_organization_id = app_organization_id() AND app_program_role(organization_id, program_id) IN ('LEAD', 'IMPLEMENTING_PARTNER')`,
  ],
];
export class ReadPath1795800000000 implements MigrationInterface {
  name = 'ReadPath1795800000000';

  async up(q: QueryRunner): Promise<void> {
    // Runs as the caller (not SECURITY DEFINER): the lookups below are under the policies of the
    // settings just applied. Settings stay only when the session is live and its membership stands;
    // otherwise they are cleared and the function answers NULL.
    await q.query(`CREATE FUNCTION app_open_session(acting_organization uuid, acting_user uuid, session uuid) RETURNS text
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        found_role text;
      BEGIN
        PERFORM set_config('app.organization_id', acting_organization::text, true), set_config('app.user_id', acting_user::text, true),
                set_config('app.lookup_hash', '', true), set_config('app.login_email', '', true);
        SELECT m.role INTO found_role FROM memberships m
          JOIN auth_sessions s ON s.organization_id = m.organization_id AND s.user_id = m.user_id
         WHERE m.organization_id = acting_organization AND m.user_id = acting_user AND s.id = session AND s.revoked_at IS NULL;
        IF found_role IS NULL THEN
          PERFORM set_config('app.organization_id', '', true), set_config('app.user_id', '', true);
        END IF;
        RETURN found_role;
      END $$`);

    // The key is found by its hash (the api_keys policy's lookup), then the transaction acts as its
    // organization; lookup_hash is cleared either way. last_used_at is refreshed at most once per
    // touch_after_seconds, so that a busy integration does not write on every request.
    await q.query(`CREATE FUNCTION app_open_api_key(presented_hash text, touch_after_seconds integer)
        RETURNS TABLE (key_id uuid, key_organization_id uuid, key_scopes text[])
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        found api_keys%ROWTYPE;
      BEGIN
        PERFORM set_config('app.lookup_hash', presented_hash, true), set_config('app.organization_id', '', true),
                set_config('app.user_id', '', true), set_config('app.login_email', '', true);
        SELECT * INTO found FROM api_keys k WHERE k.secret_hash = presented_hash AND k.revoked_at IS NULL;
        PERFORM set_config('app.lookup_hash', '', true);
        IF found.id IS NULL THEN
          RETURN;
        END IF;
        PERFORM set_config('app.organization_id', found.organization_id::text, true);
        IF found.last_used_at IS NULL OR found.last_used_at < now() - make_interval(secs => touch_after_seconds) THEN
          UPDATE api_keys k SET last_used_at = now() WHERE k.organization_id = found.organization_id AND k.id = found.id;
        END IF;
        key_id := found.id;
        key_organization_id := found.organization_id;
        key_scopes := found.scopes;
        RETURN NEXT;
      END $$`);
    for (const fn of ['app_open_session(uuid, uuid, uuid)', 'app_open_api_key(text, integer)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ngo_commons_app`);
    }

    // The update policy of the rollup cells is written with the same function in both clauses.
    for (const [policy, table, clause, rule] of PROGRAM_POLICIES) {
      await q.query(`ALTER POLICY ${policy} ON ${table} ${clause} (${rule})`);
    }
    await q.query(`ALTER POLICY program_metric_cells_update ON program_metric_cells
        USING (${activeMember('program_metric_cells', DELIVERERS)}) WITH CHECK (${activeMember('program_metric_cells', DELIVERERS)})`);
    await q.query(`DROP FUNCTION app_program_role(uuid, uuid)`);

    // The same rule as before (sender or receiver), written so that the planner does not estimate
    // it. As an OR of two equalities, it takes the rule for a condition that keeps one row in a
    // thousand; at full size it then preferred reading and sorting a receiver's whole inbox (over a
    // thousand heap pages) to walking the receiver's index for the 51 rows of a page. A CASE is
    // estimated as an ordinary filter. Queries name their side themselves (referral.reads.ts).
    await q.query(`ALTER POLICY referrals_read ON referrals USING (CASE WHEN organization_id = app_organization_id() THEN true
        ELSE receiving_organization_id = app_organization_id() END)`);

    // The service directory is the platform's public catalogue (names, descriptions, places,
    // capacity; no personal data), searched across organizations by design. Any condition in its
    // read policy, even one that does not depend on the row, stops PostgreSQL from using the
    // trigram index for the search (LIKE is not leakproof, so it may not run before a policy's
    // condition): the directory search read every service at full size. The API still requires
    // DIRECTORY_READ of a signed-in principal; writes stay with the owning organization.
    await q.query(`ALTER POLICY services_read ON services USING (true)`);

    // A dashboard reads every rollup cell of a programme's calendar years (about 1,700 at full size):
    // through the primary key that took a hundred skip scans and as many heap pages, 38 ms; an index in
    // the dashboard's order holding every column answers it in an index-only scan, 7 ms. It costs each
    // rollup update a second index entry (the value is in it).
    await q.query(`CREATE INDEX ix_program_metric_cells_period ON program_metric_cells
        (organization_id, program_id, period_start, dimension, metric, category_code, period_type, dimension_value, value)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_program_metric_cells_period`);
    const signedIn = `(app_organization_id() IS NOT NULL OR app_user_id() IS NOT NULL)`;
    await q.query(`ALTER POLICY services_read ON services USING ${signedIn}`);
    await q.query(`ALTER POLICY referrals_read ON referrals USING (organization_id = app_organization_id() OR receiving_organization_id = app_organization_id())`);
    await q.query(`CREATE FUNCTION app_program_role(program_organization_id uuid, program_id uuid) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT m.role FROM program_members m
         WHERE m.organization_id = program_organization_id AND m.program_id = app_program_role.program_id
           AND m.member_organization_id = app_organization_id() AND m.status = 'ACTIVE' $$`);
    for (const [policy, table, clause, , old] of PROGRAM_POLICIES) {
      await q.query(`ALTER POLICY ${policy} ON ${table} ${clause} (${old})`);
    }
    const deliverer = `app_program_role(organization_id, program_id) IN ('LEAD', 'IMPLEMENTING_PARTNER')`;
    await q.query(`ALTER POLICY program_metric_cells_update ON program_metric_cells USING (${deliverer}) WITH CHECK (${deliverer})`);
    await q.query(`DROP FUNCTION app_open_api_key(text, integer)`);
    await q.query(`DROP FUNCTION app_open_session(uuid, uuid, uuid)`);
  }
}
