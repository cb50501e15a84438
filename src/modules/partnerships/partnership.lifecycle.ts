/**
 * The partnership state machine, pure. A partnership is between a proposer and a partner; the
 * partner answers a proposal, either side may suspend or end an active one, and only the side that
 * suspended may resume.
 */
export enum PartnershipStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}

export type PartnershipSide = 'PROPOSER' | 'PARTNER';

/** Partnerships in these statuses block a second one between the same two organizations. */
export const OPEN_PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = [
  PartnershipStatus.PROPOSED,
  PartnershipStatus.ACTIVE,
  PartnershipStatus.SUSPENDED,
];

/** Data already shared keeps flowing under these (a suspension stops new referrals only). */
export const SHARING_PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = [PartnershipStatus.ACTIVE, PartnershipStatus.SUSPENDED];

export type PartnershipTransitionCheck = { ok: true } | { ok: false; message: string };

export function checkPartnershipTransition(
  from: PartnershipStatus,
  to: PartnershipStatus,
  actor: { side: PartnershipSide; suspendedByActor: boolean },
): PartnershipTransitionCheck {
  const refuse = (message: string): PartnershipTransitionCheck => ({ ok: false, message });
  switch (to) {
    case PartnershipStatus.ACTIVE:
      if (from === PartnershipStatus.PROPOSED) {
        return actor.side === 'PARTNER' ? { ok: true } : refuse('Only the invited partner can accept a proposed partnership');
      }
      if (from === PartnershipStatus.SUSPENDED) {
        return actor.suspendedByActor ? { ok: true } : refuse('Only the organization that suspended the partnership can resume it');
      }
      break;
    case PartnershipStatus.DECLINED:
      if (from === PartnershipStatus.PROPOSED) {
        return actor.side === 'PARTNER' ? { ok: true } : refuse('Only the invited partner can decline; the proposer can end (withdraw) it');
      }
      break;
    case PartnershipStatus.SUSPENDED:
      if (from === PartnershipStatus.ACTIVE) return { ok: true };
      break;
    case PartnershipStatus.ENDED:
      if (OPEN_PARTNERSHIP_STATUSES.includes(from)) return { ok: true };
      break;
    case PartnershipStatus.PROPOSED:
      return refuse('A partnership cannot go back to PROPOSED: propose a new one');
  }
  return refuse(`A partnership in status ${from} cannot become ${to}`);
}
