import DataLoader from 'dataloader';
import { In, type EntityTarget, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../context/request-context';

/**
 * A per-request loader of `entity` rows by `id` (a UUID) on the request's transaction, in plain SQL;
 * missing (or invisible) rows load as null. `omit` leaves out properties its readers never need.
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(ctx: RequestContext, entity: EntityTarget<T>, omit: readonly string[] = []) {
  return new DataLoader<string, T | null>(async (ids) => {
    const reader = ctx.services.database.rows(entity, omit);
    const raw = await ctx.sql(`SELECT ${reader.list('t')} FROM ${reader.table} t WHERE t.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(raw.map((row) => reader.read(row)).map((row) => [row.id, row]));
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
      const reader = ctx.services.database.rows(entity);
      const raw = await ctx.sql(
        `SELECT ${reader.list('t')} FROM ${reader.table} t WHERE t.organization_id = ANY($1::uuid[]) AND t.id = ANY($2::uuid[])`,
        [[...new Set(keys.map((k) => k.organizationId))], keys.map((k) => k.id)],
      );
      const rows = raw.map((row) => reader.read(row));
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
