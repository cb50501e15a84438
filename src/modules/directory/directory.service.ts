import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound } from '../../common/errors';
import { foldForSearch } from '../../common/search-text';
import type { RequestContext } from '../../context/request-context';
import { serviceCategoryLoader } from './directory.loaders';
import type {
  CreateServiceInput,
  ServiceCapacityInput,
  UpdateServiceCapacityInput,
  UpdateServiceInput,
} from './dto/directory.inputs';
import { Location } from './location.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service, ServiceCapacity, ServiceStatus } from './service.entity';

export async function listServiceCategories(ctx: RequestContext): Promise<ServiceCategory[]> {
  return (await ctx.db()).find(ServiceCategory, { order: { name: 'ASC' } });
}

export async function getService(ctx: RequestContext, id: string, argumentPath: readonly (string | number)[] = ['id']): Promise<Service> {
  // The one lookup without the organization: the directory is small next to clients and referrals.
  const service = await (await ctx.db()).findOneBy(Service, { id });
  if (!service) throw notFound('Service', argumentPath);
  return service;
}

/** Capacity as HSDS publishes it, or null when the service does not count it. */
export function capacityOf(service: Service): ServiceCapacity | null {
  if (service.capacityUnit === null || service.capacityAvailable === null || service.capacityUpdatedAt === null) return null;
  const maximum = service.capacityMaximum;
  return {
    unit: service.capacityUnit,
    available: service.capacityAvailable,
    maximum,
    description: service.capacityDescription,
    updated: service.capacityUpdatedAt,
    low: maximum ? service.capacityAvailable <= maximum * 0.1 : service.capacityAvailable <= 1,
  };
}

async function assertCategory(ctx: RequestContext, code: string, argumentPath: readonly (string | number)[]): Promise<void> {
  if (!(await ctx.loader(serviceCategoryLoader).load(code))) {
    throw badInput(`${code} is not a service category: use a code from \`serviceCategories\``, argumentPath);
  }
}

function assertCapacity(capacity: ServiceCapacityInput, argumentPath: readonly (string | number)[]): void {
  if (capacity.maximum != null && capacity.available > capacity.maximum) {
    throw badInput('available cannot be more than maximum', [...argumentPath, 'available']);
  }
}

function searchFields(service: Pick<Service, 'name' | 'description' | 'eligibilityDescription'>) {
  return {
    searchName: foldForSearch(service.name),
    searchText: foldForSearch([service.name, service.description, service.eligibilityDescription].filter(Boolean).join(' ')),
  };
}

const normalizeLanguages = (languages: string[]) => [...new Set(languages.map((tag) => tag.trim()))];

export async function createService(ctx: RequestContext, input: CreateServiceInput): Promise<Service> {
  const { organizationId } = await ctx.requireUser();
  await assertCategory(ctx, input.categoryCode, ['input', 'categoryCode']);
  if (input.capacity) assertCapacity(input.capacity, ['input', 'capacity']);
  const em = await ctx.db();
  const fields = {
    name: input.name.trim(),
    description: input.description ?? null,
    eligibilityDescription: input.eligibilityDescription ?? null,
  };
  const service = em.create(Service, {
    organizationId,
    id: randomUUID(),
    ...fields,
    ...searchFields(fields),
    categoryCode: input.categoryCode,
    languages: normalizeLanguages(input.languages),
    scheduleDescription: input.scheduleDescription ?? null,
    status: ServiceStatus.ACTIVE,
    acceptingReferrals: input.acceptingReferrals,
    capacityUnit: input.capacity?.unit ?? null,
    capacityAvailable: input.capacity?.available ?? null,
    capacityMaximum: input.capacity?.maximum ?? null,
    capacityDescription: input.capacity?.description ?? null,
    capacityUpdatedAt: input.capacity ? new Date() : null,
  });
  await em.insert(Service, service);
  if (input.locations.length) await addLocations(em, service, input);
  return em.findOneByOrFail(Service, { organizationId, id: service.id });
}

async function addLocations(em: EntityManager, service: Service, input: CreateServiceInput): Promise<void> {
  const locations = input.locations.map((location) =>
    em.create(Location, {
      organizationId: service.organizationId,
      id: randomUUID(),
      name: location.name ?? null,
      address1: location.address1.trim(),
      city: location.city ?? null,
      region: location.region.trim(),
      postalCode: location.postalCode ?? null,
      country: location.country.toUpperCase(),
      latitude: location.latitude ?? null,
      longitude: location.longitude ?? null,
      searchRegion: foldForSearch(location.region),
    }),
  );
  await em.insert(Location, locations);
  await em.insert(
    ServiceAtLocation,
    locations.map((location) => ({ organizationId: service.organizationId, id: randomUUID(), serviceId: service.id, locationId: location.id })),
  );
}

/** Locks one of the acting organization's services for a change, checking the version the caller read. */
async function lockOwnService(ctx: RequestContext, serviceId: string, expectedVersion?: number): Promise<Service> {
  const { organizationId } = await ctx.requireUser();
  const service = await (await ctx.db()).findOne(Service, {
    where: { organizationId, id: serviceId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!service) throw notFound('Service', ['input', 'serviceId']);
  if (expectedVersion !== undefined && expectedVersion !== service.version) {
    throw conflict(`This service changed since you read it (version ${service.version} now): reload and try again`, {
      version: service.version,
    });
  }
  return service;
}

export async function updateService(ctx: RequestContext, input: UpdateServiceInput): Promise<Service> {
  const service = await lockOwnService(ctx, input.serviceId, input.expectedVersion);
  if (input.categoryCode != null) await assertCategory(ctx, input.categoryCode, ['input', 'categoryCode']);
  if (input.name != null) service.name = input.name.trim();
  if (input.description !== undefined) service.description = input.description;
  if (input.categoryCode != null) service.categoryCode = input.categoryCode;
  if (input.eligibilityDescription !== undefined) service.eligibilityDescription = input.eligibilityDescription;
  if (input.languages != null) service.languages = normalizeLanguages(input.languages);
  if (input.scheduleDescription !== undefined) service.scheduleDescription = input.scheduleDescription;
  if (input.status != null) service.status = input.status;
  if (input.acceptingReferrals != null) service.acceptingReferrals = input.acceptingReferrals;
  Object.assign(service, searchFields(service));
  return (await ctx.db()).save(service);
}

export async function updateServiceCapacity(ctx: RequestContext, input: UpdateServiceCapacityInput): Promise<Service> {
  assertCapacity(input, ['input']);
  const service = await lockOwnService(ctx, input.serviceId);
  service.capacityUnit = input.unit.trim();
  service.capacityAvailable = input.available;
  service.capacityMaximum = input.maximum ?? null;
  service.capacityDescription = input.description ?? null;
  service.capacityUpdatedAt = new Date();
  return (await ctx.db()).save(service);
}
