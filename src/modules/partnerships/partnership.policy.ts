import { today } from '../../common/dates';
import { DataCategory } from './data-category';
import type { Partnership } from './partnership.entity';
import { PartnershipStatus, SHARING_PARTNERSHIP_STATUSES, type PartnershipSide } from './partnership.lifecycle';

/** Today's date (UTC) as the agreement's dates are written, YYYY-MM-DD. */

export function sideOf(partnership: Partnership, organizationId: string): PartnershipSide | null {
  if (partnership.organizationId === organizationId) return 'PROPOSER';
  if (partnership.partnerOrganizationId === organizationId) return 'PARTNER';
  return null;
}

export function withinAgreementDates(partnership: Partnership, on: string): boolean {
  return partnership.startsOn <= on && (partnership.endsOn === null || partnership.endsOn >= on);
}

/** ACTIVE or SUSPENDED, and today within the agreement's dates. */
export function agreementInForce(partnership: Partnership, now = new Date()): boolean {
  return SHARING_PARTNERSHIP_STATUSES.includes(partnership.status) && withinAgreementDates(partnership, today(now));
}

/**
 * The categories the agreement lets flow from `fromOrganizationId` to the other side now: none
 * unless the partnership is ACTIVE or SUSPENDED and today is within its dates.
 */
export function categoriesFlowingFrom(partnership: Partnership | null, fromOrganizationId: string, now = new Date()): DataCategory[] {
  if (!partnership || !agreementInForce(partnership, now)) {
    return [];
  }
  const side = sideOf(partnership, fromOrganizationId);
  if (side === 'PROPOSER') return partnership.proposerShares;
  if (side === 'PARTNER') return partnership.partnerShares;
  return [];
}

/** Whether `fromOrganizationId` may send the other side a new referral now: ACTIVE (not suspended), in date, REFERRALS allowed. */
export function allowsNewReferrals(partnership: Partnership | null, fromOrganizationId: string, now = new Date()): boolean {
  return (
    partnership?.status === PartnershipStatus.ACTIVE &&
    categoriesFlowingFrom(partnership, fromOrganizationId, now).includes(DataCategory.REFERRALS)
  );
}
