import { byParentLoader, byTenantKeyLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';

/** RLS shows a referral to its sender and its receiver only. */
export const referralLoader = (ctx: RequestContext) => byTenantKeyLoader(ctx, Referral);

/** Keyed by the referral's (sending) organization and id. */
export const referralTimelineLoader = (ctx: RequestContext) =>
  byParentLoader(ctx, ReferralEvent, 'referralId', { createdAt: 'ASC', id: 'ASC' });

/** Referrals forwarded on from a referral, keyed by its receiving organization (their sender) and its id; RLS keeps those the viewer is not on. */
export const forwardsLoader = (ctx: RequestContext) =>
  byParentLoader(ctx, Referral, 'forwardedFromReferralId', { createdAt: 'ASC', id: 'ASC' });
