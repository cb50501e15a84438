import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './naming';

/**
 * The schema owner's connection: migrations and the schema-drift check only (which needs the
 * modules' entities; migrations do not). The server closes it before it serves a request.
 */
export function createOwnerDataSource(url: string, entities: Function[] = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    extra: { max: 2, application_name: 'ngo-commons-migrate' },
  });
}

export interface AppPoolOptions {
  poolSize: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/** The application role's pool, with the modules' entities (`ENTITIES` of src/modules). Reached only through `Database` (see database.ts). */
export function createAppDataSource(url: string, options: AppPoolOptions, entities: Function[]): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize,
      application_name: 'ngo-commons',
      // Fail fast while the database is away (connecting or waiting for a pooled connection), instead of queueing requests.
      connectionTimeoutMillis: 3000,
      // Also set on the role by ensureAppLoginRole; repeated here for operator-made roles (APP_DATABASE_URL).
      // Generic plans for the hot reads' prepared statements: planning a page's statement with its
      // joins costs more than running it, and PostgreSQL's default would plan it anew for the first
      // five executions on every connection. The statements name their side and keys explicitly, so
      // one plan serves every tenant.
      options: `-c statement_timeout=${options.statementTimeoutMs} -c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs} -c plan_cache_mode=force_generic_plan`,
    },
  });
}
