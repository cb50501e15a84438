import type { AppModule } from '../../common/module';
import { ClientRecord } from './client.entity';
import { ClientResolver, ConsentResolver } from './client.resolver';
import { Consent } from './consent.entity';
import { ClientVersion } from './client-version.entity';
import { recordRetentionJob } from './client.jobs';

/** The people an organization serves, their consents to share with partners, and their rights over their records. */
export const clientsModule: AppModule = {
  name: 'clients',
  entities: [ClientRecord, Consent, ClientVersion],
  resolvers: [ClientResolver, ConsentResolver],
  jobs: [recordRetentionJob],
};
