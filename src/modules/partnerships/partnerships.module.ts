import type { AppModule } from '../../common/module';
import { PartnershipEvent } from './partnership-event.entity';
import { Partnership } from './partnership.entity';
import { PartnershipEventResolver, PartnershipResolver } from './partnership.resolver';

/** Partnership agreements between two organizations: what may be referred and which client fields are shared. */
export const partnershipsModule: AppModule = {
  name: 'partnerships',
  entities: [Partnership, PartnershipEvent],
  resolvers: [PartnershipResolver, PartnershipEventResolver],
};
