import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform's background jobs (issue 13): a queue every instance shares, claimed with FOR UPDATE
 * SKIP LOCKED for a lease. Only the job runner's transactions (app.worker, acting as no organization)
 * read or write it. The runner may also list organizations, so that a job acts as each organization
 * in turn, under its row-level security, rather than around it. Events nobody's action causes (a referral's due date
 * passing) have no actor; each referral is told overdue once.
 */
export class Jobs1797100000000 implements MigrationInterface {
  name = 'Jobs1797100000000';

  async up(q: QueryRunner): Promise<void> {
    const worker = `current_setting('app.worker', true) = 'on'`;
    // What only the job runner reads, it reads acting as no organization: a job acting as one (below) stays inside its rows.
    const workerAlone = `(${worker} AND app_organization_id() IS NULL)`;
    await q.query(`CREATE TABLE jobs (
        id uuid NOT NULL, kind text NOT NULL, key text NOT NULL, run_at timestamptz(3) NOT NULL, attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz(3), last_error text, done_at timestamptz(3), created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_jobs PRIMARY KEY (id), CONSTRAINT uq_jobs_kind_key UNIQUE (kind, key))`);
    await q.query(`CREATE INDEX ix_jobs_due ON jobs (run_at) WHERE done_at IS NULL`);
    await q.query(`ALTER TABLE jobs ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE jobs FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY jobs_worker ON jobs TO ngo_commons_app USING (${workerAlone}) WITH CHECK (${workerAlone})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON jobs TO ngo_commons_app`);

    await q.query(`CREATE POLICY organizations_worker ON organizations FOR SELECT TO ngo_commons_app USING (${workerAlone})`);

    await q.query(`ALTER POLICY organization_events_create ON organization_events
        WITH CHECK ((actor_organization_id = app_organization_id() OR (actor_organization_id IS NULL AND ${worker}))
                    AND (organization_id = app_organization_id() OR party_organization_id = app_organization_id()))`);
    await q.query(`CREATE UNIQUE INDEX uq_organization_events_overdue ON organization_events (organization_id, subject_id) WHERE type = 'REFERRAL_OVERDUE'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_organization_events_overdue`);
    await q.query(`ALTER POLICY organization_events_create ON organization_events
        WITH CHECK (actor_organization_id = app_organization_id() AND (organization_id = app_organization_id() OR party_organization_id = app_organization_id()))`);
    await q.query(`DROP POLICY organizations_worker ON organizations`);
    await q.query(`DROP TABLE jobs`);
  }
}
