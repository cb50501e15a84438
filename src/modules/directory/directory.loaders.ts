import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byTenantKeyLoader, type TenantKey } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { Location } from './location.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service } from './service.entity';

export const serviceLoader = (ctx: RequestContext) => byTenantKeyLoader(ctx, Service);

export const serviceCategoryLoader = (ctx: RequestContext) =>
  new DataLoader<string, ServiceCategory | null>(async (codes) => {
    const rows = await (await ctx.db()).find(ServiceCategory, { where: { code: In([...codes]) } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });

/** The locations of many services in one query, keyed by each service's organization and id. */
export const serviceLocationsLoader = (ctx: RequestContext) =>
  new DataLoader<TenantKey, Location[], string>(async (services) => {
    const rows = await (await ctx.db())
      .createQueryBuilder(Location, 'l')
      .innerJoin(ServiceAtLocation, 'sal', 'sal.organization_id = l.organization_id AND sal.location_id = l.id')
      .addSelect('sal.service_id', 'service_id')
      .where('sal.organization_id IN (:...organizationIds) AND sal.service_id IN (:...serviceIds)', {
        organizationIds: [...new Set(services.map((s) => s.organizationId))],
        serviceIds: services.map((s) => s.id),
      })
      .orderBy('sal.created_at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getRawAndEntities();
    const byService = new Map<string, Location[]>();
    rows.entities.forEach((location, i) => {
      const serviceId = rows.raw[i].service_id as string;
      byService.set(serviceId, [...(byService.get(serviceId) ?? []), location]);
    });
    return services.map((service) => byService.get(service.id) ?? []);
  }, { cacheKeyFn: (service) => `${service.organizationId}:${service.id}` });
