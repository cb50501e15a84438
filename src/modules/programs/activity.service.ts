import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, isUniqueViolation, notFound } from '../../common/errors';
import { paginate, type Page } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import { ageBandOn } from '../clients/client.enums';
import { findOwnClient } from '../clients/client.service';
import { Vulnerability } from '../clients/client.enums';
import { Service } from '../directory/service.entity';
import { today } from '../../common/dates';
import { ProgramEnrollment, ServiceDelivery } from './activity.entity';
import { cellsOf, programRegion } from './dimensions';
import type { EnrollClientInput, ProgramRecordsArgs, RecordServiceDeliveryInput } from './dto/program.inputs';
import { personKey, recountLock } from './linked-people';
import { MetricKind, ProgramMemberRole } from './program.enums';
import { getProgram, requireRole } from './program.service';

const DELIVERING_ROLES = [ProgramMemberRole.LEAD, ProgramMemberRole.IMPLEMENTING_PARTNER];

/**
 * Adds one person's activity to the rollups in one statement: the person counts once per period
 * (month, quarter, year) and category in `people` cells, however many services they get, and each
 * delivery counts in SERVICE_DELIVERIES cells; both for the TOTAL and every dimension value, in the
 * programme's cells and in the member's own (program_member_metric_cells). A person whose record is
 * linked to another member's (a CONFIRMED match) counts in the member's own cells as ever, and in a
 * programme's people cell only if no record with the same person key counts there already
 * (linked-people.ts), so the programme counts them once.
 */
async function rollUp(
  em: EntityManager,
  enrollment: ProgramEnrollment,
  activity: { metric: MetricKind.PEOPLE_ENROLLED | MetricKind.PEOPLE_SERVED; on: string; categories: string[]; delivery: boolean },
): Promise<void> {
  const cells = cellsOf(enrollment);
  await em.query(
    `WITH periods (period_type, period_start) AS (
            SELECT kind, date_trunc(lower(kind), $5::date)::date FROM unnest(ARRAY['MONTH', 'QUARTER', 'YEAR']) AS kind),
          categories (category_code) AS (SELECT unnest($6::text[])),
          -- Shared: a recount of the programme's people (after a link changed) waits for this statement, and this one for it.
          recount (waited) AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${recountLock('$1::uuid', '$2::uuid')}) IS NULL),
          link (person_key) AS (SELECT ${personKey('$7::uuid', '$11::uuid')}),
          fresh AS (
            INSERT INTO program_person_periods
                   (organization_id, program_id, enrollment_id, metric, category_code, period_type, period_start, member_organization_id)
            SELECT $1, $2, $3, $4, c.category_code, p.period_type, p.period_start, $7 FROM periods p CROSS JOIN categories c CROSS JOIN recount
            ON CONFLICT DO NOTHING
            RETURNING category_code, period_type, period_start),
          cells (dimension, dimension_value) AS (SELECT * FROM unnest($8::text[], $9::text[])),
          deliveries AS (
            SELECT 'SERVICE_DELIVERIES'::text AS metric, c.category_code, p.period_type, p.period_start, d.dimension, d.dimension_value
              FROM periods p CROSS JOIN categories c CROSS JOIN cells d WHERE $10),
          first_for_member AS (
            SELECT $4::text AS metric, f.category_code, f.period_type, f.period_start, d.dimension, d.dimension_value FROM fresh f CROSS JOIN cells d),
          -- A linked person's cells that no record with the same key counted yet; nothing for anyone else.
          first_for_program AS (
            INSERT INTO program_linked_person_cells
                   (organization_id, program_id, person_key, metric, category_code, period_type, period_start, dimension, dimension_value, member_organization_id)
            SELECT $1, $2, l.person_key, f.metric, f.category_code, f.period_type, f.period_start, f.dimension, f.dimension_value, $7
              FROM first_for_member f CROSS JOIN link l WHERE l.person_key IS NOT NULL
            ON CONFLICT DO NOTHING
            RETURNING metric, category_code, period_type, period_start, dimension, dimension_value),
          own_counted AS (
            SELECT metric, category_code, period_type, period_start, dimension, dimension_value, count(*) AS n
              FROM (SELECT * FROM first_for_member UNION ALL SELECT * FROM deliveries) i
             GROUP BY metric, category_code, period_type, period_start, dimension, dimension_value),
          program_counted AS (
            SELECT metric, category_code, period_type, period_start, dimension, dimension_value, count(*) AS n
              FROM (SELECT f.* FROM first_for_member f WHERE (SELECT person_key FROM link) IS NULL
                    UNION ALL SELECT * FROM first_for_program UNION ALL SELECT * FROM deliveries) i
             GROUP BY metric, category_code, period_type, period_start, dimension, dimension_value),
          -- Cells are locked in key order, so concurrent deliveries queue on a shared cell instead of deadlocking;
          -- a member's own cells first, which no other member's statement touches.
          own AS (
            INSERT INTO program_member_metric_cells
                   (organization_id, program_id, member_organization_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
            SELECT $1, $2, $7, metric, category_code, period_type, period_start, dimension, dimension_value, n FROM own_counted
             ORDER BY period_start, dimension, metric, category_code, period_type, dimension_value
            ON CONFLICT (member_organization_id, organization_id, program_id, period_start, dimension, metric, category_code, period_type, dimension_value)
            DO UPDATE SET value = program_member_metric_cells.value + EXCLUDED.value)
     INSERT INTO program_metric_cells
            (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
     SELECT $1, $2, metric, category_code, period_type, period_start, dimension, dimension_value, n FROM program_counted
      ORDER BY metric, category_code, period_type, period_start, dimension, dimension_value
     ON CONFLICT (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value)
     DO UPDATE SET value = program_metric_cells.value + EXCLUDED.value`,
    [
      enrollment.organizationId,
      enrollment.programId,
      enrollment.id,
      activity.metric,
      activity.on,
      activity.categories,
      enrollment.memberOrganizationId,
      cells.map(([dimension]) => dimension),
      cells.map(([, value]) => value),
      activity.delivery,
      enrollment.clientId,
    ],
  );
}

