import { randomUUID } from 'node:crypto';
import { escapeLiteral } from 'pg';
import { IsNull, Not, type EntityManager, type FindOperator } from 'typeorm';
import { type AppError, badInput, conflict, forbidden, isUniqueViolation, unauthenticated } from '../../common/errors';
import { type ApiKeyScope, Role } from '../../common/permissions';
import type { AccessClaims, Credential, Principal, RequestContext, SessionOpening } from '../../context/request-context';
import { countSignInAttempt, signInSucceeded } from './sign-in-throttle';
import { createOrganization } from '../organizations/organization.service';
import { AuthSession } from './auth-session.entity';
import { AuthPayload, Viewer } from './auth.types';
import { hashSecret } from './credentials';
import type { ChangePasswordInput, LoginInput, LogoutInput, RefreshTokenInput, SignUpInput, SwitchOrganizationInput } from './dto/auth.inputs';
import { Membership } from './membership.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

/** How stale an API key's `lastUsedAt` may get before a request refreshes it (a write per request would be too many). */
const API_KEY_TOUCH_INTERVAL_SECONDS = 60;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A platform operator disabled the account: said only to whoever proved they hold it (the right password). */
export const accountDisabled = () => forbidden("This account is disabled: ask the platform's operators", 'ACCOUNT_DISABLED');

const wrongCredentials = () => unauthenticated('Email or password is incorrect');
const sessionEnded = () => unauthenticated('Your session has ended or your membership was removed: sign in again');

export function viewerOf(principal: Principal): Viewer {
  return Object.assign(new Viewer(), {
    organizationId: principal.organizationId,
    userId: principal.kind === 'user' ? principal.userId : null,
    apiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
    role: principal.kind === 'user' ? principal.role : null,
    scopes: principal.kind === 'apiKey' ? principal.scopes : [],
  });
}

/** Starts a session and issues its first tokens. The transaction's settings must name the user and organization. */
export async function startSession(
  ctx: RequestContext,
  em: EntityManager,
  member: { userId: string; organizationId: string; role: Role },
): Promise<AuthPayload> {
  const [organization] = await em.query(`SELECT suspended_at FROM organizations WHERE id = $1`, [member.organizationId]);
  if (organization?.suspended_at) throw forbidden("This organization is suspended: ask the platform's operators", 'ORGANIZATION_SUSPENDED');
  const session = await em.save(
    em.create(AuthSession, { organizationId: member.organizationId, id: randomUUID(), userId: member.userId }),
  );
  return issueTokens(ctx, em, session, member.role);
}

async function issueTokens(ctx: RequestContext, em: EntityManager, session: AuthSession, role: Role): Promise<AuthPayload> {
  const { credentials, config } = ctx.services;
  const refresh = credentials.newRefreshToken();
  const refreshTokenExpiresAt = new Date(Date.now() + config.auth.refreshTokenTtlSeconds * 1000);
  await em.insert(RefreshToken, {
    organizationId: session.organizationId,
    id: randomUUID(),
    sessionId: session.id,
    userId: session.userId,
    tokenHash: refresh.hash,
    expiresAt: refreshTokenExpiresAt,
  });
  const access = await credentials.signAccessToken({
    userId: session.userId,
    organizationId: session.organizationId,
    sessionId: session.id,
  });
  const principal: Principal = {
    kind: 'user',
    userId: session.userId,
    organizationId: session.organizationId,
    sessionId: session.id,
    role,
  };
  return Object.assign(new AuthPayload(), {
    principal,
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: refresh.secret,
    refreshTokenExpiresAt,
    viewer: viewerOf(principal),
  });
}

/** Called once the session's transaction has committed. */
export function signedIn(ctx: RequestContext, payload: AuthPayload): AuthPayload {
  ctx.adopt(payload.principal);
  return payload;
}

