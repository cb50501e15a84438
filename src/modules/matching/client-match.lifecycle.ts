/**
 * A match's life, pure: proposed by a lookup, CONFIRMED once each side has confirmed, REJECTED by
 * either side (a confirmed link too: people are unlinked when a caseworker finds they differ).
 */
export enum ClientMatchStatus {
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

export interface MatchSides {
  status: ClientMatchStatus;
  organizationConfirmedAt: Date | null;
  partnerConfirmedAt: Date | null;
}

export type MatchChange = { ok: true; next: MatchSides } | { ok: false; message: string };

/** One side confirms: its mark is set, and the match is CONFIRMED when the other's is too. */
export function confirmSide(match: MatchSides, side: 'ORGANIZATION' | 'PARTNER', now: Date): MatchChange {
  if (match.status !== ClientMatchStatus.PROPOSED) return { ok: false, message: `This match is ${match.status} already` };
  const mine = side === 'ORGANIZATION' ? match.organizationConfirmedAt : match.partnerConfirmedAt;
  if (mine) return { ok: false, message: 'Your organization has confirmed this match already: the other organization has not yet' };
  const next = {
    ...match,
    organizationConfirmedAt: side === 'ORGANIZATION' ? now : match.organizationConfirmedAt,
    partnerConfirmedAt: side === 'PARTNER' ? now : match.partnerConfirmedAt,
  };
  return { ok: true, next: { ...next, status: next.organizationConfirmedAt && next.partnerConfirmedAt ? ClientMatchStatus.CONFIRMED : ClientMatchStatus.PROPOSED } };
}

/** Either side rejects a proposed match, or undoes a confirmed link. */
export function reject(match: MatchSides): MatchChange {
  if (match.status === ClientMatchStatus.REJECTED) return { ok: false, message: 'This match is REJECTED already' };
  return { ok: true, next: { ...match, status: ClientMatchStatus.REJECTED } };
}
