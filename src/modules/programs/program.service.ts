import { randomUUID } from 'node:crypto';
import { badInput, conflict, forbidden, isUniqueViolation, notFound } from '../../common/errors';
import { paginate, type Page } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import { serviceCategoryLoader } from '../directory/directory.loaders';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent } from '../events/events.service';
import { organizationLoader } from '../organizations/organization.loaders';
import type {
  AddIndicatorInput,
  AddProgramResultInput,
  CreateProgramInput,
  InviteProgramMemberInput,
  ProgramMembershipChangeInput,
  ProgramsArgs,
  SetIndicatorTargetInput,
} from './dto/program.inputs';
import { dimensionValues } from './dimensions';
import { Indicator, IndicatorTarget, ProgramResult } from './indicator.entity';
import { isPeriodStart } from './periods';
import { ProgramMember } from './program-member.entity';
import { IndicatorSource, ProgramMemberRole, ProgramMemberStatus } from './program.enums';
import { Program } from './program.entity';
import { ownProgramMembershipLoader } from './program.loaders';

export async function listPrograms(ctx: RequestContext, args: ProgramsArgs): Promise<Page<Program>> {
  const query = (await ctx.db()).createQueryBuilder(Program, 'p');
  return paginate(
    query,
    args,
    [
      { column: 'p.created_at', value: (p) => p.createdAt, type: 'timestamptz' },
      { column: 'p.id', value: (p) => p.id, type: 'uuid' },
    ],
    ctx.config.graphql.maxPageSize,
  );
}

/** A programme the acting organization leads, belongs to, or is invited to; NOT_FOUND otherwise. */
export async function getProgram(ctx: RequestContext, id: string, argumentPath: readonly (string | number)[] = ['id']): Promise<Program> {
  const program = await (await ctx.db()).findOneBy(Program, { id });
  if (!program) throw notFound('Program', argumentPath);
  return program;
}

/** The acting organization's ACTIVE role in the programme, or null. */
export async function roleIn(ctx: RequestContext, program: Program): Promise<ProgramMemberRole | null> {
  const membership = await ctx.loader(ownProgramMembershipLoader).load(program.id);
  return membership?.status === ProgramMemberStatus.ACTIVE ? membership.role : null;
}

export async function requireRole(
  ctx: RequestContext,
  program: Program,
  roles: readonly ProgramMemberRole[],
  action: string,
): Promise<ProgramMemberRole> {
  const role = await roleIn(ctx, program);
  if (!role || !roles.includes(role)) {
    throw forbidden(`Only ${roles.join(' or ')} members of the programme can ${action}`, 'PROGRAM_ROLE');
  }
  return role;
}

export async function createProgram(ctx: RequestContext, input: CreateProgramInput): Promise<Program> {
  const principal = await ctx.requireUser();
  if (input.endsOn && input.endsOn < input.startsOn) throw badInput('endsOn must not be before startsOn', ['input', 'endsOn']);
  const em = await ctx.db();
  const program = em.create(Program, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    name: input.name.trim(),
    description: input.description ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    regions: input.regions.map((region) => region.trim()),
    targetPopulations: input.targetPopulations,
    sdgTargets: input.sdgTargets,
    suppressionThreshold: input.suppressionThreshold,
    createdByUserId: principal.userId,
  });
  await em.insert(Program, program);
  await em.insert(ProgramMember, {
    organizationId: program.organizationId,
    id: randomUUID(),
    programId: program.id,
    memberOrganizationId: principal.organizationId,
    role: ProgramMemberRole.LEAD,
    status: ProgramMemberStatus.ACTIVE,
  });
  return em.findOneByOrFail(Program, { organizationId: program.organizationId, id: program.id });
}

/** Lead-only changes to the programme: the lead is the organization that owns its rows. */
async function leadProgram(ctx: RequestContext, programId: string, argumentPath: readonly (string | number)[]): Promise<Program> {
  const program = await getProgram(ctx, programId, argumentPath);
  await requireRole(ctx, program, [ProgramMemberRole.LEAD], 'do this');
  return program;
}

