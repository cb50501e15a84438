import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, connectionSelection, TOTAL_COUNT } from '../../common/pagination';
import { joinedOf, joinedOr } from '../../common/hot-read';
import { Permission, roleGrants } from '../../common/permissions';
import { Selection } from '../../common/selection';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { User } from '../auth/user.entity';
import { userLoader } from '../auth/user.loaders';
import { consentInForce } from '../clients/client-field';
import { consentLoader } from '../clients/client.loaders';
import type { ClientRecord } from '../clients/client.entity';
import { clientView, ReferredClient, referredClientView } from '../clients/client.views';
import type { Consent } from '../clients/consent.entity';
import { serviceLoader } from '../directory/directory.loaders';
import { Service } from '../directory/service.entity';
import { EventSubjectType } from '../events/event.enums';
import { OrganizationEvent } from '../events/organization-event.entity';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import type { Partnership } from '../partnerships/partnership.entity';
import {
  AssignReferralInput,
  CloseReferralInput,
  CommentOnReferralInput,
  CompleteReferralInput,
  DeclineReferralInput,
  ForwardReferralInput,
  ReferralChangeInput,
  ReferralListArgs,
  SendReferralInput,
} from './dto/referral.inputs';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { checkTransition, FHIR_TASK_STATUS, TRANSITIONS, type ReferralAction } from './referral.lifecycle';
import { forwardsLoader, referralLoader, referralTimelineLoader } from './referral.loaders';
import {
  acceptReferral,
  assignReferral,
  cancelReferral,
  closeReferral,
  commentOnReferral,
  completeReferral,
  countReferrals,
  declineReferral,
  forwardReferral,
  isOverdue,
  sendReferral,
  sideOfReferral,
  startReferral,
} from './referral.service';
import { listReferrals, readReferral } from './referral.reads';
import { ReferralActionEnum, ReferralBox, ReferralCounts, ReferralSideEnum } from './referral.types';
import { Idempotent } from '../operations/idempotency';

export const ReferralConnection = Connection(Referral, 'Referral', 'A page of referrals.', { pagesBack: true, totalCount: TOTAL_COUNT });

@Resolver(() => Referral)
export class ReferralResolver {
  @Authorized(Permission.REFERRALS_READ)
  @Query(() => ReferralConnection, { description: 'Referrals the acting organization received. Newest first unless `sort` says otherwise.' })
  referralInbox(@Ctx() ctx: RequestContext, @Args(() => ReferralListArgs) args: ReferralListArgs, @Info() info: GraphQLResolveInfo) {
    return listReferrals(ctx, ReferralBox.INBOX, args, connectionSelection(info));
  }

  @Authorized(Permission.REFERRALS_READ)
  @Query(() => ReferralConnection, { description: 'Referrals the acting organization sent or logged. Newest first unless `sort` says otherwise.' })
  referralOutbox(@Ctx() ctx: RequestContext, @Args(() => ReferralListArgs) args: ReferralListArgs, @Info() info: GraphQLResolveInfo) {
    return listReferrals(ctx, ReferralBox.OUTBOX, args, connectionSelection(info));
  }

  @Authorized(Permission.REFERRALS_READ)
  @Query(() => ReferralCounts, { description: 'Counts per status and overdue, for a dashboard.' })
  referralCounts(@Ctx() ctx: RequestContext, @Arg('box', () => ReferralBox, { description: 'Received or sent referrals.' }) box: ReferralBox) {
    return countReferrals(ctx, box);
  }

