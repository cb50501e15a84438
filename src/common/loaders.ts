import DataLoader from 'dataloader';
import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../context/request-context';

/** A per-request loader of `entity` rows by `id` on the request's transaction; missing (or invisible) rows load as null. */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(ctx: RequestContext, entity: EntityTarget<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await (await ctx.db()).getRepository(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
