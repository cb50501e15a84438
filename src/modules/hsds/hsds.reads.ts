import { SqlParams } from '../../common/hot-read';
import { containsPattern, foldForSearch } from '../../common/search-text';
import type { RequestContext } from '../../context/request-context';
import { TAXONOMY, TAXONOMY_TERM_ID_SQL, type CategoryRow, type OrganizationRow, type ServiceRow, type ServiceShape } from './hsds.mapping';

/*
 * The feed's reads: each endpoint one statement on the request's transaction (ctx.sql), so row-level
 * security applies as to the GraphQL directory. A page and its count come from the same filtered
 * set in one statement; a page's nested records are JSON subqueries on that page's rows only.
 */

export interface Paging {
  page: number;
  perPage: number;
}

export interface ServiceFilters {
  search?: string;
  organizationId?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  modifiedAfter?: Date;
  /** One service, for GET /services/{id}. */
  id?: string;
}

const ORGANIZATION_JSON = (o: string) => `json_build_object('id', ${o}.id, 'name', ${o}.name, 'description', ${o}.description, 'website', ${o}.website)`;

const SERVICE_OWN_FIELDS = (s: string) =>
  `'id', ${s}.id, 'organization_id', ${s}.organization_id, 'name', ${s}.name, 'description', ${s}.description,
   'eligibility_description', ${s}.eligibility_description, 'status', ${s}.status, 'languages', ${s}.languages,
   'schedule_description', ${s}.schedule_description, 'category_code', ${s}.category_code`;

/** A service's category and places, in the order the directory shows them (the order they were linked). */
const SERVICE_NESTED_FIELDS = (s: string) =>
  `'category', (SELECT json_build_object('code', c.code, 'name', c.name, 'description', c.description)
                  FROM service_categories c WHERE c.code = ${s}.category_code),
   'locations', COALESCE((SELECT json_agg(json_build_object(
                    'link_id', sal.id, 'id', l.id, 'organization_id', l.organization_id, 'name', l.name, 'address1', l.address1,
                    'city', l.city, 'region', l.region, 'postal_code', l.postal_code, 'country', l.country,
                    'latitude', l.latitude, 'longitude', l.longitude) ORDER BY sal.created_at, sal.id)
                  FROM service_at_locations sal JOIN locations l ON l.organization_id = sal.organization_id AND l.id = sal.location_id
                 WHERE sal.organization_id = ${s}.organization_id AND sal.service_id = ${s}.id), '[]'::json)`;

/** A taxonomy filter names the directory's one taxonomy (no condition) or another (nothing matches). */
function taxonomyCondition(taxonomyId: string | undefined): string | null {
  return taxonomyId !== undefined && taxonomyId !== TAXONOMY.id ? 'false' : null;
}

/**
 * A page of services in the directory's order (folded name, then id), every status (HSDS publishes
 * `status`; a consumer syncing with modified_after must learn that a service stopped), and how many
 * match in all.
 */
export async function readServices(
  ctx: RequestContext,
  filters: ServiceFilters,
  paging: Paging,
  shape: ServiceShape,
): Promise<{ total: number; services: ServiceRow[] }> {
  const params = new SqlParams();
  const where: string[] = [];
  if (filters.id) where.push(`s.id = ${params.add(filters.id, 'uuid')}`);
  const search = filters.search ? foldForSearch(filters.search) : '';
  if (search) where.push(`s.search_text LIKE ${params.add(containsPattern(search), 'text')} ESCAPE '\\'`);
  if (filters.organizationId) where.push(`s.organization_id = ${params.add(filters.organizationId, 'uuid')}`);
  if (filters.taxonomyTermId) {
    where.push(`s.category_code IN (SELECT c.code FROM service_categories c WHERE ${TAXONOMY_TERM_ID_SQL('c.code')} = ${params.add(filters.taxonomyTermId, 'uuid')})`);
  }
  const taxonomy = taxonomyCondition(filters.taxonomyId);
  if (taxonomy) where.push(taxonomy);
  // A service changes when its organization's profile does too: the listing nests it.
  if (filters.modifiedAfter) where.push(`GREATEST(s.updated_at, o.updated_at) >= ${params.add(filters.modifiedAfter.toISOString(), 'timestamptz')}`);
  const limit = params.add(paging.perPage, 'int');
  const offset = params.add((paging.page - 1) * paging.perPage, 'bigint');
  const fields = [
    SERVICE_OWN_FIELDS('s'),
    ...(shape === 'minimal' ? [] : [`'organization', ${ORGANIZATION_JSON('o')}`]),
    ...(shape === 'full' ? [SERVICE_NESTED_FIELDS('s')] : []),
  ].join(',\n');
  const [row] = await ctx.sql<{ total: number; services: ServiceRow[] }>(
    `WITH matched AS (
       SELECT s.organization_id, s.id, s.search_name FROM services s JOIN organizations o ON o.id = s.organization_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ), page AS (
       SELECT * FROM matched ORDER BY search_name, id LIMIT ${limit} OFFSET ${offset}
     )
     SELECT (SELECT count(*)::int FROM matched) AS total,
            COALESCE((SELECT json_agg(json_build_object(${fields}) ORDER BY p.search_name, p.id)
                        FROM page p JOIN services s ON s.organization_id = p.organization_id AND s.id = p.id
                        JOIN organizations o ON o.id = s.organization_id), '[]'::json) AS services`,
    params.values,
    { answersField: true },
  );
  return row;
}

