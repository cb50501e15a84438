import { randomUUID } from 'node:crypto';
import {
  AcceptReferralDocument,
  AssignReferralDocument,
  AuditEventsDocument,
  CancelReferralDocument,
  ChangePartnershipStatusDocument,
  ClientDocument,
  ClientsDocument,
  CloseReferralDocument,
  CommentOnReferralDocument,
  CompleteReferralDocument,
  CreateServiceDocument,
  DeclineReferralDocument,
  ForwardReferralDocument,
  LoginDocument,
  PartnershipDocument,
  PartnershipsDocument,
  ProposePartnershipDocument,
  RecordConsentDocument,
  ReferralCountsDocument,
  ReferralDocument,
  ReferralInboxDocument,
  ReferralOutboxDocument,
  RegisterClientDocument,
  RevokeConsentDocument,
  SendReferralDocument,
  ServiceCategoriesDocument,
  ServiceDocument,
  ServicesDocument,
  StartReferralDocument,
  UpdateClientDocument,
  UpdateServiceCapacityDocument,
  UpdateServiceDocument,
  type PartnershipStatus,
  type ReferralBox,
} from '../generated/graphql';
import { dataOf, errorCodes, signUpOrganization, type SignedIn } from '../factories';
import { ALL_CATEGORIES } from '../factories/referrals';
import type { GraphQLResponse, TestApp } from '../setup/test-app';
import { expectNoPrivateDataOf, type IsolationCase, type Tenant } from './harness';

/**
 * Cross-tenant cases for the referral network: the service directory, partnerships, clients and
 * consent, referrals and the audit trail. B is C's partner as A is, and holds a referral C forwarded
 * on from one of A's, so B is the third organization on neither side of A's referrals.
 */

/** A fresh access token: an earlier case logs B's caseworker out everywhere, ending their first session. */
async function signIn(app: TestApp, member: SignedIn): Promise<string> {
  const res = await app.request(LoginDocument, {
    input: { email: member.email, password: member.password, organizationId: member.organizationId },
  });
  return dataOf(res).login.accessToken;
}

/** B's people of every role, signed in now. */
async function peopleOf(app: TestApp, tenant: Tenant) {
  const people = {
    ADMIN: tenant.admin.token,
    COORDINATOR: await signIn(app, tenant.members.COORDINATOR),
    CASEWORKER: await signIn(app, tenant.members.CASEWORKER),
    VIEWER: await signIn(app, tenant.members.VIEWER),
  };
  return {
    ...people,
    /** Every role: all of them may read clients and referrals. */
    everyone: [people.ADMIN, people.COORDINATOR, people.CASEWORKER, people.VIEWER],
    /** The roles that may change clients and referrals. */
    casework: [people.ADMIN, people.COORDINATOR, people.CASEWORKER],
    /** The roles that may manage services and partnerships. */
    leads: [people.ADMIN, people.COORDINATOR],
  };
}

/** What an error tells the caller, without its stack. */
const answerOf = (res: GraphQLResponse<unknown>) =>
  (res.errors ?? []).map((error) => ({
    message: error.message,
    path: error.path,
    code: error.extensions?.code,
    argumentPath: error.extensions?.argumentPath,
    reason: error.extensions?.reason,
  }));

/**
 * B's attempt with A's id is answered exactly as the same attempt with an id nobody has: NOT_FOUND,
 * word for word, so that the answer never confirms A's record exists.
 */
async function expectAnsweredAsUnknown(a: Tenant, attempt: (id: string) => Promise<GraphQLResponse<unknown>>, id: string): Promise<void> {
  const withAsId = await attempt(id);
  const withUnknownId = await attempt(randomUUID());
  expect(errorCodes(withAsId)).toEqual(['NOT_FOUND']);
  expect(withAsId.data ?? null).toBeNull();
  expect(answerOf(withAsId)).toEqual(answerOf(withUnknownId));
  expectNoPrivateDataOf(a, withAsId);
}

/** Refused with `code` before anything of A's was looked at: the same for A's id as for any other. */
function expectRefused(a: Tenant, res: GraphQLResponse<unknown>, code: 'FORBIDDEN' | 'NOT_FOUND'): void {
  expect(errorCodes(res)).toEqual([code]);
  expect(res.data ?? null).toBeNull();
  expectNoPrivateDataOf(a, res);
}

