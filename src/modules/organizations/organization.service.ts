import type { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors';
import { paginate, type Page } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import type { OrganizationsArgs, UpdateOrganizationInput } from './dto/organization.inputs';
import { organizationLoader } from './organization.loaders';
import { Organization } from './organization.entity';

/** What a new organization starts with (sign-up). */
export interface NewOrganization {
  id: string;
  name: string;
  kind: Organization['kind'];
  countryCode: string;
  region?: string | null;
  description?: string | null;
  website?: string | null;
}

/** Registers an organization, in the transaction of the sign-up that creates it (before any tenant is set). */
export async function createOrganization(em: EntityManager, organization: NewOrganization): Promise<void> {
  await em.insert(Organization, {
    id: organization.id,
    name: organization.name.trim(),
    kind: organization.kind,
    countryCode: organization.countryCode,
    region: organization.region ?? null,
    description: organization.description ?? null,
    website: organization.website ?? null,
  });
}

export async function getOrganization(ctx: RequestContext, id: string): Promise<Organization> {
  const organization = await ctx.loader(organizationLoader).load(id);
  if (!organization) throw notFound('Organization', ['id']);
  return organization;
}

/** The directory: public profiles of every organization on the platform, by name. */
export async function listOrganizations(ctx: RequestContext, args: OrganizationsArgs): Promise<Page<Organization>> {
  const query = (await ctx.db()).createQueryBuilder(Organization, 'o');
  if (args.search) {
    query.andWhere(`o.name ILIKE :pattern ESCAPE '\\'`, { pattern: `%${args.search.replace(/[\\%_]/g, '\\$&')}%` });
  }
  if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
  if (args.countryCode) query.andWhere('o.country_code = :countryCode', { countryCode: args.countryCode });
  return paginate(query, args, [
    { column: 'o.name', value: (o) => o.name },
    { column: 'o.id', value: (o) => o.id },
  ], ctx.config.graphql.maxPageSize);
}

export async function updateOrganization(ctx: RequestContext, input: UpdateOrganizationInput): Promise<Organization> {
  const { organizationId } = await ctx.requirePrincipal();
  const em = await ctx.db();
  const organization = await em.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
  if (!organization) throw notFound('Organization');
  if (input.name !== undefined && input.name !== null) organization.name = input.name.trim();
  if (input.region !== undefined) organization.region = input.region;
  if (input.description !== undefined) organization.description = input.description;
  if (input.website !== undefined) organization.website = input.website;
  return em.save(organization);
}
