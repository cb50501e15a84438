import type { ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import type { RowReader } from '../database/rows';
import { keyset, pageOf, pageWindow, type Page, type PageRequest, type SortKey } from './pagination';
import { plainFieldsOf } from './plain-fields';
import type { Selection } from './selection';

/** Collects a statement's parameters; `add` answers the placeholder, cast when the type is given. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, type?: string): string {
    this.values.push(value);
    return `$${this.values.length}${type ? `::${type}` : ''}`;
  }
}

const JOINED = Symbol('joined');

/**
 * What a hot read joined in for `parent` under `name` (the record, null when there is none or RLS
 * hides it, or a list), or else what `load` answers. Resolvers that find it answer synchronously,
 * so graphql-js completes the page without a promise per field.
 */
export function joinedOr<T>(parent: object, name: string, load: () => T | Promise<T>): T | Promise<T> {
  const attached = joinedOf(parent);
  return attached && name in attached ? (attached[name] as T) : load();
}

/** Hands what a hot read attached to a row on to the object a resolver answers for it (e.g. a view of the row). */
export function carryJoined<T extends object>(from: object, to: T): T {
  const attached = joinedOf(from);
  if (attached) (to as { [JOINED]?: Readonly<Record<string, unknown>> })[JOINED] = attached;
  return to;
}

/** Everything a hot read attached to `parent`, by name; undefined when it attached nothing. */
export function joinedOf(parent: object): Readonly<Record<string, unknown>> | undefined {
  return (parent as { [JOINED]?: Record<string, unknown> })[JOINED];
}

/**
 * What the resolvers of a record's other fields read of it, by field name (properties of the
 * entity). A read narrowed to its selection fetches the columns of the plain fields selected, the
 * primary key, and these. A selected field that is neither plain, nor listed here, nor served by a
 * join of the read makes it fetch every column. A `<field>Label` needs what `<field>` needs. The
 * instances of a narrowed read throw on a property they were not given (RowReader), so a resolver
 * that reads more than its entry says fails in tests.
 */
export type FieldReads = Readonly<Record<string, readonly string[]>>;

const LABEL = 'Label';

/** The properties a selection needs of its record (beyond the primary key), or null when a field's needs are not known. */
function propertiesFor(selection: Selection, reads: FieldReads, served: ReadonlySet<string>, keep: readonly string[] = []): string[] | null {
  const plain = plainFieldsOf(selection.type.name);
  const properties = new Set(keep);
  const need = (field: string): boolean => {
    if (plain.has(field)) {
      properties.add(field);
      return true;
    }
    const declared = reads[field];
    if (declared) {
      for (const property of declared) properties.add(property);
      return true;
    }
    if (served.has(field)) return true;
    return field.endsWith(LABEL) && field.length > LABEL.length && need(field.slice(0, -LABEL.length));
  };
  for (const field of selection.fieldNames()) {
    if (field !== '__typename' && !need(field)) return null;
  }
  return [...properties];
}

/** The GraphQL fields a list of joins serves. */
function fieldsServedBy(joins: readonly Join[]): Set<string> {
  return new Set(joins.flatMap((join) => (typeof join.field === 'string' ? [join.field] : join.field)));
}

/**
 * A record (or list of records) that a hot read joins in when the page selects `field`. The
 * subquery answers it as JSON, tied to the parent row, and the read attaches it to the parent under
 * `name` for the field's resolver (see `joinedOr`). The same RLS policies apply as to the resolver's
 * own loader: what the loader would not see, the join does not.
 */
export interface Join<Related extends ObjectLiteral = ObjectLiteral> {
  /** The parent's GraphQL field (or fields) whose selection asks for it. Several joins may serve one field. */
  field: string | readonly string[];
  /** Where it is attached to the parent; the field's name by default. */
  name?: string;
  /** Reads the related rows; `ctx.services.database.rows(...)`. */
  rows(ctx: RequestContext): RowReader<Related>;
  /** FROM and WHERE of the subquery, tying `self` (the related table's alias) to `parent`. */
  from(parent: string, self: string, params: SqlParams): string;
  /**
   * A record many rows of a page share (e.g. the agreement with each sender): in a page (a read
   * with a limit), instead of a subquery per row, the records of `shared.from` are read once per
   * statement, as an object by `key(self)` (the first per key in `order`), and each row takes the
   * one under `parentKey(parent)`: an uncorrelated subquery is evaluated once, however many rows
   * ask. A read of one record keeps the subquery of `from`.
   */
  shared?: { from(self: string, params: SqlParams): string; key(self: string): string; parentKey(parent: string): string };
  /** A list, in this order; otherwise one record, the first in `order` if given. */
  many?: boolean;
  order?(self: string): string;
  /** Joins of the related record, asked for by the selection below `field`. */
  nested?: Join[];
  /**
   * The field's GraphQL type is this entity's own: only the columns the selection below it needs
   * are read (see `FieldReads`). The record is attached to this parent alone, for exactly that
   * selection, and never handed to a loader others share.
   */
  narrow?: boolean;
  /** With `narrow`: what the resolvers of the record's fields read of it. */
  reads?: FieldReads;
  /** The only properties its resolver reads, when the field's type is not the entity's (e.g. a view decided from it). */
  columns?: readonly string[];
  /** Fields of the related record whose resolvers answer from the record alone, reading nothing more. */
  fromRow?: readonly string[];
  /** Showing it records something at commit (e.g. the audit of a client's personal fields). */
  recorded?: boolean;
}

interface PlannedJoin {
  join: Join;
  reader: RowReader<ObjectLiteral>;
  name: string;
  key: string;
  nested: PlannedJoin[];
}

/** A page (or one record) read in one statement with the joins its selection asks for. */
export interface JoinedRead<T extends ObjectLiteral> {
  rows: RowReader<T>;
  /** The root table with its alias, e.g. `referrals r`. */
  from: string;
  alias: string;
  where: string[];
  order?: string;
  limit?: number;
  params: SqlParams;
  joins: Join[];
  selection: Selection | null;
  /** Fields of the root record whose resolvers answer from the row alone, reading nothing more. */
  fromRow?: readonly string[];
  /**
   * Read only the root columns the selection needs, given what the resolvers of its other fields
   * read (see `FieldReads`); without it, every column.
   */
  reads?: FieldReads;
  /** With `reads`: properties read whatever the selection, e.g. the page's sort keys for its cursors. */
  keep?: readonly string[];
  /** The field reads more after this read (e.g. its `totalCount`): the read must not end the transaction. */
  readsMore?: boolean;
}

/**
 * Whether the planned joins, the plain properties and the `fromRow` fields answer every field that
 * `selection` asks for, with nothing recorded at commit: the read is then all that its field needs
 * from the database.
 */
function answersAll(steps: readonly PlannedJoin[], selection: Selection, fromRow: readonly string[] = []): boolean {
  const plain = plainFieldsOf(selection.type.name);
  return selection.fieldNames().every((field) => {
    if (field === '__typename' || plain.has(field) || fromRow.includes(field)) return true;
    const serving = steps.filter((step) => (typeof step.join.field === 'string' ? step.join.field === field : step.join.field.includes(field)));
    const below = selection.get(field);
    return serving.length > 0 && serving.every((step) => !step.join.recorded && (!below || answersAll(step.nested, below, step.join.fromRow)));
  });
}

/** The columns a join reads: what the selection below it needs, when it may narrow (see `FieldReads`). */
function readerFor(ctx: RequestContext, join: Join, below: Selection | null): RowReader<ObjectLiteral> {
  const full = join.rows(ctx);
  if (join.columns) return full.only(join.columns) ?? full;
  if (!join.narrow || !below) return full;
  const properties = propertiesFor(below, join.reads ?? {}, fieldsServedBy(join.nested ?? []));
  return (properties && full.only(properties)) ?? full;
}

/** The root's reader: narrowed to the selection when the read says what its resolvers read. */
function rootReader<T extends ObjectLiteral>(read: JoinedRead<T>): RowReader<T> {
  if (!read.reads || !read.selection) return read.rows;
  const properties = propertiesFor(read.selection, read.reads, fieldsServedBy(read.joins), read.keep);
  return (properties && read.rows.only(properties)) ?? read.rows;
}

/**
 * Runs a joined read: one statement whatever the page size, however many related records it shows.
 * Root rows come back as entities, with the joined records attached to them (`joinedOr`). Each row
 * arrives as one JSON object, its records nested in it: one JSON.parse per row costs the server
 * less than node-postgres's parsing of each column.
 */
export async function readJoined<T extends ObjectLiteral>(ctx: RequestContext, read: JoinedRead<T>): Promise<T[]> {
  let count = 0;
  const plan = (joins: readonly Join[], selection: Selection | null): PlannedJoin[] => {
    const planned: PlannedJoin[] = [];
    for (const join of selection ? joins : []) {
      const field = (typeof join.field === 'string' ? [join.field] : join.field).find((name) => selection!.has(name));
      if (!field) continue;
      const below = selection!.get(field);
      planned.push({ join, reader: readerFor(ctx, join, below), name: join.name ?? field, key: `j${++count}`, nested: plan(join.nested ?? [], below) });
    }
    return planned;
  };
  const planned = plan(read.joins, read.selection);
  const rows = rootReader(read);

  const subquery = (step: PlannedJoin, parent: string): string => {
    const { join } = step;
    const self = step.key;
    const json = step.reader.json(self, step.nested.map((child): [string, string] => [child.key, subquery(child, self)]));
    if (join.shared && read.limit !== undefined) {
      const key = join.shared.key(self);
      const records = `SELECT DISTINCT ON (${key}) (${key})::text AS key, (${json})::jsonb AS record FROM ${join.shared.from(self, read.params)} ORDER BY ${key}${join.order ? `, ${join.order(self)}` : ''}`;
      return `((SELECT jsonb_object_agg(key, record) FROM (${records}) ${self}_shared) -> (${join.shared.parentKey(parent)})::text)`;
    }
    const from = join.from(parent, self, read.params);
    if (join.many) return `(SELECT coalesce(json_agg(${json}${join.order ? ` ORDER BY ${join.order(self)}` : ''}), '[]'::json) FROM ${from})`;
    return `(SELECT ${json} FROM ${from}${join.order ? ` ORDER BY ${join.order(self)}` : ''} LIMIT 1)`;
  };
  const text = [
    `SELECT ${rows.json(read.alias, planned.map((step): [string, string] => [step.key, subquery(step, read.alias)]))} AS row`,
    `FROM ${read.from}`,
    read.where.length ? `WHERE ${read.where.join(' AND ')}` : '',
    read.order ? `ORDER BY ${read.order}` : '',
    read.limit !== undefined ? `LIMIT ${read.params.add(read.limit, 'int')}` : '',
  ]
    .filter(Boolean)
    .join(' ');

  // A read that answers its whole field may end the request's transaction with it (see RequestContext.sql).
  const answersField = !read.readsMore && read.selection !== null && answersAll(planned, read.selection, read.fromRow);
  const raw = await ctx.sql<{ row: Record<string, unknown> }>(text, read.params.values, { answersField });
  const attach = (steps: PlannedJoin[], parent: ObjectLiteral, source: Record<string, unknown>) => {
    if (!steps.length) return;
    const attached: Record<string, unknown> = {};
    for (const step of steps) {
      const value = source[step.key] as Record<string, unknown> | Record<string, unknown>[] | null;
      const reader = step.reader;
      const readOne = (json: Record<string, unknown>) => {
        const related = reader.read(json);
        attach(step.nested, related, json);
        return related;
      };
      attached[step.name] = Array.isArray(value) ? value.map(readOne) : value && readOne(value);
    }
    // A symbol key: never serialized, never listed, never a GraphQL field.
    (parent as { [JOINED]?: Record<string, unknown> })[JOINED] = attached;
  };
  return raw.map(({ row }) => {
    const entity = rows.read(row);
    attach(planned, entity, row);
    return entity;
  });
}

/**
 * A keyset page of a joined read (see `keyset`): `first` rows after `after`, or `last` rows before
 * `before`, in `keys` order. With `count`, a second statement counts the rows the filters match,
 * ignoring the cursor (up to `count.cap`), under the same RLS.
 */
export async function readJoinedPage<T extends ObjectLiteral>(
  ctx: RequestContext,
  read: Omit<JoinedRead<T>, 'order' | 'limit' | 'readsMore'>,
  page: { args: PageRequest; keys: SortKey<T>[]; direction: 'ASC' | 'DESC'; count?: { cap?: number } | false },
): Promise<Page<T>> {
  const window = pageWindow(page.args, ctx.config.graphql.maxPageSize);
  // The filters' parameters only: the page adds the cursor's, the joins' and the limit's after them.
  const filterValues = [...read.params.values];
  const bounds = keyset(window, page.keys, page.direction, read.params);
  const rows = await readJoined(ctx, { ...read, where: [...read.where, ...bounds.where], order: bounds.order, limit: bounds.limit, readsMore: Boolean(page.count) });
  const result = pageOf(rows, window, page.keys);
  if (!page.count) return result;
  const where = read.where.length ? ` WHERE ${read.where.join(' AND ')}` : '';
  const cap = page.count.cap;
  const text =
    cap === undefined
      ? `SELECT count(*)::int AS count FROM ${read.from}${where}`
      : `SELECT count(*)::int AS count FROM (SELECT 1 FROM ${read.from}${where} LIMIT ${cap}) counted`;
  const [counted] = await ctx.sql<{ count: number }>(text, filterValues);
  return { ...result, totalCount: counted.count };
}
