import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError, badInput, conflict, ErrorCode, forbidden, notFound } from '../../common/errors';
import { Permission, roleGrants } from '../../common/permissions';
import type { RequestContext, UserPrincipal } from '../../context/request-context';
import { today } from '../../common/dates';
import { recordAudit } from '../audit/audit.service';
import { consentInForce } from '../clients/client-field';
import { ConsentScope } from '../clients/client.enums';
import { findOwnClient } from '../clients/client.service';
import { Consent } from '../clients/consent.entity';
import { serviceLoader } from '../directory/directory.loaders';
import { Service, ServiceStatus } from '../directory/service.entity';
import { findMember } from '../auth/members.service';
import { actorName, userLoader } from '../auth/user.loaders';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent } from '../events/events.service';
import { organizationLoader } from '../organizations/organization.loaders';
import { sharingPartnershipLoader } from '../partnerships/partnership.loaders';
import { allowsNewReferrals } from '../partnerships/partnership.policy';
import { ProgramMemberRole } from '../programs/program.enums';
import { getProgram, requireRole } from '../programs/program.service';
import { recordReferralFact, syncReferralFact } from '../programs/referral-facts';
import type {
  AssignReferralInput,
  CloseReferralInput,
  CommentOnReferralInput,
  CompleteReferralInput,
  DeclineReferralInput,
  ForwardReferralInput,
  ReferralChangeInput,
  ReferralDetailsInput,
  SendReferralInput,
} from './dto/referral.inputs';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { OutcomeReason, ReferralEventKind, ReferralOutcome } from './referral.enums';
import { checkTransition, FORWARDABLE_STATUSES, receiverAccessEnd, ReferralStatus, type ReferralAction, type ReferralSide } from './referral.lifecycle';
import { OPEN_STATUSES } from './referral.reads';
import { ReferralBox, type ReferralCounts } from './referral.types';


export function sideOfReferral(referral: Referral, organizationId: string): ReferralSide | null {
  if (referral.organizationId === organizationId) return 'SENDER';
  if (referral.receivingOrganizationId === organizationId) return 'RECEIVER';
  return null;
}

export const isOverdue = (referral: Referral, now = new Date()) =>
  referral.dueOn !== null && referral.dueOn < today(now) && OPEN_STATUSES.includes(referral.status);

/**
 * The referral `id` on either side of the acting organization. RLS would narrow it to the same two,
 * but the read policy is written so that it never guides the planner (see the read-path
 * migration): each side's index is reached through the query's own condition.
 */
const onEitherSide = (organizationId: string, id: string) => [
  { organizationId, id },
  { receivingOrganizationId: organizationId, id },
];

export async function getReferral(ctx: RequestContext, id: string, argumentPath: readonly (string | number)[] = ['id']): Promise<Referral> {
  const { organizationId } = await ctx.requirePrincipal();
  const referral = await (await ctx.db()).findOneBy(Referral, onEitherSide(organizationId, id));
  if (!referral) throw notFound('Referral', argumentPath);
  return referral;
}

export async function countReferrals(ctx: RequestContext, box: ReferralBox): Promise<ReferralCounts> {
  const { organizationId } = await ctx.requirePrincipal();
  const column = box === ReferralBox.INBOX ? 'receiving_organization_id' : 'organization_id';
  const rows: { status: ReferralStatus; count: number; overdue: number }[] = await (await ctx.db()).query(
    `SELECT status, count(*)::int AS count,
            count(*) FILTER (WHERE due_on < $2 AND status = ANY($3))::int AS overdue
       FROM referrals WHERE ${column} = $1 GROUP BY status`,
    [organizationId, today(), OPEN_STATUSES],
  );
  return {
    box,
    byStatus: Object.values(ReferralStatus).map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 })),
    overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
    total: rows.reduce((sum, row) => sum + row.count, 0),
  };
}

