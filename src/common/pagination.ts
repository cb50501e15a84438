import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import type { SqlParams } from './hot-read';
import { Selection } from './selection';

export const DEFAULT_PAGE_SIZE = 20;

/** Where a count stops on a list that can grow without bound (the audit trail): counting it whole would cost a scan. */
export const COUNT_CAP = 10_000;

@ObjectType({ description: 'Where a page of a connection sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({
    description:
      'Whether items follow this page; fetch them with `after: endCursor`. A page asked `before` a cursor answers true (the items from that cursor on).',
  })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge on this page; null when the page is empty.' })
  endCursor!: string | null;

  @Field({
    description:
      'Whether items come before this page. A page asked with `last` (lists that page backward) answers whether more items precede it; fetch them with `last` and `before: startCursor`. A page asked `after` a cursor answers true (the items up to that cursor), the first page false.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge on this page; null when the page is empty.' })
  startCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: 'How many items to return: 1 to the server maximum (100 by default).',
  })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (a previous page\'s `endCursor`).' })
  after?: string | null;
}

/**
 * The page arguments of lists a front end pages in both directions. Forward: `first` and `after`.
 * Backward: `last` and `before`, answered in the list's own order (Relay cursor connections).
 */
@ArgsType()
export class BidirectionalPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the start of the list (or after \`after\`): 1 to the server maximum (100 by default). ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given. Not with \`last\` or \`before\`.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (a previous page\'s `endCursor`). Not with `last` or `before`.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the end of the list (or before \`before\`), still in the list's order: 1 to the server maximum. ${DEFAULT_PAGE_SIZE} when \`before\` is given alone. Not with \`first\` or \`after\`.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items before this cursor (a page\'s `startCursor`), to page back. Not with `first` or `after`.',
  })
  before?: string | null;
}

/** What a page asks for: PageArgs, or BidirectionalPageArgs. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The page to read, once its arguments are checked: `size` rows from `cursor`, forward or backward. */
export interface PageWindow {
  /** A backward page reads the list's order reversed from `before`, and answers its rows in the list's order. */
  backward: boolean;
  size: number;
  cursor: string | null;
}

/** Checks a page's arguments (stable BAD_USER_INPUT messages naming the argument) and decides the page to read. */
export function pageWindow(args: PageRequest, maxPageSize: number): PageWindow {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badInput('Pass `first` or `last`, not both: `first` pages forward, `last` pages back', ['last']);
  if (after && before) throw badInput('Pass `after` or `before`, not both: `after` pages forward, `before` pages back', ['before']);
  if (after && last != null) throw badInput('`after` pages forward: pass it with `first`, or page back with `last` and `before`', ['after']);
  if (before && first != null) throw badInput('`before` pages back: pass it with `last`, or page forward with `first` and `after`', ['before']);
  const backward = last != null || Boolean(before);
  const name = backward ? 'last' : 'first';
  const size = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) throw badInput(`\`${name}\` must be between 1 and ${maxPageSize}`, [name]);
  return { backward, size, cursor: (backward ? before : after) || null };
}

/** What a query asks of a connection field: the selection below its nodes, and whether it selects `totalCount`. */
export interface ConnectionSelection {
  nodes: Selection | null;
  totalCount: boolean;
}

export function connectionSelection(info: GraphQLResolveInfo): ConnectionSelection {
  const selection = Selection.of(info);
  return { nodes: selection?.at('edges', 'node') ?? null, totalCount: selection?.has('totalCount') ?? false };
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Only when the query selects it (see ConnectionSelection). */
  totalCount?: number;
}

/**
 * Builds the `<Name>Edge` and `<Name>Connection` object types for a node type. `pagesBack`: the
 * list takes BidirectionalPageArgs. `totalCount`, when given, describes the connection's
 * `totalCount` field, which only such connections have.
 */
export function Connection<T extends object>(
  nodeType: ClassType<T>,
  name: string,
  description: string,
  options: { pagesBack?: boolean; totalCount?: string } = {},
) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => nodeType, { description: 'The item.' })
    node!: T;

    @Field({
      description: options.pagesBack
        ? 'Opaque position of this item; pass it as `after` to continue from here, or as `before` to page back from here.'
        : 'Opaque position of this item; pass it as `after` to continue from here.',
    })
    cursor!: string;
  }

  // Two classes rather than one extending the other: each name must be emitted once, with or without a count.
  if (!options.totalCount) {
    @ObjectType(`${name}Connection`, { description })
    class ConnectionType {
      @Field(() => [EdgeType], { description: 'The items on this page, in order.' })
      edges!: EdgeType[];

      @Field(() => PageInfo, { description: 'Whether there are more items.' })
      pageInfo!: PageInfo;
    }
    return ConnectionType;
  }

  const totalCount = options.totalCount;
  @ObjectType(`${name}Connection`, { description })
  class CountedConnectionType {
    @Field(() => [EdgeType], { description: 'The items on this page, in order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether there are more items.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: totalCount })
    totalCount!: number;
  }
  return CountedConnectionType;
}

/** The usual `totalCount` description, for a list counted in full. */
export const TOTAL_COUNT = 'How many items the list holds under your filters, ignoring the cursor; counted only when asked (one more statement).';

/** The SQL types lists are ordered by. */
export type SortKeyType = 'uuid' | 'timestamptz' | 'date' | 'text' | 'bigint';

/** A column the list is ordered by; the last one must be unique (the id) so that order is total. */
export interface SortKey<T> {
  column: string;
  value: (row: T) => string | number | Date;
  /** The column's SQL type: a cursor's value is checked against it before it reaches SQL, and compared as it. */
  type: SortKeyType;
}

/** Whether a cursor's value can be one of a `type` column's values (so a forged cursor is bad input, not a database error). */
const FITS: Record<SortKeyType, (value: unknown) => boolean> = {
  uuid: (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  timestamptz: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value) && !Number.isNaN(Date.parse(value)),
  date: (value) => typeof value === 'string' && (value === 'infinity' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))),
  text: (value) => typeof value === 'string' && !value.includes('\u0000'),
  bigint: (value) => (typeof value === 'string' && /^-?\d{1,18}$/.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value)),
};

