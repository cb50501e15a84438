import {
  AcceptReferralDocument,
  AddIndicatorDocument,
  AddProgramResultDocument,
  AssignReferralDocument,
  CancelReferralDocument,
  CloseReferralDocument,
  CommentOnReferralDocument,
  CompleteReferralDocument,
  DeclineReferralDocument,
  ForwardReferralDocument,
  InviteMemberDocument,
  OrganizationEventsDocument,
  ReviewReportedValueDocument,
  RevokeConsentDocument,
  StartReferralDocument,
  SubmitReportedValueDocument,
  type OrganizationEventType,
} from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** What an organization has been told, oldest first: [type, subject id, version]. */
async function toldTo(viewer: SignedIn, types?: OrganizationEventType[]) {
  const res = await app.request(OrganizationEventsDocument, { first: 100, types }, { token: viewer.token });
  return dataOf(res)
    .organizationEvents.edges.map((edge) => edge.node)
    .reverse()
    .map((event) => [event.type, event.subjectId, event.subjectVersion] as const);
}

async function referralTo(sender: SignedIn, receiver: SignedIn) {
  const client = await registerClient(app, sender);
  await recordConsent(app, sender, client.id, receiver.organizationId);
  return sendReferral(app, sender, { clientId: client.id, receivingOrganizationId: receiver.organizationId });
}

