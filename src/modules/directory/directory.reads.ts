import { readJoinedPage, SqlParams, type FieldReads, type Join } from '../../common/hot-read';
import type { ConnectionSelection, Page, SortKey } from '../../common/pagination';
import { containsPattern, foldForSearch } from '../../common/search-text';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import type { ServicesArgs } from './dto/directory.inputs';
import { Location } from './location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service, ServiceStatus } from './service.entity';

/*
 * The directory search read in one statement: a page of services with the organizations, categories
 * and locations it shows, attached for their field resolvers (directory.resolver.ts).
 */

/** A service's category; the referral pages join it below a referral's service too. */
export const SERVICE_CATEGORY_JOIN: Join = {
  field: 'category',
  narrow: true,
  rows: (ctx) => ctx.services.database.rows(ServiceCategory),
  from: (parent, self) => `service_categories ${self} WHERE ${self}.code = ${parent}.category_code`,
};

/** What the field resolvers in directory.resolver.ts read of a service: a page reads only these columns and those of the plain fields it selects. */
export const SERVICE_READS: FieldReads = {
  organization: ['organizationId'],
  category: ['categoryCode'],
  locations: ['organizationId'],
  capacity: ['capacityUnit', 'capacityAvailable', 'capacityMaximum', 'capacityDescription', 'capacityUpdatedAt'],
};

const SERVICE_JOINS: Join[] = [
  {
    field: 'organization',
    narrow: true,
    rows: (ctx) => ctx.services.database.rows(Organization),
    from: (parent, self) => `organizations ${self} WHERE ${self}.id = ${parent}.organization_id`,
  },
  SERVICE_CATEGORY_JOIN,
  {
    field: 'locations',
    many: true,
    narrow: true,
    rows: (ctx) => ctx.services.database.rows(Location, ['searchRegion']),
    // The order serviceLocationsLoader gives: the order the places were linked to the service.
    from: (parent, self) => `service_at_locations sal JOIN locations ${self} ON ${self}.organization_id = sal.organization_id AND ${self}.id = sal.location_id
       WHERE sal.organization_id = ${parent}.organization_id AND sal.service_id = ${parent}.id`,
    order: () => 'sal.created_at, sal.id',
  },
];

const ORDER: SortKey<Service>[] = [
  { column: 's.search_name', value: (s) => s.searchName, type: 'text' },
  { column: 's.id', value: (s) => s.id, type: 'uuid' },
];

/** The directory search: every organization's services, by folded name. */
export async function searchServices(ctx: RequestContext, args: ServicesArgs, selection: ConnectionSelection): Promise<Page<Service>> {
  const params = new SqlParams();
  const where: string[] = [];
  if (!args.includeInactive) where.push(`s.status = ${params.add(ServiceStatus.ACTIVE, 'text')}`);
  const search = args.search ? foldForSearch(args.search) : '';
  if (search) where.push(`s.search_text LIKE ${params.add(containsPattern(search), 'text')} ESCAPE '\\'`);
  if (args.categoryCode) where.push(`s.category_code = ${params.add(args.categoryCode, 'text')}`);
  if (args.acceptingReferrals != null) where.push(`s.accepting_referrals = ${params.add(args.acceptingReferrals, 'boolean')}`);
  if (args.organizationId) where.push(`s.organization_id = ${params.add(args.organizationId, 'uuid')}`);
  if (args.language) {
    const language = args.language.toLowerCase();
    where.push(
      `EXISTS (SELECT 1 FROM unnest(s.languages) AS tag WHERE lower(tag) = ${params.add(language, 'text')} OR lower(tag) LIKE ${params.add(`${language.replace(/[\\%_]/g, '')}-%`, 'text')})`,
    );
  }
  if (args.region) {
    where.push(
      `EXISTS (SELECT 1 FROM service_at_locations sal JOIN locations l ON l.organization_id = sal.organization_id AND l.id = sal.location_id
                WHERE sal.organization_id = s.organization_id AND sal.service_id = s.id AND l.search_region = ${params.add(foldForSearch(args.region), 'text')})`,
    );
  }
  return readJoinedPage(
    ctx,
    {
      rows: ctx.services.database.rows(Service),
      reads: SERVICE_READS,
      // The sort key, for the cursors.
      keep: ['searchName'],
      from: 'services s',
      alias: 's',
      where,
      params,
      joins: SERVICE_JOINS,
      selection: selection.nodes,
      fromRow: ['capacity'],
    },
    { args, keys: ORDER, direction: 'ASC', count: selection.totalCount && {} },
  );
}