/**
 * Adds a step to the referral's timeline, and tells both organizations of it (the outbox event,
 * in the same transaction). `version` is the referral's version after the step.
 */
async function appendEvent(
  ctx: RequestContext,
  principal: UserPrincipal,
  referral: Referral,
  event: {
    kind: ReferralEventKind;
    version: number;
    fromStatus?: ReferralStatus | null;
    toStatus?: ReferralStatus | null;
    note?: string | null;
    relatedId?: string | null;
  },
): Promise<ReferralEvent> {
  const em = await ctx.db();
  const row = em.create(ReferralEvent, {
    organizationId: referral.organizationId,
    id: randomUUID(),
    receivingOrganizationId: referral.receivingOrganizationId,
    referralId: referral.id,
    kind: event.kind,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    note: event.note ?? null,
    actorOrganizationId: principal.organizationId,
    actorUserId: principal.userId,
    actorName: await actorName(ctx, principal),
    relatedId: event.relatedId ?? null,
  });
  await em.insert(ReferralEvent, row);
  await publishEvent(ctx, {
    type: outboxTypeOf(event.kind, event.toStatus ?? null),
    subjectType: EventSubjectType.REFERRAL,
    subjectId: referral.id,
    subjectVersion: event.version,
    organizationId: referral.organizationId,
    partyOrganizationId: referral.receivingOrganizationId,
  });
  return row;
}

const STATUS_EVENTS: Record<ReferralStatus, OrganizationEventType> = {
  SENT: OrganizationEventType.REFERRAL_SENT,
  ACCEPTED: OrganizationEventType.REFERRAL_ACCEPTED,
  DECLINED: OrganizationEventType.REFERRAL_DECLINED,
  CANCELLED: OrganizationEventType.REFERRAL_CANCELLED,
  IN_PROGRESS: OrganizationEventType.REFERRAL_STARTED,
  COMPLETED: OrganizationEventType.REFERRAL_COMPLETED,
  CLOSED: OrganizationEventType.REFERRAL_CLOSED,
};

function outboxTypeOf(kind: ReferralEventKind, toStatus: ReferralStatus | null): OrganizationEventType {
  switch (kind) {
    case ReferralEventKind.SENT:
      return OrganizationEventType.REFERRAL_SENT;
    case ReferralEventKind.STATUS_CHANGED:
      return STATUS_EVENTS[toStatus!];
    case ReferralEventKind.ASSIGNED:
      return OrganizationEventType.REFERRAL_ASSIGNED;
    case ReferralEventKind.FORWARDED:
      return OrganizationEventType.REFERRAL_FORWARDED;
    case ReferralEventKind.COMMENTED:
      return OrganizationEventType.REFERRAL_COMMENTED;
  }
}

/** The consent a referral rests on, or the refusal that says why there is none. */
async function resolveConsent(
  em: EntityManager,
  principal: UserPrincipal,
  details: ReferralDetailsInput,
  receivingOrganizationId: string,
): Promise<Consent | null> {
  if (details.consentOverrideReason) {
    if (!roleGrants(principal.role, Permission.CONSENT_OVERRIDE)) {
      throw forbidden('Only a coordinator or admin can send a referral without consent', 'CONSENT_OVERRIDE_NOT_ALLOWED');
    }
    return null;
  }
  const now = new Date();
  const covers = (consent: Consent) =>
    consent.scope === ConsentScope.SHARING &&
    consent.clientId === details.clientId &&
    consent.recipientOrganizationId === receivingOrganizationId &&
    (consent.recipientServiceId === null || consent.recipientServiceId === details.serviceId) &&
    consentInForce(consent, now) &&
    consent.givenAt <= now;
  if (details.consentId) {
    const consent = await em.findOneBy(Consent, { organizationId: principal.organizationId, id: details.consentId });
    if (!consent) throw notFound('Consent', ['input', 'consentId']);
    if (!covers(consent)) {
      throw forbidden(
        consentInForce(consent, now)
          ? 'This consent does not cover this client, organization and service'
          : 'This consent has been revoked or has expired: record a new one, or ask a coordinator to override with a reason',
        'NO_VALID_CONSENT',
      );
    }
    return consent;
  }
  const candidates = await em.find(Consent, {
    where: { organizationId: principal.organizationId, clientId: details.clientId, recipientOrganizationId: receivingOrganizationId },
    order: { givenAt: 'DESC' },
  });
  const consent = candidates.find(covers);
  if (!consent) {
    throw forbidden(
      "No consent in force covers sharing this client with that organization: record the client's consent first, or ask a coordinator to override with a reason",
      'NO_VALID_CONSENT',
    );
  }
  return consent;
}

