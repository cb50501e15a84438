import type { AppModule } from '../../common/module';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { overdueReferralsJob } from './referral.jobs';
import { ReferralEventResolver, ReferralOfEventResolver, ReferralResolver } from './referral.resolver';

/** Referrals between organizations: inbox and outbox, lifecycle and timeline. */
export const referralsModule: AppModule = {
  name: 'referrals',
  entities: [Referral, ReferralEvent],
  resolvers: [ReferralResolver, ReferralEventResolver, ReferralOfEventResolver],
  jobs: [overdueReferralsJob],
};
