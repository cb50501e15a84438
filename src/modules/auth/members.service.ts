import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { badInput, conflict, isUniqueViolation, notFound, unauthenticated } from '../../common/errors';
import { creationOrder, paginate, type Page, type PageArgs } from '../../common/pagination';
import { Role } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { AuthSession } from './auth-session.entity';
import { accountDisabled, normalizeEmail, signedIn, startSession } from './auth.service';
import type { AuthPayload } from './auth.types';
import { countSignInAttempt, signInSucceeded } from './sign-in-throttle';
import { hashSecret } from './credentials';
import type {
  AcceptInvitationInput,
  InviteMemberInput,
  RemoveMemberInput,
  RevokeInvitationInput,
  UpdateMemberRoleInput,
} from './dto/auth.inputs';
import { Invitation } from './invitation.entity';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent } from '../events/events.service';
import { organizationLoader } from '../organizations/organization.loaders';
import { Membership } from './membership.entity';
import { User } from './user.entity';

export async function listMembers(ctx: RequestContext, args: PageArgs): Promise<Page<Membership>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(Membership, 'm')
    .where('m.organization_id = :organizationId', { organizationId });
  return paginate(query, args, creationOrder('m'), ctx.config.graphql.maxPageSize);
}

/** The user's memberships in every organization; RLS shows a user their own across tenants. */
/** The membership of a user in the acting organization, or null if they are not a member of it. */
export async function findMember(ctx: RequestContext, userId: string): Promise<Membership | null> {
  const { organizationId } = await ctx.requirePrincipal();
  return (await ctx.db()).findOneBy(Membership, { organizationId, userId });
}

export async function listOwnMemberships(ctx: RequestContext, userId: string): Promise<Membership[]> {
  return (await ctx.db()).find(Membership, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** Locks the organization's admin memberships, so two admins cannot demote each other at once. */
async function assertAnotherAdminRemains(em: EntityManager, membership: Membership): Promise<void> {
  if (membership.role !== Role.ADMIN) return;
  const admins = await em.find(Membership, {
    where: { organizationId: membership.organizationId, role: Role.ADMIN },
    lock: { mode: 'pessimistic_write' },
  });
  if (!admins.some((admin) => admin.id !== membership.id)) {
    throw conflict('An organization needs at least one admin: make someone else an admin first');
  }
}

async function findMembership(ctx: RequestContext, membershipId: string): Promise<Membership> {
  const { organizationId } = await ctx.requirePrincipal();
  const membership = await (await ctx.db()).findOne(Membership, { where: { organizationId, id: membershipId } });
  if (!membership) throw notFound('Membership', ['input', 'membershipId']);
  return membership;
}

export async function updateMemberRole(ctx: RequestContext, input: UpdateMemberRoleInput): Promise<Membership> {
  const em = await ctx.db();
  const membership = await findMembership(ctx, input.membershipId);
  if (input.expectedVersion != null && input.expectedVersion !== membership.version) {
    throw conflict(`This membership changed since you read it (version ${membership.version} now): reload and try again`);
  }
  if (membership.role === input.role) return membership;
  if (input.role !== Role.ADMIN) await assertAnotherAdminRemains(em, membership);
  const result = await em
    .createQueryBuilder()
    .update(Membership)
    .set({ role: input.role, version: () => 'version + 1', updatedAt: () => 'now()' })
    .where('organization_id = :organizationId AND id = :id AND version = :version', {
      organizationId: membership.organizationId,
      id: membership.id,
      version: membership.version,
    })
    .execute();
  if (result.affected !== 1) throw conflict('This membership changed at the same moment: reload and try again');
  return em.findOneOrFail(Membership, { where: { organizationId: membership.organizationId, id: membership.id } });
}

export async function removeMember(ctx: RequestContext, input: RemoveMemberInput): Promise<string> {
  const em = await ctx.db();
  const membership = await findMembership(ctx, input.membershipId);
  await assertAnotherAdminRemains(em, membership);
  await em.delete(Membership, { organizationId: membership.organizationId, id: membership.id });
  await em.update(
    AuthSession,
    { organizationId: membership.organizationId, userId: membership.userId, revokedAt: IsNull() },
    { revokedAt: new Date(), revokedReason: 'membership removed' },
  );
  return membership.id;
}

export async function inviteMember(
  ctx: RequestContext,
  input: InviteMemberInput,
): Promise<{ invitation: Invitation; token: string }> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const email = normalizeEmail(input.email);
  const alreadyMember = await em
    .createQueryBuilder(Membership, 'm')
    .innerJoin(User, 'u', 'u.id = m.user_id')
    .where('m.organization_id = :organizationId AND u.email = :email', { organizationId: principal.organizationId, email })
    .getExists();
  if (alreadyMember) throw conflict('This person is already a member of the organization');
  const { secret, hash } = ctx.services.credentials.newInvitationToken();
  const invitation = em.create(Invitation, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    email,
    role: input.role,
    tokenHash: hash,
    invitedByUserId: principal.userId,
    expiresAt: new Date(Date.now() + ctx.config.auth.invitationTtlSeconds * 1000),
  });
  try {
    await em.save(invitation);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_invitations_organization_pending_email')) {
      throw conflict('This email already has a pending invitation: revoke it first to send a new one');
    }
    throw error;
  }
  await publishEvent(ctx, {
    type: OrganizationEventType.MEMBER_INVITED,
    subjectType: EventSubjectType.INVITATION,
    subjectId: invitation.id,
    subjectVersion: null,
    organizationId: invitation.organizationId,
    partyOrganizationId: null,
  });
  const { mailer } = ctx.services;
  if (mailer) {
    const organization = await ctx.loader(organizationLoader).load(principal.organizationId);
    const link = `${ctx.config.http.publicUrl.replace(/\/+$/, '')}/accept-invitation#token=${encodeURIComponent(secret)}`;
    // Sent once the invitation is committed: a link must never name an invitation that is not there.
    ctx.afterCommit(() =>
      mailer.send({
        to: email,
        subject: `Invitation to ${organization?.name ?? 'an organization'} on NGO Commons`,
        text: `You are invited to join ${organization?.name ?? 'an organization'} on NGO Commons as ${input.role}.\n\nAccept the invitation (the link works until ${invitation.expiresAt.toISOString().slice(0, 10)}):\n${link}\n`,
      }),
    );
  }
  return { invitation, token: secret };
}

