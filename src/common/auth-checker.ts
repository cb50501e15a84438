import type { AuthCheckerFn } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { forbidden } from './errors';
import { GRANTS, grantedToEveryRole, type Permission } from './permissions';

/**
 * `@Authorized(Permission.X)`: the caller must be signed in, and their role (users) or scopes
 * (API keys) must grant X. Throws rather than returning false, so each failure says what is missing.
 */
export const authChecker: AuthCheckerFn<RequestContext, Permission> = async ({ context }, permissions) => {
  await requirePermissions(context, permissions);
  return true;
};

/**
 * The check behind `@Authorized`, for routes outside GraphQL too (the HSDS feed): UNAUTHENTICATED
 * without a principal, FORBIDDEN when its role or scopes do not grant every permission.
 */
export async function requirePermissions(context: RequestContext, permissions: readonly Permission[]): Promise<void> {
  // What every role may do needs no role: a person's signed token allows it, and the request's first
  // statement checks the session in the same round trip as its read (RequestContext.sql).
  if (permissions.length > 0 && permissions.every(grantedToEveryRole) && context.actsOnClaims()) return;
  const principal = await context.requirePrincipal();
  for (const permission of permissions) {
    const grant = GRANTS[permission];
    if (principal.kind === 'user' && !grant.roles.includes(principal.role)) {
      throw forbidden(`Your role ${principal.role} does not allow this; it needs one of: ${grant.roles.join(', ')}`);
    }
    if (principal.kind === 'apiKey' && !grant.scopes.some((scope) => principal.scopes.includes(scope))) {
      throw forbidden(
        grant.scopes.length === 0
          ? 'API keys cannot do this; sign in as a person with the right role'
          : `This API key lacks the scope for this; it needs one of: ${grant.scopes.join(', ')}`,
      );
    }
  }
}
