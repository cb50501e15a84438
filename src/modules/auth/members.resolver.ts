import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../common/errors';
import { PageArgs } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import {
  AuthPayload,
  InvitationConnection,
  InvitationCreated,
  MembershipConnection,
  RemoveMemberPayload,
} from './auth.types';
import {
  AcceptInvitationInput,
  InviteMemberInput,
  RemoveMemberInput,
  RevokeInvitationInput,
  UpdateMemberRoleInput,
} from './dto/auth.inputs';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import {
  acceptInvitation,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  updateMemberRole,
} from './members.service';
import { userLoader } from './user.loaders';
import { User } from './user.entity';

@Resolver(() => Membership)
export class MembersResolver {
  @Authorized(Permission.MEMBERS_READ)
  @Query(() => MembershipConnection, { description: "The acting organization's members, oldest first." })
  members(@Ctx() ctx: RequestContext, @Args(() => PageArgs) args: PageArgs) {
    return listMembers(ctx, args);
  }

  @Authorized(Permission.MEMBERS_MANAGE)
  @Query(() => InvitationConnection, { description: "The acting organization's invitations, oldest first. Admins only." })
  invitations(@Ctx() ctx: RequestContext, @Args(() => PageArgs) args: PageArgs) {
    return listInvitations(ctx, args);
  }

  @Authorized(Permission.MEMBERS_MANAGE)
  @Mutation(() => InvitationCreated, {
    description: 'Invites a person by email. Answers with a one-time token that the admin passes on (there is no mail server). Admins only.',
  })
  inviteMember(@Ctx() ctx: RequestContext, @Arg('input', () => InviteMemberInput) input: InviteMemberInput) {
    return inviteMember(ctx, input);
  }

  @Authorized(Permission.MEMBERS_MANAGE)
  @Mutation(() => Invitation, { description: 'Revokes a pending invitation; its token stops working. Admins only.' })
  revokeInvitation(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeInvitationInput) input: RevokeInvitationInput) {
    return revokeInvitation(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description: 'Accepts an invitation with its token, creating the account if the email has none, and signs in as the new member.',
  })
  acceptInvitation(@Ctx() ctx: RequestContext, @Arg('input', () => AcceptInvitationInput) input: AcceptInvitationInput) {
    return acceptInvitation(ctx, input);
  }

  @Authorized(Permission.MEMBERS_MANAGE)
  @Mutation(() => Membership, { description: "Changes a member's role. The last admin cannot be demoted. Admins only." })
  updateMemberRole(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateMemberRoleInput) input: UpdateMemberRoleInput) {
    return updateMemberRole(ctx, input);
  }

  @Authorized(Permission.MEMBERS_MANAGE)
  @Mutation(() => RemoveMemberPayload, {
    description: 'Removes a member; their sessions in this organization end at once. The last admin cannot be removed. Admins only.',
  })
  async removeMember(@Ctx() ctx: RequestContext, @Arg('input', () => RemoveMemberInput) input: RemoveMemberInput) {
    return { removedMembershipId: await removeMember(ctx, input) };
  }

  @FieldResolver(() => User, { description: 'The member.' })
  async user(@Ctx() ctx: RequestContext, @Root() membership: Membership): Promise<User> {
    const user = await ctx.loader(userLoader).load(membership.userId);
    if (!user) throw notFound('User');
    return user;
  }

  @FieldResolver(() => Organization, { description: 'The organization.' })
  async organization(@Ctx() ctx: RequestContext, @Root() membership: Membership): Promise<Organization> {
    const organization = await ctx.loader(organizationLoader).load(membership.organizationId);
    if (!organization) throw notFound('Organization');
    return organization;
  }
}
