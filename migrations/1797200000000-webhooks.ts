import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks (issue 13). An organization's admins register endpoints; the platform's jobs queue
 * each new event of the organization for each endpoint that wants it (acting as that organization,
 * under its row-level security) and POST them in order, retrying with backoff. Both tables are the
 * organization's own. The job runner may list which organizations have active endpoints, so that it
 * visits only those.
 */
export class Webhooks1797200000000 implements MigrationInterface {
  name = 'Webhooks1797200000000';

  async up(q: QueryRunner): Promise<void> {
    const own = `organization_id = app_organization_id()`;
    await q.query(`CREATE TABLE webhook_endpoints (
        organization_id uuid NOT NULL, id uuid NOT NULL, url text NOT NULL, event_types text array NOT NULL, description text,
        sealed_secret text NOT NULL, status text NOT NULL, disabled_reason text, failing_since timestamptz(3), version integer NOT NULL,
        created_by_user_id uuid NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_webhook_endpoints PRIMARY KEY (organization_id, id))`);
    await q.query(`ALTER TABLE webhook_endpoints ADD CONSTRAINT fk_webhook_endpoints_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE webhook_endpoints ADD CONSTRAINT fk_webhook_endpoints_created_by_user FOREIGN KEY (created_by_user_id) REFERENCES users(id)`);
    await q.query(`CREATE TABLE webhook_deliveries (
        organization_id uuid NOT NULL, id uuid NOT NULL, endpoint_id uuid NOT NULL, event_id uuid NOT NULL, event_sequence bigint NOT NULL,
        event_type text NOT NULL, status text NOT NULL, attempts integer NOT NULL DEFAULT 0, last_attempt_at timestamptz(3), response_status integer,
        duration_ms integer, error text, next_attempt_at timestamptz(3), delivered_at timestamptz(3), created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_webhook_deliveries PRIMARY KEY (organization_id, id),
        CONSTRAINT uq_webhook_deliveries_event UNIQUE (organization_id, endpoint_id, event_id))`);
    await q.query(`CREATE INDEX ix_webhook_deliveries_endpoint_status ON webhook_deliveries (organization_id, endpoint_id, status, event_sequence)`);
    await q.query(`ALTER TABLE webhook_deliveries ADD CONSTRAINT fk_webhook_deliveries_endpoint
        FOREIGN KEY (organization_id, endpoint_id) REFERENCES webhook_endpoints(organization_id,id) ON DELETE CASCADE`);

    // Written out table by table, so that every table's row-level security can be read (and grepped) here.
    await q.query(`ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY webhook_endpoints_own ON webhook_endpoints TO ngo_commons_app USING (${own}) WITH CHECK (${own})`);
    await q.query(`ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY webhook_deliveries_own ON webhook_deliveries TO ngo_commons_app USING (${own}) WITH CHECK (${own})`);
    await q.query(`CREATE POLICY webhook_endpoints_worker ON webhook_endpoints FOR SELECT TO ngo_commons_app
        USING (current_setting('app.worker', true) = 'on' AND app_organization_id() IS NULL)`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON webhook_endpoints TO ngo_commons_app`);
    await q.query(`GRANT UPDATE (url, event_types, description, status, disabled_reason, failing_since, version, updated_at) ON webhook_endpoints TO ngo_commons_app`);
    await q.query(`GRANT SELECT, INSERT ON webhook_deliveries TO ngo_commons_app`);
    await q.query(`GRANT UPDATE (status, attempts, last_attempt_at, response_status, duration_ms, error, next_attempt_at, delivered_at) ON webhook_deliveries TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