async function createReferral(
  ctx: RequestContext,
  details: ReferralDetailsInput,
  receiver: { organizationId: string } | { externalName: string },
  forwardedFrom: Referral | null,
): Promise<Referral> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const client = await findOwnClient(ctx, details.clientId, ['input', 'clientId']);
  const program = details.programId ? await getProgram(ctx, details.programId, ['input', 'programId']) : null;
  if (program) {
    await requireRole(ctx, program, [ProgramMemberRole.LEAD, ProgramMemberRole.IMPLEMENTING_PARTNER], 'make referrals within it');
  }
  let consent: Consent | null = null;
  let service: Service | null = null;
  let sharedFields = details.sharedFields ?? [];

  if ('organizationId' in receiver) {
    if (receiver.organizationId === principal.organizationId) {
      throw badInput('A referral goes to another organization', ['input', 'receivingOrganizationId']);
    }
    if (!(await ctx.loader(organizationLoader).load(receiver.organizationId))) {
      throw notFound('Organization', ['input', 'receivingOrganizationId']);
    }
    const partnership = await ctx.loader(sharingPartnershipLoader).load(receiver.organizationId);
    if (!allowsNewReferrals(partnership, principal.organizationId)) {
      throw forbidden(
        partnership
          ? `Your partnership with this organization is ${partnership.status} or its agreement does not let you send referrals now`
          : 'You have no active partnership with this organization: propose one first',
        'NO_ACTIVE_PARTNERSHIP',
      );
    }
    if (details.serviceId) {
      service = await ctx.loader(serviceLoader).load({ organizationId: receiver.organizationId, id: details.serviceId });
      if (!service) {
        throw notFound('Service of the receiving organization', ['input', 'serviceId']);
      }
      if (service.status !== ServiceStatus.ACTIVE || !service.acceptingReferrals) {
        throw forbidden(`${service.name} is not accepting referrals now: choose another service or ask the organization`, 'SERVICE_NOT_ACCEPTING_REFERRALS');
      }
    }
    consent = await resolveConsent(em, principal, details, receiver.organizationId);
    if (consent) {
      const beyond = sharedFields.filter((field) => !consent!.sharedFields.includes(field));
      if (details.sharedFields && beyond.length) {
        throw badInput(`The consent does not cover: ${beyond.join(', ')}`, ['input', 'sharedFields']);
      }
      if (!details.sharedFields) sharedFields = consent.sharedFields;
    }
  } else {
    for (const field of ['serviceId', 'consentId', 'sharedFields', 'consentOverrideReason'] as const) {
      if (details[field] != null) {
        throw badInput(`A logged referral shares nothing on the platform, so it takes no ${field}`, ['input', field]);
      }
    }
  }

  const referral = em.create(Referral, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    receivingOrganizationId: 'organizationId' in receiver ? receiver.organizationId : null,
    externalReceiverName: 'externalName' in receiver ? receiver.externalName.trim() : null,
    serviceId: service?.id ?? null,
    clientId: client.id,
    consentId: consent?.id ?? null,
    consentOverrideReason: 'organizationId' in receiver && !consent ? details.consentOverrideReason!.trim() : null,
    sharedFields,
    reason: details.reason.trim(),
    needs: details.needs ?? null,
    urgency: details.urgency,
    dueOn: details.dueOn ?? null,
    status: ReferralStatus.SENT,
    sentByUserId: principal.userId,
    assignedUserId: null,
    outcome: null,
    outcomeReason: null,
    serviceDelivered: null,
    forwardedFromOrganizationId: forwardedFrom?.organizationId ?? null,
    forwardedFromReferralId: forwardedFrom?.id ?? null,
    programOrganizationId: program?.organizationId ?? null,
    programId: program?.id ?? null,
  });
  await em.insert(Referral, referral);
  if (program) await recordReferralFact(ctx, program, referral);
  await appendEvent(ctx, principal, referral, {
    kind: ReferralEventKind.SENT,
    version: 1,
    toStatus: ReferralStatus.SENT,
    note: referral.consentOverrideReason ? `Sent without consent: ${referral.consentOverrideReason}` : null,
  });
  if (referral.consentOverrideReason) {
    await recordAudit(ctx, { action: 'overrideConsent', entityType: 'Referral', entityId: referral.id });
  }
  return em.findOneByOrFail(Referral, { organizationId: referral.organizationId, id: referral.id });
}