/** A page of organizations by name (as the GraphQL directory orders them), and how many match in all. */
export async function readOrganizations(
  ctx: RequestContext,
  filters: { search?: string; taxonomyTermId?: string; taxonomyId?: string },
  paging: Paging,
): Promise<{ total: number; organizations: OrganizationRow[] }> {
  const params = new SqlParams();
  const where: string[] = [];
  const search = filters.search ? foldForSearch(filters.search) : '';
  if (search) where.push(`o.search_text LIKE ${params.add(containsPattern(search), 'text')} ESCAPE '\\'`);
  if (filters.taxonomyTermId) {
    where.push(`EXISTS (SELECT 1 FROM services s JOIN service_categories c ON c.code = s.category_code
                         WHERE s.organization_id = o.id AND ${TAXONOMY_TERM_ID_SQL('c.code')} = ${params.add(filters.taxonomyTermId, 'uuid')})`);
  }
  const taxonomy = taxonomyCondition(filters.taxonomyId);
  if (taxonomy) where.push(taxonomy);
  const limit = params.add(paging.perPage, 'int');
  const offset = params.add((paging.page - 1) * paging.perPage, 'bigint');
  const [row] = await ctx.sql<{ total: number; organizations: OrganizationRow[] }>(
    `WITH matched AS (
       SELECT o.id, o.name FROM organizations o ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ), page AS (
       SELECT * FROM matched ORDER BY name, id LIMIT ${limit} OFFSET ${offset}
     )
     SELECT (SELECT count(*)::int FROM matched) AS total,
            COALESCE((SELECT json_agg(${ORGANIZATION_JSON('o')} ORDER BY p.name, p.id)
                        FROM page p JOIN organizations o ON o.id = p.id), '[]'::json) AS organizations`,
    params.values,
    { answersField: true },
  );
  return row;
}

/** One organization with its services (their own fields), or null. */
export async function readOrganization(ctx: RequestContext, id: string): Promise<{ organization: OrganizationRow; services: ServiceRow[] } | null> {
  const [row] = await ctx.sql<{ organization: OrganizationRow; services: ServiceRow[] }>(
    `SELECT ${ORGANIZATION_JSON('o')} AS organization,
            COALESCE((SELECT json_agg(json_build_object(${SERVICE_OWN_FIELDS('s')}) ORDER BY s.search_name, s.id)
                        FROM services s WHERE s.organization_id = o.id), '[]'::json) AS services
       FROM organizations o WHERE o.id = $1::uuid`,
    [id],
    { answersField: true },
  );
  return row ?? null;
}

/** The shared service categories, by name. */
export async function readCategories(ctx: RequestContext): Promise<CategoryRow[]> {
  return ctx.sql<CategoryRow>(`SELECT code, name, description FROM service_categories ORDER BY name, code`, [], { answersField: true });
}

/** The category whose HSDS taxonomy_term id is `termId`, or null. */
export async function readCategory(ctx: RequestContext, termId: string): Promise<CategoryRow | null> {
  const [row] = await ctx.sql<CategoryRow>(
    `SELECT code, name, description FROM service_categories WHERE ${TAXONOMY_TERM_ID_SQL('code')} = $1::uuid`,
    [termId],
    { answersField: true },
  );
  return row ?? null;
}
