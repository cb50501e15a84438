import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { recordAudit } from '../modules/audit/audit.service';

/**
 * Every top-level mutation field runs in a savepoint of the request's transaction and, when it
 * succeeds, appends an audit event in the same savepoint: if it throws, everything it wrote is
 * undone, so a failed mutation changes nothing while an earlier mutation in the same document
 * stays done.
 */
export const mutationSavepoint: MiddlewareFn<RequestContext> = async ({ context, info }, next) => {
  if (info.parentType.name !== 'Mutation') return next();
  // Mutations that work before a tenant is known (signUp, login...) run their own transactions.
  const principal = await context.principal().catch(() => null);
  if (!principal) {
    const result = await next();
    await auditMutation(context, info, result);
    return result;
  }
  return context.inSavepoint(async () => {
    const result = await next();
    await auditMutation(context, info, result);
    return result;
  });
};

async function auditMutation(ctx: RequestContext, info: GraphQLResolveInfo, result: unknown): Promise<void> {
  // A sign-in mutation leaves the request signed in as its new session; a failed one leaves no principal.
  if (!(await ctx.principal().catch(() => null))) return;
  const id = (result as { id?: unknown } | null)?.id;
  await recordAudit(ctx, {
    action: info.fieldName,
    entityType: getNamedType(info.returnType).name,
    entityId: typeof id === 'string' ? id : null,
  });
}
