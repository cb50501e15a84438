import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIdLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';

/** RLS shows a referral to its sender and its receiver only. */
export const referralLoader = (ctx: RequestContext) => byIdLoader(ctx, Referral);

export const referralTimelineLoader = (ctx: RequestContext) =>
  new DataLoader<string, ReferralEvent[]>(async (referralIds) => {
    const events = await (await ctx.db()).find(ReferralEvent, {
      where: { referralId: In([...referralIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return referralIds.map((id) => events.filter((event) => event.referralId === id));
  });

/** Referrals forwarded on from each referral, among those the acting organization can see. */
export const forwardsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Referral[]>(async (referralIds) => {
    const rows = await (await ctx.db()).find(Referral, {
      where: { forwardedFromReferralId: In([...referralIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return referralIds.map((id) => rows.filter((row) => row.forwardedFromReferralId === id));
  });
