import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound } from '../../common/errors';
import { creationOrder, paginate, type Page } from '../../common/pagination';
import type { RequestContext, UserPrincipal } from '../../context/request-context';
import { actorName } from '../auth/user.loaders';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent } from '../events/events.service';
import { organizationLoader } from '../organizations/organization.loaders';
import type { ChangePartnershipStatusInput, PartnershipsArgs, ProposePartnershipInput } from './dto/partnership.inputs';
import { PartnershipEvent } from './partnership-event.entity';
import { Partnership } from './partnership.entity';
import { checkPartnershipTransition, OPEN_PARTNERSHIP_STATUSES, PartnershipStatus } from './partnership.lifecycle';
import { partnershipLoader } from './partnership.loaders';
import { sideOf } from './partnership.policy';

export async function getPartnership(ctx: RequestContext, id: string, argumentPath: readonly (string | number)[] = ['id']) {
  const partnership = await ctx.loader(partnershipLoader).load(id);
  if (!partnership) throw notFound('Partnership', argumentPath);
  return partnership;
}

export async function listPartnerships(ctx: RequestContext, args: PartnershipsArgs): Promise<Page<Partnership>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(Partnership, 'p')
    .where('(p.organization_id = :organizationId OR p.partner_organization_id = :organizationId)', { organizationId });
  if (args.statuses?.length) query.andWhere('p.status IN (:...statuses)', { statuses: args.statuses });
  return paginate(query, args, creationOrder('p'), ctx.config.graphql.maxPageSize);
}

export async function proposePartnership(ctx: RequestContext, input: ProposePartnershipInput): Promise<Partnership> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  if (input.partnerOrganizationId === principal.organizationId) {
    throw badInput('An organization cannot partner with itself', ['input', 'partnerOrganizationId']);
  }
  if (!(await ctx.loader(organizationLoader).load(input.partnerOrganizationId))) {
    throw notFound('Organization', ['input', 'partnerOrganizationId']);
  }
  if (input.endsOn && input.endsOn < input.startsOn) throw badInput('endsOn must not be before startsOn', ['input', 'endsOn']);

  // One open partnership per pair, whichever side proposed: serialize proposals for the pair, then look.
  const pair = [principal.organizationId, input.partnerOrganizationId].sort().join(':');
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`partnership:${pair}`]);
  const open = await em
    .createQueryBuilder(Partnership, 'p')
    .where('p.status IN (:...open)', { open: OPEN_PARTNERSHIP_STATUSES })
    .andWhere(
      '((p.organization_id = :me AND p.partner_organization_id = :other) OR (p.organization_id = :other AND p.partner_organization_id = :me))',
      { me: principal.organizationId, other: input.partnerOrganizationId },
    )
    .getOne();
  if (open) {
    throw conflict(`There is already a ${open.status} partnership with this organization: change that one instead`, {
      partnershipId: open.id,
      status: open.status,
      version: open.version,
    });
  }

  const partnership = em.create(Partnership, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    partnerOrganizationId: input.partnerOrganizationId,
    status: PartnershipStatus.PROPOSED,
    purpose: input.purpose.trim(),
    legalBasis: input.legalBasis,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    agreementReference: input.agreementReference ?? null,
    proposerShares: input.proposerShares,
    partnerShares: input.partnerShares,
    proposedByUserId: principal.userId,
    suspendedByOrganizationId: null,
  });
  await em.insert(Partnership, partnership);
  await recordPartnershipEvent(ctx, principal, partnership, null, input.note ?? null);
  return em.findOneByOrFail(Partnership, { organizationId: partnership.organizationId, id: partnership.id });
}

export async function changePartnershipStatus(ctx: RequestContext, input: ChangePartnershipStatusInput): Promise<Partnership> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const partnership = await em.findOne(Partnership, { where: { id: input.partnershipId }, lock: { mode: 'pessimistic_write' } });
  const side = partnership && sideOf(partnership, principal.organizationId);
  if (!partnership || !side) throw notFound('Partnership', ['input', 'partnershipId']);
  if (partnership.version !== input.expectedVersion) {
    throw conflict(`This partnership changed since you read it: it is ${partnership.status} now (version ${partnership.version})`, {
      status: partnership.status,
      version: partnership.version,
    });
  }
  const check = checkPartnershipTransition(partnership.status, input.status, {
    side,
    suspendedByActor: partnership.suspendedByOrganizationId === principal.organizationId,
  });
  if (!check.ok) throw badInput(check.message, ['input', 'status']);

  const from = partnership.status;
  partnership.status = input.status;
  partnership.suspendedByOrganizationId = input.status === PartnershipStatus.SUSPENDED ? principal.organizationId : null;
  const saved = await em.save(partnership);
  await recordPartnershipEvent(ctx, principal, saved, from, input.note ?? null);
  return saved;
}

async function recordPartnershipEvent(
  ctx: RequestContext,
  principal: UserPrincipal,
  partnership: Partnership,
  from: PartnershipStatus | null,
  note: string | null,
): Promise<void> {
  await (await ctx.db()).insert(PartnershipEvent, {
    organizationId: partnership.organizationId,
    id: randomUUID(),
    partnerOrganizationId: partnership.partnerOrganizationId,
    partnershipId: partnership.id,
    fromStatus: from,
    toStatus: partnership.status,
    note,
    actorOrganizationId: principal.organizationId,
    actorUserId: principal.userId,
    actorName: await actorName(ctx, principal),
  });
  await publishEvent(ctx, {
    type: from === null ? OrganizationEventType.PARTNERSHIP_PROPOSED : OrganizationEventType.PARTNERSHIP_STATUS_CHANGED,
    subjectType: EventSubjectType.PARTNERSHIP,
    subjectId: partnership.id,
    // A proposal is the partnership's first version; a change was saved with its new one.
    subjectVersion: from === null ? 1 : partnership.version,
    organizationId: partnership.organizationId,
    partyOrganizationId: partnership.partnerOrganizationId,
  });
}
