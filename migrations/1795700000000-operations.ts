import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State the server shares across instances, kept in PostgreSQL so that any number of instances
 * behind a load balancer agree: rate-limit counters and idempotency keys. And read access to the
 * migrations table, for the readiness endpoint.
 */
export class Operations1795700000000 implements MigrationInterface {
  name = 'Operations1795700000000';

  async up(q: QueryRunner): Promise<void> {
    // Migration names only: lets /readyz report a database behind the code.
    await q.query(`GRANT SELECT ON schema_migrations TO ngo_commons_app`);

    // One row per organization and bucket (the organization, or one of its API keys), reset when a
    // new window starts, so the table does not grow with time.
    await q.query(`CREATE TABLE rate_limit_counters (
        organization_id uuid NOT NULL, bucket text NOT NULL, window_start timestamptz(3) NOT NULL, count integer NOT NULL,
        CONSTRAINT pk_rate_limit_counters PRIMARY KEY (organization_id, bucket))`);
    await q.query(`ALTER TABLE rate_limit_counters ADD CONSTRAINT fk_rate_limit_counters_organization
        FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`);

    // A retried create returns what the first attempt created instead of creating it again.
    await q.query(`CREATE TABLE idempotency_keys (
        organization_id uuid NOT NULL, key text NOT NULL, operation text NOT NULL, request_hash text NOT NULL,
        entity_organization_id uuid, entity_id uuid, created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (organization_id, key))`);
    await q.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT fk_idempotency_keys_organization
        FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`);

    // Automatic persisted queries: the query text of each hash a client registered. Not tenant data;
    // a row is reachable only by its hash (the app.lookup_hash setting), like a credential lookup.
    await q.query(`CREATE TABLE persisted_queries (
        hash text NOT NULL, query text NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_persisted_queries PRIMARY KEY (hash), CONSTRAINT ck_persisted_queries_hash CHECK (hash ~ '^[0-9a-f]{64}$'))`);
    await q.query(`ALTER TABLE persisted_queries ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE persisted_queries FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY persisted_queries_lookup ON persisted_queries FOR SELECT TO ngo_commons_app USING (hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY persisted_queries_register ON persisted_queries FOR INSERT TO ngo_commons_app WITH CHECK (hash = app_lookup_hash())`);
    await q.query(`GRANT SELECT, INSERT ON persisted_queries TO ngo_commons_app`);

    await q.query(`ALTER TABLE rate_limit_counters ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE rate_limit_counters FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY`);
    for (const table of ['rate_limit_counters', 'idempotency_keys']) {
      await q.query(`CREATE POLICY ${table}_own ON ${table} FOR ALL TO ngo_commons_app
          USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON rate_limit_counters TO ngo_commons_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE (entity_organization_id, entity_id) ON idempotency_keys TO ngo_commons_app`);
    // The funder dashboard reads many rollup rows of one programme. A policy calling
    // app_program_role() runs it once per row; the same test as a correlated EXISTS lets the planner
    // check the membership once (measured at full size: 17 ms to 4 ms for the cells, 7 ms to 0.6 ms
    // for the funnel).
    const activeMember = (table: string) => `EXISTS (SELECT 1 FROM program_members m
        WHERE m.organization_id = ${table}.organization_id AND m.program_id = ${table}.program_id
          AND m.member_organization_id = app_organization_id() AND m.status = 'ACTIVE')`;
    await q.query(`ALTER POLICY program_metric_cells_read ON program_metric_cells USING (${activeMember('program_metric_cells')})`);
    await q.query(`ALTER POLICY program_referral_facts_read ON program_referral_facts USING (${activeMember('program_referral_facts')}
        OR sender_organization_id = app_organization_id() OR receiving_organization_id = app_organization_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER POLICY program_metric_cells_read ON program_metric_cells USING (app_program_role(organization_id, program_id) IS NOT NULL)`);
    await q.query(`ALTER POLICY program_referral_facts_read ON program_referral_facts USING (app_program_role(organization_id, program_id) IS NOT NULL
        OR sender_organization_id = app_organization_id() OR receiving_organization_id = app_organization_id())`);
    await q.query(`DROP TABLE persisted_queries`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE rate_limit_counters`);
    await q.query(`REVOKE SELECT ON schema_migrations FROM ngo_commons_app`);
  }
}
