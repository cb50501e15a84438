import type { AppModule } from '../../common/module';
import { ClientMatchKey } from './client-match-key.entity';
import { ClientMatchRecord } from './client-match.entity';
import { MatchingResolver } from './matching.resolver';

/** Privacy-preserving matching across organizations: clients' keyed match keys, lookups and the links both sides confirm. */
export const matchingModule: AppModule = {
  name: 'matching',
  entities: [ClientMatchKey, ClientMatchRecord],
  resolvers: [MatchingResolver],
};
