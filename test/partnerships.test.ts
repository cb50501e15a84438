import { ChangePartnershipStatusDocument, PartnershipDocument, PartnershipsDocument, ProposePartnershipDocument, type ProposePartnershipInput } from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const proposal = (partnerOrganizationId: string, overrides: Partial<ProposePartnershipInput> = {}): ProposePartnershipInput => ({
  partnerOrganizationId,
  purpose: 'Referral of older people for rehabilitation',
  legalBasis: 'PUBLIC_TASK',
  startsOn: '2026-01-01',
  endsOn: '2027-12-31',
  agreementReference: 'Thỏa thuận số 12/2026',
  proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT'],
  partnerShares: ['REFERRALS'],
  ...overrides,
});

const propose = (by: SignedIn, input: ProposePartnershipInput) => app.request(ProposePartnershipDocument, { input }, { token: by.token });
const change = (by: SignedIn, partnershipId: string, expectedVersion: number, status: 'ACTIVE' | 'DECLINED' | 'SUSPENDED' | 'ENDED' | 'PROPOSED') =>
  app.request(ChangePartnershipStatusDocument, { input: { partnershipId, expectedVersion, status, note: `to ${status}` } }, { token: by.token });

describe('partnerships', () => {
  it('are proposed by one side, accepted by the other, and both see the same partnership and history', async () => {
    const centre = await signUpOrganization(app);
    const union = await signUpOrganization(app, { kind: 'COMMUNITY_GROUP' });
    const proposed = dataOf(await propose(centre, proposal(union.organizationId))).proposePartnership;
    expect(proposed).toMatchObject({ status: 'PROPOSED', inForce: false, canSendReferrals: false, proposer: { id: centre.organizationId } });

    expect(errorCodes(await change(centre, proposed.id, proposed.version, 'ACTIVE'))).toEqual(['BAD_USER_INPUT']);
    const active = dataOf(await change(union, proposed.id, proposed.version, 'ACTIVE')).changePartnershipStatus;
    expect(active).toMatchObject({ status: 'ACTIVE', inForce: true, canSendReferrals: true });

    const fromCentre = dataOf(await app.request(PartnershipDocument, { id: proposed.id }, { token: centre.token })).partnership;
    expect(fromCentre).toMatchObject({ status: 'ACTIVE', canSendReferrals: true, proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT'] });
    expect(fromCentre.history.map((e) => [e.fromStatus, e.toStatus, e.actorOrganization.id])).toEqual([
      [null, 'PROPOSED', centre.organizationId],
      ['PROPOSED', 'ACTIVE', union.organizationId],
    ]);
    const listed = dataOf(await app.request(PartnershipsDocument, { statuses: ['ACTIVE'] }, { token: union.token })).partnerships.edges;
    expect(listed.map((e) => e.node.id)).toEqual([proposed.id]);
    expect(dataOf(await app.request(PartnershipsDocument, { statuses: ['ENDED'] }, { token: union.token })).partnerships.edges).toEqual([]);
  });

  it('allow one open partnership per pair, whichever side proposes', async () => {
    const a = await signUpOrganization(app);
    const b = await signUpOrganization(app);
    const first = dataOf(await propose(a, proposal(b.organizationId))).proposePartnership;
    const duplicate = await propose(b, proposal(a.organizationId));
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
    expect(duplicate.errors?.[0].extensions?.current).toMatchObject({ partnershipId: first.id, status: 'PROPOSED' });
    const c = await signUpOrganization(app);
    const race = await Promise.all([propose(a, proposal(c.organizationId)), propose(c, proposal(a.organizationId))]);
    expect(race.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    const [{ n }] = await app.ownerQuery<{ n: number }>(
      'SELECT count(*)::int AS n FROM partnerships WHERE organization_id = ANY($1) AND partner_organization_id = ANY($1)',
      [[a.organizationId, c.organizationId]],
    );
    expect(n).toBe(1);

    dataOf(await change(a, first.id, first.version, 'ENDED'));
    expect(dataOf(await propose(b, proposal(a.organizationId))).proposePartnership.status).toBe('PROPOSED');
  });

  it('can be suspended by either side and resumed only by the side that suspended', async () => {
    const a = await signUpOrganization(app);
    const b = await signUpOrganization(app);
    const proposed = dataOf(await propose(a, proposal(b.organizationId))).proposePartnership;
    const active = dataOf(await change(b, proposed.id, proposed.version, 'ACTIVE')).changePartnershipStatus;
    const suspended = dataOf(await change(a, proposed.id, active.version, 'SUSPENDED')).changePartnershipStatus;
    expect(suspended).toMatchObject({ suspendedBy: { id: a.organizationId }, inForce: true, canSendReferrals: false });
    expect(errorCodes(await change(b, proposed.id, suspended.version, 'ACTIVE'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await change(a, proposed.id, active.version, 'ACTIVE'))).toEqual(['CONFLICT']);
    const resumed = dataOf(await change(a, proposed.id, suspended.version, 'ACTIVE')).changePartnershipStatus;
    const ended = dataOf(await change(b, proposed.id, resumed.version, 'ENDED')).changePartnershipStatus;
    expect(ended).toMatchObject({ status: 'ENDED', inForce: false, suspendedBy: null });
    expect(errorCodes(await change(a, proposed.id, ended.version, 'ACTIVE'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await change(a, proposed.id, ended.version, 'PROPOSED'))).toEqual(['BAD_USER_INPUT']);
    const [row] = await app.ownerQuery<{ status: string; events: number }>(
      'SELECT status, (SELECT count(*)::int FROM partnership_events WHERE partnership_id = p.id) AS events FROM partnerships p WHERE id = $1',
      [proposed.id],
    );
    expect(row).toEqual({ status: 'ENDED', events: 5 });
  });

  it('refuse bad proposals, other roles and strangers', async () => {
    const a = await signUpOrganization(app);
    const b = await signUpOrganization(app);
    const caseworker = await addMember(app, a, 'CASEWORKER');
    expect(errorCodes(await propose(a, proposal(a.organizationId)))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await propose(a, proposal(b.organizationId, { endsOn: '2025-01-01' })))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await propose(a, proposal(b.organizationId, { startsOn: '2026-02-30' })))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await propose(a, proposal('00000000-0000-4000-8000-000000000000')))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await propose(caseworker, proposal(b.organizationId)))).toEqual(['FORBIDDEN']);
    const proposed = dataOf(await propose(a, proposal(b.organizationId))).proposePartnership;
    const stranger = await signUpOrganization(app);
    expect(errorCodes(await change(stranger, proposed.id, proposed.version, 'ACTIVE'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.request(PartnershipDocument, { id: proposed.id }, { token: stranger.token }))).toEqual(['NOT_FOUND']);
  });
});