export async function inviteProgramMember(ctx: RequestContext, input: InviteProgramMemberInput): Promise<ProgramMember> {
  const program = await leadProgram(ctx, input.programId, ['input', 'programId']);
  if (input.role === ProgramMemberRole.LEAD) throw badInput('A programme has one lead: invite IMPLEMENTING_PARTNER or FUNDER', ['input', 'role']);
  if (!(await ctx.loader(organizationLoader).load(input.organizationId))) throw notFound('Organization', ['input', 'organizationId']);
  const em = await ctx.db();
  const existing = await em.findOne(ProgramMember, {
    where: { organizationId: program.organizationId, programId: program.id, memberOrganizationId: input.organizationId },
    lock: { mode: 'pessimistic_write' },
  });
  if (existing && [ProgramMemberStatus.ACTIVE, ProgramMemberStatus.INVITED].includes(existing.status)) {
    throw conflict(`This organization is already ${existing.status} in the programme`, { membershipId: existing.id, status: existing.status });
  }
  if (existing) {
    await em
      .createQueryBuilder()
      .update(ProgramMember)
      .set({ status: ProgramMemberStatus.INVITED, role: input.role, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('organization_id = :organizationId AND id = :id', { organizationId: existing.organizationId, id: existing.id })
      .execute();
    return announceMembership(ctx, OrganizationEventType.PROGRAM_MEMBER_INVITED, existing);
  }
  const member = em.create(ProgramMember, {
    organizationId: program.organizationId,
    id: randomUUID(),
    programId: program.id,
    memberOrganizationId: input.organizationId,
    role: input.role,
    status: ProgramMemberStatus.INVITED,
  });
  try {
    await em.insert(ProgramMember, member);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_program_members_program_member')) throw conflict('This organization was invited at the same moment');
    throw error;
  }
  return announceMembership(ctx, OrganizationEventType.PROGRAM_MEMBER_INVITED, member);
}

/** The membership as changed, told to the lead and the member organization. */
async function announceMembership(ctx: RequestContext, type: OrganizationEventType, changed: ProgramMember): Promise<ProgramMember> {
  const member = await (await ctx.db()).findOneByOrFail(ProgramMember, { organizationId: changed.organizationId, id: changed.id });
  await publishEvent(ctx, {
    type,
    subjectType: EventSubjectType.PROGRAM_MEMBER,
    subjectId: member.id,
    subjectVersion: member.version,
    organizationId: member.organizationId,
    partyOrganizationId: member.memberOrganizationId,
  });
  return member;
}

async function changeMembership(
  ctx: RequestContext,
  input: ProgramMembershipChangeInput,
  decide: (member: ProgramMember, organizationId: string) => ProgramMemberStatus,
): Promise<ProgramMember> {
  const { organizationId } = await ctx.requireUser();
  const em = await ctx.db();
  const member = await em.findOne(ProgramMember, { where: { id: input.membershipId }, lock: { mode: 'pessimistic_write' } });
  if (!member) throw notFound('Program membership', ['input', 'membershipId']);
  if (member.version !== input.expectedVersion) {
    throw conflict(`This membership changed since you read it: it is ${member.status} now (version ${member.version})`, {
      status: member.status,
      version: member.version,
    });
  }
  const status = decide(member, organizationId);
  await em
    .createQueryBuilder()
    .update(ProgramMember)
    .set({ status, version: () => 'version + 1', updatedAt: () => 'now()' })
    .where('organization_id = :organizationId AND id = :id', { organizationId: member.organizationId, id: member.id })
    .execute();
  ctx.loader(ownProgramMembershipLoader).clearAll();
  return announceMembership(ctx, OrganizationEventType.PROGRAM_MEMBERSHIP_CHANGED, member);
}

export const respondToProgramInvitation = (ctx: RequestContext, input: ProgramMembershipChangeInput, accept: boolean) =>
  changeMembership(ctx, input, (member, organizationId) => {
    if (member.memberOrganizationId !== organizationId) throw forbidden('Only the invited organization can answer its invitation', 'PROGRAM_ROLE');
    if (member.status !== ProgramMemberStatus.INVITED) {
      throw badInput(`This membership is ${member.status}: only an INVITED one can be answered`, ['input', 'membershipId']);
    }
    return accept ? ProgramMemberStatus.ACTIVE : ProgramMemberStatus.DECLINED;
  });

export const removeProgramMember = (ctx: RequestContext, input: ProgramMembershipChangeInput) =>
  changeMembership(ctx, input, (member, organizationId) => {
    if (member.organizationId !== organizationId) throw forbidden('Only the lead can remove members', 'PROGRAM_ROLE');
    if (member.role === ProgramMemberRole.LEAD) throw badInput('The lead cannot be removed from its programme', ['input', 'membershipId']);
    if (![ProgramMemberStatus.ACTIVE, ProgramMemberStatus.INVITED].includes(member.status)) {
      throw badInput(`This membership is already ${member.status}`, ['input', 'membershipId']);
    }
    return ProgramMemberStatus.REMOVED;
  });

export async function addProgramResult(ctx: RequestContext, input: AddProgramResultInput): Promise<ProgramResult> {
  const program = await leadProgram(ctx, input.programId, ['input', 'programId']);
  const em = await ctx.db();
  const result = em.create(ProgramResult, {
    organizationId: program.organizationId,
    id: randomUUID(),
    programId: program.id,
    type: input.type,
    title: input.title.trim(),
    description: input.description ?? null,
  });
  await em.insert(ProgramResult, result);
  return em.findOneByOrFail(ProgramResult, { organizationId: result.organizationId, id: result.id });
}

export async function addIndicator(ctx: RequestContext, input: AddIndicatorInput): Promise<Indicator> {
  const em = await ctx.db();
  const result = await em.findOneBy(ProgramResult, { id: input.resultId });
  if (!result) throw notFound('Program result', ['input', 'resultId']);
  const program = await leadProgram(ctx, result.programId, ['input', 'resultId']);
  const derivedFromServices = [IndicatorSource.PEOPLE_SERVED, IndicatorSource.SERVICE_DELIVERIES].includes(input.source);
  if (input.serviceCategoryCode) {
    if (!derivedFromServices) throw badInput('serviceCategoryCode applies to PEOPLE_SERVED and SERVICE_DELIVERIES only', ['input', 'serviceCategoryCode']);
    if (!(await ctx.loader(serviceCategoryLoader).load(input.serviceCategoryCode))) {
      throw badInput(`${input.serviceCategoryCode} is not a service category`, ['input', 'serviceCategoryCode']);
    }
  }
  if ((input.baselineValue == null) !== (input.baselineYear == null)) {
    throw badInput('Give baselineValue and baselineYear together', ['input', 'baselineYear']);
  }
  const indicator = em.create(Indicator, {
    organizationId: program.organizationId,
    id: randomUUID(),
    programId: program.id,
    resultId: result.id,
    code: input.code,
    name: input.name.trim(),
    description: input.description ?? null,
    measure: input.measure,
    aggregation: input.aggregation,
    direction: input.direction,
    source: input.source,
    serviceCategoryCode: input.serviceCategoryCode ?? null,
    baselineValue: input.baselineValue ?? null,
    baselineYear: input.baselineYear ?? null,
    disaggregations: input.disaggregations,
  });
  try {
    await em.insert(Indicator, indicator);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_indicators_program_code')) throw conflict(`The programme already has an indicator ${input.code}`);
    throw error;
  }
  return em.findOneByOrFail(Indicator, { organizationId: indicator.organizationId, id: indicator.id });
}

/** Checks a (dimension, value) cell against the indicator's dimensions and the shared code lists. */
export function assertCell(
  indicator: Indicator,
  program: Program,
  cell: { dimension?: string | null; dimensionValue?: string | null },
  argumentPath: readonly (string | number)[],
): void {
  if ((cell.dimension == null) !== (cell.dimensionValue == null)) {
    throw badInput('Give dimension and dimensionValue together, or neither for the overall value', [...argumentPath, 'dimensionValue']);
  }
  if (cell.dimension == null) return;
  if (!indicator.disaggregations.includes(cell.dimension as never)) {
    throw badInput(`Indicator ${indicator.code} is not disaggregated by ${cell.dimension}`, [...argumentPath, 'dimension']);
  }
  const allowed = dimensionValues(cell.dimension as never, program);
  if (!allowed.includes(cell.dimensionValue!)) {
    throw badInput(`${cell.dimensionValue} is not a ${cell.dimension} value: use one of ${allowed.join(', ')}`, [...argumentPath, 'dimensionValue']);
  }
}

export async function setIndicatorTarget(ctx: RequestContext, input: SetIndicatorTargetInput): Promise<IndicatorTarget> {
  const em = await ctx.db();
  const indicator = await em.findOneBy(Indicator, { id: input.indicatorId });
  if (!indicator) throw notFound('Indicator', ['input', 'indicatorId']);
  const program = await leadProgram(ctx, indicator.programId, ['input', 'indicatorId']);
  if (!isPeriodStart(input.periodStart, input.periodType)) {
    throw badInput(`periodStart must be the first day of a ${input.periodType.toLowerCase()}`, ['input', 'periodStart']);
  }
  assertCell(indicator, program, input, ['input']);
  await em.query(
    `INSERT INTO indicator_targets (organization_id, id, program_id, indicator_id, period_type, period_start, dimension, dimension_value, value)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (organization_id, indicator_id, period_type, period_start, dimension, dimension_value) DO UPDATE SET value = EXCLUDED.value`,
    [
      indicator.organizationId,
      randomUUID(),
      indicator.programId,
      indicator.id,
      input.periodType,
      input.periodStart,
      input.dimension ?? null,
      input.dimensionValue ?? null,
      input.value,
    ],
  );
  return em
    .createQueryBuilder(IndicatorTarget, 't')
    .where('t.organization_id = :organizationId AND t.indicator_id = :indicatorId', { organizationId: indicator.organizationId, indicatorId: indicator.id })
    .andWhere('t.period_type = :periodType AND t.period_start = :periodStart', input)
    .andWhere('t.dimension IS NOT DISTINCT FROM :dimension AND t.dimension_value IS NOT DISTINCT FROM :dimensionValue', {
      dimension: input.dimension ?? null,
      dimensionValue: input.dimensionValue ?? null,
    })
    .getOneOrFail();
}
