import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity's columns for hand-written SQL: the select list or a JSON object of them, and the
 * reading of a row (or of that JSON object) into an instance of the entity, with each value
 * converted by TypeORM's own driver exactly as its hydration would. Hot reads use it instead of the
 * ORM's query building and hydration, which cost more than the statements they send.
 */
export class RowReader<T extends ObjectLiteral> {
  private readonly columns: { name: string; property: string; metadata: ColumnMetadata }[];
  private readonly prototype: object;
  /** The table, for FROM. */
  readonly table: string;

  private readonly narrowed = new Map<string, RowReader<T> | null>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    /** Properties that are never read this way, e.g. a password hash where a display name is shown. */
    private readonly omit: readonly string[] = [],
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.table = metadata.tableName;
    this.columns = metadata.columns
      .filter((column) => !omit.includes(column.propertyName))
      .map((column) => ({ name: column.databaseName, property: column.propertyName, metadata: column }));
    this.prototype = unreadGuard(metadata.name, (metadata.target as { prototype: object }).prototype, omit);
  }

  /**
   * The reader of only these properties and the primary key (e.g. the fields a page shows of a
   * joined record), or null when one of them is not a column. Made once per set of properties.
   */
  only(properties: readonly string[]): RowReader<T> | null {
    const key = [...new Set(properties)].sort().join(',');
    if (!this.narrowed.has(key)) {
      const known = properties.every((property) => this.columns.some((column) => column.property === property));
      const omit = [
        ...this.omit,
        ...this.columns.filter((column) => !column.metadata.isPrimary && !properties.includes(column.property)).map((column) => column.property),
      ];
      this.narrowed.set(key, known ? new RowReader(this.dataSource, this.entity, omit) : null);
    }
    return this.narrowed.get(key)!;
  }

  /** `alias.a, alias.b, ...`: the columns as they are, keyed by their names in the result. */
  list(alias: string): string {
    return this.columns.map((column) => `${alias}.${column.name}`).join(', ');
  }

  /** A json_build_object of the columns, plus `extra` members (nested records) keyed by the given names. */
  json(alias: string, extra: readonly [key: string, sql: string][] = []): string {
    const members = [...this.columns.map((column): [string, string] => [column.name, `${alias}.${column.name}`]), ...extra];
    return `json_build_object(${members.map(([key, sql]) => `'${key}', ${sql}`).join(', ')})`;
  }

  /** A row of `list()` or an object of `json()` as an entity instance. */
  read(raw: Record<string, unknown>): T {
    const entity = Object.create(this.prototype) as Record<string, unknown>;
    const driver = this.dataSource.driver;
    for (const column of this.columns) entity[column.property] = driver.prepareHydratedValue(raw[column.name], column.metadata);
    return entity as T;
  }
}

/**
 * The prototype of the instances a reader makes: the entity's own, with a getter for each property
 * it does not read that throws, so that code reading a column the hot read did not fetch fails
 * loudly (in tests) instead of answering `undefined` as if the column were empty. Setting the
 * property still works (it becomes the instance's own).
 */
function unreadGuard(entityName: string, prototype: object, omit: readonly string[]): object {
  if (!omit.length) return prototype;
  const guard = Object.create(prototype) as object;
  for (const property of omit) {
    Object.defineProperty(guard, property, {
      configurable: true,
      get() {
        throw new Error(`${entityName}.${property} was not read by this hot read: declare it in the reads of the field that needs it`);
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, property, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  return guard;
}
