import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { ChangePartnershipStatusInput, PartnershipsArgs, ProposePartnershipInput } from './dto/partnership.inputs';
import { PartnershipEvent } from './partnership-event.entity';
import { Partnership } from './partnership.entity';
import { partnershipHistoryLoader } from './partnership.loaders';
import { agreementInForce, allowsNewReferrals } from './partnership.policy';
import { changePartnershipStatus, getPartnership, listPartnerships, proposePartnership } from './partnership.service';
import { Idempotent } from '../operations/idempotency';

export const PartnershipConnection = Connection(Partnership, 'Partnership', "A page of the acting organization's partnerships, oldest first.");

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Authorized(Permission.PARTNERSHIPS_READ)
  @Query(() => PartnershipConnection, { description: 'Partnerships the acting organization is on either side of, oldest first.' })
  partnerships(@Ctx() ctx: RequestContext, @Args(() => PartnershipsArgs) args: PartnershipsArgs) {
    return listPartnerships(ctx, args);
  }

  @Authorized(Permission.PARTNERSHIPS_READ)
  @Query(() => Partnership, { description: 'One partnership the acting organization is on; both sides see the same one.' })
  partnership(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The partnership id.' }) id: string) {
    assertUuid(id, ['id']);
    return getPartnership(ctx, id);
  }

  @Authorized(Permission.PARTNERSHIPS_MANAGE)
  @Mutation(() => Partnership, {
    description: 'Proposes a partnership and its data-sharing agreement to another organization. Admins and coordinators.',
  })
  @Idempotent(Partnership)
  proposePartnership(@Ctx() ctx: RequestContext, @Arg('input', () => ProposePartnershipInput) input: ProposePartnershipInput) {
    return proposePartnership(ctx, input);
  }

  @Authorized(Permission.PARTNERSHIPS_MANAGE)
  @Mutation(() => Partnership, {
    description:
      'Moves a partnership to a new status. The partner accepts (ACTIVE) or declines a proposal; either side suspends or ends it; the side that suspended resumes it (ACTIVE). Admins and coordinators.',
  })
  changePartnershipStatus(@Ctx() ctx: RequestContext, @Arg('input', () => ChangePartnershipStatusInput) input: ChangePartnershipStatusInput) {
    return changePartnershipStatus(ctx, input);
  }

  @FieldResolver(() => Organization, { description: 'The organization that proposed the partnership.' })
  proposer(@Root() partnership: Partnership, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(partnership.organizationId);
  }

  @FieldResolver(() => Organization, { description: 'The organization the partnership was proposed to.' })
  partner(@Root() partnership: Partnership, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(partnership.partnerOrganizationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'While SUSPENDED: the side that suspended it, the only one that can resume it.' })
  suspendedBy(@Root() partnership: Partnership, @Ctx() ctx: RequestContext) {
    return partnership.suspendedByOrganizationId ? ctx.loader(organizationLoader).load(partnership.suspendedByOrganizationId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the acting organization can send the other side new referrals under it now.' })
  async canSendReferrals(@Root() partnership: Partnership, @Ctx() ctx: RequestContext) {
    const { organizationId } = await ctx.requirePrincipal();
    return allowsNewReferrals(partnership, organizationId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the agreement is in force today: ACTIVE or SUSPENDED, and within its dates.' })
  inForce(@Root() partnership: Partnership) {
    return agreementInForce(partnership);
  }

  @FieldResolver(() => [PartnershipEvent], { description: 'Every status change, oldest first: who, when, from, to and why.' })
  history(@Root() partnership: Partnership, @Ctx() ctx: RequestContext) {
    return ctx.loader(partnershipHistoryLoader).load(partnership);
  }
}

@Resolver(() => PartnershipEvent)
export class PartnershipEventResolver {
  @FieldResolver(() => Organization, { description: 'The organization whose member made the change.' })
  actorOrganization(@Root() event: PartnershipEvent, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(event.actorOrganizationId);
  }
}
