import { getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/request-context';
import { badInput } from './errors';
import { directFieldResolver, plainFieldsOf } from './plain-fields';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path to the first string in `value` that PostgreSQL or a validator cannot take, if any. */
function unsafeText(value: unknown, path: (string | number)[]): { path: (string | number)[]; reason: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, reason: 'must not contain NUL characters (U+0000)' };
    if (LONE_SURROGATE.test(value)) return { path, reason: 'must be valid Unicode (it holds a lone surrogate)' };
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unsafeText(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses text that no column can store (NUL) or that is not Unicode (lone surrogates) as bad
 * input, before validators or the database meet it and fail in ways that look like bugs.
 */
export function assertStorableText(args: Record<string, unknown>): void {
  const found = unsafeText(args, []);
  if (found) throw badInput(`${found.path.join('.')} ${found.reason}`, found.path);
}

/** What a successful mutation leaves in the audit trail; runs in the mutation's savepoint. */
export type MutationAudit = (ctx: RequestContext, entry: { action: string; entityType: string; entityId: string | null }) => Promise<void>;

/**
 * Every top-level mutation field runs in a savepoint of the request's transaction and, when it
 * succeeds, appends an audit event in the same savepoint: if it throws, everything it wrote is
 * undone, so a failed mutation changes nothing while an earlier mutation in the same document
 * stays done.
 */
function inSavepoint(resolve: GraphQLFieldResolver<unknown, RequestContext>, audit: MutationAudit): GraphQLFieldResolver<unknown, RequestContext> {
  const auditMutation = async (ctx: RequestContext, info: GraphQLResolveInfo, result: unknown) => {
    // A sign-in mutation leaves the request signed in as its new session; a failed one leaves no principal.
    if (!(await ctx.principal().catch(() => null))) return;
    const id = (result as { id?: unknown } | null)?.id;
    await audit(ctx, { action: info.fieldName, entityType: getNamedType(info.returnType).name, entityId: typeof id === 'string' ? id : null });
  };
  return async (root, args, ctx, info) => {
    // Mutations that work before a tenant is known (signUp, login...) run their own transactions.
    const principal = await ctx.principal().catch(() => null);
    const run = async () => {
      const result = await resolve(root, args, ctx, info);
      await auditMutation(ctx, info, result);
      return result;
    };
    return principal ? ctx.inSavepoint(run) : run();
  };
}

/**
 * Wraps only the fields that need it, instead of a middleware around all of them: a page of 50
 * referrals resolves about 1,750 fields, and a wrapper on each (an async function and a promise per
 * field) cost more CPU than the page's SQL. Fields with arguments get the text check; mutation
 * fields run in a savepoint with their audit event; plain properties are read by graphql-js's
 * default resolver, and field resolvers that need only their root and the context are called directly.
 */
export function guardFields(schema: GraphQLSchema, audit: MutationAudit, resolverClasses: readonly Function[]): GraphQLSchema {
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length && plainFieldsOf(type.name).has(field.name)) {
        field.resolve = undefined;
        continue;
      }
      const direct = !field.args.length && type !== mutationType ? directFieldResolver(type.name, field.name, resolverClasses) : null;
      if (direct) {
        field.resolve = direct as GraphQLFieldResolver<unknown, unknown>;
        continue;
      }
      const original = field.resolve;
      if (!original) continue;
      let resolve: GraphQLFieldResolver<unknown, RequestContext> = original;
      if (type === mutationType) resolve = inSavepoint(resolve, audit);
      if (field.args.length) {
        const inner = resolve;
        resolve = (root, args, ctx, info) => {
          assertStorableText(args);
          return inner(root, args, ctx, info);
        };
      }
      field.resolve = resolve;
    }
  }
  return schema;
}
