import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { requirePermissions } from '../../common/auth-checker';
import { AppError, ErrorCode, isConnectionFailure, isStatementTimeout, notFound, queryTimeout, serviceUnavailable } from '../../common/errors';
import { Permission } from '../../common/permissions';
import { foldForSearch } from '../../common/search-text';
import { isUuid } from '../../common/validation';
import { RequestContext, type AppServices, type Credential } from '../../context/request-context';
import {
  HSDS_VERSION,
  TAXONOMY,
  hsdsOrganization,
  hsdsOrganizationWithServices,
  hsdsPage,
  hsdsService,
  hsdsTaxonomy,
  hsdsTaxonomyTerm,
  type ServiceShape,
} from './hsds.mapping';
import { noQuery, organizationsQuery, parseQuery, servicesQuery, taxonomiesQuery, taxonomyTermsQuery } from './hsds.params';
import { readCategories, readCategory, readOrganization, readOrganizations, readServices } from './hsds.reads';

/** Where the HSDS profile this feed follows is described: the base specification, with no profile of its own. */
export const HSDS_PROFILE = 'https://docs.openreferral.org/en/latest/hsds/';

/** Every endpoint of the feed, under /hsds: the isolation harness checks that each has a case. */
export const HSDS_ENDPOINTS = [
  'GET /hsds/',
  'GET /hsds/services',
  'GET /hsds/services/{id}',
  'GET /hsds/organizations',
  'GET /hsds/organizations/{id}',
  'GET /hsds/taxonomies',
  'GET /hsds/taxonomies/{id}',
  'GET /hsds/taxonomy_terms',
  'GET /hsds/taxonomy_terms/{id}',
] as const;

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 503,
};

type Answer = (ctx: RequestContext, req: Request) => Promise<unknown> | unknown;

/**
 * One endpoint: the request gets a RequestContext as a GraphQL request does (the credential the
 * fair-share gate kept, its rate limits, its RLS-scoped transaction), needs DIRECTORY_READ before
 * anything is read, and answers JSON: the body, or `{ errors: [{ message, extensions: { code } }] }`
 * with the HTTP status of the code.
 */
function endpoint(services: AppServices, answer: Answer): RequestHandler {
  return async (req, res) => {
    const ctx = new RequestContext(services, (res.locals.credential as Credential | null | undefined) ?? null, req.ip ?? null);
    // Each endpoint reads in one statement, which commits in the round trip that opens the transaction.
    ctx.singleFieldQuery = true;
    res.once('close', () => {
      if (!res.writableFinished) ctx.cancel();
    });
    let status = 200;
    let body: unknown;
    try {
      await requirePermissions(ctx, [Permission.DIRECTORY_READ]);
      body = await answer(ctx, req);
      await ctx.finish('commit');
    } catch (error) {
      await ctx.finish('rollback').catch(() => undefined);
      ({ status, body } = errorAnswer(ctx, res, error));
    }
    if (ctx.cancelled) return;
    res.setHeader('x-request-id', ctx.requestId);
    res.setHeader('x-sql-statements', String(ctx.statements));
    res.setHeader('x-sql-round-trips', String(ctx.roundTrips));
    res.status(status).json(body);
  };
}

function errorAnswer(ctx: RequestContext, res: Response, thrown: unknown): { status: number; body: unknown } {
  const error = isStatementTimeout(thrown) ? queryTimeout() : isConnectionFailure(thrown) ? serviceUnavailable() : thrown;
  if (error instanceof AppError) {
    const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } } & Record<string, unknown>;
    for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
    return { status: STATUS[error.code] ?? http?.status ?? 400, body: { errors: [{ message: error.message, extensions }] } };
  }
  if (!ctx.cancelled) ctx.logger.error({ err: error }, 'unexpected error in the HSDS feed');
  return {
    status: 500,
    body: { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: ctx.requestId } }] },
  };
}

/** A record's id from the path: anything that is not a UUID names no record (404, as an unknown one). */
function pathId(req: Request, what: string): string {
  const id = String(req.params.id);
  if (!isUuid(id)) throw notFound(what);
  return id;
}

/** HSDS's page of `items` already in order, for the small lists read whole (taxonomies, terms). */
function pageOfList<T>(items: T[], paging: { page: number; per_page: number }) {
  const start = (paging.page - 1) * paging.per_page;
  return hsdsPage(items.slice(start, start + paging.per_page), { page: paging.page, perPage: paging.per_page, total: items.length });
}

const matches = (search: string | undefined, ...texts: string[]) => !search || foldForSearch(texts.join(' ')).includes(foldForSearch(search));

