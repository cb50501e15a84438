import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';
import { snakeCase } from 'typeorm/util/StringUtils';

/**
 * snake_case tables and columns, so hand-written SQL needs no quoting, and readable constraint
 * names (pk_/uq_/fk_/ix_ plus table and columns) so migrations and error messages can name them.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snakeCase([...prefixes, customName ?? propertyName].join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return `pk_${this.bareName(table)}`;
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return this.limit(`uq_${this.bareName(table)}_${columnNames.join('_')}`);
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return this.limit(`fk_${this.bareName(table)}_${columnNames.join('_')}`);
  }

  override indexName(table: Table | string, columnNames: string[]): string {
    return this.limit(`ix_${this.bareName(table)}_${columnNames.join('_')}`);
  }

  private bareName(table: Table | string): string {
    const name = this.getTableName(table);
    return name.includes('.') ? name.split('.').pop()! : name;
  }

  /** PostgreSQL truncates identifiers at 63 bytes; two long names must not collide silently. */
  private limit(name: string): string {
    if (name.length <= 63) return name;
    throw new Error(`Constraint name "${name}" is longer than 63 characters: name it explicitly`);
  }
}
