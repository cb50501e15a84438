import type { Database } from '../database/database';
import type { Logger } from '../logger';
import type { MutationAudit } from './field-guards';

/**
 * Background work a module gives the platform's job runner (src/modules/jobs): run on a schedule,
 * once per period across every instance. `run` gets the time the runner was told is now, so tests
 * choose it.
 */
export interface JobDefinition {
  kind: string;
  every: 'hour' | 'day';
  run(services: { database: Database; logger: Logger }, now: Date): Promise<void>;
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
}
