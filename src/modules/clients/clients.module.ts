import type { AppModule } from '../../common/module';
import { ClientRecord } from './client.entity';
import { ClientResolver, ConsentResolver } from './client.resolver';
import { Consent } from './consent.entity';

/** The people an organization serves, and their consents to share with partners. */
export const clientsModule: AppModule = {
  name: 'clients',
  entities: [ClientRecord, Consent],
  resolvers: [ClientResolver, ConsentResolver],
};
