import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byTenantKeyLoader, type TenantKey } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { Location } from './location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service } from './service.entity';

export const serviceLoader = (ctx: RequestContext) => byTenantKeyLoader(ctx, Service);

export const serviceCategoryLoader = (ctx: RequestContext) =>
  new DataLoader<string, ServiceCategory | null>(async (codes) => {
    const rows = await (await ctx.db()).find(ServiceCategory, { where: { code: In([...codes]) } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });

/**
 * The locations of many services in one query, keyed by each service's organization and id. A
 * location may serve several services, so rows are paired with services by the join's own
 * service_id, never by position.
 */
export const serviceLocationsLoader = (ctx: RequestContext) =>
  new DataLoader<TenantKey, Location[], string>(
    async (services) => {
      const em = await ctx.db();
      const links: { service_id: string; organization_id: string; location_id: string }[] = await em.query(
        `SELECT sal.service_id, sal.organization_id, sal.location_id FROM service_at_locations sal
          WHERE sal.organization_id = ANY($1) AND sal.service_id = ANY($2)
          ORDER BY sal.created_at, sal.id`,
        [[...new Set(services.map((s) => s.organizationId))], services.map((s) => s.id)],
      );
      const locations = links.length
        ? await em.findBy(Location, { organizationId: In([...new Set(links.map((l) => l.organization_id))]), id: In(links.map((l) => l.location_id)) })
        : [];
      const byKey = new Map(locations.map((location) => [`${location.organizationId}:${location.id}`, location]));
      const byService = new Map<string, Location[]>();
      for (const link of links) {
        const location = byKey.get(`${link.organization_id}:${link.location_id}`);
        const key = `${link.organization_id}:${link.service_id}`;
        if (location) byService.set(key, [...(byService.get(key) ?? []), location]);
      }
      return services.map((service) => byService.get(`${service.organizationId}:${service.id}`) ?? []);
    },
    { cacheKeyFn: (service) => `${service.organizationId}:${service.id}` },
  );