function assertWithinProgram(on: string, program: { startsOn: string; endsOn: string | null }, argumentPath: readonly (string | number)[]): void {
  if (on < program.startsOn || (program.endsOn !== null && on > program.endsOn)) {
    throw badInput(`The date must be within the programme (${program.startsOn} to ${program.endsOn ?? 'open'})`, argumentPath);
  }
  if (on > today()) throw badInput('The date must not be in the future', argumentPath);
}

export async function enrollClient(ctx: RequestContext, input: EnrollClientInput): Promise<ProgramEnrollment> {
  const principal = await ctx.requireUser();
  const program = await getProgram(ctx, input.programId, ['input', 'programId']);
  await requireRole(ctx, program, DELIVERING_ROLES, 'enrol clients');
  const client = await findOwnClient(ctx, input.clientId, ['input', 'clientId']);
  const enrolledOn = input.enrolledOn ?? today();
  assertWithinProgram(enrolledOn, program, ['input', 'enrolledOn']);
  const em = await ctx.db();
  const enrollment = em.create(ProgramEnrollment, {
    organizationId: program.organizationId,
    id: randomUUID(),
    programId: program.id,
    memberOrganizationId: principal.organizationId,
    clientId: client.id,
    enrolledOn,
    sex: client.sex,
    ageBand: client.birthDate ? ageBandOn(client.birthDate, new Date(`${enrolledOn}T00:00:00Z`)) : client.ageBand!,
    disability: client.vulnerabilities.includes(Vulnerability.PERSON_WITH_DISABILITY),
    region: programRegion(client.region, program.regions),
    populationGroups: client.vulnerabilities,
    enrolledByUserId: principal.userId,
  });
  try {
    await em.insert(ProgramEnrollment, enrollment);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_program_enrollments_client')) throw conflict('This client is already enrolled in the programme');
    throw error;
  }
  await rollUp(em, enrollment, { metric: MetricKind.PEOPLE_ENROLLED, on: enrolledOn, categories: [''], delivery: false });
  return em.findOneByOrFail(ProgramEnrollment, { organizationId: enrollment.organizationId, id: enrollment.id });
}

export async function recordServiceDelivery(ctx: RequestContext, input: RecordServiceDeliveryInput): Promise<ServiceDelivery> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const enrollment = await em.findOneBy(ProgramEnrollment, { memberOrganizationId: principal.organizationId, id: input.enrollmentId });
  if (!enrollment) throw notFound('Enrollment', ['input', 'enrollmentId']);
  const program = await getProgram(ctx, enrollment.programId, ['input', 'enrollmentId']);
  await requireRole(ctx, program, DELIVERING_ROLES, 'record service deliveries');
  const service = await em.findOneBy(Service, { organizationId: principal.organizationId, id: input.serviceId });
  if (!service) throw notFound('Service of your organization', ['input', 'serviceId']);
  const deliveredOn = input.deliveredOn ?? today();
  assertWithinProgram(deliveredOn, program, ['input', 'deliveredOn']);
  if (deliveredOn < enrollment.enrolledOn) throw badInput('deliveredOn must not be before the enrolment', ['input', 'deliveredOn']);
  const delivery = em.create(ServiceDelivery, {
    organizationId: enrollment.organizationId,
    id: randomUUID(),
    programId: enrollment.programId,
    memberOrganizationId: principal.organizationId,
    enrollmentId: enrollment.id,
    serviceId: service.id,
    categoryCode: service.categoryCode,
    deliveredOn,
    recordedByUserId: principal.userId,
  });
  await em.insert(ServiceDelivery, delivery);
  await rollUp(em, enrollment, { metric: MetricKind.PEOPLE_SERVED, on: deliveredOn, categories: ['', service.categoryCode], delivery: true });
  return em.findOneByOrFail(ServiceDelivery, { organizationId: delivery.organizationId, id: delivery.id });
}

/** The acting organization's own enrolments in a programme, oldest first. */
export async function listOwnEnrollments(ctx: RequestContext, args: ProgramRecordsArgs): Promise<Page<ProgramEnrollment>> {
  const { organizationId } = await ctx.requirePrincipal();
  await getProgram(ctx, args.programId, ['programId']);
  const query = (await ctx.db())
    .createQueryBuilder(ProgramEnrollment, 'e')
    .where('e.member_organization_id = :organizationId AND e.program_id = :programId', { organizationId, programId: args.programId });
  return paginate(
    query,
    args,
    [
      { column: 'e.enrolled_on', value: (e) => e.enrolledOn, type: 'date' },
      { column: 'e.id', value: (e) => e.id, type: 'uuid' },
    ],
    ctx.config.graphql.maxPageSize,
  );
}