export async function sendReferral(ctx: RequestContext, input: SendReferralInput): Promise<Referral> {
  if (!input.receivingOrganizationId === !input.externalReceiverName) {
    throw badInput('Give exactly one of receivingOrganizationId or externalReceiverName', ['input', 'receivingOrganizationId']);
  }
  return createReferral(
    ctx,
    input,
    input.receivingOrganizationId ? { organizationId: input.receivingOrganizationId } : { externalName: input.externalReceiverName! },
    null,
  );
}

export async function forwardReferral(ctx: RequestContext, input: ForwardReferralInput): Promise<Referral> {
  const principal = await ctx.requireUser();
  const original = await lockReferral(ctx, input.referralId);
  if (sideOfReferral(original, principal.organizationId) !== 'RECEIVER') {
    throw forbidden('Only the receiving organization can forward a referral', 'WRONG_SIDE');
  }
  assertVersion(original, input.expectedVersion);
  if (!FORWARDABLE_STATUSES.includes(original.status)) {
    throw badInput(`Accept the referral before forwarding it (it is ${original.status})`, ['input', 'referralId']);
  }
  if (input.receivingOrganizationId === original.organizationId) {
    throw badInput('Forward to a third organization; to answer the sender, comment on the referral', ['input', 'receivingOrganizationId']);
  }
  const forwarded = await createReferral(ctx, input, { organizationId: input.receivingOrganizationId }, original);
  // Forwarding changes what the received referral is waiting on, so a second forward from the same read conflicts.
  await bumpVersion(ctx, original, {});
  await appendEvent(ctx, principal, original, {
    kind: ReferralEventKind.FORWARDED,
    version: original.version + 1,
    note: input.note ?? null,
    relatedId: input.receivingOrganizationId,
  });
  return forwarded;
}

async function lockReferral(ctx: RequestContext, referralId: string): Promise<Referral> {
  const { organizationId } = await ctx.requirePrincipal();
  const referral = await (await ctx.db()).findOne(Referral, { where: onEitherSide(organizationId, referralId), lock: { mode: 'pessimistic_write' } });
  if (!referral) throw notFound('Referral', ['input', 'referralId']);
  return referral;
}

function assertVersion(referral: Referral, expectedVersion: number): void {
  if (referral.version !== expectedVersion) {
    throw conflict(`Someone changed this referral since you read it: it is ${referral.status} now (version ${referral.version})`, {
      status: referral.status,
      version: referral.version,
    });
  }
}

type StateChanges = Partial<Pick<Referral, 'outcome' | 'outcomeReason' | 'serviceDelivered' | 'receiverAccessUntil'>>;

