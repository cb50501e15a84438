import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform operators (issue 12), who are not a tenant: they act as the schema owner through
 * `npm run ops`, never through the API. An operator verifies an organization (`verified_at`,
 * `verified_by`): the directory and partnership proposals show it, and nobody can sign up, or rename
 * an organization, as a verified one (same folded name, kind and region). The application role may
 * no longer change those columns (column-level grants: an organization cannot verify itself). Every
 * operator command is kept in `platform_audit_events`, which no request can read.
 */
export class VerifiedOrganizations1796400000000 implements MigrationInterface {
  name = 'VerifiedOrganizations1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN verified_at timestamptz(3), ADD COLUMN verified_by text`);
    await q.query(`REVOKE UPDATE ON organizations FROM ngo_commons_app`);
    await q.query(`GRANT UPDATE (name, region, description, website, search_text, receiver_access_days, updated_at) ON organizations TO ngo_commons_app`);
    // The operator is the schema owner: with FORCE ROW LEVEL SECURITY it needs policies of its own
    // (a superuser, as in the embedded PostgreSQL, passes anyway).
    await q.query(`CREATE POLICY organizations_operator ON organizations TO CURRENT_USER USING (true) WITH CHECK (true)`);

    await q.query(`CREATE TABLE platform_audit_events (
        id uuid NOT NULL,
        operator text NOT NULL,
        command text NOT NULL,
        subject_organization_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_platform_audit_events PRIMARY KEY (id),
        CONSTRAINT fk_platform_audit_events_subject_organization FOREIGN KEY (subject_organization_id) REFERENCES organizations(id) ON DELETE SET NULL)`);
    await q.query(`CREATE INDEX ix_platform_audit_events_subject_created ON platform_audit_events (subject_organization_id, created_at)`);
    await q.query(`ALTER TABLE platform_audit_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE platform_audit_events FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY platform_audit_events_operator ON platform_audit_events TO CURRENT_USER USING (true) WITH CHECK (true)`);
    // Granted so that the isolation checks can show the application role sees none of it: no policy lets it.
    await q.query(`GRANT SELECT ON platform_audit_events TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_audit_events`);
    await q.query(`DROP POLICY organizations_operator ON organizations`);
    await q.query(`REVOKE UPDATE ON organizations FROM ngo_commons_app`);
    await q.query(`GRANT UPDATE ON organizations TO ngo_commons_app`);
    await q.query(`ALTER TABLE organizations DROP COLUMN verified_by, DROP COLUMN verified_at`);
  }
}
