import { checkPartnershipTransition, PartnershipStatus as S, type PartnershipSide } from './partnership.lifecycle';

const ok = (from: S, to: S, side: PartnershipSide, suspendedByActor = false) =>
  checkPartnershipTransition(from, to, { side, suspendedByActor }).ok;

describe('partnership lifecycle', () => {
  it('lets only the partner answer a proposal, and either side withdraw or end it', () => {
    expect(ok(S.PROPOSED, S.ACTIVE, 'PARTNER')).toBe(true);
    expect(ok(S.PROPOSED, S.ACTIVE, 'PROPOSER')).toBe(false);
    expect(ok(S.PROPOSED, S.DECLINED, 'PARTNER')).toBe(true);
    expect(ok(S.PROPOSED, S.DECLINED, 'PROPOSER')).toBe(false);
    expect(ok(S.PROPOSED, S.ENDED, 'PROPOSER')).toBe(true);
  });

  it('lets either side suspend or end an active partnership, and only the suspending side resume', () => {
    for (const side of ['PROPOSER', 'PARTNER'] as const) {
      expect(ok(S.ACTIVE, S.SUSPENDED, side)).toBe(true);
      expect(ok(S.ACTIVE, S.ENDED, side)).toBe(true);
      expect(ok(S.SUSPENDED, S.ENDED, side)).toBe(true);
      expect(ok(S.SUSPENDED, S.ACTIVE, side, true)).toBe(true);
      expect(ok(S.SUSPENDED, S.ACTIVE, side, false)).toBe(false);
    }
  });

  it('leaves no way out of DECLINED or ENDED, and none back to PROPOSED', () => {
    for (const from of [S.DECLINED, S.ENDED]) {
      for (const to of Object.values(S)) {
        expect(ok(from, to, 'PARTNER', true)).toBe(false);
        expect(ok(from, to, 'PROPOSER', true)).toBe(false);
      }
    }
    expect(checkPartnershipTransition(S.ACTIVE, S.PROPOSED, { side: 'PARTNER', suspendedByActor: false })).toEqual({
      ok: false,
      message: 'A partnership cannot go back to PROPOSED: propose a new one',
    });
  });
});