/**
 * Moves a referral along its lifecycle under a row lock: the first of two concurrent changes wins,
 * the second finds a new version and gets CONFLICT with the current status.
 */
async function transition(
  ctx: RequestContext,
  action: ReferralAction,
  input: ReferralChangeInput,
  changes: StateChanges = {},
  note: string | null = input.note ?? null,
): Promise<Referral> {
  const principal = await ctx.requireUser();
  const referral = await lockReferral(ctx, input.referralId);
  const side = sideOfReferral(referral, principal.organizationId)!;
  assertVersion(referral, input.expectedVersion);
  const check = checkTransition(action, referral.status, side, { logged: referral.receivingOrganizationId === null });
  if (!check.ok) {
    if (check.reason === 'WRONG_SIDE') throw forbidden(check.message, 'WRONG_SIDE');
    throw new AppError(ErrorCode.BAD_USER_INPUT, check.message, {
      argumentPath: ['input', 'referralId'],
      details: { current: { status: referral.status, version: referral.version } },
    });
  }
  if (check.to === ReferralStatus.COMPLETED || check.to === ReferralStatus.CLOSED) {
    // The receiver keeps the client's shared fields for the window its sender sets, from now.
    const sender = await ctx.loader(organizationLoader).load(referral.organizationId);
    changes = { ...changes, receiverAccessUntil: receiverAccessEnd(new Date(), sender?.receiverAccessDays ?? null) };
  }
  await bumpVersion(ctx, referral, { status: check.to, ...changes });
  if (referral.programOrganizationId) await syncReferralFact(ctx, referral, check.to, changes.outcome ?? null);
  await appendEvent(ctx, principal, referral, {
    kind: ReferralEventKind.STATUS_CHANGED,
    version: referral.version + 1,
    fromStatus: referral.status,
    toStatus: check.to,
    note,
  });
  return (await ctx.db()).findOneByOrFail(Referral, { organizationId: referral.organizationId, id: referral.id });
}

/** Writes a change of state; only these columns are granted to the application role for UPDATE. */
async function bumpVersion(
  ctx: RequestContext,
  referral: Referral,
  changes: StateChanges & Partial<Pick<Referral, 'status' | 'assignedUserId'>>,
): Promise<void> {
  await (await ctx.db())
    .createQueryBuilder()
    .update(Referral)
    .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
    .where('organization_id = :organizationId AND id = :id', { organizationId: referral.organizationId, id: referral.id })
    .execute();
}

export const acceptReferral = (ctx: RequestContext, input: ReferralChangeInput) => transition(ctx, 'accept', input);
export const startReferral = (ctx: RequestContext, input: ReferralChangeInput) => transition(ctx, 'start', input);
export const cancelReferral = (ctx: RequestContext, input: ReferralChangeInput) => transition(ctx, 'cancel', input);

export const declineReferral = (ctx: RequestContext, input: DeclineReferralInput) =>
  transition(ctx, 'decline', input, {}, [input.reason.trim(), input.note].filter(Boolean).join('\n\n'));

function assertOutcomeReason(outcomeReason: OutcomeReason | null | undefined, note: string | null | undefined): void {
  if (outcomeReason === OutcomeReason.OTHER && !note?.trim()) {
    throw badInput('Explain the OTHER reason in the note', ['input', 'note']);
  }
}

export function completeReferral(ctx: RequestContext, input: CompleteReferralInput): Promise<Referral> {
  if (input.outcome === ReferralOutcome.NOT_SUCCESSFUL && !input.outcomeReason) {
    throw badInput('Say why the referral was not successful in outcomeReason', ['input', 'outcomeReason']);
  }
  if (input.outcome === ReferralOutcome.SUCCESSFUL && input.outcomeReason) {
    throw badInput('outcomeReason is only for NOT_SUCCESSFUL outcomes', ['input', 'outcomeReason']);
  }
  assertOutcomeReason(input.outcomeReason, input.note);
  return transition(ctx, 'complete', input, {
    outcome: input.outcome,
    outcomeReason: input.outcomeReason ?? null,
    serviceDelivered: input.serviceDelivered,
  });
}

