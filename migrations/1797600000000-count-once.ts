import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting a linked person once (issue 15): when two members of a programme have linked their
 * records of one person (a CONFIRMED client match), the programme's distinct-people figures count
 * that person once. Deliveries and each member's own part are unchanged.
 *
 *   program_linked_person_cells  for linked people only: which person (by person_key, the smallest
 *                                client id of the person's own record and the records it is directly
 *                                linked to) already counts in which cell (metric, category, period,
 *                                dimension value) of the programme. An enrolment or delivery of a
 *                                linked person adds to the programme's cell only if its insert here
 *                                is new. member_organization_id is the member whose insert made the
 *                                row, the only one to read it back (the insert's RETURNING).
 *
 * A confirmed or undone link changes whom a person_key groups, across members: no member may read
 * another's enrolments, so the requesting side enqueues a job (program-people-recount, its key
 * naming the programme) and the job runner recounts the programme. It reads the programme's
 * enrolments, person periods and links only while its transaction names that programme
 * (app.recount_program), acting as no organization, like the match-key lookup's setting; then it
 * writes the programme's people cells acting as the programme's lead.
 *
 * Existing programmes are recounted here once, in the same way. The schema owner is subject to FORCE
 * ROW LEVEL SECURITY, so it is lifted for the backfill, inside this migration's transaction.
 */
