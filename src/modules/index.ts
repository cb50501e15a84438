import type { AppModule } from '../common/module';
import { auditModule } from './audit/audit.module';
import { authModule } from './auth/auth.module';
import { clientsModule } from './clients/clients.module';
import { directoryModule } from './directory/directory.module';
import { eventsModule } from './events/events.module';
import { hsdsModule } from './hsds/hsds.module';
import { jobsModule } from './jobs/jobs.module';
import { labelsModule } from './labels/labels.module';
import { matchingModule } from './matching/matching.module';
import { webhooksModule } from './webhooks/webhooks.module';
import { operationsModule } from './operations/operations.module';
import { organizationsModule } from './organizations/organizations.module';
import { partnershipsModule } from './partnerships/partnerships.module';
import { programsModule } from './programs/programs.module';
import { referralsModule } from './referrals/referrals.module';

/** Every feature module: the one list the schema, the data source and the tests are built from. */
export const MODULES: readonly AppModule[] = [
  organizationsModule,
  authModule,
  directoryModule,
  partnershipsModule,
  clientsModule,
  matchingModule,
  referralsModule,
  auditModule,
  programsModule,
  operationsModule,
  eventsModule,
  jobsModule,
  webhooksModule,
  hsdsModule,
  labelsModule,
];

/** The scheduled jobs of every module, for the job runner. */
export const JOBS = MODULES.flatMap((module) => module.jobs ?? []);

/** The HTTP APIs beside GraphQL of every module, for the server. */
export const ROUTES = MODULES.flatMap((module) => module.routes ?? []);

/** The entities of every module, for the data sources. */
export const ENTITIES: Function[] = MODULES.flatMap((module) => module.entities);
