import {
  ChangePartnershipStatusDocument,
  CreateServiceDocument,
  ProposePartnershipDocument,
  RecordConsentDocument,
  RegisterClientDocument,
  SendReferralDocument,
  type ClientField,
  type CreateServiceInput,
  type DataCategory,
  type RegisterClientInput,
  type SendReferralInput,
} from '../generated/graphql';
import type { TestApp } from '../setup/test-app';
import { dataOf, type SignedIn } from './index';

export const ALL_CATEGORIES: DataCategory[] = ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION', 'PROGRAM_DATA'];
export const ALL_CLIENT_FIELDS: ClientField[] = [
  'FULL_NAME',
  'BIRTH_DATE',
  'AGE_BAND',
  'SEX_AND_GENDER',
  'PREFERRED_LANGUAGE',
  'PHONE',
  'EMAIL',
  'ADDRESS',
  'REGION',
  'VULNERABILITIES',
];

/** A service of `admin`'s organization in the directory, accepting referrals. */
export async function publishService(app: TestApp, admin: SignedIn, overrides: Partial<CreateServiceInput> = {}) {
  const res = await app.request(
    CreateServiceDocument,
    {
      input: {
        name: 'Phục hồi chức năng cho người cao tuổi',
        categoryCode: 'PHYSICAL_REHABILITATION',
        languages: ['vi'],
        locations: [{ address1: '12 Hoàng Liên', region: 'Lào Cai', country: 'VN' }],
        ...overrides,
      },
    },
    { token: admin.token },
  );
  return dataOf(res).createService;
}

/** An ACTIVE partnership proposed by `proposer` and accepted by `partner`; by default everything may flow both ways. */
export async function partner(
  app: TestApp,
  proposer: SignedIn,
  partnerAdmin: SignedIn,
  shares: { proposerShares?: DataCategory[]; partnerShares?: DataCategory[] } = {},
) {
  const proposed = dataOf(
    await app.request(
      ProposePartnershipDocument,
      {
        input: {
          partnerOrganizationId: partnerAdmin.organizationId,
          purpose: 'Referrals between partners',
          legalBasis: 'PUBLIC_TASK',
          startsOn: '2026-01-01',
          proposerShares: shares.proposerShares ?? ALL_CATEGORIES,
          partnerShares: shares.partnerShares ?? ALL_CATEGORIES,
        },
      },
      { token: proposer.token },
    ),
  ).proposePartnership;
  return dataOf(
    await app.request(
      ChangePartnershipStatusDocument,
      { input: { partnershipId: proposed.id, expectedVersion: proposed.version, status: 'ACTIVE' } },
      { token: partnerAdmin.token },
    ),
  ).changePartnershipStatus;
}

export async function registerClient(app: TestApp, caseworker: SignedIn, overrides: Partial<RegisterClientInput> = {}) {
  const res = await app.request(
    RegisterClientDocument,
    {
      input: {
        fullName: 'Nguyễn Thị Hoa',
        birthDate: '1948-03-02',
        sex: 'FEMALE',
        preferredLanguage: 'vi',
        phone: '+84 912 000 111',
        address: 'Thôn 3, xã Bản Qua',
        region: 'Lào Cai',
        vulnerabilities: ['OLDER_PERSON_LIVING_ALONE', 'PERSON_WITH_DISABILITY'],
        ...overrides,
      },
    },
    { token: caseworker.token },
  );
  return dataOf(res).registerClient;
}

export async function recordConsent(
  app: TestApp,
  caseworker: SignedIn,
  clientId: string,
  recipientOrganizationId: string,
  sharedFields: ClientField[] = ALL_CLIENT_FIELDS,
) {
  const res = await app.request(
    RecordConsentDocument,
    { input: { clientId, recipientOrganizationId, purpose: 'Referral for services', sharedFields, method: 'WRITTEN' } },
    { token: caseworker.token },
  );
  return dataOf(res).recordConsent;
}

export async function sendReferral(app: TestApp, caseworker: SignedIn, input: Omit<SendReferralInput, 'reason'> & { reason?: string }) {
  return dataOf(await app.request(SendReferralDocument, { input: { reason: 'Needs help at home', ...input } }, { token: caseworker.token }))
    .sendReferral;
}

/** A client of `sender`'s organization with consent for `receiver`, referred there; partners them first if asked. */
export async function referClient(
  app: TestApp,
  sender: SignedIn,
  receiver: SignedIn,
  options: { serviceId?: string; sharedFields?: ClientField[]; client?: Partial<RegisterClientInput> } = {},
) {
  const client = await registerClient(app, sender, options.client);
  const consent = await recordConsent(app, sender, client.id, receiver.organizationId, options.sharedFields);
  const referral = await sendReferral(app, sender, {
    clientId: client.id,
    receivingOrganizationId: receiver.organizationId,
    serviceId: options.serviceId,
  });
  return { client, consent, referral };
}
