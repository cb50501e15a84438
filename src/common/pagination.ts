import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import type { SqlParams } from './hot-read';

export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Where a page of a connection sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether another page follows; fetch it with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge on this page; null when the page is empty.' })
  endCursor!: string | null;

  @Field({
    description:
      'Whether items come before this page: true when it was asked for `after` a cursor (the items up to that cursor), false for the first page. Lists page forward only.',
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

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds the `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => nodeType, { description: 'The item.' })
    node!: T;

    @Field({ description: 'Opaque position of this item; pass it as `after` to continue from here.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items on this page, in order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether there are more items.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

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

function decodeCursor<T>(cursor: string, keys: SortKey<T>[]): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === keys.length && values.every((value, i) => FITS[keys[i].type](value))) {
      return values;
    }
  } catch {
    // reported below as bad input
  }
  throw badInput('`after` is not a cursor from this list: pass a previous page\'s `endCursor` unchanged', ['after']);
}

function assertPageSize(args: PageArgs, maxPageSize: number): void {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxPageSize) {
    throw badInput(`\`first\` must be between 1 and ${maxPageSize}`, ['first']);
  }
}

/** The page from the `first + 1` rows fetched: the extra row only tells that another page follows. */
export function pageOf<T>(rows: T[], args: PageArgs, keys: SortKey<T>[]): Page<T> {
  const edges = rows.slice(0, args.first).map((node) => ({
    node,
    cursor: encodeCursor(keys.map((key) => {
      const value = key.value(node);
      return value instanceof Date ? value.toISOString() : value;
    })),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null },
  };
}

/**
 * Keyset pagination: one query fetching `first + 1` rows after the cursor, ordered by `keys`, all
 * ascending or all descending (so that one row comparison finds the rest). Never OFFSET, so deep
 * pages cost the same as the first.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  keys: SortKey<T>[],
  maxPageSize: number,
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<Page<T>> {
  assertPageSize(args, maxPageSize);
  if (args.after) {
    const values = decodeCursor(args.after, keys);
    const columns = keys.map((key) => key.column).join(', ');
    const params = Object.fromEntries(values.map((value, i) => [`cursor${i}`, value]));
    query.andWhere(`(${columns}) ${direction === 'ASC' ? '>' : '<'} (${values.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  keys.forEach((key, i) => (i === 0 ? query.orderBy(key.column, direction) : query.addOrderBy(key.column, direction)));
  return pageOf(await query.take(args.first + 1).getMany(), args, keys);
}

/**
 * The same keyset pagination for hand-written SQL (hot reads): the condition after the cursor (if
 * any), the ORDER BY, and how many rows to fetch. Cursor values travel as parameters.
 */
export function keyset<T>(
  args: PageArgs,
  keys: SortKey<T>[],
  maxPageSize: number,
  direction: 'ASC' | 'DESC',
  params: SqlParams,
): { where: string[]; order: string; limit: number } {
  assertPageSize(args, maxPageSize);
  const where: string[] = [];
  if (args.after) {
    const values = decodeCursor(args.after, keys);
    // The cursor holds what the row had: a text value compared as its column's type.
    const placeholders = values.map((value, i) => `${params.add(value)}::${keys[i].type}`);
    where.push(`(${keys.map((key) => key.column).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${placeholders.join(', ')})`);
  }
  return { where, order: keys.map((key) => `${key.column} ${direction}`).join(', '), limit: args.first + 1 };
}
