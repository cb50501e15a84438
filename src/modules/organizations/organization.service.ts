import { IsNull, Not, type EntityManager } from 'typeorm';
import { conflict, notFound } from '../../common/errors';
import { paginate, type Page } from '../../common/pagination';
import { containsPattern, foldForSearch } from '../../common/search-text';
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

/** What the organization search compares with a folded query: its name and region, folded. */
export function organizationSearchText(organization: { name: string; region?: string | null }): string {
  return foldForSearch([organization.name, organization.region].filter(Boolean).join(' '));
}

/**
 * Refuses a profile that would pass for a verified organization of the same kind: the same name and
 * region once case and accents are folded (three "Trung tâm Công tác xã hội tỉnh Lào Cai" must not
 * sit beside the verified one). `self` is the organization being renamed.
 */
async function assertNotPassingForVerified(em: EntityManager, profile: { name: string; kind: Organization['kind']; region?: string | null }, self?: string): Promise<void> {
  const searchText = organizationSearchText(profile);
  const lookalikes = await em.find(Organization, { where: { kind: profile.kind, searchText, verifiedAt: Not(IsNull()) } });
  const fold = (text: string | null | undefined) => foldForSearch(text ?? '');
  const verified = lookalikes.find((other) => other.id !== self && fold(other.name) === fold(profile.name) && fold(other.region) === fold(profile.region));
  if (verified) {
    throw conflict(
      `"${verified.name}" is a verified organization of this kind${verified.region ? ` in ${verified.region}` : ''}: choose a name of your own, or ask the platform's operators if you are that organization`,
    );
  }
}

/** Registers an organization, in the transaction of the sign-up that creates it (before any tenant is set). */
export async function createOrganization(em: EntityManager, organization: NewOrganization): Promise<void> {
  await assertNotPassingForVerified(em, { name: organization.name.trim(), kind: organization.kind, region: organization.region });
  await em.insert(Organization, {
    id: organization.id,
    name: organization.name.trim(),
    kind: organization.kind,
    countryCode: organization.countryCode,
    region: organization.region ?? null,
    description: organization.description ?? null,
    website: organization.website ?? null,
    searchText: organizationSearchText({ name: organization.name.trim(), region: organization.region }),
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
  // Accent-folded on both sides, as the service directory: "trung tam cong tac xa hoi ha giang" finds "Trung tâm Công tác xã hội tỉnh Hà Giang".
  const search = args.search ? foldForSearch(args.search) : '';
  if (search) query.andWhere(`o.search_text LIKE :pattern ESCAPE '\\'`, { pattern: containsPattern(search) });
  if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
  if (args.countryCode) query.andWhere('o.country_code = :countryCode', { countryCode: args.countryCode });
  return paginate(query, args, [
    { column: 'o.name', value: (o) => o.name, type: 'text' },
    { column: 'o.id', value: (o) => o.id, type: 'uuid' },
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
  if (input.receiverAccessDays !== undefined) organization.receiverAccessDays = input.receiverAccessDays;
  if (input.recordRetentionDays !== undefined) organization.recordRetentionDays = input.recordRetentionDays;
  if (input.name != null || input.region !== undefined) await assertNotPassingForVerified(em, organization, organization.id);
  organization.searchText = organizationSearchText(organization);
  return em.save(organization);
}