/**
 * The HSDS 3.0 read API (the Open Referral API reference's required endpoints, and organizations,
 * taxonomies and taxonomy terms): the service directory as GraphQL's `services` shows it, for
 * directory partners that consume HSDS.
 */
export function hsdsRouter(services: AppServices): Router {
  const router = express.Router();

  router.get(
    '/',
    endpoint(services, (_ctx, req) => {
      parseQuery(noQuery, req.query);
      return {
        version: HSDS_VERSION,
        profile: HSDS_PROFILE,
        description:
          'The service directory of NGO Commons in HSDS 3.0: services, the organizations that offer them, their places, and the shared taxonomy of service categories.',
        publisher: { name: 'NGO Commons' },
      };
    }),
  );

  router.get(
    '/services',
    endpoint(services, async (ctx, req) => {
      const query = parseQuery(servicesQuery, req.query);
      const shape: ServiceShape = query.minimal ? 'minimal' : query.full ? 'full' : 'listing';
      const paging = { page: query.page, perPage: query.per_page };
      const { total, services: rows } = await readServices(
        ctx,
        {
          search: query.search,
          organizationId: query.organization_id,
          taxonomyTermId: query.taxonomy_term_id,
          taxonomyId: query.taxonomy_id,
          modifiedAfter: query.modified_after ? new Date(query.modified_after) : undefined,
        },
        paging,
        shape,
      );
      return hsdsPage(rows.map((row) => hsdsService(row, shape)), { ...paging, total });
    }),
  );

  router.get(
    '/services/:id',
    endpoint(services, async (ctx, req) => {
      parseQuery(noQuery, req.query);
      const id = pathId(req, 'Service');
      const { services: [row] } = await readServices(ctx, { id }, { page: 1, perPage: 1 }, 'full');
      if (!row) throw notFound('Service');
      return hsdsService(row, 'full');
    }),
  );

  router.get(
    '/organizations',
    endpoint(services, async (ctx, req) => {
      const query = parseQuery(organizationsQuery, req.query);
      const paging = { page: query.page, perPage: query.per_page };
      const { total, organizations } = await readOrganizations(
        ctx,
        { search: query.search, taxonomyTermId: query.taxonomy_term_id, taxonomyId: query.taxonomy_id },
        paging,
      );
      return hsdsPage(organizations.map(hsdsOrganization), { ...paging, total });
    }),
  );

  router.get(
    '/organizations/:id',
    endpoint(services, async (ctx, req) => {
      parseQuery(noQuery, req.query);
      const found = await readOrganization(ctx, pathId(req, 'Organization'));
      if (!found) throw notFound('Organization');
      return hsdsOrganizationWithServices(found.organization, found.services);
    }),
  );

  router.get(
    '/taxonomies',
    endpoint(services, (_ctx, req) => {
      const query = parseQuery(taxonomiesQuery, req.query);
      return pageOfList(matches(query.search, TAXONOMY.name, TAXONOMY.description) ? [hsdsTaxonomy()] : [], query);
    }),
  );

  router.get(
    '/taxonomies/:id',
    endpoint(services, (_ctx, req) => {
      parseQuery(noQuery, req.query);
      if (pathId(req, 'Taxonomy') !== TAXONOMY.id) throw notFound('Taxonomy');
      return hsdsTaxonomy();
    }),
  );

  router.get(
    '/taxonomy_terms',
    endpoint(services, async (ctx, req) => {
      const query = parseQuery(taxonomyTermsQuery, req.query);
      // The taxonomy is flat and one: a parent or another taxonomy has no terms.
      const none = query.parent_id !== undefined || (query.taxonomy_id !== undefined && query.taxonomy_id !== TAXONOMY.id);
      const categories = none ? [] : await readCategories(ctx);
      const terms = categories.filter((c) => matches(query.search, c.code, c.name, c.description));
      return pageOfList(terms.map((c) => hsdsTaxonomyTerm(c, { nestTaxonomy: false })), query);
    }),
  );

  router.get(
    '/taxonomy_terms/:id',
    endpoint(services, async (ctx, req) => {
      parseQuery(noQuery, req.query);
      const category = await readCategory(ctx, pathId(req, 'Taxonomy term'));
      if (!category) throw notFound('Taxonomy term');
      return hsdsTaxonomyTerm(category, { nestTaxonomy: true });
    }),
  );

  // Anything else under /hsds, after the same credential check: no such endpoint.
  router.use(
    endpoint(services, (_ctx, req) => {
      throw new AppError(ErrorCode.NOT_FOUND, `No HSDS endpoint answers ${req.method} ${req.baseUrl}${req.path}: see GET /hsds/`);
    }),
  );

  return router;
}