describe('organization events', () => {
  it('tell both parties of every change that matters to them, in the transaction of the change', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    const shelter = await signUpOrganization(app);
    const partnership = await partner(app, centre, ngo);
    await partner(app, ngo, shelter);
    const asNgo = { token: ngo.token };

    // A referral through its whole life: sent, accepted, assigned, commented, started, completed.
    const served = await referralTo(centre, ngo);
    dataOf(await app.request(AcceptReferralDocument, { input: { referralId: served.id, expectedVersion: 1 } }, asNgo));
    dataOf(await app.request(AssignReferralDocument, { input: { referralId: served.id, expectedVersion: 2, assigneeUserId: ngo.userId } }, asNgo));
    dataOf(await app.request(CommentOnReferralDocument, { input: { referralId: served.id, body: 'Bà đã đến.' } }, asNgo));
    dataOf(await app.request(StartReferralDocument, { input: { referralId: served.id, expectedVersion: 3 } }, asNgo));
    dataOf(
      await app.request(CompleteReferralDocument, { input: { referralId: served.id, expectedVersion: 4, outcome: 'SUCCESSFUL', serviceDelivered: true } }, asNgo),
    );
    // Declined, cancelled, closed, forwarded.
    const declined = await referralTo(centre, ngo);
    dataOf(await app.request(DeclineReferralDocument, { input: { referralId: declined.id, expectedVersion: 1, reason: 'No places' } }, asNgo));
    const cancelled = await referralTo(centre, ngo);
    dataOf(await app.request(CancelReferralDocument, { input: { referralId: cancelled.id, expectedVersion: 1 } }, { token: centre.token }));
    const closed = await referralTo(centre, ngo);
    dataOf(await app.request(AcceptReferralDocument, { input: { referralId: closed.id, expectedVersion: 1 } }, asNgo));
    dataOf(await app.request(CloseReferralDocument, { input: { referralId: closed.id, expectedVersion: 2, outcomeReason: 'CLIENT_REFUSED_SERVICES' } }, asNgo));
    const onward = await referralTo(centre, ngo);
    dataOf(await app.request(AcceptReferralDocument, { input: { referralId: onward.id, expectedVersion: 1 } }, asNgo));
    const ownClient = await registerClient(app, ngo);
    await recordConsent(app, ngo, ownClient.id, shelter.organizationId);
    const forwarded = dataOf(
      await app.request(
        ForwardReferralDocument,
        { input: { referralId: onward.id, expectedVersion: 2, receivingOrganizationId: shelter.organizationId, clientId: ownClient.id, reason: 'Needs a safe place' } },
        asNgo,
      ),
    ).forwardReferral;
    // A consent revoked, a member invited.
    const consentClient = await registerClient(app, centre);
    const consent = await recordConsent(app, centre, consentClient.id, ngo.organizationId);
    dataOf(await app.request(RevokeConsentDocument, { input: { consentId: consent.id, reason: 'Withdrawn by the client' } }, { token: centre.token }));
    const invitation = dataOf(await app.request(InviteMemberDocument, { input: { email: 'new-caseworker@example.org', role: 'CASEWORKER' } }, { token: centre.token }))
      .inviteMember.invitation;

    const referralSteps = [
      ['REFERRAL_SENT', served.id, 1],
      ['REFERRAL_ACCEPTED', served.id, 2],
      ['REFERRAL_ASSIGNED', served.id, 3],
      ['REFERRAL_COMMENTED', served.id, 3],
      ['REFERRAL_STARTED', served.id, 4],
      ['REFERRAL_COMPLETED', served.id, 5],
      ['REFERRAL_SENT', declined.id, 1],
      ['REFERRAL_DECLINED', declined.id, 2],
      ['REFERRAL_SENT', cancelled.id, 1],
      ['REFERRAL_CANCELLED', cancelled.id, 2],
      ['REFERRAL_SENT', closed.id, 1],
      ['REFERRAL_ACCEPTED', closed.id, 2],
      ['REFERRAL_CLOSED', closed.id, 3],
      ['REFERRAL_SENT', onward.id, 1],
      ['REFERRAL_ACCEPTED', onward.id, 2],
      ['REFERRAL_FORWARDED', onward.id, 3],
    ];
    expect(await toldTo(centre)).toEqual([
      ['PARTNERSHIP_PROPOSED', partnership.id, 1],
      ['PARTNERSHIP_STATUS_CHANGED', partnership.id, 2],
      ...referralSteps,
      ['CONSENT_REVOKED', consent.id, null],
      ['MEMBER_INVITED', invitation.id, null],
    ]);
    const ngoTold = await toldTo(ngo);
    expect(ngoTold.filter(([type]) => !type.startsWith('PARTNERSHIP'))).toEqual([
      ...referralSteps.slice(0, -1),
      // The new referral of the forward is sent by the NGO, so it is told of it; then the forward of the one it received.
      ['REFERRAL_SENT', forwarded.id, 1],
      ['REFERRAL_FORWARDED', onward.id, 3],
      ['CONSENT_REVOKED', consent.id, null],
    ]);
    // The shelter is told of its partnership and of the referral it received; nothing of the centre's.
    expect((await toldTo(shelter)).filter(([type]) => type.startsWith('REFERRAL'))).toEqual([['REFERRAL_SENT', forwarded.id, 1]]);
    expect(await toldTo(centre, ['REFERRAL_DECLINED', 'CONSENT_REVOKED'])).toEqual([
      ['REFERRAL_DECLINED', declined.id, 2],
      ['CONSENT_REVOKED', consent.id, null],
    ]);

    // Every role may read them; a viewer too. The events carry no names, notes or client fields.
    const viewer = await addMember(app, ngo, 'VIEWER');
    expect(await toldTo(viewer)).toEqual(await toldTo(ngo));
    const everything = JSON.stringify(await app.request(OrganizationEventsDocument, { first: 100 }, asNgo));
    for (const text of ['Bà đã đến', 'No places', 'Needs a safe place', 'Withdrawn by the client', 'Nguyễn Thị Hoa']) {
      expect(everything).not.toContain(text);
    }
  });

  it('tell a programme lead and a member of invitations, answers and reported values', async () => {
    const lead = await signUpOrganization(app);
    const member = await signUpOrganization(app);
    const program = await createProgram(app, lead);
    const membership = await joinProgram(app, lead, program.id, member, 'IMPLEMENTING_PARTNER');
    const result = dataOf(await app.request(AddProgramResultDocument, { input: { programId: program.id, type: 'OUTPUT', title: 'Meals' } }, { token: lead.token }))
      .addProgramResult;
    const indicator = dataOf(
      await app.request(
        AddIndicatorDocument,
        { input: { resultId: result.id, code: 'M1', name: 'Meals served', aggregation: 'SUM', source: 'REPORTED' } },
        { token: lead.token },
      ),
    ).addIndicator;
    const value = dataOf(
      await app.request(
        SubmitReportedValueDocument,
        { input: { indicatorId: indicator.id, periodType: 'QUARTER', periodStart: '2026-07-01', value: 120 } },
        { token: member.token },
      ),
    ).submitReportedValue;
    dataOf(await app.request(ReviewReportedValueDocument, { input: { reportedValueId: value.id, approve: true } }, { token: lead.token }));
    const expected = [
      ['PROGRAM_MEMBER_INVITED', membership.id, 1],
      ['PROGRAM_MEMBERSHIP_CHANGED', membership.id, 2],
      ['REPORTED_VALUE_SUBMITTED', value.id, null],
      ['REPORTED_VALUE_REVIEWED', value.id, null],
    ];
    expect(await toldTo(member)).toEqual(expected);
    expect(await toldTo(lead)).toEqual(expected);
  });

  it('exist for no change that was rolled back', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const referral = await referralTo(centre, ngo);
    // The mutation's audit entry, written after its event in the same transaction, fails: everything rolls back.
    await app.ownerQuery(`CREATE FUNCTION test_refuse_accept_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'acceptReferral' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await app.ownerQuery(`CREATE TRIGGER test_refuse_accept_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_accept_audit()`);
    try {
      const refused = await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: ngo.token });
      expect(errorCodes(refused)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await app.ownerQuery(`DROP TRIGGER test_refuse_accept_audit ON audit_events`);
      await app.ownerQuery(`DROP FUNCTION test_refuse_accept_audit()`);
    }
    expect(await toldTo(ngo)).toEqual(expect.arrayContaining([['REFERRAL_SENT', referral.id, 1]]));
    expect((await toldTo(ngo)).filter(([type]) => type === 'REFERRAL_ACCEPTED')).toEqual([]);
    const [row] = await app.ownerQuery<{ status: string; events: number }>(
      `SELECT r.status, (SELECT count(*)::int FROM organization_events e WHERE e.subject_id = r.id) AS events FROM referrals r WHERE r.id = $1`,
      [referral.id],
    );
    expect(row).toEqual({ status: 'SENT', events: 1 });
    // Accepted for real, it is told.
    dataOf(await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: ngo.token }));
    expect((await toldTo(centre)).filter(([, subjectId]) => subjectId === referral.id)).toEqual([
      ['REFERRAL_SENT', referral.id, 1],
      ['REFERRAL_ACCEPTED', referral.id, 2],
    ]);
  });
});
