import DataLoader from 'dataloader';
import { In, type EntityTarget, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../context/request-context';

/** A per-request loader of `entity` rows by `id` on the request's transaction; missing (or invisible) rows load as null. */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(ctx: RequestContext, entity: EntityTarget<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await (await ctx.db()).getRepository(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The primary key of a tenant table's row. */
export interface TenantKey {
  organizationId: string;
  id: string;
}

const keyOf = (key: TenantKey) => `${key.organizationId}:${key.id}`;

/**
 * Rows of a tenant table by their whole primary key (organization_id, id), so that the lookup is the
 * primary-key index's own. Use it wherever the row's organization is known; missing or invisible
 * rows load as null.
 */
export function byTenantKeyLoader<T extends ObjectLiteral & TenantKey>(ctx: RequestContext, entity: EntityTarget<T>) {
  return new DataLoader<TenantKey, T | null, string>(
    async (keys) => {
      const rows = await (await ctx.db())
        .getRepository(entity)
        .findBy({ organizationId: In([...new Set(keys.map((k) => k.organizationId))]), id: In(keys.map((k) => k.id)) } as never);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}

/**
 * The rows of a tenant table that belong to each parent, e.g. a referral's timeline. Keyed by the
 * children's organization and the parent's id, which lead the children's index.
 */
export function byParentLoader<T extends ObjectLiteral & { organizationId: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  parentProperty: keyof T & string,
  order: FindOptionsOrder<T>,
) {
  return new DataLoader<TenantKey, T[], string>(
    async (keys) => {
      const rows = await (await ctx.db()).getRepository(entity).find({
        where: { organizationId: In([...new Set(keys.map((k) => k.organizationId))]), [parentProperty]: In(keys.map((k) => k.id)) } as never,
        order,
      });
      const byParent = new Map<string, T[]>();
      for (const row of rows) {
        const key = keyOf({ organizationId: row.organizationId, id: row[parentProperty] as string });
        byParent.set(key, [...(byParent.get(key) ?? []), row]);
      }
      return keys.map((key) => byParent.get(keyOf(key)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}
