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

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    /** Properties that are never read this way, e.g. a password hash where a display name is shown. */
    omit: readonly string[] = [],
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.prototype = (metadata.target as { prototype: object }).prototype;
    this.table = metadata.tableName;
    this.columns = metadata.columns
      .filter((column) => !omit.includes(column.propertyName))
      .map((column) => ({ name: column.databaseName, property: column.propertyName, metadata: column }));
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
