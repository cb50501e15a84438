import { createHash } from 'node:crypto';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { conflict } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { IdempotencyKey } from './idempotency-key.entity';

/**
 * Runs a create at most once per idempotency key and organization: a retry with the same key and
 * the same input gets what the first attempt created. The key row is claimed in the mutation's own
 * transaction, so a failed attempt leaves no key behind, and a concurrent retry waits on the claim
 * (PostgreSQL's unique-index wait), then answers the first attempt's result. Shared by every
 * server instance, since it lives in the database.
 */
export async function idempotent<T extends ObjectLiteral & { organizationId: string; id: string }>(
  ctx: RequestContext,
  operation: string,
  input: { idempotencyKey?: string | null },
  entity: EntityTarget<T>,
  create: () => Promise<T>,
): Promise<T> {
  const key = input.idempotencyKey;
  if (!key) return create();
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
  return em.getRepository(entity).findOneByOrFail({ organizationId: first.entityOrganizationId, id: first.entityId } as never);
}
