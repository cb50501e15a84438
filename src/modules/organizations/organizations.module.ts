import type { AppModule } from '../../common/module';
import { Organization } from './organization.entity';
import { OrganizationResolver } from './organization.resolver';

/** Organizations: sign-up, profiles and the public list of who is on the platform. */
export const organizationsModule: AppModule = {
  name: 'organizations',
  entities: [Organization],
  resolvers: [OrganizationResolver],
};
