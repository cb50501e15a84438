import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import { EXPORT_FIELD, HEAVY_FIELD } from '../../common/request-class';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { auditClientRead } from '../audit/audit.service';
import { findClientRecord } from '../clients/client.service';
import { Client, ownerView } from '../clients/client.views';
import { serviceCategoryLoader, serviceLoader } from '../directory/directory.loaders';
import { Service } from '../directory/service.entity';
import { ServiceCategory } from '../directory/service-category.entity';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { ProgramEnrollment, ServiceDelivery } from './activity.entity';
import { enrollClient, listOwnEnrollments, recordServiceDelivery } from './activity.service';
import {
  AddIndicatorInput,
  AddProgramResultInput,
  CreateProgramInput,
  EnrollClientInput,
  InviteProgramMemberInput,
  ProgramMembershipChangeInput,
  ProgramMetricsArgs,
  ProgramRecordsArgs,
  ProgramsArgs,
  RecordServiceDeliveryInput,
  ReviewReportedValueInput,
  SetIndicatorTargetInput,
  SubmitReportedValueInput,
} from './dto/program.inputs';
import { Indicator, IndicatorTarget, ProgramResult } from './indicator.entity';
import { createExportLink, programIatiXml, programResultsCsv } from './export.service';
import { CreateExportLinkInput, ExportLink } from './export-links';
import { exportCost, metricsCost } from './metrics-cost';
import { ProgramMetrics } from './metrics.types';
import { programMetrics } from './metrics.service';
import { ProgramMember } from './program-member.entity';
import { ProgramMemberRole } from './program.enums';
import { Program } from './program.entity';
import { indicatorTargetsLoader, programMembersLoader, programResultsLoader, resultIndicatorsLoader } from './program.loaders';
import {
  addIndicator,
  addProgramResult,
  createProgram,
  getProgram,
  inviteProgramMember,
  listPrograms,
  removeProgramMember,
  respondToProgramInvitation,
  roleIn,
  setIndicatorTarget,
} from './program.service';
import { ReportedValue } from './reported-value.entity';
import { listReportedValues, reviewReportedValue, submitReportedValue } from './reporting.service';
import { Idempotent } from '../operations/idempotency';

export const ProgramConnection = Connection(Program, 'Program', 'A page of programmes, oldest first.');
export const ProgramEnrollmentConnection = Connection(ProgramEnrollment, 'ProgramEnrollment', 'A page of your enrolments, by enrolment date.');
export const ReportedValueConnection = Connection(ReportedValue, 'ReportedValue', 'A page of reported values, oldest first.');

@Resolver(() => Program)
export class ProgramResolver {
  @Authorized(Permission.PROGRAMS_READ)
  @Query(() => ProgramConnection, { description: 'Programmes the acting organization leads, is a member of, or is invited to.' })
  programs(@Ctx() ctx: RequestContext, @Args(() => ProgramsArgs) args: ProgramsArgs) {
    return listPrograms(ctx, args);
  }

  @Authorized(Permission.PROGRAMS_READ)
  @Query(() => Program, { description: 'One programme the acting organization leads, is a member of, or is invited to.' })
  program(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The programme id.' }) id: string) {
    assertUuid(id, ['id']);
    return getProgram(ctx, id);
  }

  @Authorized(Permission.METRICS_READ)
  @Extensions(HEAVY_FIELD)
  @Query(() => ProgramMetrics, {
    complexity: metricsCost,
    description:
      "A programme's aggregate figures as a time series, optionally broken down by one dimension: people enrolled and served, services by category, and each indicator's target, actual and progress. Any active member, and API keys with METRICS_READ.",
  })
  programMetrics(@Ctx() ctx: RequestContext, @Args(() => ProgramMetricsArgs) args: ProgramMetricsArgs) {
    return programMetrics(ctx, args);
  }

  @Authorized(Permission.METRICS_READ)
  @Extensions(EXPORT_FIELD)
  @Query(() => String, {
    complexity: exportCost,
    description:
      "A programme's results as CSV (RFC 4180, UTF-8): one row per indicator, period and cell: overall, then each value of each dimension the indicator is reported by, or, with `disaggregateBy`, of that dimension only (for the indicators reported by it). The same suppression as `programMetrics`. Any active member, and API keys with METRICS_READ.",
  })
  programResultsCsv(@Ctx() ctx: RequestContext, @Args(() => ProgramMetricsArgs) args: ProgramMetricsArgs) {
    return programResultsCsv(ctx, args);
  }

