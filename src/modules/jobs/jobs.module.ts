import type { AppModule } from '../../common/module';
import { Job } from './job.entity';

/** The platform's job queue; the other modules give it jobs (AppModule.jobs), the server runs them (JobRunner). */
export const jobsModule: AppModule = {
  name: 'jobs',
  entities: [Job],
  resolvers: [],
};