export async function signUp(ctx: RequestContext, input: SignUpInput): Promise<AuthPayload> {
  const { config, database, credentials } = ctx.services;
  if (!config.auth.signUpEnabled) {
    throw forbidden('Sign-up is switched off on this server: ask an admin of an organization to invite you');
  }
  const email = normalizeEmail(input.email);
  // Sign-up with an existing account's password adds an organization to it: a way to guess passwords too.
  const attempt = await countSignInAttempt(ctx, 'signUp', { kind: 'account', value: email });
  const organizationId = randomUUID();
  const newPasswordHash = await credentials.hashPassword(input.password);
  try {
    const payload = await database.platform('signUp', { loginEmail: email }, async (tx) => {
      const em = await tx.manager();
      const existing = await em.findOne(User, { where: { email } });
      if (existing && !(await credentials.verifyPassword(existing.passwordHash, input.password))) {
        throw conflict(
          'An account with this email already exists: sign up with that account\'s password to add an organization to it, or log in',
        );
      }
      if (existing?.disabledAt) throw accountDisabled();
      const userId = existing?.id ?? randomUUID();
      await tx.rescope({ organizationId, userId, loginEmail: email });
      await createOrganization(em, { id: organizationId, ...input.organization });
      if (!existing) {
        await em.insert(User, { id: userId, email, displayName: input.displayName.trim(), passwordHash: newPasswordHash });
      }
      await em.insert(Membership, { organizationId, id: randomUUID(), userId, role: Role.ADMIN, version: 1 });
      const session = await startSession(ctx, em, { userId, organizationId, role: Role.ADMIN });
      await signInSucceeded(ctx, tx, attempt);
      return session;
    });
    return signedIn(ctx, payload);
  } catch (error) {
    if (isUniqueViolation(error, 'uq_users_email')) {
      throw conflict('An account with this email was created at the same moment: log in instead');
    }
    throw error;
  }
}

