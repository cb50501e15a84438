import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../context/request-context';

/**
 * Every top-level mutation field runs in a savepoint of the request's transaction: if it throws,
 * everything it wrote is undone, so a failed mutation changes nothing while an earlier mutation in
 * the same document stays done.
 */
export const mutationSavepoint: MiddlewareFn<RequestContext> = async ({ context, info }, next) => {
  if (info.parentType.name !== 'Mutation') return next();
  // Mutations that work before a tenant is known (signUp, login...) run their own transactions.
  const principal = await context.principal().catch(() => null);
  if (!principal) return next();
  return context.inSavepoint(next);
};
