import {
  AcceptReferralDocument,
  AssignReferralDocument,
  AuditEventsDocument,
  CancelReferralDocument,
  ChangePartnershipStatusDocument,
  CloseReferralDocument,
  CommentOnReferralDocument,
  CompleteReferralDocument,
  DeclineReferralDocument,
  ForwardReferralDocument,
  ProposePartnershipDocument,
  ReferralCountsDocument,
  ReferralDocument,
  ReferralInboxDocument,
  ReferralOutboxDocument,
  RevokeConsentDocument,
  SendReferralDocument,
  ServicesDocument,
  StartReferralDocument,
  UpdateServiceDocument,
} from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { partner, publishService, recordConsent, referClient, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type GraphQLResponse, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const reasonOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.reason;

async function referralRow(id: string) {
  const [row] = await app.ownerQuery<{ status: string; version: number; events: number }>(
    `SELECT status, version, (SELECT count(*)::int FROM referral_events e WHERE e.referral_id = r.id) AS events FROM referrals r WHERE id = $1`,
    [id],
  );
  return row;
}

/** A provincial centre with a caseworker and a coordinator, and a hospital with a rehabilitation service. */
async function centreAndHospital(shares?: Parameters<typeof partner>[3]) {
  const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' });
  const caseworker = await addMember(app, centre, 'CASEWORKER');
  const coordinator = await addMember(app, centre, 'COORDINATOR');
  const hospital = await signUpOrganization(app, { name: 'Bệnh viện Phục hồi chức năng Lào Cai', kind: 'HOSPITAL' });
  const therapist = await addMember(app, hospital, 'CASEWORKER', { displayName: 'Lò Văn Minh' });
  const service = await publishService(app, hospital, {
    name: 'Phục hồi chức năng tại nhà',
    capacity: { unit: 'home visits per week', available: 2, maximum: 40 },
  });
  await partner(app, centre, hospital, shares);
  return { centre, caseworker, coordinator, hospital, therapist, service };
}

describe('a closed-loop referral, from the centre to a partner hospital and back', () => {
  it('walks from registration and consent to a completed referral whose outcome the centre sees', async () => {
    const { centre, caseworker, hospital, therapist, service } = await centreAndHospital({
      proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT'],
      partnerShares: ['REFERRALS'],
    });

    const client = await registerClient(app, caseworker, {
      fullName: 'Hoàng Văn Páo',
      birthDate: '1941-07-15',
      sex: 'MALE',
      preferredLanguage: 'hmn',
      phone: '+84 913 555 222',
      address: 'Bản Phùng, Sa Pa',
      vulnerabilities: ['OLDER_PERSON_LIVING_ALONE', 'ETHNIC_MINORITY'],
    });
    const consent = await recordConsent(app, caseworker, client.id, hospital.organizationId, [
      'FULL_NAME',
      'AGE_BAND',
      'PHONE',
      'PREFERRED_LANGUAGE',
      'VULNERABILITIES',
    ]);

    // The caseworker finds the service without typing the accents, and sees its capacity is low.
    const found = dataOf(
      await app.request(ServicesDocument, { search: 'phuc hoi chuc nang', region: 'lao cai', categoryCode: 'PHYSICAL_REHABILITATION' }, {
        token: caseworker.token,
      }),
    ).services.edges.map((e) => e.node);
    expect(found.map((s) => s.id)).toContain(service.id);
    expect(found.find((s) => s.id === service.id)?.capacity).toMatchObject({ available: 2, maximum: 40, low: true });

    const sent = await sendReferral(app, caseworker, {
      clientId: client.id,
      receivingOrganizationId: hospital.organizationId,
      serviceId: service.id,
      reason: 'Lives alone after a stroke; needs home rehabilitation',
      urgency: 'URGENT',
      dueOn: '2027-01-15',
    });
    expect(sent).toMatchObject({ status: 'SENT', fhirTaskStatus: 'requested', viewerSide: 'SENDER', availableActions: ['CANCEL'], version: 1 });
    expect(sent.sharedFields).toEqual(consent.sharedFields);

    // The hospital sees the referral in its inbox, and of the client only what consent AND agreement allow.
    const inbox = dataOf(await app.request(ReferralInboxDocument, {}, { token: therapist.token })).referralInbox.edges;
    expect(inbox.map((e) => e.node.id)).toEqual([sent.id]);
    const received = inbox[0].node;
    expect(received).toMatchObject({ viewerSide: 'RECEIVER', availableActions: ['ACCEPT', 'DECLINE'], sentBy: null });
    expect(received.client).toEqual({
      id: client.id,
      erased: false,
      visibleFields: ['FULL_NAME', 'AGE_BAND', 'PREFERRED_LANGUAGE', 'PHONE'],
      fullName: 'Hoàng Văn Páo',
      preferredName: null,
      birthDate: null,
      ageBand: 'AGE_60_PLUS',
      sex: null,
      genderIdentity: null,
      preferredLanguage: 'hmn',
      phone: '+84 913 555 222',
      email: null,
      address: null,
      region: null,
      vulnerabilities: null,
    });

    let version = received.version;
    const act = async <T>(res: Promise<GraphQLResponse<T>>) => dataOf(await res);
    const accepted = (await act(app.request(AcceptReferralDocument, { input: { referralId: sent.id, expectedVersion: version } }, { token: therapist.token })))
      .acceptReferral;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', fhirTaskStatus: 'accepted' });
    const assigned = (
      await act(
        app.request(AssignReferralDocument, { input: { referralId: sent.id, expectedVersion: accepted.version, assigneeUserId: therapist.userId } }, {
          token: hospital.token,
        }),
      )
    ).assignReferral;
    expect(assigned.assignee).toEqual({ id: therapist.userId, displayName: 'Lò Văn Minh' });
    const started = (await act(app.request(StartReferralDocument, { input: { referralId: sent.id, expectedVersion: assigned.version } }, { token: therapist.token })))
      .startReferral;
    await act(app.request(CommentOnReferralDocument, { input: { referralId: sent.id, body: 'First visit done; walking with a frame.' } }, { token: therapist.token }));
    version = started.version;
    const completed = (
      await act(
        app.request(
          CompleteReferralDocument,
          { input: { referralId: sent.id, expectedVersion: version, outcome: 'SUCCESSFUL', serviceDelivered: true, note: '8 visits' } },
          { token: therapist.token },
        ),
      )
    ).completeReferral;
    expect(completed).toMatchObject({ status: 'COMPLETED', fhirTaskStatus: 'completed', availableActions: [] });

    // The closed loop: the centre sees the outcome and every step, but not the hospital's staff record.
    const seen = dataOf(await app.request(ReferralDocument, { id: sent.id }, { token: caseworker.token })).referral;
    expect(seen).toMatchObject({ status: 'COMPLETED', outcome: 'SUCCESSFUL', serviceDelivered: true, assignee: null, viewerSide: 'SENDER' });
    expect(seen.sentBy).toEqual({ id: caseworker.userId });
    expect(seen.timeline.map((e) => [e.kind, e.fromStatus, e.toStatus, e.actorOrganization.id])).toEqual([
      ['SENT', null, 'SENT', caseworker.organizationId],
      ['STATUS_CHANGED', 'SENT', 'ACCEPTED', hospital.organizationId],
      ['ASSIGNED', null, null, hospital.organizationId],
      ['STATUS_CHANGED', 'ACCEPTED', 'IN_PROGRESS', hospital.organizationId],
      ['COMMENTED', null, null, hospital.organizationId],
      ['STATUS_CHANGED', 'IN_PROGRESS', 'COMPLETED', hospital.organizationId],
    ]);
    expect(seen.timeline[2].note).toBe('Assigned to Lò Văn Minh');
    expect(seen.timeline[5]).toMatchObject({ note: '8 visits', actorName: 'Lò Văn Minh' });
    expect(await referralRow(sent.id)).toEqual({ status: 'COMPLETED', version: 5, events: 6 });

    // The hospital's reads of the client are in the centre's audit trail, as reads by the hospital.
    const audit = dataOf(await app.request(AuditEventsDocument, { entityId: client.id, action: 'readClient' }, { token: centre.token }));
    expect(audit.auditEvents.edges.map((e) => e.node.actorOrganization.id)).toContain(hospital.organizationId);
    // Named as the hospital's caseworker, whom the centre cannot otherwise look up.
    expect(audit.auditEvents.edges.filter((e) => e.node.actorOrganization.id === hospital.organizationId).map((e) => e.node.actorName)).toContain('Lò Văn Minh');
  });
});

describe('sending a referral is refused', () => {
  it('without a partnership, or under one that is proposed, suspended, ended or does not allow referrals', async () => {
    const centre = await signUpOrganization(app);
    const stranger = await signUpOrganization(app);
    const client = await registerClient(app, centre);
    await recordConsent(app, centre, client.id, stranger.organizationId);
    const send = () => app.request(SendReferralDocument, { input: { clientId: client.id, receivingOrganizationId: stranger.organizationId, reason: 'x' } }, { token: centre.token });

    let res = await send();
    expect([errorCodes(res), reasonOf(res)]).toEqual([['FORBIDDEN'], 'NO_ACTIVE_PARTNERSHIP']);

    const proposed = dataOf(
      await app.request(
        ProposePartnershipDocument,
        {
          input: {
            partnerOrganizationId: stranger.organizationId,
            purpose: 'Referrals',
            legalBasis: 'CONSENT',
            startsOn: '2026-01-01',
            proposerShares: ['REFERRALS'],
            partnerShares: [],
          },
        },
        { token: centre.token },
      ),
    ).proposePartnership;
    expect(reasonOf(await send())).toBe('NO_ACTIVE_PARTNERSHIP');

    const change = async (status: 'ACTIVE' | 'SUSPENDED' | 'ENDED', by: SignedIn, expectedVersion: number) =>
      dataOf(await app.request(ChangePartnershipStatusDocument, { input: { partnershipId: proposed.id, expectedVersion, status } }, { token: by.token }))
        .changePartnershipStatus;
    const active = await change('ACTIVE', stranger, proposed.version);
    const suspended = await change('SUSPENDED', stranger, active.version);
    expect(reasonOf(await send())).toBe('NO_ACTIVE_PARTNERSHIP');
    const resumed = await change('ACTIVE', stranger, suspended.version);
    expect(dataOf(await send()).sendReferral.status).toBe('SENT');
    await change('ENDED', centre, resumed.version);
    expect(reasonOf(await send())).toBe('NO_ACTIVE_PARTNERSHIP');

    // The other direction: the agreement lets nothing flow from the stranger to the centre.
    const back = await registerClient(app, stranger);
    const other = await signUpOrganization(app);
    await partner(app, other, stranger, { proposerShares: ['REFERRALS'], partnerShares: ['IDENTITY_AND_CONTACT'] });
    await recordConsent(app, stranger, back.id, other.organizationId);
    res = await app.request(SendReferralDocument, { input: { clientId: back.id, receivingOrganizationId: other.organizationId, reason: 'x' } }, { token: stranger.token });
    expect(reasonOf(res)).toBe('NO_ACTIVE_PARTNERSHIP');
    const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE organization_id = $1', [stranger.organizationId]);
    expect(n).toBe(0);
  });

  it('without a consent in force: none, expired or revoked; a caseworker cannot override, a coordinator can with a reason', async () => {
    const { caseworker, coordinator, hospital } = await centreAndHospital();
    const client = await registerClient(app, caseworker);
    const send = (by: SignedIn, extra: Record<string, unknown> = {}) =>
      app.request(SendReferralDocument, { input: { clientId: client.id, receivingOrganizationId: hospital.organizationId, reason: 'Needs care', ...extra } }, { token: by.token });

    expect(reasonOf(await send(caseworker))).toBe('NO_VALID_CONSENT');

    const expired = await recordConsent(app, caseworker, client.id, hospital.organizationId);
    await app.ownerQuery(`UPDATE consents SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    expect(reasonOf(await send(caseworker))).toBe('NO_VALID_CONSENT');
    expect(reasonOf(await send(caseworker, { consentId: expired.id }))).toBe('NO_VALID_CONSENT');

    const revoked = await recordConsent(app, caseworker, client.id, hospital.organizationId);
    dataOf(await app.request(RevokeConsentDocument, { input: { consentId: revoked.id, reason: 'Client changed their mind' } }, { token: caseworker.token }));
    expect(reasonOf(await send(caseworker))).toBe('NO_VALID_CONSENT');

    const override = { consentOverrideReason: 'Client is at immediate risk and cannot be asked now', sharedFields: ['FULL_NAME'] };
    expect(reasonOf(await send(caseworker, override))).toBe('CONSENT_OVERRIDE_NOT_ALLOWED');
    const overridden = dataOf(await send(coordinator, override)).sendReferral;
    expect(overridden).toMatchObject({ consentOverrideReason: override.consentOverrideReason, consentInForce: null, sharedFields: ['FULL_NAME'] });

    const received = dataOf(await app.request(ReferralDocument, { id: overridden.id }, { token: hospital.token })).referral;
    expect(received.client?.visibleFields).toEqual(['FULL_NAME']);
    expect(received.timeline[0].note).toBe(`Sent without consent: ${override.consentOverrideReason}`);
    const audit = dataOf(await app.request(AuditEventsDocument, { entityId: overridden.id, action: 'overrideConsent' }, { token: coordinator.token }));
    expect(audit.auditEvents.edges).toHaveLength(1);
    const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE client_id = $1', [client.id]);
    expect(n).toBe(1);
  });

  it('to a service that is not accepting referrals, or sharing fields the consent does not cover', async () => {
    const { caseworker, hospital, service } = await centreAndHospital();
    const client = await registerClient(app, caseworker);
    await recordConsent(app, caseworker, client.id, hospital.organizationId, ['FULL_NAME']);
    dataOf(await app.request(UpdateServiceDocument, { input: { serviceId: service.id, expectedVersion: service.version, acceptingReferrals: false } }, { token: hospital.token }));
    const base = { clientId: client.id, receivingOrganizationId: hospital.organizationId, reason: 'Needs care' };

    const closed = await app.request(SendReferralDocument, { input: { ...base, serviceId: service.id } }, { token: caseworker.token });
    expect([errorCodes(closed), reasonOf(closed)]).toEqual([['FORBIDDEN'], 'SERVICE_NOT_ACCEPTING_REFERRALS']);
    expect(closed.errors?.[0].message).toContain('is not accepting referrals now');

    const beyond = await app.request(SendReferralDocument, { input: { ...base, sharedFields: ['FULL_NAME', 'PHONE'] } }, { token: caseworker.token });
    expect(errorCodes(beyond)).toEqual(['BAD_USER_INPUT']);
    expect(beyond.errors?.[0].extensions?.argumentPath).toEqual(['input', 'sharedFields']);

    const both = await app.request(SendReferralDocument, { input: { ...base, externalReceiverName: 'Chùa Bà' } }, { token: caseworker.token });
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE client_id = $1', [client.id]);
    expect(n).toBe(0);
  });
});

describe('the referral state machine on the server', () => {
  it('answers an illegal transition with BAD_USER_INPUT, the wrong side with FORBIDDEN, and changes nothing', async () => {
    const { caseworker, hospital } = await centreAndHospital();
    const { referral } = await referClient(app, caseworker, hospital);
    const complete = await app.request(
      CompleteReferralDocument,
      { input: { referralId: referral.id, expectedVersion: 1, outcome: 'SUCCESSFUL', serviceDelivered: true } },
      { token: hospital.token },
    );
    expect(errorCodes(complete)).toEqual(['BAD_USER_INPUT']);
    expect(complete.errors?.[0].message).toBe('A referral in status SENT cannot be completed: that needs status IN_PROGRESS');
    const ownAccept = await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: caseworker.token });
    expect([errorCodes(ownAccept), reasonOf(ownAccept)]).toEqual([['FORBIDDEN'], 'WRONG_SIDE']);
    expect(await referralRow(referral.id)).toEqual({ status: 'SENT', version: 1, events: 1 });

    dataOf(await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: hospital.token }));
    const cancel = await app.request(CancelReferralDocument, { input: { referralId: referral.id, expectedVersion: 2 } }, { token: caseworker.token });
    expect(errorCodes(cancel)).toEqual(['BAD_USER_INPUT']);
    const notSuccessful = await app.request(
      CloseReferralDocument,
      { input: { referralId: referral.id, expectedVersion: 2, outcomeReason: 'OTHER' } },
      { token: hospital.token },
    );
    expect(notSuccessful.errors?.[0].extensions?.argumentPath).toEqual(['input', 'note']);
    expect(await referralRow(referral.id)).toEqual({ status: 'ACCEPTED', version: 2, events: 2 });
  });

  it('lets one of two concurrent changes win; the other gets CONFLICT with the current status, and nothing is lost', async () => {
    const { caseworker, hospital, therapist } = await centreAndHospital();
    const { referral } = await referClient(app, caseworker, hospital);
    const [accept, decline] = await Promise.all([
      app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: therapist.token }),
      app.request(DeclineReferralDocument, { input: { referralId: referral.id, expectedVersion: 1, reason: 'No capacity' } }, { token: hospital.token }),
    ]);
    const results = [accept, decline];
    const winners = results.filter((res) => !res.errors);
    const losers = results.filter((res) => res.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(errorCodes)).toEqual([['CONFLICT']]);
    const row = await referralRow(referral.id);
    expect(losers[0].errors?.[0].extensions?.current).toEqual({ status: row.status, version: 2 });
    expect(row).toEqual({ status: accept.errors ? 'DECLINED' : 'ACCEPTED', version: 2, events: 2 });

    const stale = await app.request(StartReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: hospital.token });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('lets the sender cancel before acceptance, and the receiver decline with a reason the sender reads', async () => {
    const { caseworker, hospital } = await centreAndHospital();
    const first = await referClient(app, caseworker, hospital);
    const cancelled = dataOf(await app.request(CancelReferralDocument, { input: { referralId: first.referral.id, expectedVersion: 1, note: 'Family found help' } }, { token: caseworker.token }));
    expect(cancelled.cancelReferral).toMatchObject({ status: 'CANCELLED', fhirTaskStatus: 'cancelled' });

    const second = await referClient(app, caseworker, hospital);
    dataOf(await app.request(DeclineReferralDocument, { input: { referralId: second.referral.id, expectedVersion: 1, reason: 'Outside our district' } }, { token: hospital.token }));
    const seen = dataOf(await app.request(ReferralDocument, { id: second.referral.id }, { token: caseworker.token })).referral;
    expect(seen).toMatchObject({ status: 'DECLINED', fhirTaskStatus: 'rejected' });
    expect(seen.timeline.at(-1)?.note).toBe('Outside our district');
  });
});

describe('consent and agreement decide what the receiver sees, field by field', () => {
  it('hides the shared fields as soon as consent is revoked or the partnership ends, and keeps the history', async () => {
    const { caseworker, hospital } = await centreAndHospital({ proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION'] });
    const { referral, consent } = await referClient(app, caseworker, hospital, { sharedFields: ['FULL_NAME', 'VULNERABILITIES', 'EMAIL'] });
    const view = async () => dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: hospital.token })).referral;

    expect((await view()).client).toMatchObject({
      visibleFields: ['FULL_NAME', 'EMAIL', 'VULNERABILITIES'],
      fullName: 'Nguyễn Thị Hoa',
      email: null,
      vulnerabilities: ['OLDER_PERSON_LIVING_ALONE', 'PERSON_WITH_DISABILITY'],
      phone: null,
      address: null,
    });

    dataOf(await app.request(RevokeConsentDocument, { input: { consentId: consent.id, reason: 'Withdrawn by phone' } }, { token: caseworker.token }));
    const after = await view();
    expect(after.consentInForce).toBe(false);
    expect(after.client).toMatchObject({ visibleFields: [], fullName: null, vulnerabilities: null, ageBand: null });
    expect(after.timeline).toHaveLength(1);
    expect(after.reason).toBe('Needs help at home');
  });

  it('shows nothing of the client once the partnership has ended', async () => {
    const { caseworker, hospital } = await centreAndHospital();
    const { referral } = await referClient(app, caseworker, hospital);
    const partnerships = await app.ownerQuery<{ id: string; version: number }>(
      'SELECT id, version FROM partnerships WHERE partner_organization_id = $1',
      [hospital.organizationId],
    );
    dataOf(
      await app.request(ChangePartnershipStatusDocument, { input: { partnershipId: partnerships[0].id, expectedVersion: partnerships[0].version, status: 'ENDED' } }, {
        token: hospital.token,
      }),
    );
    const seen = dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: hospital.token })).referral;
    expect(seen.client?.visibleFields).toEqual([]);
    expect(seen.status).toBe('SENT');
  });
});

describe('forwarding and logged referrals', () => {
  it('lets a receiver forward the client to a third partner as a new, linked referral', async () => {
    const { caseworker, hospital } = await centreAndHospital();
    const { referral } = await referClient(app, caseworker, hospital);
    const accepted = dataOf(await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: hospital.token }))
      .acceptReferral;
    const shelter = await signUpOrganization(app, { name: 'Mái ấm Hoa Sen' });
    await partner(app, hospital, shelter);
    const ownClient = await registerClient(app, hospital, { fullName: 'Nguyễn Thị Hoa' });
    await recordConsent(app, hospital, ownClient.id, shelter.organizationId, ['FULL_NAME']);

    const forwarded = dataOf(
      await app.request(
        ForwardReferralDocument,
        { input: { referralId: referral.id, expectedVersion: accepted.version, receivingOrganizationId: shelter.organizationId, clientId: ownClient.id, reason: 'Needs a safe place to stay' } },
        { token: hospital.token },
      ),
    ).forwardReferral;
    expect(forwarded).toMatchObject({ status: 'SENT', forwardedFrom: { id: referral.id }, sender: { id: hospital.organizationId } });
    const again = await app.request(
      ForwardReferralDocument,
      { input: { referralId: referral.id, expectedVersion: accepted.version, receivingOrganizationId: shelter.organizationId, clientId: ownClient.id, reason: 'Twice' } },
      { token: hospital.token },
    );
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const atCentre = dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: caseworker.token })).referral;
    expect(atCentre.timeline.at(-1)).toMatchObject({ kind: 'FORWARDED', forwardedTo: { id: shelter.organizationId } });
    expect(atCentre.forwards).toEqual([]);
    const atShelter = dataOf(await app.request(ReferralDocument, { id: forwarded.id }, { token: shelter.token })).referral;
    expect(atShelter.forwardedFrom).toBeNull();
    expect(errorCodes(await app.request(ReferralDocument, { id: referral.id }, { token: shelter.token }))).toEqual(['NOT_FOUND']);
  });

  it('tracks a referral to an organization not on the platform, which only the sender sees and moves', async () => {
    const centre = await signUpOrganization(app);
    const client = await registerClient(app, centre);
    const override = await app.request(
      SendReferralDocument,
      { input: { clientId: client.id, externalReceiverName: 'Chùa Phúc Khánh', reason: 'Food', consentOverrideReason: 'Not needed off the platform' } },
      { token: centre.token },
    );
    expect([errorCodes(override), override.errors?.[0].extensions?.argumentPath]).toEqual([['BAD_USER_INPUT'], ['input', 'consentOverrideReason']]);
    const logged = await sendReferral(app, centre, { clientId: client.id, externalReceiverName: 'Chùa Phúc Khánh', reason: 'Food parcels' });
    expect(logged).toMatchObject({ receiver: null, externalReceiverName: 'Chùa Phúc Khánh', availableActions: ['ACCEPT', 'DECLINE', 'CANCEL'] });
    const accepted = dataOf(await app.request(AcceptReferralDocument, { input: { referralId: logged.id, expectedVersion: logged.version } }, { token: centre.token }));
    const started = dataOf(
      await app.request(StartReferralDocument, { input: { referralId: logged.id, expectedVersion: accepted.acceptReferral.version } }, { token: centre.token }),
    );
    const version = started.startReferral.version;
    const done = dataOf(
      await app.request(
        CompleteReferralDocument,
        { input: { referralId: logged.id, expectedVersion: version, outcome: 'NOT_SUCCESSFUL', outcomeReason: 'UNABLE_TO_CONTACT_RECEIVER', serviceDelivered: false } },
        { token: centre.token },
      ),
    ).completeReferral;
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: 'NOT_SUCCESSFUL', outcomeReason: 'UNABLE_TO_CONTACT_RECEIVER' });
    const outbox = dataOf(await app.request(ReferralOutboxDocument, {}, { token: centre.token })).referralOutbox.edges;
    expect(outbox.map((e) => e.node.id)).toEqual([logged.id]);
  });
});

describe('inbox, outbox and counts', () => {
  it('filter, sort and page, and count per status', async () => {
    const { caseworker, hospital, therapist } = await centreAndHospital();
    const urgent = await referClient(app, caseworker, hospital);
    const routine = await referClient(app, caseworker, hospital);
    const due = await referClient(app, caseworker, hospital);
    await app.ownerQuery(`UPDATE referrals SET urgency = 'EMERGENCY', due_on = current_date - 1 WHERE id = $1`, [urgent.referral.id]);
    await app.ownerQuery(`UPDATE referrals SET due_on = current_date + 3 WHERE id = $1`, [due.referral.id]);
    const accepted = dataOf(await app.request(AcceptReferralDocument, { input: { referralId: routine.referral.id, expectedVersion: 1 } }, { token: hospital.token })).acceptReferral;
    dataOf(await app.request(AssignReferralDocument, { input: { referralId: routine.referral.id, expectedVersion: accepted.version, assigneeUserId: therapist.userId } }, { token: hospital.token }));

    const inbox = async (variables: Parameters<typeof app.request<unknown, object>>[1], token = hospital.token) =>
      dataOf(await app.request(ReferralInboxDocument, variables as never, { token })).referralInbox;
    expect((await inbox({})).edges.map((e) => e.node.id)).toEqual([due.referral.id, routine.referral.id, urgent.referral.id]);
    expect((await inbox({ sort: 'DUE_SOONEST' })).edges.map((e) => e.node.id)).toEqual([urgent.referral.id, due.referral.id, routine.referral.id]);
    expect((await inbox({ filter: { overdue: true } })).edges.map((e) => e.node.id)).toEqual([urgent.referral.id]);
    expect((await inbox({ filter: { urgencies: ['EMERGENCY'] } })).edges.map((e) => e.node.id)).toEqual([urgent.referral.id]);
    expect((await inbox({ filter: { statuses: ['ACCEPTED'] } })).edges.map((e) => e.node.id)).toEqual([routine.referral.id]);
    expect((await inbox({ filter: { assignedToMe: true } }, therapist.token)).edges.map((e) => e.node.id)).toEqual([routine.referral.id]);
    expect((await inbox({ filter: { serviceCategoryCodes: ['SHELTER'] } })).edges).toEqual([]);

    const first = await inbox({ first: 2 });
    const second = await inbox({ first: 2, after: first.pageInfo.endCursor });
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual([due.referral.id, routine.referral.id, urgent.referral.id]);
    const dueFirst = await inbox({ first: 1, sort: 'DUE_SOONEST' });
    const dueRest = await inbox({ first: 5, sort: 'DUE_SOONEST', after: dueFirst.pageInfo.endCursor });
    expect(dueRest.edges.map((e) => e.node.id)).toEqual([due.referral.id, routine.referral.id]);

    expect(dataOf(await app.request(ReferralOutboxDocument, { filter: { clientId: urgent.client.id } }, { token: caseworker.token })).referralOutbox.edges).toHaveLength(1);
    const counts = dataOf(await app.request(ReferralCountsDocument, { box: 'INBOX' }, { token: hospital.token })).referralCounts;
    expect(counts).toMatchObject({ total: 3, overdue: 1 });
    expect(counts.byStatus.filter((c) => c.count > 0)).toEqual([
      { status: 'SENT', count: 2 },
      { status: 'ACCEPTED', count: 1 },
    ]);
  });

  it('costs the same number of SQL statements for a page of 50 as for a page of 5, nested fields included', async () => {
    const { caseworker, hospital, service } = await centreAndHospital();
    await app.ownerQuery(`UPDATE services SET capacity_available = 1000 WHERE id = $1`, [service.id]);
    for (let i = 0; i < 50; i += 1) {
      await referClient(app, caseworker, hospital, { serviceId: service.id, client: { fullName: `Khách hàng ${i}` } });
    }
    const small = await app.request(ReferralInboxDocument, { first: 5 }, { token: hospital.token });
    const large = await app.request(ReferralInboxDocument, { first: 50 }, { token: hospital.token });
    expect(dataOf(large).referralInbox.edges).toHaveLength(50);
    expect(dataOf(large).referralInbox.edges.every((e) => e.node.client?.fullName?.startsWith('Khách hàng'))).toBe(true);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});

describe('who may act', () => {
  it("shows each side only its own staff on a referral, even a person who is a member of both", async () => {
    const { caseworker, hospital } = await centreAndHospital();
    const both = await addMember(app, hospital, 'CASEWORKER', { email: caseworker.email, password: caseworker.password });
    const { referral } = await referClient(app, caseworker, hospital);
    const accepted = dataOf(await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: hospital.token }))
      .acceptReferral;
    const assigned = dataOf(
      await app.request(AssignReferralDocument, { input: { referralId: referral.id, expectedVersion: accepted.version, assigneeUserId: both.userId } }, {
        token: hospital.token,
      }),
    ).assignReferral;
    expect(assigned).toMatchObject({ sentBy: null, assignee: { id: both.userId } });
    const atCentre = dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: caseworker.token })).referral;
    expect(atCentre).toMatchObject({ sentBy: { id: caseworker.userId }, assignee: null });
  });

  it('refuses API keys and viewers the referral and client operations', async () => {
    const { caseworker, hospital } = await centreAndHospital();
    const viewer = await addMember(app, hospital, 'VIEWER');
    const { referral } = await referClient(app, caseworker, hospital);
    const accept = await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: viewer.token });
    expect(errorCodes(accept)).toEqual(['FORBIDDEN']);
    const seen = dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: viewer.token })).referral;
    expect(seen).toMatchObject({ id: referral.id, availableActions: [] });
    expect(await referralRow(referral.id)).toMatchObject({ status: 'SENT', version: 1 });
  });
});
