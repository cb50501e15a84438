import { DataCategory } from '../partnerships/data-category';
import { ClientField as F, visibleClientFields, type SharingBasis } from './client-field';

const now = new Date('2026-11-23T12:00:00Z');
const ALL = Object.values(F);
const basis = (overrides: Partial<SharingBasis>): SharingBasis => ({
  referralFields: ALL,
  consent: { fields: ALL, revokedAt: null, expiresAt: null },
  agreementCategories: Object.values(DataCategory),
  ...overrides,
});

describe('visibleClientFields', () => {
  it('is the intersection of referral, consent and agreement, field by field', () => {
    expect(
      visibleClientFields(
        basis({
          referralFields: [F.FULL_NAME, F.PHONE, F.VULNERABILITIES, F.AGE_BAND],
          consent: { fields: [F.FULL_NAME, F.VULNERABILITIES, F.AGE_BAND, F.ADDRESS], revokedAt: null, expiresAt: null },
          agreementCategories: [DataCategory.REFERRALS, DataCategory.IDENTITY_AND_CONTACT],
        }),
        now,
      ),
    ).toEqual([F.FULL_NAME, F.AGE_BAND]);
  });

  it('shows nothing once consent is revoked or expired', () => {
    expect(visibleClientFields(basis({ consent: { fields: ALL, revokedAt: now, expiresAt: null } }), now)).toEqual([]);
    expect(visibleClientFields(basis({ consent: { fields: ALL, revokedAt: null, expiresAt: now } }), now)).toEqual([]);
    expect(
      visibleClientFields(basis({ consent: { fields: ALL, revokedAt: null, expiresAt: new Date(now.getTime() + 1) } }), now),
    ).toEqual(ALL);
  });

  it('shows nothing without an agreement in force', () => {
    expect(visibleClientFields(basis({ agreementCategories: [] }), now)).toEqual([]);
  });

  it('without consent (a coordinator override) shows what the referral and the agreement allow', () => {
    expect(
      visibleClientFields(
        basis({ consent: null, referralFields: [F.FULL_NAME, F.VULNERABILITIES], agreementCategories: [DataCategory.HEALTH_AND_PROTECTION] }),
        now,
      ),
    ).toEqual([F.VULNERABILITIES]);
  });
});