export function closeReferral(ctx: RequestContext, input: CloseReferralInput): Promise<Referral> {
  assertOutcomeReason(input.outcomeReason, input.note);
  return transition(ctx, 'close', input, {
    outcome: ReferralOutcome.NOT_SUCCESSFUL,
    outcomeReason: input.outcomeReason,
    serviceDelivered: false,
  });
}

export async function assignReferral(ctx: RequestContext, input: AssignReferralInput): Promise<Referral> {
  const principal = await ctx.requireUser();
  const referral = await lockReferral(ctx, input.referralId);
  if (sideOfReferral(referral, principal.organizationId) !== 'RECEIVER') {
    throw forbidden('Only the receiving organization assigns a referral to its caseworkers', 'WRONG_SIDE');
  }
  assertVersion(referral, input.expectedVersion);
  const em = await ctx.db();
  let assigneeName: string | null = null;
  if (input.assigneeUserId) {
    if (!(await findMember(ctx, input.assigneeUserId))) throw notFound('Member of your organization', ['input', 'assigneeUserId']);
    assigneeName = (await ctx.loader(userLoader).load(input.assigneeUserId))?.displayName ?? null;
  }
  await bumpVersion(ctx, referral, { assignedUserId: input.assigneeUserId ?? null });
  await appendEvent(ctx, principal, referral, {
    kind: ReferralEventKind.ASSIGNED,
    version: referral.version + 1,
    note: [assigneeName ? `Assigned to ${assigneeName}` : 'Unassigned', input.note].filter(Boolean).join('\n\n'),
    relatedId: input.assigneeUserId ?? null,
  });
  return em.findOneByOrFail(Referral, { organizationId: referral.organizationId, id: referral.id });
}

export async function commentOnReferral(ctx: RequestContext, input: CommentOnReferralInput): Promise<ReferralEvent> {
  const principal = await ctx.requireUser();
  const referral = await getReferral(ctx, input.referralId, ['input', 'referralId']);
  return appendEvent(ctx, principal, referral, { kind: ReferralEventKind.COMMENTED, version: referral.version, note: input.body.trim() });
}

/** What erasure leaves in place of a referral's required text. */
export const ERASED_TEXT = '[erased]';

/**
 * Erases the free text of the sender's referrals of an erased client, and every note on their
 * timelines (the receiver's comments too: the timeline is one record, about the person). The
 * database allows it only to the sender, only to these values, and only once the client is erased
 * (migration 1797400000000). Answers the referrals, for the partners to tell.
 */
export async function eraseReferralTexts(
  query: (text: string, values: unknown[]) => Promise<unknown>,
  organizationId: string,
  clientId: string,
): Promise<{ id: string; receivingOrganizationId: string | null }[]> {
  const referrals = (await query(`SELECT id, receiving_organization_id FROM referrals WHERE organization_id = $1 AND client_id = $2 ORDER BY id`, [
    organizationId,
    clientId,
  ])) as { id: string; receiving_organization_id: string | null }[];
  await query(
    `UPDATE referrals SET reason = $3, needs = NULL,
            consent_override_reason = CASE WHEN consent_override_reason IS NULL THEN NULL ELSE $3 END
      WHERE organization_id = $1 AND client_id = $2`,
    [organizationId, clientId, ERASED_TEXT],
  );
  await query(
    `UPDATE referral_events e SET note = NULL FROM referrals r
      WHERE e.organization_id = $1 AND r.organization_id = e.organization_id AND r.id = e.referral_id AND r.client_id = $2 AND e.note IS NOT NULL`,
    [organizationId, clientId],
  );
  return referrals.map((row) => ({ id: row.id, receivingOrganizationId: row.receiving_organization_id }));
}