export async function login(ctx: RequestContext, input: LoginInput): Promise<AuthPayload> {
  const { database, credentials } = ctx.services;
  const email = normalizeEmail(input.email);
  const attempt = await countSignInAttempt(ctx, 'login', { kind: 'account', value: email });
  const user = await database.platform('login', { loginEmail: email }, async (tx) =>
    (await tx.manager()).findOne(User, { where: { email } }),
  );
  // Verified outside any transaction: argon2 is slow on purpose and must not hold a connection.
  if (!(await credentials.verifyPassword(user?.passwordHash ?? null, input.password)) || !user) {
    throw wrongCredentials();
  }
  if (user.disabledAt) throw accountDisabled();
  const payload = await database.platform('login', { userId: user.id }, async (tx) => {
    const em = await tx.manager();
    const memberships = await em.find(Membership, { where: { userId: user.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const membership = input.organizationId
      ? memberships.find((m) => m.organizationId === input.organizationId)
      : memberships[0];
    if (!membership) {
      throw forbidden(
        input.organizationId
          ? 'You are not a member of that organization'
          : 'You are not a member of any organization: ask an admin to invite you',
      );
    }
    await tx.rescope({ userId: user.id, organizationId: membership.organizationId });
    const session = await startSession(ctx, em, membership);
    await signInSucceeded(ctx, tx, attempt);
    return session;
  });
  return signedIn(ctx, payload);
}

type RefreshOutcome = { kind: 'issued'; payload: AuthPayload } | { kind: 'rejected'; error: AppError };

export async function refreshToken(ctx: RequestContext, input: RefreshTokenInput): Promise<AuthPayload> {
  const { database } = ctx.services;
  const tokenHash = hashSecret(input.refreshToken);
  // A rejection that revokes the session must commit that revocation, so it is returned, not thrown.
  const outcome = await database.platform('refreshToken', { lookupHash: tokenHash }, async (tx): Promise<RefreshOutcome> => {
    const em = await tx.manager();
    const found = await em.findOne(RefreshToken, { where: { tokenHash } });
    if (!found) return { kind: 'rejected', error: unauthenticated('This refresh token is not valid: sign in again') };
    await tx.rescope({ userId: found.userId, organizationId: found.organizationId });
    const token = await em.findOneOrFail(RefreshToken, {
      where: { organizationId: found.organizationId, id: found.id },
      lock: { mode: 'pessimistic_write' },
    });
    const session = await em.findOneOrFail(AuthSession, {
      where: { organizationId: token.organizationId, id: token.sessionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (session.revokedAt) return { kind: 'rejected', error: sessionEnded() };
    if (token.usedAt) {
      await revokeSessions(em, { organizationId: session.organizationId, id: session.id }, 'refresh token reused');
      return {
        kind: 'rejected',
        error: unauthenticated('This refresh token was already used, so the session was ended to protect it: sign in again'),
      };
    }
    if (token.expiresAt.getTime() <= Date.now()) {
      return { kind: 'rejected', error: unauthenticated('This refresh token has expired: sign in again') };
    }
    const membership = await em.findOne(Membership, {
      where: { organizationId: session.organizationId, userId: session.userId },
    });
    if (!membership) {
      await revokeSessions(em, { organizationId: session.organizationId, id: session.id }, 'membership removed');
      return { kind: 'rejected', error: sessionEnded() };
    }
    await em.update(RefreshToken, { organizationId: token.organizationId, id: token.id }, { usedAt: new Date() });
    return { kind: 'issued', payload: await issueTokens(ctx, em, session, membership.role) };
  });
  if (outcome.kind === 'rejected') throw outcome.error;
  return signedIn(ctx, outcome.payload);
}

export async function revokeSessions(
  em: EntityManager,
  where: { organizationId?: string; id?: string | FindOperator<string>; userId?: string },
  reason: string,
): Promise<number> {
  const result = await em.update(AuthSession, { ...where, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  return result.affected ?? 0;
}

/**
 * Changes the signed-in person's password, once the current one is given (counted as a sign-in
 * attempt: it is a way to guess it too); every other session of theirs, in every organization, ends.
 * Answers how many ended.
 */
export async function changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<number> {
  const principal = await ctx.requireUser();
  const { database, credentials } = ctx.services;
  const user = await database.platform('changePassword', { userId: principal.userId }, async (tx) =>
    (await tx.manager()).findOneOrFail(User, { where: { id: principal.userId } }),
  );
  const attempt = await countSignInAttempt(ctx, 'changePassword', { kind: 'account', value: user.email });
  // Verified and hashed outside any transaction: argon2 is slow on purpose and must not hold a connection.
  if (!(await credentials.verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badInput('The current password is not right', ['input', 'currentPassword']);
  }
  const newPasswordHash = await credentials.hashPassword(input.newPassword);
  const em = await ctx.db();
  const changed = await em.update(User, { id: user.id, passwordHash: user.passwordHash }, { passwordHash: newPasswordHash });
  if (!changed.affected) throw conflict('The password was changed at the same moment by another session: sign in again');
  const ended = await revokeSessions(em, { userId: user.id, id: Not(principal.sessionId) }, 'password changed');
  await signInSucceeded(ctx, em, attempt);
  return ended;
}

/** Ends the caller's session (or all of the user's sessions); its access and refresh tokens stop working at once. */
export async function logout(ctx: RequestContext, input: LogoutInput): Promise<boolean> {
  const principal = await ctx.requirePrincipal();
  if (principal.kind !== 'user') throw forbidden('API keys have no session to end: revoke the key instead');
  const em = await ctx.db();
  await revokeSessions(
    em,
    input.everywhere
      ? { userId: principal.userId }
      : { organizationId: principal.organizationId, id: principal.sessionId },
    input.everywhere ? 'logout everywhere' : 'logout',
  );
  return true;
}

export async function switchOrganization(ctx: RequestContext, input: SwitchOrganizationInput): Promise<AuthPayload> {
  const principal = await ctx.requirePrincipal();
  if (principal.kind !== 'user') throw forbidden('An API key belongs to one organization and cannot switch');
  return ctx.services.database.platform(
    'switchOrganization',
    { userId: principal.userId, organizationId: input.organizationId },
    async (tx) => {
      const em = await tx.manager();
      const membership = await em.findOne(Membership, {
        where: { organizationId: input.organizationId, userId: principal.userId },
      });
      if (!membership) throw forbidden('You are not a member of that organization');
      return startSession(ctx, em, membership);
    },
  );
}

/**
 * How a request with an access token begins: one statement (read-path migration) that applies its
 * tenant settings and checks its session and membership, and the principal its answer makes. The
 * values inlined are a verified token's UUID claims, escaped all the same.
 */
export function sessionOpening(claims: AccessClaims): SessionOpening {
  const { userId, organizationId, sessionId } = claims;
  return {
    statement: `SELECT app_open_session(${[organizationId, userId, sessionId].map(escapeLiteral).join(', ')}) AS role`,
    principal: ([row]) => {
      if (!row?.role) throw sessionEnded();
      return { kind: 'user', userId, organizationId, sessionId, role: row.role as Role };
    },
  };
}

/** Checks a presented credential against the database: sessions can be ended and members removed at any time. */
export async function verifyCredential(
  ctx: RequestContext,
  credential: Exclude<Credential, { kind: 'invalid' }>,
): Promise<Principal> {
  // One round trip each: BEGIN and a function (read-path migration) that applies the tenant settings
  // and checks the session or the key, inside the request's own transaction. The values inlined are
  // a verified token's UUID claims and a hex digest, escaped all the same.
  if (credential.kind === 'access') {
    const opening = sessionOpening(credential.claims);
    return opening.principal(await ctx.openVerified(opening.statement).opened());
  }

  const secretHash = hashSecret(credential.secret);
  const [key] = await ctx
    .openVerified(`SELECT * FROM app_open_api_key(${escapeLiteral(secretHash)}, ${API_KEY_TOUCH_INTERVAL_SECONDS})`)
    .opened();
  if (!key) throw unauthenticated('This API key is not valid or has been revoked');
  return { kind: 'apiKey', apiKeyId: key.key_id as string, organizationId: key.key_organization_id as string, scopes: key.key_scopes as ApiKeyScope[] };
}