  @Authorized(Permission.METRICS_READ)
  @Extensions(EXPORT_FIELD)
  @Query(() => String, {
    complexity: exportCost,
    description:
      "A programme's results as an IATI 2.03 activity document (iati-activities XML): result → indicator → baseline / period → target / actual, disaggregations as dimensions (every dimension each indicator is reported by, or, with `disaggregateBy`, that dimension only), suppressed actuals without a value. Any active member, and API keys with METRICS_READ.",
  })
  programIatiXml(@Ctx() ctx: RequestContext, @Args(() => ProgramMetricsArgs) args: ProgramMetricsArgs) {
    return programIatiXml(ctx, args);
  }

  @Authorized(Permission.METRICS_READ)
  @Mutation(() => ExportLink, {
    description:
      'Makes a short-lived link (EXPORT_LINK_TTL_SECONDS, 5 minutes by default) that downloads `programResultsCsv` or `programIatiXml` as a file without any header, for a browser. The download is checked again as you, with this session: it stops working when the session ends, and answers as the field would then. People only (an API key downloads with its `Authorization` header); any active member.',
  })
  createExportLink(@Ctx() ctx: RequestContext, @Arg('input', () => CreateExportLinkInput) input: CreateExportLinkInput) {
    return createExportLink(ctx, input);
  }

  @Authorized(Permission.CLIENTS_READ)
  @Query(() => ProgramEnrollmentConnection, { description: "Your own organization's enrolments in a programme. Nobody else sees them, not even the lead." })
  programEnrollments(@Ctx() ctx: RequestContext, @Args(() => ProgramRecordsArgs) args: ProgramRecordsArgs) {
    return listOwnEnrollments(ctx, args);
  }