  @Authorized(Permission.REFERRALS_READ)
  @Query(() => Referral, { description: 'One referral the acting organization sent or received, with its full timeline.' })
  referral(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The referral id.' }) id: string, @Info() info: GraphQLResolveInfo) {
    assertUuid(id, ['id']);
    return readReferral(ctx, id, Selection.of(info));
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, {
    description:
      'Sends a client to a partner (needs an ACTIVE partnership allowing REFERRALS and a consent in force, or a coordinator\'s written override), or logs a referral to an organization not on the platform.',
  })
  @Idempotent(Referral)
  sendReferral(@Ctx() ctx: RequestContext, @Arg('input', () => SendReferralInput) input: SendReferralInput) {
    return sendReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, {
    description: "Forwards the client of an ACCEPTED or IN_PROGRESS referral you received to a third partner; answers the new, linked referral. The client must be your own client with your own consent.",
  })
  @Idempotent(Referral)
  forwardReferral(@Ctx() ctx: RequestContext, @Arg('input', () => ForwardReferralInput) input: ForwardReferralInput) {
    return forwardReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Receiver: accepts a SENT referral.' })
  acceptReferral(@Ctx() ctx: RequestContext, @Arg('input', () => ReferralChangeInput) input: ReferralChangeInput) {
    return acceptReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Receiver: declines a SENT referral, with a reason for the sender.' })
  declineReferral(@Ctx() ctx: RequestContext, @Arg('input', () => DeclineReferralInput) input: DeclineReferralInput) {
    return declineReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Sender: withdraws a SENT referral before the receiver accepts it.' })
  cancelReferral(@Ctx() ctx: RequestContext, @Arg('input', () => ReferralChangeInput) input: ReferralChangeInput) {
    return cancelReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Receiver: starts work on an ACCEPTED referral (IN_PROGRESS).' })
  startReferral(@Ctx() ctx: RequestContext, @Arg('input', () => ReferralChangeInput) input: ReferralChangeInput) {
    return startReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Receiver: completes an IN_PROGRESS referral with its outcome, which the sender sees.' })
  completeReferral(@Ctx() ctx: RequestContext, @Arg('input', () => CompleteReferralInput) input: CompleteReferralInput) {
    return completeReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Receiver: closes an ACCEPTED or IN_PROGRESS referral without completing it, with a reason.' })
  closeReferral(@Ctx() ctx: RequestContext, @Arg('input', () => CloseReferralInput) input: CloseReferralInput) {
    return closeReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, { description: 'Receiver: assigns the referral to one of its members, or unassigns it.' })
  assignReferral(@Ctx() ctx: RequestContext, @Arg('input', () => AssignReferralInput) input: AssignReferralInput) {
    return assignReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => ReferralEvent, { description: 'Adds a comment to the timeline; both organizations see it.' })
  commentOnReferral(@Ctx() ctx: RequestContext, @Arg('input', () => CommentOnReferralInput) input: CommentOnReferralInput) {
    return commentOnReferral(ctx, input);
  }

  @FieldResolver(() => Organization, { description: 'The sending organization.' })
  sender(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return joinedOr(referral, 'sender', () => ctx.loader(organizationLoader).load(referral.organizationId));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The receiving organization; null for a logged referral (see externalReceiverName).' })
  receiver(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    const id = referral.receivingOrganizationId;
    return id ? joinedOr(referral, 'receiver', () => ctx.loader(organizationLoader).load(id)) : null;
  }

  @FieldResolver(() => Service, { nullable: true, description: "The receiving organization's service it was referred to, if one was named." })
  service(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    const { serviceId: id, receivingOrganizationId: organizationId } = referral;
    return id && organizationId ? joinedOr(referral, 'service', () => ctx.loader(serviceLoader).load({ organizationId, id })) : null;
  }

  @FieldResolver(() => ReferredClient, {
    nullable: true,
    description: 'The client, with only the fields the viewer may see (see ReferredClient). Audited.',
  })
  client(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    // The referral pages join the client, its consent and the agreement (referral.reads.ts).
    const joined = joinedOf(referral);
    const principal = ctx.verifiedPrincipal;
    if (!principal || !joined || !('clientRecord' in joined)) return referredClientView(ctx, referral);
    return clientView(ctx, principal, referral, {
      record: joined.clientRecord as ClientRecord | null,
      consent: (joined.consent ?? null) as Consent | null,
      partnership: (joined.partnership ?? null) as Partnership | null,
    });
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the consent the referral rests on is still in force; null when it was sent under a consent override or logged.',
  })
  consentInForce(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    const id = referral.consentId;
    if (!id) return null;
    const inForce = (consent: Consent | null) => (consent ? consentInForce(consent, new Date()) : false);
    const consent = joinedOr(referral, 'consent', () => ctx.loader(consentLoader).load({ organizationId: referral.organizationId, id }));
    return consent instanceof Promise ? consent.then(inForce) : inForce(consent);
  }

  @FieldResolver(() => [ReferralEvent], { description: 'Every step, oldest first: sending, status changes, assignments, comments, forwarding.' })
  timeline(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return joinedOr(referral, 'timeline', () => ctx.loader(referralTimelineLoader).load(referral));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The receiving caseworker it is assigned to. Shown to the receiver only; null for the sender.' })
  assignee(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return ctx.withPrincipal((principal) => {
      const id = referral.assignedUserId;
      const side = sideOfReferral(referral, principal.organizationId);
      return side === 'RECEIVER' && id ? joinedOr(referral, 'assignee', () => ctx.loader(userLoader).load(id)) : null;
    });
  }

  @FieldResolver(() => User, { nullable: true, description: 'The caseworker who sent it. Shown to the sender only; the receiver sees their name in the timeline.' })
  sentBy(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return ctx.withPrincipal((principal) =>
      sideOfReferral(referral, principal.organizationId) === 'SENDER'
        ? joinedOr(referral, 'sentBy', () => ctx.loader(userLoader).load(referral.sentByUserId))
        : null,
    );
  }

  @FieldResolver(() => String, {
    description: 'The HL7 FHIR Task.status code for the status: requested, accepted, rejected, cancelled, in-progress, completed or failed.',
  })
  fhirTaskStatus(@Root() referral: Referral) {
    return FHIR_TASK_STATUS[referral.status];
  }

  @FieldResolver(() => Boolean, { description: 'Open (SENT, ACCEPTED, IN_PROGRESS) and past its due date.' })
  overdue(@Root() referral: Referral) {
    return isOverdue(referral);
  }

  @FieldResolver(() => ReferralSideEnum, { description: 'Which side the acting organization is on.' })
  viewerSide(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return ctx.withPrincipal((principal) => sideOfReferral(referral, principal.organizationId));
  }

  @FieldResolver(() => [ReferralActionEnum], { description: 'The changes of state the signed-in person can make now (side, status and role), for showing the right buttons.' })
  availableActions(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return ctx.withPrincipal((principal) => {
      const side = sideOfReferral(referral, principal.organizationId);
      if (!side || principal.kind !== 'user' || !roleGrants(principal.role, Permission.REFERRALS_WRITE)) return [];
      return (Object.keys(TRANSITIONS) as ReferralAction[])
        .filter((action) => checkTransition(action, referral.status, side, { logged: referral.receivingOrganizationId === null }).ok)
        .map((action) => action.toUpperCase() as ReferralActionEnum);
    });
  }

  @FieldResolver(() => Referral, { nullable: true, description: 'The referral this one was forwarded from, if the viewer is on it.' })
  forwardedFrom(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return referral.forwardedFromOrganizationId && referral.forwardedFromReferralId
      ? ctx.loader(referralLoader).load({ organizationId: referral.forwardedFromOrganizationId, id: referral.forwardedFromReferralId })
      : null;
  }

  @FieldResolver(() => [Referral], { description: 'Referrals forwarded on from this one that the viewer is on.' })
  forwards(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return referral.receivingOrganizationId ? ctx.loader(forwardsLoader).load({ organizationId: referral.receivingOrganizationId, id: referral.id }) : [];
  }
}

@Resolver(() => ReferralEvent)
export class ReferralEventResolver {
  @FieldResolver(() => Organization, { description: 'The organization whose member acted.' })
  actorOrganization(@Root() event: ReferralEvent, @Ctx() ctx: RequestContext) {
    return joinedOr(event, 'actorOrganization', () => ctx.loader(organizationLoader).load(event.actorOrganizationId));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'For a FORWARDED step: the organization the client was forwarded to.' })
  forwardedTo(@Root() event: ReferralEvent, @Ctx() ctx: RequestContext) {
    return event.kind === 'FORWARDED' && event.relatedId ? ctx.loader(organizationLoader).load(event.relatedId) : null;
  }
}

/** An event's referral, for subscribers and readers of organizationEvents: the events module names records, this one shows them. */
@Resolver(() => OrganizationEvent)
export class ReferralOfEventResolver {
  @FieldResolver(() => Referral, {
    nullable: true,
    description: 'For a referral event: the referral as `referral(id:)` shows it to your organization now (client fields by consent, reads audited); null for other subjects.',
  })
  referral(@Root() event: OrganizationEvent, @Ctx() ctx: RequestContext) {
    return event.subjectType === EventSubjectType.REFERRAL ? ctx.loader(referralLoader).load({ organizationId: event.organizationId, id: event.subjectId }) : null;
  }
}