export class CountOnce1797600000000 implements MigrationInterface {
  name = 'CountOnce1797600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE program_linked_person_cells (
        organization_id uuid NOT NULL, program_id uuid NOT NULL, person_key uuid NOT NULL, metric text NOT NULL, category_code text NOT NULL,
        period_type text NOT NULL, period_start date NOT NULL, dimension text NOT NULL, dimension_value text NOT NULL,
        member_organization_id uuid NOT NULL,
        CONSTRAINT pk_program_linked_person_cells PRIMARY KEY
          (organization_id, program_id, person_key, metric, category_code, period_type, period_start, dimension, dimension_value))`);
    await q.query(`ALTER TABLE program_linked_person_cells ADD CONSTRAINT fk_program_linked_person_cells_program
        FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE program_linked_person_cells ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE program_linked_person_cells FORCE ROW LEVEL SECURITY`);

    const worker = `(current_setting('app.worker', true) = 'on' AND app_organization_id() IS NULL)`;
    const recounted = (table: string) => `(${worker} AND current_setting('app.recount_program', true) = ${table}.organization_id::text || ':' || ${table}.program_id::text)`;
    const own = `member_organization_id = app_organization_id()`;
    const deliverer = `EXISTS (SELECT 1 FROM program_members m
        WHERE m.organization_id = program_linked_person_cells.organization_id AND m.program_id = program_linked_person_cells.program_id
          AND m.member_organization_id = app_organization_id() AND m.status = 'ACTIVE' AND m.role IN ('LEAD', 'IMPLEMENTING_PARTNER'))`;
    // A member reads back only the rows its own insert made; a row another member made stops its insert (ON CONFLICT DO NOTHING) unseen.
    await q.query(`CREATE POLICY program_linked_person_cells_read ON program_linked_person_cells FOR SELECT TO ngo_commons_app
        USING (${own} OR ${recounted('program_linked_person_cells')})`);
    await q.query(`CREATE POLICY program_linked_person_cells_create ON program_linked_person_cells FOR INSERT TO ngo_commons_app
        WITH CHECK ((${own} AND ${deliverer}) OR ${recounted('program_linked_person_cells')})`);
    await q.query(`CREATE POLICY program_linked_person_cells_recount ON program_linked_person_cells FOR DELETE TO ngo_commons_app
        USING (${recounted('program_linked_person_cells')})`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON program_linked_person_cells TO ngo_commons_app`);

    // The recount job reads the programme it names. It writes the programme's cells acting as the
    // programme's lead, under the cells' own policies: a policy added to them would sit, OR-ed, on the
    // dashboard's read path and keep the planner from its semi-join.
    for (const table of ['program_enrollments', 'program_person_periods']) {
      await q.query(`CREATE POLICY ${table}_recount ON ${table} FOR SELECT TO ngo_commons_app USING (${recounted(table)})`);
    }
    // The confirmed links of the programme's enrolled clients, and no other.
    await q.query(`CREATE POLICY client_matches_recount ON client_matches FOR SELECT TO ngo_commons_app USING (${worker} AND status = 'CONFIRMED'
        AND EXISTS (SELECT 1 FROM program_enrollments e
                     WHERE current_setting('app.recount_program', true) = e.organization_id::text || ':' || e.program_id::text
                       AND ((e.member_organization_id = client_matches.organization_id AND e.client_id = client_matches.client_id)
                         OR (e.member_organization_id = client_matches.partner_organization_id AND e.client_id = client_matches.partner_client_id))))`);
    // A side of a link that changed asks for the recount of a programme it enrolled people in (even
    // if removed since: its enrolments still count); the job runner does it.
    await q.query(`CREATE POLICY jobs_program_recount ON jobs FOR INSERT TO ngo_commons_app WITH CHECK (CASE WHEN kind = 'program-people-recount'
        THEN EXISTS (SELECT 1 FROM program_enrollments e
                      WHERE e.organization_id = split_part(jobs.key, ':', 1)::uuid AND e.program_id = split_part(jobs.key, ':', 2)::uuid
                        AND e.member_organization_id = app_organization_id())
        ELSE false END)`);

    const tables = ['program_enrollments', 'program_person_periods', 'program_metric_cells', 'program_linked_person_cells', 'client_matches'];
    for (const table of tables) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    const programs: { organization_id: string; program_id: string }[] = await q.query(
      `SELECT DISTINCT e.organization_id, e.program_id FROM program_enrollments e
        WHERE EXISTS (SELECT 1 FROM client_matches m WHERE m.status = 'CONFIRMED'
                       AND ((m.organization_id = e.member_organization_id AND m.client_id = e.client_id)
                         OR (m.partner_organization_id = e.member_organization_id AND m.partner_client_id = e.client_id)))`,
    );
    for (const program of programs) {
      for (const statement of RECOUNT_AT_MIGRATION) await q.query(statement, [program.organization_id, program.program_id]);
    }
    for (const table of tables) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY jobs_program_recount ON jobs`);
    await q.query(`DROP POLICY client_matches_recount ON client_matches`);
    await q.query(`DROP POLICY program_person_periods_recount ON program_person_periods`);
    await q.query(`DROP POLICY program_enrollments_recount ON program_enrollments`);
    await q.query(`DROP TABLE program_linked_person_cells`);
  }
}

/**
 * The recount as it stood when this migration landed (src/modules/programs/linked-people.ts keeps the
 * live one): the programme's linked-person cells rebuilt, and its people cells set to the number of
 * distinct people, a linked person once.
 */
const KEYED = `WITH keyed AS (
    SELECT e.*, (SELECT CASE WHEN count(*) > 0 THEN least(e.client_id::text, min(CASE WHEN m.organization_id = e.member_organization_id AND m.client_id = e.client_id
                                                                             THEN m.partner_client_id ELSE m.client_id END::text))::uuid END
                   FROM client_matches m
                  WHERE m.status = 'CONFIRMED'
                    AND ((m.organization_id = e.member_organization_id AND m.client_id = e.client_id)
                      OR (m.partner_organization_id = e.member_organization_id AND m.partner_client_id = e.client_id))) AS person_key
      FROM program_enrollments e WHERE e.organization_id = $1 AND e.program_id = $2),
  counted AS (
    SELECT k.person_key, k.id AS enrollment_id, k.member_organization_id, pp.metric, pp.category_code, pp.period_type, pp.period_start,
           cell.dimension, cell.dimension_value
      FROM keyed k
      JOIN program_person_periods pp ON pp.organization_id = k.organization_id AND pp.program_id = k.program_id AND pp.enrollment_id = k.id
      CROSS JOIN LATERAL (
            SELECT 'TOTAL', '' UNION ALL SELECT 'SEX', k.sex UNION ALL SELECT 'AGE_BAND', k.age_band
            UNION ALL SELECT 'DISABILITY', CASE WHEN k.disability THEN 'YES' ELSE 'NO' END UNION ALL SELECT 'REGION', k.region
            UNION ALL SELECT 'POPULATION_GROUP', g FROM unnest(k.population_groups) AS g) AS cell (dimension, dimension_value))`;

const RECOUNT_AT_MIGRATION = [
  `SELECT pg_advisory_xact_lock(hashtextextended('program-people:' || $1::text || ':' || $2::text, 0))`,
  `DELETE FROM program_linked_person_cells WHERE organization_id = $1 AND program_id = $2`,
  `${KEYED}
   INSERT INTO program_linked_person_cells
          (organization_id, program_id, person_key, metric, category_code, period_type, period_start, dimension, dimension_value, member_organization_id)
   SELECT $1, $2, person_key, metric, category_code, period_type, period_start, dimension, dimension_value, min(member_organization_id::text)::uuid
     FROM counted WHERE person_key IS NOT NULL
    GROUP BY person_key, metric, category_code, period_type, period_start, dimension, dimension_value`,
  `${KEYED}, people AS (
     SELECT metric, category_code, period_type, period_start, dimension, dimension_value, count(DISTINCT coalesce(person_key, enrollment_id)) AS n
       FROM counted GROUP BY metric, category_code, period_type, period_start, dimension, dimension_value),
   zeroed AS (
     UPDATE program_metric_cells c SET value = 0
      WHERE c.organization_id = $1 AND c.program_id = $2 AND c.metric IN ('PEOPLE_ENROLLED', 'PEOPLE_SERVED') AND c.value <> 0
        AND NOT EXISTS (SELECT 1 FROM people p WHERE (p.metric, p.category_code, p.period_type, p.period_start, p.dimension, p.dimension_value)
                                                  = (c.metric, c.category_code, c.period_type, c.period_start, c.dimension, c.dimension_value)))
   INSERT INTO program_metric_cells (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
   SELECT $1, $2, metric, category_code, period_type, period_start, dimension, dimension_value, n FROM people
    ORDER BY metric, category_code, period_type, period_start, dimension, dimension_value
   ON CONFLICT (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value)
   DO UPDATE SET value = EXCLUDED.value WHERE program_metric_cells.value <> EXCLUDED.value`,
];
