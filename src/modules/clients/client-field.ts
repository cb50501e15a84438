import { registerEnumType } from 'type-graphql';
import { DataCategory } from '../partnerships/data-category';

/** The client fields a consent can cover, one by one. */
export enum ClientField {
  FULL_NAME = 'FULL_NAME',
  BIRTH_DATE = 'BIRTH_DATE',
  AGE_BAND = 'AGE_BAND',
  SEX_AND_GENDER = 'SEX_AND_GENDER',
  PREFERRED_LANGUAGE = 'PREFERRED_LANGUAGE',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  ADDRESS = 'ADDRESS',
  REGION = 'REGION',
  VULNERABILITIES = 'VULNERABILITIES',
}

registerEnumType(ClientField, {
  name: 'ClientField',
  description: "A field of a client's record that consent can allow a receiving organization to see.",
  valuesConfig: {
    FULL_NAME: { description: 'fullName and preferredName' },
    BIRTH_DATE: { description: 'birthDate (the exact date)' },
    AGE_BAND: { description: 'ageBand (less identifying than the birth date)' },
    SEX_AND_GENDER: { description: 'sex and genderIdentity' },
    PREFERRED_LANGUAGE: { description: 'preferredLanguage' },
    PHONE: { description: 'phone' },
    EMAIL: { description: 'email' },
    ADDRESS: { description: 'address' },
    REGION: { description: 'region' },
    VULNERABILITIES: { description: 'vulnerabilities (health and protection data)' },
  },
});

/** Which agreement category a field falls under. */
export const FIELD_CATEGORY: Record<ClientField, DataCategory> = {
  [ClientField.FULL_NAME]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.BIRTH_DATE]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.AGE_BAND]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.SEX_AND_GENDER]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.PREFERRED_LANGUAGE]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.PHONE]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.EMAIL]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.ADDRESS]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.REGION]: DataCategory.IDENTITY_AND_CONTACT,
  [ClientField.VULNERABILITIES]: DataCategory.HEALTH_AND_PROTECTION,
};

/** What decides which of a client's fields a receiving organization sees on one referral. */
export interface SharingBasis {
  /** The fields the sender chose to share on this referral. */
  referralFields: readonly ClientField[];
  /** The consent the referral rests on; null when a coordinator overrode consent. */
  consent: { fields: readonly ClientField[]; revokedAt: Date | null; expiresAt: Date | null } | null;
  /** Categories the data-sharing agreement lets flow from sender to receiver now; empty when no agreement is in force. */
  agreementCategories: readonly DataCategory[];
}

/**
 * The fields a receiver sees: those the referral shares, that the consent still covers (revoked or
 * expired consent covers nothing), and whose category the agreement allows, field by field.
 */
export function visibleClientFields(basis: SharingBasis, now: Date): ClientField[] {
  const consentFields = basis.consent
    ? consentInForce(basis.consent, now)
      ? basis.consent.fields
      : []
    : null;
  return Object.values(ClientField).filter(
    (field) =>
      basis.referralFields.includes(field) &&
      (consentFields === null || consentFields.includes(field)) &&
      basis.agreementCategories.includes(FIELD_CATEGORY[field]),
  );
}

export function consentInForce(consent: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): boolean {
  return consent.revokedAt === null && (consent.expiresAt === null || consent.expiresAt > now);
}
