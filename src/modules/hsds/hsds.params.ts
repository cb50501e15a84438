import { z } from 'zod';
import { badInput } from '../../common/errors';

/*
 * The query parameters of each endpoint, as the HSDS API reference names them. A parameter the feed
 * does not support is refused (BAD_USER_INPUT) rather than ignored: a consumer that filters by
 * something the feed cannot filter would otherwise take the whole directory for its answer.
 */

export const DEFAULT_PER_PAGE = 50;
/** per_page above this is refused, not clamped: the envelope's arithmetic then always matches what was asked. */
export const MAX_PER_PAGE = 100;
/** Far beyond any directory's last page; keeps OFFSET arithmetic in range. */
const MAX_PAGE = 1_000_000;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const flag = z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an id (UUID) as the feed gives it');
const text = z.string().max(200, 'must be at most 200 characters');

const paging = {
  page: wholeNumber(1, MAX_PAGE).default(1),
  per_page: wholeNumber(1, MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  format: z.literal('json', 'only json is served').optional(),
};

export const servicesQuery = z
  .strictObject({
    ...paging,
    search: text.optional(),
    organization_id: uuid.optional(),
    taxonomy_term_id: uuid.optional(),
    taxonomy_id: uuid.optional(),
    modified_after: z.union([z.iso.datetime({ offset: true }), z.iso.date()], 'must be an ISO 8601 date-time (with Z or an offset) or date').optional(),
    minimal: flag.optional(),
    full: flag.optional(),
  })
  .refine((query) => !(query.minimal && query.full), { message: 'minimal and full cannot both be true', path: ['minimal'] });

export const organizationsQuery = z.strictObject({
  ...paging,
  search: text.optional(),
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
});

export const taxonomiesQuery = z.strictObject({ ...paging, search: text.optional() });

export const taxonomyTermsQuery = z.strictObject({
  ...paging,
  search: text.optional(),
  taxonomy_id: uuid.optional(),
  /** Every term is a top-level one: the taxonomy is flat. */
  top_only: flag.optional(),
  /** No term has a parent. */
  parent_id: z.string().optional(),
});

/** An endpoint that takes no parameters (a record by id, the API's description). */
export const noQuery = z.strictObject({});

/** The parsed query, or BAD_USER_INPUT naming the first parameter at fault. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw badInput(`Unsupported query parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`, [issue.keys[0]]);
  }
  const name = String(issue.path[0] ?? 'query');
  const message = issue.code === 'invalid_type' ? 'must be given once, as text' : issue.message;
  throw badInput(`${name} ${message}`, [name]);
}
