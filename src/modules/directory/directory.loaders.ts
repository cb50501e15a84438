import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIdLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { Location } from './location.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service } from './service.entity';

export const serviceLoader = (ctx: RequestContext) => byIdLoader(ctx, Service);

export const serviceCategoryLoader = (ctx: RequestContext) =>
  new DataLoader<string, ServiceCategory | null>(async (codes) => {
    const rows = await (await ctx.db()).find(ServiceCategory, { where: { code: In([...codes]) } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });

/** The locations of many services in one query. */
export const serviceLocationsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Location[]>(async (serviceIds) => {
    const rows = await (await ctx.db())
      .createQueryBuilder(Location, 'l')
      .innerJoin(ServiceAtLocation, 'sal', 'sal.organization_id = l.organization_id AND sal.location_id = l.id')
      .addSelect('sal.service_id', 'service_id')
      .where('sal.service_id IN (:...serviceIds)', { serviceIds })
      .orderBy('sal.created_at', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getRawAndEntities();
    const byService = new Map<string, Location[]>();
    rows.entities.forEach((location, i) => {
      const serviceId = rows.raw[i].service_id as string;
      byService.set(serviceId, [...(byService.get(serviceId) ?? []), location]);
    });
    return serviceIds.map((id) => byService.get(id) ?? []);
  });
