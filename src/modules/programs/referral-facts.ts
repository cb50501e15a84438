import { today } from '../../common/dates';
import type { RequestContext } from '../../context/request-context';
import type { ReferralOutcome } from '../referrals/referral.enums';
import { FINAL_STATUSES, ReferralStatus } from '../referrals/referral.lifecycle';
import type { Program } from './program.entity';
import { ProgramReferralFact } from './referral-fact.entity';

/** What the funnel needs of a referral: who sent it to whom, within which programme. Nothing about the person. */
interface FunnelReferral {
  id: string;
  organizationId: string;
  receivingOrganizationId: string | null;
  programOrganizationId: string | null;
}

/** Starts a programme's funnel row for a referral just sent within it (in the sender's transaction). */
export async function recordReferralFact(ctx: RequestContext, program: Program, referral: FunnelReferral): Promise<void> {
  await (await ctx.db()).insert(ProgramReferralFact, {
    organizationId: program.organizationId,
    referralId: referral.id,
    programId: program.id,
    senderOrganizationId: referral.organizationId,
    receivingOrganizationId: referral.receivingOrganizationId,
    sentOn: today(),
    status: ReferralStatus.SENT,
  });
}

/** Keeps a programme's funnel row in step with its referral: when it was accepted, when it ended, how. */
export async function syncReferralFact(ctx: RequestContext, referral: FunnelReferral, to: ReferralStatus, outcome: ReferralOutcome | null): Promise<void> {
  await (await ctx.db()).query(
    `UPDATE program_referral_facts
        SET status = $3,
            accepted_on = CASE WHEN $3 = 'ACCEPTED' THEN current_date ELSE accepted_on END,
            finished_on = CASE WHEN $3 = ANY($4) THEN current_date ELSE finished_on END,
            outcome = coalesce($5, outcome)
      WHERE organization_id = $1 AND referral_id = $2`,
    [referral.programOrganizationId, referral.id, to, FINAL_STATUSES, outcome],
  );
}