/** Oldest first, ties broken by id: the order of every list of records an organization creates. */
export function creationOrder<T extends { createdAt: Date; id: string }>(alias: string): SortKey<T>[] {
  return [
    { column: `${alias}.created_at`, value: (row) => row.createdAt, type: 'timestamptz' },
    { column: `${alias}.id`, value: (row) => row.id, type: 'uuid' },
  ];
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor<T>(cursor: string, keys: SortKey<T>[], argument: 'after' | 'before'): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === keys.length && values.every((value, i) => FITS[keys[i].type](value))) {
      return values;
    }
  } catch {
    // reported below as bad input
  }
  const from = argument === 'after' ? 'endCursor' : 'startCursor';
  throw badInput(`\`${argument}\` is not a cursor from this list: pass a page's \`${from}\` (or an edge's \`cursor\`) unchanged`, [argument]);
}

/** The cursor's values, checked against the keys; null for a page from the start (or end) of the list. */
function cursorValues<T>(window: PageWindow, keys: SortKey<T>[]): unknown[] | null {
  return window.cursor ? decodeCursor(window.cursor, keys, window.backward ? 'before' : 'after') : null;
}

/** The order a page reads in: the list's, or its reverse for a backward page. */
function readOrder(window: PageWindow, direction: 'ASC' | 'DESC'): 'ASC' | 'DESC' {
  return window.backward === (direction === 'ASC') ? 'DESC' : 'ASC';
}

/**
 * The page from the `size + 1` rows fetched: the extra row only tells that more items follow in the
 * order read. A backward page was read in reverse: its rows turn back into the list's order.
 */
export function pageOf<T>(rows: T[], window: PageWindow, keys: SortKey<T>[]): Page<T> {
  const nodes = rows.slice(0, window.size);
  if (window.backward) nodes.reverse();
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor(keys.map((key) => {
      const value = key.value(node);
      return value instanceof Date ? value.toISOString() : value;
    })),
  }));
  const more = rows.length > window.size;
  const fromCursor = Boolean(window.cursor);
  return {
    edges,
    pageInfo: {
      hasNextPage: window.backward ? fromCursor : more,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: window.backward ? more : fromCursor,
      startCursor: edges[0]?.cursor ?? null,
    },
  };
}

/**
 * Keyset pagination: one query fetching `size + 1` rows from the cursor, ordered by `keys`, all
 * ascending or all descending (so that one row comparison finds the rest); a backward page reads
 * the same order reversed. Never OFFSET, so deep pages cost the same as the first. With `count`,
 * a second statement counts the rows the query matches without the cursor (up to `count.cap`).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageRequest,
  keys: SortKey<T>[],
  maxPageSize: number,
  direction: 'ASC' | 'DESC' = 'ASC',
  count?: { cap?: number },
): Promise<Page<T>> {
  const window = pageWindow(args, maxPageSize);
  const values = cursorValues(window, keys);
  // Counted as filtered, before the cursor narrows the query.
  const counting = count ? query.clone() : null;
  const order = readOrder(window, direction);
  if (values) {
    const columns = keys.map((key) => key.column).join(', ');
    const params = Object.fromEntries(values.map((value, i) => [`cursor${i}`, value]));
    query.andWhere(`(${columns}) ${order === 'ASC' ? '>' : '<'} (${values.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  keys.forEach((key, i) => (i === 0 ? query.orderBy(key.column, order) : query.addOrderBy(key.column, order)));
  const page = pageOf(await query.take(window.size + 1).getMany(), window, keys);
  return counting ? { ...page, totalCount: await countRows(counting, count?.cap) } : page;
}

/** How many rows `query` matches, up to `cap`: the rows are only listed (`SELECT 1`) as far as the cap, then counted. */
async function countRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, cap?: number): Promise<number> {
  const rows = query.select('1').orderBy();
  if (cap !== undefined) rows.limit(cap);
  const counted = await query
    .createQueryBuilder()
    .select('count(*)::int', 'count')
    .from(`(${rows.getQuery()})`, 'counted')
    .setParameters(rows.getParameters())
    .getRawOne<{ count: number }>();
  return counted?.count ?? 0;
}

/**
 * The same keyset pagination for hand-written SQL (hot reads): the condition from the cursor (if
 * any), the ORDER BY the page reads in, and how many rows to fetch. Cursor values travel as parameters.
 */
export function keyset<T>(
  window: PageWindow,
  keys: SortKey<T>[],
  direction: 'ASC' | 'DESC',
  params: SqlParams,
): { where: string[]; order: string; limit: number } {
  const values = cursorValues(window, keys);
  const order = readOrder(window, direction);
  const where: string[] = [];
  if (values) {
    // The cursor holds what the row had: a text value compared as its column's type.
    const placeholders = values.map((value, i) => `${params.add(value)}::${keys[i].type}`);
    where.push(`(${keys.map((key) => key.column).join(', ')}) ${order === 'ASC' ? '>' : '<'} (${placeholders.join(', ')})`);
  }
  return { where, order: keys.map((key) => `${key.column} ${order}`).join(', '), limit: window.size + 1 };
}
