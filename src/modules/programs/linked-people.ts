import { randomUUID } from 'node:crypto';
import type { JobDefinition } from '../../common/module';
import type { RequestContext } from '../../context/request-context';
import { enqueueJob } from '../jobs/jobs.service';

/**
 * Counting a person once across a programme's members when their records are linked (a CONFIRMED
 * client match). A person's key is the smallest client id among their record and the records it is
 * directly linked to; links are pairs, so a chain (A–B, B–C without A–C) is not followed: A and C may
 * then count apart, never two different people together. The rollup (activity.service.ts) counts a
 * linked person in a programme cell only if no enrolment with the same key counts there already
 * (program_linked_person_cells); each member's own part still counts every person it enrolled.
 */
export const RECOUNT_JOB = 'program-people-recount';

/** The lock a programme's people cells are recounted under; every rollup takes it shared. */
export const recountLock = (organization: string, program: string) =>
  `hashtextextended('program-people:' || ${organization}::text || ':' || ${program}::text, 0)`;

/**
 * The person key of `member`'s `client` (SQL, a uuid or NULL when the client has no confirmed link):
 * over client_matches, which a side of the link reads, and the recount job reads for the programme it names.
 */
export const personKey = (member: string, client: string) =>
  `(SELECT CASE WHEN count(*) > 0 THEN least(${client}::text, min(CASE WHEN m.organization_id = ${member} AND m.client_id = ${client}
                                                          THEN m.partner_client_id ELSE m.client_id END::text))::uuid END
      FROM client_matches m
     WHERE m.status = 'CONFIRMED'
       AND ((m.organization_id = ${member} AND m.client_id = ${client}) OR (m.partner_organization_id = ${member} AND m.partner_client_id = ${client})))`;

/** Every cell an enrolment's person periods count in, with the enrolment's person key (for a recount, $1 and $2 the programme). */
const COUNTED = `WITH keyed AS (
    SELECT e.*, ${personKey('e.member_organization_id', 'e.client_id')} AS person_key
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

/**
 * Recounts one programme's distinct people from its person periods: the linked-person cells rebuilt,
 * and each PEOPLE_ENROLLED and PEOPLE_SERVED cell set to its number of distinct people, a linked
 * person once. Deliveries and members' own cells do not depend on links and are left alone. Under
 * the programme's lock, so no rollup of it runs meanwhile.
 */
const LOCK = `SELECT pg_advisory_xact_lock(${recountLock('$1', '$2')})`;
const REBUILD_LINKED = [
  `DELETE FROM program_linked_person_cells WHERE organization_id = $1 AND program_id = $2`,
  `${COUNTED}
   INSERT INTO program_linked_person_cells
          (organization_id, program_id, person_key, metric, category_code, period_type, period_start, dimension, dimension_value, member_organization_id)
   SELECT $1, $2, person_key, metric, category_code, period_type, period_start, dimension, dimension_value, min(member_organization_id::text)::uuid
     FROM counted WHERE person_key IS NOT NULL
    GROUP BY person_key, metric, category_code, period_type, period_start, dimension, dimension_value`,
];
const PEOPLE = `${COUNTED}
   SELECT metric, category_code, period_type, period_start::text, dimension, dimension_value, count(DISTINCT coalesce(person_key, enrollment_id))::int AS n
     FROM counted GROUP BY metric, category_code, period_type, period_start, dimension, dimension_value`;
type PeopleCell = { metric: string; category_code: string; period_type: string; period_start: string; dimension: string; dimension_value: string; n: number };
/** Written as the programme's lead ($1), under the cells' own policies; `$3`… the cells as arrays. */
const WRITE_PEOPLE = `WITH people (metric, category_code, period_type, period_start, dimension, dimension_value, n) AS (
       SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::bigint[])),
     zeroed AS (
       UPDATE program_metric_cells c SET value = 0
        WHERE c.organization_id = $1 AND c.program_id = $2 AND c.metric IN ('PEOPLE_ENROLLED', 'PEOPLE_SERVED') AND c.value <> 0
          AND NOT EXISTS (SELECT 1 FROM people p WHERE (p.metric, p.category_code, p.period_type, p.period_start, p.dimension, p.dimension_value)
                                                    = (c.metric, c.category_code, c.period_type, c.period_start, c.dimension, c.dimension_value)))
   INSERT INTO program_metric_cells (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
   SELECT $1, $2, metric, category_code, period_type, period_start, dimension, dimension_value, n FROM people
    ORDER BY metric, category_code, period_type, period_start, dimension, dimension_value
   ON CONFLICT (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value)
   DO UPDATE SET value = EXCLUDED.value WHERE program_metric_cells.value <> EXCLUDED.value`;

/**
 * A link of `clientId` (a client of the acting organization) was confirmed or undone: asks for the
 * recount of every programme the client is enrolled in by this organization, in the caller's
 * transaction (whether or not it is still a member: its enrolments still count). The other side's
 * client only matters where both are enrolled, so these are all for this link. Not covered: a key
 * is the smallest id among a record and all its links, so when B's record is linked to A's and C's,
 * C confirming its link (C's client not enrolled) can change the key of A's and B's records in a
 * programme this does not name; the docs' known limits say so.
 */
export async function requestRecountForClient(ctx: RequestContext, clientId: string): Promise<void> {
  const { organizationId } = await ctx.requirePrincipal();
  const em = await ctx.db();
  const programmes: { organization_id: string; program_id: string }[] = await em.query(
    `SELECT DISTINCT organization_id, program_id FROM program_enrollments WHERE member_organization_id = $1 AND client_id = $2`,
    [organizationId, clientId],
  );
  const request = randomUUID();
  for (const { organization_id, program_id } of programmes) {
    await enqueueJob((text, values) => em.query(text, values), RECOUNT_JOB, `${organization_id}:${program_id}:${request}`, new Date());
  }
}

/**
 * Recounts the programme its key names (`<organization>:<program>:<request>`): reading acting as no
 * organization, while app.recount_program names the programme; writing its cells acting as its lead
 * (the programme's organization), in the same transaction.
 */
export const recountJob: JobDefinition = {
  kind: RECOUNT_JOB,
  async run({ database }, _now, key) {
    const [organizationId, programId] = key.split(':');
    await database.platform('job', { worker: true }, async (tx) => {
      await tx.query(`SELECT set_config('app.recount_program', $1, true)`, [`${organizationId}:${programId}`]);
      await tx.query(LOCK, [organizationId, programId]);
      for (const statement of REBUILD_LINKED) await tx.query(statement, [organizationId, programId]);
      const people = await tx.query<PeopleCell>(PEOPLE, [organizationId, programId]);
      await tx.query(`SELECT set_config('app.recount_program', '', true), set_config('app.organization_id', $1, true)`, [organizationId]);
      const column = <K extends keyof PeopleCell>(name: K) => people.map((cell) => cell[name]);
      await tx.query(WRITE_PEOPLE, [
        organizationId,
        programId,
        column('metric'),
        column('category_code'),
        column('period_type'),
        column('period_start'),
        column('dimension'),
        column('dimension_value'),
        column('n'),
      ]);
    });
  },
};
