import {
  AcceptReferralDocument,
  CancelReferralDocument,
  CloseReferralDocument,
  CompleteReferralDocument,
  DeclineReferralDocument,
  ReferralDocument,
  ReferralInboxDocument,
  StartReferralDocument,
  UpdateOrganizationDocument,
  type ReferralFieldsFragment,
} from './generated/graphql';
import { dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { partner, publishService, referClient } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * A receiver sees a referral's client only while it needs to (issue 12): while the referral is
 * open, and for the sender's access window after it was completed or closed; never once it declined
 * or the sender cancelled. Its status and timeline stay. Checked through every path that shows the
 * client: one referral, the inbox (both read in one statement with their joins) and the answer of
 * the mutation itself (read through the loaders).
 */

let app: TestApp;
let centre: SignedIn;
let hospital: SignedIn;
let serviceId: string;

beforeAll(async () => {
  app = await startTestApp();
  centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', kind: 'GOVERNMENT_AGENCY' });
  hospital = await signUpOrganization(app, { name: 'Bệnh viện Đa khoa Hà Giang', kind: 'HOSPITAL' });
  await partner(app, centre, hospital);
  serviceId = (await publishService(app, hospital, { name: 'Khám sức khỏe người cao tuổi' })).id;
});
afterAll(() => app.close());

async function refer(fullName: string) {
  const { referral } = await referClient(app, centre, hospital, { serviceId, client: { fullName } });
  return referral;
}

/** What each side sees of the referral's client now, through one referral and through the inbox. */
async function clientSeenBy(viewer: SignedIn, referralId: string) {
  const one = dataOf(await app.request(ReferralDocument, { id: referralId }, { token: viewer.token })).referral;
  return { status: one.status, fullName: one.client?.fullName ?? null, visibleFields: one.client?.visibleFields ?? [], timeline: one.timeline.length };
}

async function inboxClient(referralId: string) {
  const inbox = dataOf(await app.request(ReferralInboxDocument, { first: 50 }, { token: hospital.token })).referralInbox;
  return inbox.edges.find((edge) => edge.node.id === referralId)!.node.client;
}

async function readsAudited(referralId: string): Promise<number> {
  const [row] = await app.ownerQuery<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events a JOIN referrals r ON r.organization_id = $1 AND r.id = $2
      WHERE a.organization_id = $3 AND a.action = 'readClient' AND a.entity_id = r.client_id`,
    [centre.organizationId, referralId, hospital.organizationId],
  );
  return row.n;
}

async function move(referral: Pick<ReferralFieldsFragment, 'id' | 'version'>, step: 'accept' | 'start'): Promise<ReferralFieldsFragment> {
  const input = { input: { referralId: referral.id, expectedVersion: referral.version } };
  if (step === 'accept') return dataOf(await app.request(AcceptReferralDocument, input, { token: hospital.token })).acceptReferral;
  return dataOf(await app.request(StartReferralDocument, input, { token: hospital.token })).startReferral;
}

describe("a receiver's view of a referral's client", () => {
  it('ends when the receiver declines: the answer of the decline, the referral and the inbox show no field, and no read is audited', async () => {
    const referral = await refer('Bà Lò Thị Mai');
    expect(await clientSeenBy(hospital, referral.id)).toMatchObject({ fullName: 'Bà Lò Thị Mai' });

    const declined = dataOf(
      await app.request(DeclineReferralDocument, { input: { referralId: referral.id, expectedVersion: referral.version, reason: 'Hết chỗ' } }, { token: hospital.token }),
    ).declineReferral;
    expect(declined.client).toMatchObject({ fullName: null, visibleFields: [] });
    const audited = await readsAudited(referral.id);

    expect(await clientSeenBy(hospital, referral.id)).toEqual({ status: 'DECLINED', fullName: null, visibleFields: [], timeline: 2 });
    expect(await inboxClient(referral.id)).toMatchObject({ fullName: null, visibleFields: [], ageBand: null, sex: null });
    expect(await readsAudited(referral.id)).toBe(audited);
    // The sender keeps its own client's every field.
    expect(await clientSeenBy(centre, referral.id)).toMatchObject({ status: 'DECLINED', fullName: 'Bà Lò Thị Mai' });
  });

  it('ends when the sender cancels before acceptance', async () => {
    const referral = await refer('Ông Vàng Seo Páo');
    dataOf(await app.request(CancelReferralDocument, { input: { referralId: referral.id, expectedVersion: referral.version } }, { token: centre.token }));
    expect(await clientSeenBy(hospital, referral.id)).toEqual({ status: 'CANCELLED', fullName: null, visibleFields: [], timeline: 2 });
    expect(await inboxClient(referral.id)).toMatchObject({ fullName: null, visibleFields: [] });
  });

  it("lasts the platform's 90 days after completion, then ends; status and timeline stay", async () => {
    const referral = await move(await move(await refer('Chị Giàng Thị Dung'), 'accept'), 'start');
    const before = Date.now();
    const completed = dataOf(
      await app.request(
        CompleteReferralDocument,
        { input: { referralId: referral.id, expectedVersion: referral.version, outcome: 'SUCCESSFUL', serviceDelivered: true } },
        { token: hospital.token },
      ),
    ).completeReferral;
    expect(completed.client).toMatchObject({ fullName: 'Chị Giàng Thị Dung' });
    const until = Date.parse(completed.receiverAccessUntil!);
    expect(until - before).toBeGreaterThanOrEqual(90 * 86_400_000 - 1000);
    expect(until - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    expect(await inboxClient(referral.id)).toMatchObject({ fullName: 'Chị Giàng Thị Dung' });

    // 90 days later (the window moved into the past in the database, as time would).
    await app.ownerQuery(`UPDATE referrals SET receiver_access_until = now() - interval '1 second' WHERE id = $1`, [referral.id]);
    expect(await clientSeenBy(hospital, referral.id)).toEqual({ status: 'COMPLETED', fullName: null, visibleFields: [], timeline: 4 });
    expect(await inboxClient(referral.id)).toMatchObject({ fullName: null, visibleFields: [] });
    expect(await clientSeenBy(centre, referral.id)).toMatchObject({ fullName: 'Chị Giàng Thị Dung' });
  });

  it("follows the window the sender sets, for referrals that end after it was set: none at all with 0 days", async () => {
    const open = await move(await refer('Em Sùng Thị Hoa'), 'accept');
    const set = dataOf(await app.request(UpdateOrganizationDocument, { input: { receiverAccessDays: 0 } }, { token: centre.token })).updateOrganization;
    expect(set.receiverAccessDays).toBe(0);
    const closed = dataOf(
      await app.request(CloseReferralDocument, { input: { referralId: open.id, expectedVersion: open.version, outcomeReason: 'UNABLE_TO_CONTACT_CLIENT' } }, { token: hospital.token }),
    ).closeReferral;
    expect(closed.client).toMatchObject({ fullName: null, visibleFields: [] });
    expect(await clientSeenBy(hospital, open.id)).toMatchObject({ status: 'CLOSED', fullName: null });

    // Back to the platform's default.
    dataOf(await app.request(UpdateOrganizationDocument, { input: { receiverAccessDays: null } }, { token: centre.token }));
    const next = await move(await refer('Cụ Thào Mí Chứ'), 'accept');
    const reclosed = dataOf(
      await app.request(CloseReferralDocument, { input: { referralId: next.id, expectedVersion: next.version, outcomeReason: 'UNABLE_TO_CONTACT_CLIENT' } }, { token: hospital.token }),
    ).closeReferral;
    expect(reclosed.client).toMatchObject({ fullName: 'Cụ Thào Mí Chứ' });
  });

  it('refuses a window outside 0–3,650 days as BAD_USER_INPUT, and changes nothing', async () => {
    for (const days of [-1, 3651]) {
      const refused = await app.request(UpdateOrganizationDocument, { input: { receiverAccessDays: days } }, { token: centre.token });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    const [row] = await app.ownerQuery<{ days: number | null }>(`SELECT receiver_access_days AS days FROM organizations WHERE id = $1`, [centre.organizationId]);
    expect(row.days).toBeNull();
  });
});
