import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Permission, roleGrants } from '../../common/permissions';
import { Selection } from '../../common/selection';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { User } from '../auth/user.entity';
import { userLoader } from '../auth/user.loaders';
import { consentInForce } from '../clients/client-field';
import { consentLoader } from '../clients/client.loaders';
import { ReferredClient, referredClientView } from '../clients/client.views';
import { serviceLoader } from '../directory/directory.loaders';
import { Service } from '../directory/service.entity';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
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

export const ReferralConnection = Connection(Referral, 'Referral', 'A page of referrals.');

@Resolver(() => Referral)
export class ReferralResolver {
  @Authorized(Permission.REFERRALS_READ)
  @Query(() => ReferralConnection, { description: 'Referrals the acting organization received. Newest first unless `sort` says otherwise.' })
  referralInbox(@Ctx() ctx: RequestContext, @Args(() => ReferralListArgs) args: ReferralListArgs, @Info() info: GraphQLResolveInfo) {
    return listReferrals(ctx, ReferralBox.INBOX, args, Selection.of(info)?.at('edges', 'node') ?? null);
  }

  @Authorized(Permission.REFERRALS_READ)
  @Query(() => ReferralConnection, { description: 'Referrals the acting organization sent or logged. Newest first unless `sort` says otherwise.' })
  referralOutbox(@Ctx() ctx: RequestContext, @Args(() => ReferralListArgs) args: ReferralListArgs, @Info() info: GraphQLResolveInfo) {
    return listReferrals(ctx, ReferralBox.OUTBOX, args, Selection.of(info)?.at('edges', 'node') ?? null);
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
  sendReferral(@Ctx() ctx: RequestContext, @Arg('input', () => SendReferralInput) input: SendReferralInput) {
    return sendReferral(ctx, input);
  }

  @Authorized(Permission.REFERRALS_WRITE)
  @Mutation(() => Referral, {
    description: "Forwards the client of an ACCEPTED or IN_PROGRESS referral you received to a third partner; answers the new, linked referral. The client must be your own client with your own consent.",
  })
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
    return ctx.loader(organizationLoader).load(referral.organizationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The receiving organization; null for a logged referral (see externalReceiverName).' })
  receiver(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return referral.receivingOrganizationId ? ctx.loader(organizationLoader).load(referral.receivingOrganizationId) : null;
  }

  @FieldResolver(() => Service, { nullable: true, description: "The receiving organization's service it was referred to, if one was named." })
  service(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return referral.serviceId && referral.receivingOrganizationId
      ? ctx.loader(serviceLoader).load({ organizationId: referral.receivingOrganizationId, id: referral.serviceId })
      : null;
  }

  @FieldResolver(() => ReferredClient, {
    nullable: true,
    description: 'The client, with only the fields the viewer may see (see ReferredClient). Audited.',
  })
  client(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return referredClientView(ctx, referral);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the consent the referral rests on is still in force; null when it was sent under a consent override or logged.',
  })
  async consentInForce(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    if (!referral.consentId) return null;
    const consent = await ctx.loader(consentLoader).load({ organizationId: referral.organizationId, id: referral.consentId });
    return consent ? consentInForce(consent, new Date()) : false;
  }

  @FieldResolver(() => [ReferralEvent], { description: 'Every step, oldest first: sending, status changes, assignments, comments, forwarding.' })
  timeline(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return ctx.loader(referralTimelineLoader).load(referral);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The receiving caseworker it is assigned to. Shown to the receiver only; null for the sender.' })
  async assignee(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    const side = sideOfReferral(referral, (await ctx.requirePrincipal()).organizationId);
    return side === 'RECEIVER' && referral.assignedUserId ? ctx.loader(userLoader).load(referral.assignedUserId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The caseworker who sent it. Shown to the sender only; the receiver sees their name in the timeline.' })
  async sentBy(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    const side = sideOfReferral(referral, (await ctx.requirePrincipal()).organizationId);
    return side === 'SENDER' ? ctx.loader(userLoader).load(referral.sentByUserId) : null;
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
  async viewerSide(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    return sideOfReferral(referral, (await ctx.requirePrincipal()).organizationId);
  }

  @FieldResolver(() => [ReferralActionEnum], { description: 'The changes of state the signed-in person can make now (side, status and role), for showing the right buttons.' })
  async availableActions(@Root() referral: Referral, @Ctx() ctx: RequestContext) {
    const principal = await ctx.requirePrincipal();
    const side = sideOfReferral(referral, principal.organizationId);
    if (!side || principal.kind !== 'user' || !roleGrants(principal.role, Permission.REFERRALS_WRITE)) return [];
    return (Object.keys(TRANSITIONS) as ReferralAction[])
      .filter((action) => checkTransition(action, referral.status, side, { logged: referral.receivingOrganizationId === null }).ok)
      .map((action) => action.toUpperCase() as ReferralActionEnum);
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
    return ctx.loader(organizationLoader).load(event.actorOrganizationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'For a FORWARDED step: the organization the client was forwarded to.' })
  forwardedTo(@Root() event: ReferralEvent, @Ctx() ctx: RequestContext) {
    return event.kind === 'FORWARDED' && event.relatedId ? ctx.loader(organizationLoader).load(event.relatedId) : null;
  }
}