/** A record of A's with everything that hangs off it, as the database holds it. */
const STATE_OF = {
  referrals: `SELECT r.*,
                     ARRAY(SELECT e.id FROM referral_events e WHERE e.organization_id = r.organization_id AND e.referral_id = r.id ORDER BY e.id) AS events,
                     (SELECT count(*)::int FROM referrals f WHERE f.forwarded_from_referral_id = r.id) AS forwards
                FROM referrals r WHERE r.id = ANY($1::uuid[]) ORDER BY r.id`,
  clients: `SELECT c.*,
                   ARRAY(SELECT k.id FROM consents k WHERE k.organization_id = c.organization_id AND k.client_id = c.id ORDER BY k.id) AS consents,
                   (SELECT count(*)::int FROM referrals r WHERE r.client_id = c.id) AS referrals
              FROM clients c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
  consents: `SELECT * FROM consents WHERE id = ANY($1::uuid[]) ORDER BY id`,
  partnerships: `SELECT p.*,
                        ARRAY(SELECT e.id FROM partnership_events e
                               WHERE e.organization_id = p.organization_id AND e.partnership_id = p.id ORDER BY e.id) AS events
                   FROM partnerships p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id`,
  services: `SELECT s.*,
                    ARRAY(SELECT sal.location_id FROM service_at_locations sal
                           WHERE sal.organization_id = s.organization_id AND sal.service_id = s.id ORDER BY sal.location_id) AS locations
               FROM services s WHERE s.id = ANY($1::uuid[]) ORDER BY s.id`,
};

/** Runs B's attempts and checks that A's records (`ids` of `table`) are exactly as they were. */
async function leavesUnchanged(app: TestApp, table: keyof typeof STATE_OF, ids: string[], attempts: () => Promise<void>): Promise<void> {
  const before = await app.ownerQuery(STATE_OF[table], [ids]);
  expect(before).toHaveLength(ids.length);
  await attempts();
  expect(await app.ownerQuery(STATE_OF[table], [ids])).toEqual(before);
}

const versionOf = async (app: TestApp, table: 'partnerships' | 'clients', id: string) =>
  (await app.ownerQuery<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;

/** A referral of A's at its current version, as if B had guessed both: only the tenant check stands in the way. */
async function aimAt(app: TestApp, referralId: string) {
  const [row] = await app.ownerQuery<{ version: number }>('SELECT version FROM referrals WHERE id = $1', [referralId]);
  return { referralId, expectedVersion: row.version };
}

export const referralCases: IsolationCase[] = [
  // The service directory: public to read, written by its owner only.
  {
    operation: 'serviceCategories',
    description: 'The shared taxonomy reads the same for every organization and holds nothing of A',
    shared: 'the shared service taxonomy',
    async run({ app, a, b }) {
      for (const token of [b.admin.token, await signIn(app, b.members.VIEWER), b.apiKey.secret]) {
        const res = await app.request(ServiceCategoriesDocument, undefined, { token });
        expect(dataOf(res).serviceCategories.map((category) => category.code)).toContain('ELDERLY_CARE');
        expectNoPrivateDataOf(a, res);
      }
    },
  },
  {
    operation: 'services',
    description: "The directory lists A's public services, and nothing private of A's, to every role and B's API key",
    shared: "A's services and their places (the public directory)",
    async run({ app, a, b }) {
      for (const token of [b.admin.token, await signIn(app, b.members.VIEWER), b.apiKey.secret]) {
        const all = await app.request(ServicesDocument, { first: 100 }, { token });
        expect(dataOf(all).services.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([a.network.serviceId, b.network.serviceId]));
        expectNoPrivateDataOf(a, all);
        const onlyA = await app.request(ServicesDocument, { organizationId: a.admin.organizationId, includeInactive: true, first: 100 }, { token });
        const nodes = dataOf(onlyA).services.edges.map((e) => e.node);
        expect(nodes.map((node) => node.id)).toEqual([a.network.serviceId]);
        expect(nodes[0].locations).toHaveLength(1);
        expectNoPrivateDataOf(a, onlyA);
      }
    },
  },
  {
    operation: 'service',
    description: "B reads A's public service; ids of A's private records are not services",
    shared: "A's services and their places (the public directory)",
    async run({ app, a, b }) {
      const res = await app.request(ServiceDocument, { id: a.network.serviceId }, { token: b.admin.token });
      expect(dataOf(res).service).toMatchObject({ id: a.network.serviceId, organizationId: a.admin.organizationId });
      expectNoPrivateDataOf(a, res);
      for (const privateId of [a.network.client.id, a.network.referrals.sent.id, a.network.partnershipId, a.network.consentId]) {
        await expectAnsweredAsUnknown(a, (id) => app.request(ServiceDocument, { id }, { token: b.admin.token }), privateId);
      }
    },
  },
  {
    operation: 'createService',
    description: 'A service B publishes belongs to B: the input names no organization to aim at',
    async run({ app, a, b }) {
      const res = await app.request(
        CreateServiceDocument,
        {
          input: {
            name: 'Tư vấn pháp lý miễn phí',
            categoryCode: 'LEGAL_AID_AND_ADVOCACY',
            languages: ['vi'],
            locations: [{ address1: '1 Trần Hưng Đạo', region: 'Lào Cai', country: 'VN' }],
          },
        },
        { token: b.admin.token },
      );
      const service = dataOf(res).createService;
      expect(service.organizationId).toBe(b.admin.organizationId);
      expect(await app.ownerQuery('SELECT organization_id FROM locations WHERE id = $1', [service.locations[0].id])).toEqual([
        { organization_id: b.admin.organizationId },
      ]);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'updateService',
    description: "A's service answers NOT_FOUND to B's admin and coordinator, at the version B reads in the directory, and stays as it was",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const { version } = dataOf(await app.request(ServiceDocument, { id: a.network.serviceId }, { token: b.admin.token })).service;
      await leavesUnchanged(app, 'services', [a.network.serviceId], async () => {
        for (const token of people.leads) {
          await expectAnsweredAsUnknown(
            a,
            (serviceId) =>
              app.request(
                UpdateServiceDocument,
                { input: { serviceId, expectedVersion: version, name: 'Đã đóng cửa', status: 'INACTIVE', acceptingReferrals: false } },
                { token },
              ),
            a.network.serviceId,
          );
        }
      });
    },
  },
  {
    operation: 'updateServiceCapacity',
    description: "A's service answers NOT_FOUND to B's admin and coordinator, and its capacity stays as it was",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      await leavesUnchanged(app, 'services', [a.network.serviceId], async () => {
        for (const token of people.leads) {
          await expectAnsweredAsUnknown(
            a,
            (serviceId) => app.request(UpdateServiceCapacityDocument, { input: { serviceId, unit: 'places', available: 0, maximum: 10 } }, { token }),
            a.network.serviceId,
          );
        }
      });
    },
  },

  // Partnerships: visible to their two sides only.
  {
    operation: 'partnerships',
    description: "B's partnerships hold B's partnership with C and nothing of A's partnership with the same partner",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        const res = await app.request(PartnershipsDocument, { first: 100 }, { token });
        const nodes = dataOf(res).partnerships.edges.map((e) => e.node);
        expect(nodes.map((node) => node.id)).toContain(b.network.partnershipId);
        expect(nodes.every((node) => [node.proposer.id, node.partner.id].includes(b.admin.organizationId))).toBe(true);
        expectNoPrivateDataOf(a, res);
      }
      expectRefused(a, await app.request(PartnershipsDocument, { first: 100 }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'partnership',
    description: "A's partnership with C answers NOT_FOUND to every role of B, though B is C's partner too",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        await expectAnsweredAsUnknown(a, (id) => app.request(PartnershipDocument, { id }, { token }), a.network.partnershipId);
      }
      const own = await app.request(PartnershipDocument, { id: b.network.partnershipId }, { token: b.admin.token });
      expect(dataOf(own).partnership.history.map((e) => e.actorOrganization.id)).not.toContain(a.admin.organizationId);
      expectNoPrivateDataOf(a, own);
      expectRefused(a, await app.request(PartnershipDocument, { id: a.network.partnershipId }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'proposePartnership',
    description: "Proposing to C, B's partner already, is a CONFLICT naming B's partnership, never A's with C",
    async run({ app, a, b, c }) {
      const res = await app.request(
        ProposePartnershipDocument,
        {
          input: {
            partnerOrganizationId: c.admin.organizationId,
            purpose: 'A second agreement',
            legalBasis: 'CONSENT',
            startsOn: '2026-01-01',
            proposerShares: ALL_CATEGORIES,
            partnerShares: ALL_CATEGORIES,
          },
        },
        { token: b.admin.token },
      );
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors?.[0].extensions?.current).toMatchObject({ partnershipId: b.network.partnershipId });
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'proposePartnership',
    description: "A partnership B proposes to a new organization is B's, and shows nothing of A's",
    async run({ app, a, b }) {
      const other = await signUpOrganization(app, { name: 'Organization D' });
      const res = await app.request(
        ProposePartnershipDocument,
        {
          input: {
            partnerOrganizationId: other.organizationId,
            purpose: 'Referrals for legal aid',
            legalBasis: 'CONSENT',
            startsOn: '2026-01-01',
            proposerShares: ['REFERRALS'],
            partnerShares: ['REFERRALS'],
          },
        },
        { token: (await peopleOf(app, b)).COORDINATOR },
      );
      const partnership = dataOf(res).proposePartnership;
      expect([partnership.proposer.id, partnership.partner.id, partnership.status]).toEqual([b.admin.organizationId, other.organizationId, 'PROPOSED']);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'changePartnershipStatus',
    description: "A's partnership with C answers NOT_FOUND to B's admin and coordinator for every status, and stays ACTIVE",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const expectedVersion = await versionOf(app, 'partnerships', a.network.partnershipId);
      await leavesUnchanged(app, 'partnerships', [a.network.partnershipId], async () => {
        for (const token of people.leads) {
          for (const status of ['SUSPENDED', 'ENDED', 'DECLINED', 'ACTIVE'] satisfies PartnershipStatus[]) {
            await expectAnsweredAsUnknown(
              a,
              (partnershipId) => app.request(ChangePartnershipStatusDocument, { input: { partnershipId, expectedVersion, status } }, { token }),
              a.network.partnershipId,
            );
          }
        }
      });
    },
  },

  // Clients and consent: the registering organization's; a receiver sees a client only through a referral.
  {
    operation: 'client',
    description: "A's client answers NOT_FOUND to every role of B, as an id nobody has would",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        await expectAnsweredAsUnknown(a, (id) => app.request(ClientDocument, { id }, { token }), a.network.client.id);
      }
    },
  },
  {
    operation: 'client',
    description: "B's API key gets FORBIDDEN for a client, A's or B's own: keys have no scope for personal data",
    async run({ app, a, b }) {
      for (const id of [a.network.client.id, b.network.client.id]) {
        expectRefused(a, await app.request(ClientDocument, { id }, { token: b.apiKey.secret }), 'FORBIDDEN');
      }
    },
  },
  {
    operation: 'clients',
    description: "B's clients are B's only, and a search for A's client by name finds nothing",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        const all = await app.request(ClientsDocument, { first: 100 }, { token });
        expect(dataOf(all).clients.edges.map((e) => e.node.id)).toContain(b.network.client.id);
        expectNoPrivateDataOf(a, all);
        for (const search of [a.network.client.fullName, 'Lo Thi Sau', a.network.client.preferredName]) {
          const found = await app.request(ClientsDocument, { search, first: 100 }, { token });
          expect(dataOf(found).clients.edges).toEqual([]);
        }
      }
      expectRefused(a, await app.request(ClientsDocument, { first: 100 }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'registerClient',
    description: 'A client B registers belongs to B: the input names no organization to aim at',
    async run({ app, a, b }) {
      const res = await app.request(RegisterClientDocument, { input: { fullName: 'Vàng Thị Dung', ageBand: 'AGE_18_59', sex: 'FEMALE' } }, {
        token: (await peopleOf(app, b)).CASEWORKER,
      });
      const client = dataOf(res).registerClient;
      expect(await app.ownerQuery('SELECT organization_id FROM clients WHERE id = $1', [client.id])).toEqual([{ organization_id: b.admin.organizationId }]);
      expectNoPrivateDataOf(a, res);
      expectRefused(
        a,
        await app.request(RegisterClientDocument, { input: { fullName: 'Vàng Thị Dung', ageBand: 'AGE_18_59', sex: 'FEMALE' } }, { token: b.apiKey.secret }),
        'FORBIDDEN',
      );
    },
  },
  {
    operation: 'updateClient',
    description: "A's client answers NOT_FOUND to B's caseworkers, at its current version, and A's record stays as it was",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const expectedVersion = await versionOf(app, 'clients', a.network.client.id);
      const update = (clientId: string, token: string) =>
        app.request(UpdateClientDocument, { input: { clientId, expectedVersion, fullName: 'Overwritten by B', phone: null, vulnerabilities: [] } }, { token });
      await leavesUnchanged(app, 'clients', [a.network.client.id], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(a, (id) => update(id, token), a.network.client.id);
        }
        expectRefused(a, await update(a.network.client.id, people.VIEWER), 'FORBIDDEN');
        expectRefused(a, await update(a.network.client.id, b.apiKey.secret), 'FORBIDDEN');
      });
    },
  },
  {
    operation: 'recordConsent',
    description: "B cannot record a consent on A's client, for itself or for C: NOT_FOUND, and A's client has the consents it had",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, b);
      await leavesUnchanged(app, 'clients', [a.network.client.id], async () => {
        for (const token of people.casework) {
          for (const recipientOrganizationId of [b.admin.organizationId, c.admin.organizationId]) {
            await expectAnsweredAsUnknown(
              a,
              (clientId) =>
                app.request(
                  RecordConsentDocument,
                  { input: { clientId, recipientOrganizationId, purpose: 'Share everything', sharedFields: ['FULL_NAME', 'PHONE'], method: 'VERBAL' } },
                  { token },
                ),
              a.network.client.id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'revokeConsent',
    description: "A's consent for C answers NOT_FOUND to B's caseworkers, and stays in force",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      await leavesUnchanged(app, 'consents', [a.network.consentId], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            a,
            (consentId) => app.request(RevokeConsentDocument, { input: { consentId, reason: 'Revoked by B' } }, { token }),
            a.network.consentId,
          );
        }
        const byKey = await app.request(RevokeConsentDocument, { input: { consentId: a.network.consentId, reason: 'Revoked by B' } }, {
          token: b.apiKey.secret,
        });
        expectRefused(a, byKey, 'FORBIDDEN');
      });
    },
  },

  // Referrals: visible to exactly their sender and their receiver.
  {
    operation: 'referral',
    description: "Each of A's referrals (sent, accepted, in progress, logged, received) answers NOT_FOUND to every role of B",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        for (const { id } of Object.values(a.network.referrals)) {
          await expectAnsweredAsUnknown(a, (referralId) => app.request(ReferralDocument, { id: referralId }, { token }), id);
        }
      }
    },
  },
  {
    operation: 'referral',
    description:
      "A third organization on neither side of a referral sees nothing of it, though it partners with the receiver and holds a referral forwarded on from it",
    async run({ app, a, b, c }) {
      const forwarded = a.network.forwarded!;
      const res = await app.request(ReferralDocument, { id: forwarded.id }, { token: b.admin.token });
      const referral = dataOf(res).referral;
      expect([referral.viewerSide, referral.sender.id, referral.receiver?.id]).toEqual(['RECEIVER', c.admin.organizationId, b.admin.organizationId]);
      expect(referral.forwardedFrom).toBeNull();
      expect(referral.timeline.map((e) => e.actorOrganization.id)).not.toContain(a.admin.organizationId);
      expectNoPrivateDataOf(a, res);
      await expectAnsweredAsUnknown(a, (id) => app.request(ReferralDocument, { id }, { token: b.admin.token }), a.network.referrals.accepted.id);
    },
  },
  {
    operation: 'referral',
    description: "B's API key gets FORBIDDEN for a referral, A's or B's own",
    async run({ app, a, b }) {
      for (const id of [a.network.referrals.sent.id, b.network.referrals.sent.id]) {
        expectRefused(a, await app.request(ReferralDocument, { id }, { token: b.apiKey.secret }), 'FORBIDDEN');
      }
    },
  },
  {
    operation: 'referralInbox',
    description: "B's inbox holds only referrals sent to B, none of A's, even filtered by A's client",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        const res = await app.request(ReferralInboxDocument, { first: 100 }, { token });
        const nodes = dataOf(res).referralInbox.edges.map((e) => e.node);
        expect(nodes.map((node) => node.id)).toEqual(expect.arrayContaining([b.network.referrals.received.id, a.network.forwarded!.id]));
        expect(nodes.every((node) => node.receiver?.id === b.admin.organizationId && node.forwardedFrom === null)).toBe(true);
        expectNoPrivateDataOf(a, res);
        const byClient = await app.request(ReferralInboxDocument, { filter: { clientId: a.network.client.id }, first: 100 }, { token });
        expect(dataOf(byClient).referralInbox.edges).toEqual([]);
      }
      expectRefused(a, await app.request(ReferralInboxDocument, { first: 100 }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'referralOutbox',
    description: "B's outbox holds only referrals B sent or logged, none of A's, even filtered by A's client",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        const res = await app.request(ReferralOutboxDocument, { first: 100 }, { token });
        const nodes = dataOf(res).referralOutbox.edges.map((e) => e.node);
        expect(nodes.map((node) => node.id)).toEqual(expect.arrayContaining([b.network.referrals.sent.id, b.network.referrals.logged.id]));
        expect(nodes.every((node) => node.sender.id === b.admin.organizationId)).toBe(true);
        expectNoPrivateDataOf(a, res);
        const byClient = await app.request(ReferralOutboxDocument, { filter: { clientId: a.network.client.id }, first: 100 }, { token });
        expect(dataOf(byClient).referralOutbox.edges).toEqual([]);
      }
      expectRefused(a, await app.request(ReferralOutboxDocument, { first: 100 }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'referralCounts',
    description: "B's counts add up B's referrals only, never A's",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const boxes: [ReferralBox, string][] = [
        ['INBOX', 'receiving_organization_id'],
        ['OUTBOX', 'organization_id'],
      ];
      for (const [box, column] of boxes) {
        const rows = await app.ownerQuery<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM referrals WHERE ${column} = $1 GROUP BY status`,
          [b.admin.organizationId],
        );
        for (const token of people.everyone) {
          const counts = dataOf(await app.request(ReferralCountsDocument, { box }, { token })).referralCounts;
          expect(counts.total).toBe(rows.reduce((sum, row) => sum + row.n, 0));
          expect(counts.byStatus.filter((s) => s.count > 0)).toEqual(
            expect.arrayContaining(rows.map((row) => ({ status: row.status, count: row.n }))),
          );
        }
      }
      expectRefused(a, await app.request(ReferralCountsDocument, { box: 'INBOX' }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'sendReferral',
    description: "Sending to A without a partnership is FORBIDDEN with NO_ACTIVE_PARTNERSHIP, even with a coordinator's consent override",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const attempts = [
        { token: people.CASEWORKER, consentOverrideReason: undefined },
        { token: people.COORDINATOR, consentOverrideReason: 'A child at immediate risk tonight' },
      ];
      for (const { token, consentOverrideReason } of attempts) {
        const res = await app.request(
          SendReferralDocument,
          {
            input: {
              clientId: b.network.client.id,
              receivingOrganizationId: a.admin.organizationId,
              reason: 'Please take this client',
              consentOverrideReason,
            },
          },
          { token },
        );
        expectRefused(a, res, 'FORBIDDEN');
        expect(res.errors?.[0].extensions?.reason).toBe('NO_ACTIVE_PARTNERSHIP');
      }
      expect(
        await app.ownerQuery('SELECT id FROM referrals WHERE organization_id = $1 AND receiving_organization_id = $2', [
          b.admin.organizationId,
          a.admin.organizationId,
        ]),
      ).toEqual([]);
    },
  },
  {
    operation: 'sendReferral',
    description: "A's client answers NOT_FOUND to B, sent to B's partner or logged; so do A's consent and A's service offered as C's",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, b);
      const toC = { receivingOrganizationId: c.admin.organizationId, reason: 'Please take this client' };
      await leavesUnchanged(app, 'clients', [a.network.client.id], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(a, (clientId) => app.request(SendReferralDocument, { input: { ...toC, clientId } }, { token }), a.network.client.id);
          await expectAnsweredAsUnknown(
            a,
            (clientId) => app.request(SendReferralDocument, { input: { clientId, externalReceiverName: 'Bệnh viện tỉnh', reason: 'Logged' } }, { token }),
            a.network.client.id,
          );
          await expectAnsweredAsUnknown(
            a,
            (consentId) => app.request(SendReferralDocument, { input: { ...toC, clientId: b.network.client.id, consentId } }, { token }),
            a.network.consentId,
          );
          await expectAnsweredAsUnknown(
            a,
            (serviceId) => app.request(SendReferralDocument, { input: { ...toC, clientId: b.network.client.id, serviceId } }, { token }),
            a.network.serviceId,
          );
        }
      });
      expectRefused(
        a,
        await app.request(SendReferralDocument, { input: { ...toC, clientId: b.network.client.id } }, { token: b.apiKey.secret }),
        'FORBIDDEN',
      );
    },
  },
  {
    operation: 'forwardReferral',
    description: "A's accepted referral answers NOT_FOUND to B, forwarded anywhere, and nothing is forwarded from it",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, b);
      const target = await aimAt(app, a.network.referrals.accepted.id);
      await leavesUnchanged(app, 'referrals', [target.referralId], async () => {
        for (const token of people.casework) {
          for (const receivingOrganizationId of [c.admin.organizationId, a.admin.organizationId]) {
            await expectAnsweredAsUnknown(
              a,
              (referralId) =>
                app.request(
                  ForwardReferralDocument,
                  { input: { ...target, referralId, clientId: b.network.client.id, receivingOrganizationId, reason: 'Forwarded by B' } },
                  { token },
                ),
              target.referralId,
            );
          }
        }
        expectRefused(
          a,
          await app.request(
            ForwardReferralDocument,
            { input: { ...target, clientId: b.network.client.id, receivingOrganizationId: c.admin.organizationId, reason: 'Forwarded by B' } },
            { token: b.apiKey.secret },
          ),
          'FORBIDDEN',
        );
      });
    },
  },
  {
    operation: 'acceptReferral',
    description: "A's waiting referrals (to C, and logged) answer NOT_FOUND to B's caseworkers and stay SENT",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const ids = [a.network.referrals.sent.id, a.network.referrals.logged.id];
      await leavesUnchanged(app, 'referrals', ids, async () => {
        for (const id of ids) {
          const target = await aimAt(app, id);
          for (const token of people.casework) {
            await expectAnsweredAsUnknown(a, (referralId) => app.request(AcceptReferralDocument, { input: { ...target, referralId } }, { token }), id);
          }
          expectRefused(a, await app.request(AcceptReferralDocument, { input: target }, { token: people.VIEWER }), 'FORBIDDEN');
          expectRefused(a, await app.request(AcceptReferralDocument, { input: target }, { token: b.apiKey.secret }), 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'declineReferral',
    description: "A's waiting referral to C answers NOT_FOUND to B's caseworkers and stays SENT",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const target = await aimAt(app, a.network.referrals.sent.id);
      await leavesUnchanged(app, 'referrals', [target.referralId], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            a,
            (referralId) => app.request(DeclineReferralDocument, { input: { ...target, referralId, reason: 'Declined by B' } }, { token }),
            target.referralId,
          );
        }
        const byKey = await app.request(DeclineReferralDocument, { input: { ...target, reason: 'Declined by B' } }, { token: b.apiKey.secret });
        expectRefused(a, byKey, 'FORBIDDEN');
      });
    },
  },
  {
    operation: 'cancelReferral',
    description: "B cannot withdraw A's waiting referrals as if it were their sender: NOT_FOUND, and they stay SENT",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const ids = [a.network.referrals.sent.id, a.network.referrals.logged.id];
      await leavesUnchanged(app, 'referrals', ids, async () => {
        for (const id of ids) {
          const target = await aimAt(app, id);
          for (const token of people.casework) {
            await expectAnsweredAsUnknown(a, (referralId) => app.request(CancelReferralDocument, { input: { ...target, referralId } }, { token }), id);
          }
          expectRefused(a, await app.request(CancelReferralDocument, { input: target }, { token: b.apiKey.secret }), 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'startReferral',
    description: "A's accepted referral answers NOT_FOUND to B's caseworkers and stays ACCEPTED",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const target = await aimAt(app, a.network.referrals.accepted.id);
      await leavesUnchanged(app, 'referrals', [target.referralId], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            a,
            (referralId) => app.request(StartReferralDocument, { input: { ...target, referralId } }, { token }),
            target.referralId,
          );
        }
        expectRefused(a, await app.request(StartReferralDocument, { input: target }, { token: b.apiKey.secret }), 'FORBIDDEN');
      });
    },
  },
  {
    operation: 'completeReferral',
    description: "A's referral in progress answers NOT_FOUND to B's caseworkers and stays IN_PROGRESS with no outcome",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const target = await aimAt(app, a.network.referrals.inProgress.id);
      const outcome = { outcome: 'SUCCESSFUL', serviceDelivered: true } as const;
      await leavesUnchanged(app, 'referrals', [target.referralId], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            a,
            (referralId) => app.request(CompleteReferralDocument, { input: { ...target, ...outcome, referralId } }, { token }),
            target.referralId,
          );
        }
        expectRefused(a, await app.request(CompleteReferralDocument, { input: { ...target, ...outcome } }, { token: b.apiKey.secret }), 'FORBIDDEN');
      });
    },
  },
  {
    operation: 'closeReferral',
    description: "A's accepted and in-progress referrals answer NOT_FOUND to B's caseworkers and stay open",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const ids = [a.network.referrals.accepted.id, a.network.referrals.inProgress.id];
      await leavesUnchanged(app, 'referrals', ids, async () => {
        for (const id of ids) {
          const target = await aimAt(app, id);
          for (const token of people.casework) {
            await expectAnsweredAsUnknown(
              a,
              (referralId) => app.request(CloseReferralDocument, { input: { ...target, referralId, outcomeReason: 'LACK_OF_CAPACITY' } }, { token }),
              id,
            );
          }
          expectRefused(
            a,
            await app.request(CloseReferralDocument, { input: { ...target, outcomeReason: 'LACK_OF_CAPACITY' } }, { token: b.apiKey.secret }),
            'FORBIDDEN',
          );
        }
      });
    },
  },
  {
    operation: 'assignReferral',
    description: "A's accepted referral answers NOT_FOUND to B, assigning it to B's caseworker or to nobody, and keeps C's assignee",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const target = await aimAt(app, a.network.referrals.accepted.id);
      await leavesUnchanged(app, 'referrals', [target.referralId], async () => {
        for (const token of people.casework) {
          for (const assigneeUserId of [b.members.CASEWORKER.userId, null]) {
            await expectAnsweredAsUnknown(
              a,
              (referralId) => app.request(AssignReferralDocument, { input: { ...target, referralId, assigneeUserId } }, { token }),
              target.referralId,
            );
          }
        }
        expectRefused(a, await app.request(AssignReferralDocument, { input: { ...target, assigneeUserId: null } }, { token: b.apiKey.secret }), 'FORBIDDEN');
      });
    },
  },
  {
    operation: 'commentOnReferral',
    description: "None of A's referrals takes a comment from B: NOT_FOUND, and their timelines stay as they were",
    async run({ app, a, b }) {
      const people = await peopleOf(app, b);
      const ids = Object.values(a.network.referrals).map((referral) => referral.id);
      await leavesUnchanged(app, 'referrals', ids, async () => {
        for (const id of ids) {
          for (const token of people.casework) {
            await expectAnsweredAsUnknown(
              a,
              (referralId) => app.request(CommentOnReferralDocument, { input: { referralId, body: 'B was here' } }, { token }),
              id,
            );
          }
          const byKey = await app.request(CommentOnReferralDocument, { input: { referralId: id, body: 'B was here' } }, { token: b.apiKey.secret });
          expectRefused(a, byKey, 'FORBIDDEN');
        }
      });
    },
  },

  // A's partner C receives referrals of A's client, so row-level security lets C read the client's row
  // and A's consent for C: only Referral.client, field by field, may show them. Every other path must
  // answer C as it answers a stranger. (These cases act as C, not B.)
  {
    operation: 'client',
    description: "Even A's partner C, which holds referrals of A's client, gets NOT_FOUND for the client's record",
    async run({ app, a, c }) {
      const people = await peopleOf(app, c);
      for (const token of people.everyone) {
        await expectAnsweredAsUnknown(a, (id) => app.request(ClientDocument, { id }, { token }), a.network.client.id);
      }
    },
  },
  {
    operation: 'clients',
    description: "A's partner C lists its own clients only, never A's client it receives referrals about",
    async run({ app, a, c }) {
      const people = await peopleOf(app, c);
      for (const token of people.everyone) {
        const all = await app.request(ClientsDocument, { first: 100 }, { token });
        const ids = dataOf(all).clients.edges.map((e) => e.node.id);
        expect(ids.length).toBeGreaterThan(0);
        expect(ids).not.toContain(a.network.client.id);
        const found = await app.request(ClientsDocument, { search: a.network.client.fullName, first: 100 }, { token });
        expect(dataOf(found).clients.edges).toEqual([]);
      }
    },
  },
  {
    operation: 'updateClient',
    description: "A's partner C cannot change A's client it receives referrals about: NOT_FOUND",
    async run({ app, a, c }) {
      const people = await peopleOf(app, c);
      const expectedVersion = await versionOf(app, 'clients', a.network.client.id);
      await leavesUnchanged(app, 'clients', [a.network.client.id], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            a,
            (clientId) => app.request(UpdateClientDocument, { input: { clientId, expectedVersion, phone: '+84 000 000 000' } }, { token }),
            a.network.client.id,
          );
        }
      });
    },
  },
  {
    operation: 'recordConsent',
    description: "A's partner C cannot record a consent on A's client, to widen what it sees or to pass the client on: NOT_FOUND",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, c);
      await leavesUnchanged(app, 'clients', [a.network.client.id], async () => {
        for (const recipientOrganizationId of [b.admin.organizationId, a.admin.organizationId]) {
          await expectAnsweredAsUnknown(
            a,
            (clientId) =>
              app.request(
                RecordConsentDocument,
                { input: { clientId, recipientOrganizationId, purpose: 'Pass on to B', sharedFields: ['FULL_NAME', 'PHONE'], method: 'VERBAL' } },
                { token: people.CASEWORKER },
              ),
            a.network.client.id,
          );
        }
      });
    },
  },
  {
    operation: 'revokeConsent',
    description: "A's consent names C as recipient, yet C cannot revoke it: NOT_FOUND, and it stays in force",
    async run({ app, a, c }) {
      const people = await peopleOf(app, c);
      await leavesUnchanged(app, 'consents', [a.network.consentId], async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            a,
            (consentId) => app.request(RevokeConsentDocument, { input: { consentId, reason: 'Revoked by the recipient' } }, { token }),
            a.network.consentId,
          );
        }
      });
    },
  },
  {
    operation: 'sendReferral',
    description: "A's partner C cannot refer A's client on, nor rest a referral of its own on A's consent: NOT_FOUND",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, c);
      const [ownClient] = await app.ownerQuery<{ id: string }>('SELECT id FROM clients WHERE organization_id = $1 ORDER BY created_at LIMIT 1', [
        c.admin.organizationId,
      ]);
      const toB = { receivingOrganizationId: b.admin.organizationId, reason: 'Passing this client on' };
      await leavesUnchanged(app, 'clients', [a.network.client.id], async () => {
        await expectAnsweredAsUnknown(
          a,
          (clientId) => app.request(SendReferralDocument, { input: { ...toB, clientId } }, { token: people.CASEWORKER }),
          a.network.client.id,
        );
        await expectAnsweredAsUnknown(
          a,
          (consentId) => app.request(SendReferralDocument, { input: { ...toB, clientId: ownClient.id, consentId } }, { token: people.CASEWORKER }),
          a.network.consentId,
        );
      });
    },
  },
  {
    operation: 'forwardReferral',
    description: "A's partner C forwards A's referral only with a client of its own: naming A's client answers NOT_FOUND and forwards nothing",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, c);
      const target = await aimAt(app, a.network.referrals.accepted.id);
      await leavesUnchanged(app, 'referrals', [target.referralId], async () => {
        await expectAnsweredAsUnknown(
          a,
          (clientId) =>
            app.request(
              ForwardReferralDocument,
              { input: { ...target, clientId, receivingOrganizationId: b.admin.organizationId, reason: 'Forwarded with the sender’s record' } },
              { token: people.CASEWORKER },
            ),
          a.network.client.id,
        );
      });
    },
  },

  // The audit trail: an organization's own actions, and others' reads of its clients.
  {
    operation: 'auditEvents',
    description: "B's audit trail shows B's actions and C's reads of B's client, nothing of A's, even asked about A's records",
    async run({ app, a, b, c }) {
      const people = await peopleOf(app, b);
      for (const token of people.leads) {
        const res = await app.request(AuditEventsDocument, { first: 100 }, { token });
        const nodes = dataOf(res).auditEvents.edges.map((e) => e.node);
        expect(nodes.length).toBeGreaterThan(0);
        expect(nodes.every((node) => [b.admin.organizationId, c.admin.organizationId].includes(node.actorOrganization.id))).toBe(true);
        expectNoPrivateDataOf(a, res);
        for (const entityId of [a.network.client.id, a.network.referrals.accepted.id, a.network.partnershipId]) {
          const about = await app.request(AuditEventsDocument, { entityId, first: 100 }, { token });
          expect(dataOf(about).auditEvents.edges).toEqual([]);
        }
        const reads = await app.request(AuditEventsDocument, { action: 'readClient', first: 100 }, { token });
        expect(dataOf(reads).auditEvents.edges.map((e) => e.node.entityId)).not.toContain(a.network.client.id);
        expectNoPrivateDataOf(a, reads);
      }
      for (const token of [people.CASEWORKER, people.VIEWER, b.apiKey.secret]) {
        expectRefused(a, await app.request(AuditEventsDocument, { first: 100 }, { token }), 'FORBIDDEN');
      }
    },
  },
];
