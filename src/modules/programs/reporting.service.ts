import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound } from '../../common/errors';
import { paginate, type Page } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import type { ProgramRecordsArgs, ReviewReportedValueInput, SubmitReportedValueInput } from './dto/program.inputs';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent } from '../events/events.service';
import { Indicator } from './indicator.entity';
import { isPeriodStart } from './periods';
import { IndicatorSource, ProgramMemberRole, ReportedValueStatus } from './program.enums';
import { assertCell, getProgram, requireRole } from './program.service';
import { ReportedValue } from './reported-value.entity';

/**
 * Submits a value, or a correction of one. Each cell (indicator, reporter, period, dimension value)
 * has a chain of revisions; one waiting for review blocks another until the lead answers.
 */
export async function submitReportedValue(ctx: RequestContext, input: SubmitReportedValueInput): Promise<ReportedValue> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const indicator = await em.findOneBy(Indicator, { id: input.indicatorId });
  if (!indicator) throw notFound('Indicator', ['input', 'indicatorId']);
  const program = await getProgram(ctx, indicator.programId, ['input', 'indicatorId']);
  await requireRole(ctx, program, [ProgramMemberRole.LEAD, ProgramMemberRole.IMPLEMENTING_PARTNER], 'report values');
  if (indicator.source !== IndicatorSource.REPORTED) {
    throw badInput(`Indicator ${indicator.code} is derived from activity (${indicator.source}); only REPORTED indicators take reported values`, [
      'input',
      'indicatorId',
    ]);
  }
  if (!isPeriodStart(input.periodStart, input.periodType)) {
    throw badInput(`periodStart must be the first day of a ${input.periodType.toLowerCase()}`, ['input', 'periodStart']);
  }
  assertCell(indicator, program, input, ['input']);
  const cell = [indicator.id, principal.organizationId, input.periodType, input.periodStart, input.dimension ?? '', input.dimensionValue ?? ''].join(':');
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reported-value:${cell}`]);
  const latest = await em
    .createQueryBuilder(ReportedValue, 'v')
    .where('v.organization_id = :organizationId AND v.indicator_id = :indicatorId AND v.reporter_organization_id = :reporter', {
      organizationId: indicator.organizationId,
      indicatorId: indicator.id,
      reporter: principal.organizationId,
    })
    .andWhere('v.period_type = :periodType AND v.period_start = :periodStart', input)
    .andWhere('v.dimension IS NOT DISTINCT FROM :dimension AND v.dimension_value IS NOT DISTINCT FROM :dimensionValue', {
      dimension: input.dimension ?? null,
      dimensionValue: input.dimensionValue ?? null,
    })
    .orderBy('v.revision', 'DESC')
    .getOne();
  if (latest?.status === ReportedValueStatus.SUBMITTED) {
    throw conflict('A value for this period is waiting for the lead: it must be approved or rejected before you submit another', {
      reportedValueId: latest.id,
      status: latest.status,
      revision: latest.revision,
    });
  }
  const value = em.create(ReportedValue, {
    organizationId: indicator.organizationId,
    id: randomUUID(),
    programId: indicator.programId,
    indicatorId: indicator.id,
    reporterOrganizationId: principal.organizationId,
    periodType: input.periodType,
    periodStart: input.periodStart,
    dimension: input.dimension ?? null,
    dimensionValue: input.dimensionValue ?? null,
    value: input.value,
    revision: (latest?.revision ?? 0) + 1,
    status: ReportedValueStatus.SUBMITTED,
    note: input.note ?? null,
    submittedByUserId: principal.userId,
    reviewedByUserId: null,
    reviewedAt: null,
    reviewNote: null,
  });
  await em.insert(ReportedValue, value);
  return announceReportedValue(ctx, OrganizationEventType.REPORTED_VALUE_SUBMITTED, value);
}

/** The reported value as it now is, told to the programme's lead and the reporter. */
async function announceReportedValue(ctx: RequestContext, type: OrganizationEventType, changed: ReportedValue): Promise<ReportedValue> {
  const value = await (await ctx.db()).findOneByOrFail(ReportedValue, { organizationId: changed.organizationId, id: changed.id });
  await publishEvent(ctx, {
    type,
    subjectType: EventSubjectType.REPORTED_VALUE,
    subjectId: value.id,
    subjectVersion: null,
    organizationId: value.organizationId,
    partyOrganizationId: value.reporterOrganizationId,
  });
  return value;
}

export async function reviewReportedValue(ctx: RequestContext, input: ReviewReportedValueInput): Promise<ReportedValue> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const visible = await em.findOneBy(ReportedValue, { id: input.reportedValueId });
  if (!visible) throw notFound('Reported value', ['input', 'reportedValueId']);
  const program = await getProgram(ctx, visible.programId, ['input', 'reportedValueId']);
  await requireRole(ctx, program, [ProgramMemberRole.LEAD], 'approve or reject reported values');
  const value = await em.findOneOrFail(ReportedValue, {
    where: { organizationId: visible.organizationId, id: visible.id },
    lock: { mode: 'pessimistic_write' },
  });
  if (value.status !== ReportedValueStatus.SUBMITTED) {
    throw conflict(`This value is already ${value.status}: an approved value is locked, submit a correction instead`, {
      status: value.status,
      revision: value.revision,
    });
  }
  const review = { reviewedByUserId: principal.userId, reviewedAt: () => 'now()', reviewNote: input.note ?? null };
  if (input.approve) {
    await em
      .createQueryBuilder()
      .update(ReportedValue)
      .set({ status: ReportedValueStatus.SUPERSEDED })
      .where('organization_id = :organizationId AND indicator_id = :indicatorId AND reporter_organization_id = :reporter', {
        organizationId: value.organizationId,
        indicatorId: value.indicatorId,
        reporter: value.reporterOrganizationId,
      })
      .andWhere('period_type = :periodType AND period_start = :periodStart AND status = :approved', { ...value, approved: ReportedValueStatus.APPROVED })
      .andWhere('dimension IS NOT DISTINCT FROM :dimension AND dimension_value IS NOT DISTINCT FROM :dimensionValue', value)
      .execute();
  }
  await em
    .createQueryBuilder()
    .update(ReportedValue)
    .set({ status: input.approve ? ReportedValueStatus.APPROVED : ReportedValueStatus.REJECTED, ...review })
    .where('organization_id = :organizationId AND id = :id', { organizationId: value.organizationId, id: value.id })
    .execute();
  return announceReportedValue(ctx, OrganizationEventType.REPORTED_VALUE_REVIEWED, value);
}

/** Reported values of a programme: all of them for the lead, its own for a partner. Funders read metrics instead. */
export async function listReportedValues(ctx: RequestContext, args: ProgramRecordsArgs): Promise<Page<ReportedValue>> {
  const program = await getProgram(ctx, args.programId, ['programId']);
  await requireRole(ctx, program, [ProgramMemberRole.LEAD, ProgramMemberRole.IMPLEMENTING_PARTNER], 'list reported values');
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(ReportedValue, 'v')
    .where('v.organization_id = :lead AND v.program_id = :programId', { lead: program.organizationId, programId: program.id });
  if (organizationId !== program.organizationId) query.andWhere('v.reporter_organization_id = :organizationId', { organizationId });
  return paginate(
    query,
    args,
    [
      { column: 'v.created_at', value: (v) => v.createdAt, type: 'timestamptz' },
      { column: 'v.id', value: (v) => v.id, type: 'uuid' },
    ],
    ctx.config.graphql.maxPageSize,
  );
}
