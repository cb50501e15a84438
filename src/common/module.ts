import type { Router } from 'express';
import type { Config } from '../config';
import type { AppServices } from '../context/request-context';
import type { Database } from '../database/database';
import type { Logger } from '../logger';
import type { MutationAudit } from './field-guards';

/**
 * Background work a module gives the platform's job runner (src/modules/jobs). A scheduled job
 * (`every`) is enqueued once per period across every instance; others are enqueued by the module
 * itself, one per `key`. `run` gets the time the runner was told is now, so tests choose it.
 */
export interface JobServices {
  database: Database;
  logger: Logger;
  config: Config;
}

export interface JobDefinition {
  kind: string;
  every?: 'minute' | 'hour' | 'day';
  /** Answers 'again' to be run again at once (it stopped to keep within its lease, with work left). */
  run(services: JobServices, now: Date, key: string): Promise<void | 'again'>;
}

/**
 * What a feature module contributes to the platform, declared once in its `<name>.module.ts` and
 * listed in `src/modules/index.ts`. The kernel (`database`, `context`, `common`) never imports a
 * module: the server's composition (`src/schema.ts`, `src/main.ts`, the tests) hands it these lists.
 */
export interface AppModule {
  /** The module's folder under `src/modules/`. */
  name: string;
  /** TypeORM entities of the tables this module owns: only its own code writes them. */
  entities: Function[];
  /** type-graphql resolver classes: the module's queries, mutations and field resolvers. */
  resolvers: Function[];
  /** Records each successful top-level mutation, in its savepoint: given by the one module that keeps the audit trail. */
  mutationAudit?: MutationAudit;
  /** Scheduled background work. */
  jobs?: JobDefinition[];
  /** HTTP APIs beside GraphQL (e.g. the HSDS feed), mounted by the server. */
  routes?: HttpRoutes[];
}

/**
 * An HTTP API a module serves beside GraphQL. The server mounts `router` at `path` behind the same
 * fair-share gate as GraphQL (which keeps the presented credential in `res.locals.credential`); the
 * router answers each request through a RequestContext of its own, so the same credential checks,
 * rate limits and row-level security apply.
 */
export interface HttpRoutes {
  path: string;
  router(services: AppServices): Router;
}
