import { createHash } from 'node:crypto';
import { ServiceStatus } from '../directory/service.entity';

/*
 * The directory's rows in HSDS 3.0's names and shapes. Pure: the reads (hsds.reads.ts) answer the
 * rows, these functions the objects the feed sends. Only what the directory holds is mapped; HSDS's
 * optional fields without a value here are left out (its types are strings, not nullable strings).
 */

export const HSDS_VERSION = '3.0';

/**
 * A stable id for a record HSDS has and the directory keeps inside another (a location's address, a
 * service's languages, schedule and category link, the taxonomy and its terms): the MD5 of a name
 * for it, written as a UUID. PostgreSQL computes the same (`md5(text)::uuid`), so a term's id can
 * be matched in SQL (see TAXONOMY_TERM_ID_SQL).
 */
export function derivedId(kind: string, key: string): string {
  const hex = createHash('md5').update(`ngo-commons/hsds/${kind}/${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** derivedId('taxonomy_term', code) in SQL, for the category code column `column`. */
export const TAXONOMY_TERM_ID_SQL = (column: string) => `md5('ngo-commons/hsds/taxonomy_term/' || ${column})::uuid`;

/** The directory's one taxonomy: the shared service categories. */
export const TAXONOMY = {
  id: derivedId('taxonomy', 'service_categories'),
  name: 'NGO Commons service categories',
  description:
    'The shared taxonomy of social-work services on this platform: every service in the directory has one category, so that organizations can find each other by what they do.',
  version: '1',
} as const;

export const taxonomyTermId = (code: string) => derivedId('taxonomy_term', code);

const STATUS: Record<ServiceStatus, string> = {
  [ServiceStatus.ACTIVE]: 'active',
  [ServiceStatus.INACTIVE]: 'inactive',
  [ServiceStatus.TEMPORARILY_CLOSED]: 'temporarily closed',
};

export interface OrganizationRow {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
}

export interface CategoryRow {
  code: string;
  name: string;
  description: string;
}

export interface LocationRow {
  /** The service_at_location link's id. */
  link_id: string;
  id: string;
  organization_id: string;
  name: string | null;
  address1: string;
  city: string | null;
  region: string;
  postal_code: string | null;
  country: string;
  latitude: number | null;
  longitude: number | null;
}

export interface ServiceRow {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  eligibility_description: string | null;
  status: ServiceStatus;
  languages: string[];
  schedule_description: string | null;
  category_code: string;
  /** Read unless the listing is minimal. */
  organization?: OrganizationRow;
  /** Read for a fully nested service. */
  category?: CategoryRow;
  locations?: LocationRow[];
}

/** How much of a service the feed sends: its own fields; with its organization (HSDS's listing); or everything (by id, `full`). */
export type ServiceShape = 'minimal' | 'listing' | 'full';

type Json = Record<string, unknown>;

/** `{ [key]: value }` when there is a value, `{}` otherwise. */
const present = (key: string, value: string | number | null | undefined): Json => (value === null || value === undefined ? {} : { [key]: value });

export function hsdsOrganization(row: OrganizationRow): Json {
  return {
    id: row.id,
    name: row.name,
    // Required by HSDS; an organization may not have written one yet.
    description: row.description ?? '',
    ...present('website', row.website),
  };
}

export function hsdsTaxonomy(): Json {
  return { ...TAXONOMY };
}

export function hsdsTaxonomyTerm(row: CategoryRow, options: { nestTaxonomy: boolean }): Json {
  return {
    id: taxonomyTermId(row.code),
    code: row.code,
    name: row.name,
    description: row.description,
    taxonomy_id: TAXONOMY.id,
    ...(options.nestTaxonomy ? { taxonomy: hsdsTaxonomy() } : {}),
  };
}

function hsdsServiceAtLocation(serviceId: string, row: LocationRow): Json {
  return {
    id: row.link_id,
    service_id: serviceId,
    location_id: row.id,
    location: {
      id: row.id,
      location_type: 'physical',
      organization_id: row.organization_id,
      ...present('name', row.name),
      ...present('latitude', row.latitude),
      ...present('longitude', row.longitude),
      addresses: [
        {
          id: derivedId('address', row.id),
          location_id: row.id,
          address_1: row.address1,
          // Required by HSDS; optional here.
          city: row.city ?? '',
          state_province: row.region,
          postal_code: row.postal_code ?? '',
          country: row.country,
          address_type: 'physical',
        },
      ],
    },
  };
}

export function hsdsService(row: ServiceRow, shape: ServiceShape): Json {
  const own: Json = {
    id: row.id,
    organization_id: row.organization_id,
    name: row.name,
    ...present('description', row.description),
    ...present('eligibility_description', row.eligibility_description),
    status: STATUS[row.status],
  };
  if (shape === 'minimal') return own;
  if (!row.organization) throw new Error('The service was read without its organization');
  const withOrganization = { ...own, organization: hsdsOrganization(row.organization) };
  if (shape === 'listing') return withOrganization;
  if (!row.category || !row.locations) throw new Error('The service was read without its category and locations');
  return {
    ...withOrganization,
    service_at_locations: row.locations.map((location) => hsdsServiceAtLocation(row.id, location)),
    languages: row.languages.map((tag) => ({ id: derivedId('language', `${row.id}/${tag}`), service_id: row.id, code: tag })),
    schedules: row.schedule_description ? [{ id: derivedId('schedule', row.id), service_id: row.id, description: row.schedule_description }] : [],
    attributes: [
      {
        id: derivedId('attribute', `${row.id}/${row.category.code}`),
        link_id: row.id,
        link_type: 'service_category',
        link_entity: 'service',
        taxonomy_term_id: taxonomyTermId(row.category.code),
        taxonomy_term: hsdsTaxonomyTerm(row.category, { nestTaxonomy: true }),
      },
    ],
  };
}

/** An organization by id: HSDS's nested organization, whose services are listed with their own fields only. */
export function hsdsOrganizationWithServices(row: OrganizationRow, services: ServiceRow[]): Json {
  return { ...hsdsOrganization(row), services: services.map((service) => hsdsService(service, 'minimal')) };
}

/** HSDS's page envelope around `contents`: page numbers start at 1; `size` counts the entities on this page. */
export function hsdsPage<T>(contents: T[], paging: { page: number; perPage: number; total: number }): Json {
  const totalPages = Math.ceil(paging.total / paging.perPage);
  return {
    total_items: paging.total,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
