import { ClientMatchStatus, confirmSide, reject } from './client-match.lifecycle';

const now = new Date('2026-12-01T00:00:00Z');
const proposed = { status: ClientMatchStatus.PROPOSED, organizationConfirmedAt: null, partnerConfirmedAt: null };

describe('a match between two organizations', () => {
  it('is confirmed only once both sides confirmed, in either order', () => {
    const first = confirmSide(proposed, 'PARTNER', now);
    expect(first).toEqual({ ok: true, next: { ...proposed, partnerConfirmedAt: now } });
    if (!first.ok) throw new Error('unreachable');
    expect(confirmSide(first.next, 'PARTNER', now)).toMatchObject({ ok: false });
    expect(confirmSide(first.next, 'ORGANIZATION', now)).toEqual({
      ok: true,
      next: { status: ClientMatchStatus.CONFIRMED, organizationConfirmedAt: now, partnerConfirmedAt: now },
    });
  });

  it('can be rejected by either side, even once confirmed, but not twice, and a rejected one is never confirmed', () => {
    expect(reject(proposed)).toMatchObject({ ok: true, next: { status: ClientMatchStatus.REJECTED } });
    expect(reject({ ...proposed, status: ClientMatchStatus.CONFIRMED })).toMatchObject({ ok: true, next: { status: ClientMatchStatus.REJECTED } });
    expect(reject({ ...proposed, status: ClientMatchStatus.REJECTED })).toMatchObject({ ok: false });
    expect(confirmSide({ ...proposed, status: ClientMatchStatus.REJECTED }, 'ORGANIZATION', now)).toMatchObject({ ok: false });
  });
});
