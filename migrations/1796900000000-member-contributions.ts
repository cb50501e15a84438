import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suppression against what a member knows (issue 12). A member can list its own enrolments,
 * deliveries and referrals, so it could subtract them from a programme's figures; its view is
 * suppressed against its own part of each figure. That part is a rollup like program_metric_cells,
 * per member, kept by the same statement on every enrolment and delivery, so a member's dashboard
 * costs what a funder's does however many people it serves. Only the member reads its own cells:
 * they are sums over its own people.
 *
 * Existing enrolments and deliveries are counted in here once, as the rollups count them (each person
 * once per period and category; each delivery once; the TOTAL cell and every dimension value of the
 * person). The schema owner is subject to FORCE ROW LEVEL SECURITY, so it is lifted for the backfill,
 * inside this migration's transaction.
 */
export class MemberContributions1796900000000 implements MigrationInterface {
  name = 'MemberContributions1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE program_member_metric_cells (
        organization_id uuid NOT NULL, program_id uuid NOT NULL, member_organization_id uuid NOT NULL, metric text NOT NULL,
        category_code text NOT NULL, period_type text NOT NULL, period_start date NOT NULL, dimension text NOT NULL,
        dimension_value text NOT NULL, value bigint NOT NULL,
        CONSTRAINT pk_program_member_metric_cells PRIMARY KEY
          (member_organization_id, organization_id, program_id, period_start, dimension, metric, category_code, period_type, dimension_value))`);
    await q.query(`ALTER TABLE program_member_metric_cells ADD CONSTRAINT fk_program_member_metric_cells_program
        FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`);

    const tables = ['program_enrollments', 'service_deliveries', 'program_person_periods'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO program_member_metric_cells
          (organization_id, program_id, member_organization_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
        SELECT figure.organization_id, figure.program_id, e.member_organization_id, figure.metric, figure.category_code, figure.period_type,
               figure.period_start, cell.dimension, cell.dimension_value, count(*)
          FROM (SELECT pp.organization_id, pp.program_id, pp.enrollment_id, pp.metric, pp.category_code, pp.period_type, pp.period_start
                  FROM program_person_periods pp
                UNION ALL
                SELECT d.organization_id, d.program_id, d.enrollment_id, 'SERVICE_DELIVERIES', category.code, kind.period_type,
                       date_trunc(lower(kind.period_type), d.delivered_on)::date
                  FROM service_deliveries d
                       CROSS JOIN unnest(ARRAY['MONTH', 'QUARTER', 'YEAR']) AS kind (period_type)
                       CROSS JOIN unnest(ARRAY['', d.category_code]) AS category (code)) figure
          JOIN program_enrollments e ON e.organization_id = figure.organization_id AND e.id = figure.enrollment_id
          CROSS JOIN LATERAL (
                SELECT 'TOTAL', '' UNION ALL SELECT 'SEX', e.sex UNION ALL SELECT 'AGE_BAND', e.age_band
                UNION ALL SELECT 'DISABILITY', CASE WHEN e.disability THEN 'YES' ELSE 'NO' END UNION ALL SELECT 'REGION', e.region
                UNION ALL SELECT 'POPULATION_GROUP', g FROM unnest(e.population_groups) AS g) AS cell (dimension, dimension_value)
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);

    await q.query(`ALTER TABLE program_member_metric_cells ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE program_member_metric_cells FORCE ROW LEVEL SECURITY`);
    const own = `member_organization_id = app_organization_id()`;
    const deliverer = `${own} AND EXISTS (SELECT 1 FROM program_members m
        WHERE m.organization_id = program_member_metric_cells.organization_id AND m.program_id = program_member_metric_cells.program_id
          AND m.member_organization_id = app_organization_id() AND m.status = 'ACTIVE' AND m.role IN ('LEAD', 'IMPLEMENTING_PARTNER'))`;
    await q.query(`CREATE POLICY program_member_metric_cells_read ON program_member_metric_cells FOR SELECT TO ngo_commons_app USING (${own})`);
    await q.query(`CREATE POLICY program_member_metric_cells_create ON program_member_metric_cells FOR INSERT TO ngo_commons_app WITH CHECK (${deliverer})`);
    await q.query(`CREATE POLICY program_member_metric_cells_update ON program_member_metric_cells FOR UPDATE TO ngo_commons_app USING (${deliverer}) WITH CHECK (${deliverer})`);
    await q.query(`GRANT SELECT, INSERT ON program_member_metric_cells TO ngo_commons_app`);
    await q.query(`GRANT UPDATE (value) ON program_member_metric_cells TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE program_member_metric_cells`);
  }
}