export async function listInvitations(ctx: RequestContext, args: PageArgs): Promise<Page<Invitation>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(Invitation, 'i')
    .where('i.organization_id = :organizationId', { organizationId });
  return paginate(query, args, creationOrder('i'), ctx.config.graphql.maxPageSize);
}

export async function revokeInvitation(ctx: RequestContext, input: RevokeInvitationInput): Promise<Invitation> {
  const { organizationId } = await ctx.requirePrincipal();
  const em = await ctx.db();
  const invitation = await em.findOne(Invitation, {
    where: { organizationId, id: input.invitationId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!invitation) throw notFound('Invitation', ['input', 'invitationId']);
  if (invitation.acceptedAt) throw conflict('This invitation has already been accepted: remove the member instead');
  if (invitation.revokedAt) throw conflict('This invitation has already been revoked');
  invitation.revokedAt = new Date();
  return em.save(invitation);
}

/** Accepting needs no sign-in: the token is the credential. An existing account proves itself with its password. */
export async function acceptInvitation(ctx: RequestContext, input: AcceptInvitationInput): Promise<AuthPayload> {
  const { database, credentials } = ctx.services;
  const tokenHash = hashSecret(input.token);
  const attempt = await countSignInAttempt(ctx, 'acceptInvitation', { kind: 'invitation', value: tokenHash });
  const newPasswordHash = await credentials.hashPassword(input.password);
  const payload = await database.platform('acceptInvitation', { lookupHash: tokenHash }, async (tx) => {
    const em = await tx.manager();
    const found = await em.findOne(Invitation, { where: { tokenHash } });
    if (!found) throw badInput('This invitation token is not valid: ask the admin for a new invitation', ['input', 'token']);
    await tx.rescope({ organizationId: found.organizationId, loginEmail: found.email, lookupHash: tokenHash });
    const invitation = await em.findOneOrFail(Invitation, {
      where: { organizationId: found.organizationId, id: found.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (invitation.acceptedAt) throw conflict('This invitation has already been accepted: log in instead');
    if (invitation.revokedAt) throw badInput('This invitation was revoked: ask the admin for a new one', ['input', 'token']);
    if (invitation.expiresAt.getTime() <= Date.now()) {
      throw badInput('This invitation has expired: ask the admin for a new one', ['input', 'token']);
    }

    const existing = await em.findOne(User, { where: { email: invitation.email } });
    if (existing && !(await credentials.verifyPassword(existing.passwordHash, input.password))) {
      throw unauthenticated('An account with this email exists: give its password to accept');
    }
    if (existing?.disabledAt) throw accountDisabled();
    if (!existing && !input.displayName) {
      throw badInput('displayName is required to create your account', ['input', 'displayName']);
    }
    const userId = existing?.id ?? randomUUID();
    await tx.rescope({ organizationId: invitation.organizationId, userId, loginEmail: invitation.email });
    if (!existing) {
      await em.insert(User, {
        id: userId,
        email: invitation.email,
        displayName: input.displayName!.trim(),
        passwordHash: newPasswordHash,
      });
    }
    try {
      await em.insert(Membership, {
        organizationId: invitation.organizationId,
        id: randomUUID(),
        userId,
        role: invitation.role,
        version: 1,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_memberships_organization_user')) {
        throw conflict('You are already a member of this organization: log in instead');
      }
      throw error;
    }
    await em.update(
      Invitation,
      { organizationId: invitation.organizationId, id: invitation.id },
      { acceptedAt: new Date(), acceptedByUserId: userId },
    );
    const session = await startSession(ctx, em, { userId, organizationId: invitation.organizationId, role: invitation.role });
    await signInSucceeded(ctx, tx, attempt);
    return session;
  });
  return signedIn(ctx, payload);
}
