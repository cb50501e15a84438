import { createHash } from 'node:crypto';
import { createMethodMiddlewareDecorator } from 'type-graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { badInput, conflict } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { IdempotencyKey } from './idempotency-key.entity';

type Created = { organizationId: string; id: string };

/**
 * Makes a create mutation idempotent: `@Idempotent(Entity)` on its resolver method, whose `input`
 * takes an optional `idempotencyKey`. The mutation's own field name keys it, and it runs on the
 * fields that carry it only. `present` turns a stored row into what the mutation answers, when that
 * is not the row itself (a replay reads the row again).
 */
export function Idempotent<T extends ObjectLiteral & Created>(entity: EntityTarget<T>, present?: (ctx: RequestContext, row: T) => Promise<unknown>): MethodDecorator {
  return createMethodMiddlewareDecorator<RequestContext>(({ args, context, info }, next) =>
    idempotent(context, info.fieldName, (args as { input: { idempotencyKey?: string | null } }).input, entity, () => next() as Promise<Created>, present),
  );
}

/**
 * Runs a create at most once per idempotency key and organization: a retry with the same key and
 * the same input gets what the first attempt created. The key row is claimed in the mutation's own
 * transaction, so a failed attempt leaves no key behind, and a concurrent retry waits on the claim
 * (PostgreSQL's unique-index wait), then answers the first attempt's result. Shared by every
 * server instance, since it lives in the database.
 */
async function idempotent<T extends ObjectLiteral & Created>(
  ctx: RequestContext,
  operation: string,
  input: { idempotencyKey?: string | null },
  entity: EntityTarget<T>,
  create: () => Promise<Created>,
  present?: (ctx: RequestContext, row: T) => Promise<unknown>,
): Promise<unknown> {
  const key = input.idempotencyKey;
  if (!key) return create();
  // This runs around the resolver, before type-graphql validates the input: check the key's length here.
  if (key.length < 8 || key.length > 200) throw badInput('`idempotencyKey` must be 8 to 200 characters', ['input', 'idempotencyKey']);
  const { organizationId } = await ctx.requirePrincipal();
  const { idempotencyKey: _key, ...request } = input;
  const requestHash = createHash('sha256').update(JSON.stringify({ operation, request })).digest('hex');
  const em = await ctx.db();
  const claimed: unknown[] = await em.query(
    `INSERT INTO idempotency_keys (organization_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING key`,
    [organizationId, key, operation, requestHash],
  );
  if (claimed.length) {
    const created = await create();
    await em.update(IdempotencyKey, { organizationId, key }, { entityOrganizationId: created.organizationId, entityId: created.id });
    return created;
  }
  const first = await em.findOneByOrFail(IdempotencyKey, { organizationId, key });
  if (first.operation !== operation || first.requestHash !== requestHash || !first.entityId) {
    throw conflict('This idempotency key was already used for a different request: use a new key for each new request', {
      operation: first.operation,
    });
  }
  const row = await em.getRepository(entity).findOneByOrFail({ organizationId: first.entityOrganizationId, id: first.entityId } as never);
  return present ? present(ctx, row) : row;
}

/**
 * Forgets what the retried requests that created these records said: the stored hash is an unsalted
 * digest of the request body, which could confirm a guess at an erased person's details. A retry
 * with such a key then answers CONFLICT rather than the erased record.
 */
export async function forgetIdempotentRequests(
  query: (text: string, values: unknown[]) => Promise<unknown>,
  organizationId: string,
  entityIds: readonly string[],
): Promise<void> {
  await query(`UPDATE idempotency_keys SET request_hash = 'erased' WHERE organization_id = $1 AND entity_id = ANY($2::uuid[])`, [organizationId, entityIds]);
}