  @Authorized(Permission.PROGRAMS_READ)
  @Query(() => ReportedValueConnection, {
    description: 'Reported values of a programme, every version: all of them for the lead, your own for an implementing partner. Funders read `programMetrics`.',
  })
  reportedValues(@Ctx() ctx: RequestContext, @Args(() => ProgramRecordsArgs) args: ProgramRecordsArgs) {
    return listReportedValues(ctx, args);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => Program, { description: 'Creates a programme led by the acting organization. Admins and coordinators.' })
  @Idempotent(Program)
  createProgram(@Ctx() ctx: RequestContext, @Arg('input', () => CreateProgramInput) input: CreateProgramInput) {
    return createProgram(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ProgramMember, { description: 'Lead: invites an organization as implementing partner or funder. Admins and coordinators.' })
  inviteProgramMember(@Ctx() ctx: RequestContext, @Arg('input', () => InviteProgramMemberInput) input: InviteProgramMemberInput) {
    return inviteProgramMember(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ProgramMember, { description: "Accepts your organization's invitation into a programme. Admins and coordinators." })
  acceptProgramInvitation(@Ctx() ctx: RequestContext, @Arg('input', () => ProgramMembershipChangeInput) input: ProgramMembershipChangeInput) {
    return respondToProgramInvitation(ctx, input, true);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ProgramMember, { description: "Declines your organization's invitation into a programme. Admins and coordinators." })
  declineProgramInvitation(@Ctx() ctx: RequestContext, @Arg('input', () => ProgramMembershipChangeInput) input: ProgramMembershipChangeInput) {
    return respondToProgramInvitation(ctx, input, false);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ProgramMember, { description: 'Lead: removes a member or withdraws an invitation; the member stops seeing the programme at once.' })
  removeProgramMember(@Ctx() ctx: RequestContext, @Arg('input', () => ProgramMembershipChangeInput) input: ProgramMembershipChangeInput) {
    return removeProgramMember(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ProgramResult, { description: 'Lead: adds a result to the results framework.' })
  @Idempotent(ProgramResult)
  addProgramResult(@Ctx() ctx: RequestContext, @Arg('input', () => AddProgramResultInput) input: AddProgramResultInput) {
    return addProgramResult(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => Indicator, { description: 'Lead: adds an indicator to a result.' })
  @Idempotent(Indicator)
  addIndicator(@Ctx() ctx: RequestContext, @Arg('input', () => AddIndicatorInput) input: AddIndicatorInput) {
    return addIndicator(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => IndicatorTarget, { description: "Lead: sets (or replaces) an indicator's target for a period, overall or for one dimension value." })
  setIndicatorTarget(@Ctx() ctx: RequestContext, @Arg('input', () => SetIndicatorTargetInput) input: SetIndicatorTargetInput) {
    return setIndicatorTarget(ctx, input);
  }

  @Authorized(Permission.PROGRAM_ACTIVITY_WRITE)
  @Mutation(() => ProgramEnrollment, { description: 'Lead or implementing partner: enrols one of your clients in the programme.' })
  @Idempotent(ProgramEnrollment)
  enrollClient(@Ctx() ctx: RequestContext, @Arg('input', () => EnrollClientInput) input: EnrollClientInput) {
    return enrollClient(ctx, input);
  }

  @Authorized(Permission.PROGRAM_ACTIVITY_WRITE)
  @Mutation(() => ServiceDelivery, { description: 'Lead or implementing partner: records a service you delivered to a client you enrolled.' })
  @Idempotent(ServiceDelivery)
  recordServiceDelivery(@Ctx() ctx: RequestContext, @Arg('input', () => RecordServiceDeliveryInput) input: RecordServiceDeliveryInput) {
    return recordServiceDelivery(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ReportedValue, { description: 'Lead or implementing partner: submits a value (or a correction, as a new version) for a REPORTED indicator. Admins and coordinators.' })
  submitReportedValue(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitReportedValueInput) input: SubmitReportedValueInput) {
    return submitReportedValue(ctx, input);
  }

  @Authorized(Permission.PROGRAMS_MANAGE)
  @Mutation(() => ReportedValue, { description: 'Lead: approves (and locks) or rejects a submitted value. Admins and coordinators.' })
  reviewReportedValue(@Ctx() ctx: RequestContext, @Arg('input', () => ReviewReportedValueInput) input: ReviewReportedValueInput) {
    return reviewReportedValue(ctx, input);
  }

  @FieldResolver(() => Organization, { description: 'The lead organization.' })
  lead(@Root() program: Program, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(program.organizationId);
  }

  @FieldResolver(() => ProgramMemberRole, { nullable: true, description: "The acting organization's role; null while only invited." })
  myRole(@Root() program: Program, @Ctx() ctx: RequestContext) {
    return roleIn(ctx, program);
  }

  @FieldResolver(() => [ProgramMember], { description: 'Memberships: all of them for the lead; your own for a member.' })
  members(@Root() program: Program, @Ctx() ctx: RequestContext) {
    return ctx.loader(programMembersLoader).load(program);
  }

  @FieldResolver(() => [ProgramResult], { description: 'The results framework: results in the order they were added. Active members only.' })
  results(@Root() program: Program, @Ctx() ctx: RequestContext) {
    return ctx.loader(programResultsLoader).load(program);
  }
}

@Resolver(() => ProgramMember)
export class ProgramMemberResolver {
  @FieldResolver(() => Organization, { description: 'The member organization.' })
  organization(@Root() member: ProgramMember, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(member.memberOrganizationId);
  }

  @FieldResolver(() => ID, { description: 'The programme.' })
  programId(@Root() member: ProgramMember) {
    return member.programId;
  }
}

@Resolver(() => ProgramResult)
export class ProgramResultResolver {
  @FieldResolver(() => [Indicator], { description: 'Its indicators, by code.' })
  indicators(@Root() result: ProgramResult, @Ctx() ctx: RequestContext) {
    return ctx.loader(resultIndicatorsLoader).load(result);
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => ServiceCategory, { nullable: true, description: 'For derived service indicators: the category counted; null for all.' })
  serviceCategory(@Root() indicator: Indicator, @Ctx() ctx: RequestContext) {
    return indicator.serviceCategoryCode ? ctx.loader(serviceCategoryLoader).load(indicator.serviceCategoryCode) : null;
  }

  @FieldResolver(() => [IndicatorTarget], { description: 'Targets by period, overall and per dimension value.' })
  targets(@Root() indicator: Indicator, @Ctx() ctx: RequestContext) {
    return ctx.loader(indicatorTargetsLoader).load(indicator);
  }
}

@Resolver(() => ReportedValue)
export class ReportedValueResolver {
  @FieldResolver(() => Organization, { description: 'The member that reported it.' })
  reporter(@Root() value: ReportedValue, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(value.reporterOrganizationId);
  }

  @FieldResolver(() => ID, { description: 'The indicator.' })
  indicatorId(@Root() value: ReportedValue) {
    return value.indicatorId;
  }
}

@Resolver(() => ProgramEnrollment)
export class ProgramEnrollmentResolver {
  @FieldResolver(() => Client, { description: 'Your client. Audited.' })
  async client(@Root() enrollment: ProgramEnrollment, @Ctx() ctx: RequestContext) {
    const record = await findClientRecord(ctx, enrollment.clientId, ['clientId']);
    await auditClientRead(ctx, record);
    return ownerView(record);
  }

  @FieldResolver(() => ID, { description: 'The programme.' })
  programId(@Root() enrollment: ProgramEnrollment) {
    return enrollment.programId;
  }
}

@Resolver(() => ServiceDelivery)
export class ServiceDeliveryResolver {
  @FieldResolver(() => Service, { nullable: true, description: 'The service delivered.' })
  service(@Root() delivery: ServiceDelivery, @Ctx() ctx: RequestContext) {
    return ctx.loader(serviceLoader).load({ organizationId: delivery.memberOrganizationId, id: delivery.serviceId });
  }

  @FieldResolver(() => ID, { description: 'The enrolment it was delivered under.' })
  enrollmentId(@Root() delivery: ServiceDelivery) {
    return delivery.enrollmentId;
  }
}
