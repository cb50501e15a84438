import { randomUUID } from 'node:crypto';
import { AcceptReferralDocument, createClient, InboxDocument, NgoCommonsError, ReferralDocument } from '../client/src';
import { signUpOrganization } from './factories';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the typed client in client/', () => {
  it("reads a caseworker's inbox and accepts a referral with typed results, and throws the API's error codes", async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const person = await registerClient(app, centre, { fullName: 'Bà Hoàng Thị Lan' });
    await recordConsent(app, centre, person.id, ngo.organizationId);
    const referral = await sendReferral(app, centre, { clientId: person.id, receivingOrganizationId: ngo.organizationId });

    const client = createClient({ url: app.url, token: () => ngo.token });
    const inbox = await client.request(InboxDocument, { first: 10 });
    const [edge] = inbox.referralInbox.edges;
    expect(edge.node).toMatchObject({ id: referral.id, status: 'SENT', version: 1, client: { fullName: 'Bà Hoàng Thị Lan' } });

    const accepted = await client.request(AcceptReferralDocument, { input: { referralId: edge.node.id, expectedVersion: edge.node.version } });
    expect(accepted.acceptReferral).toMatchObject({ status: 'ACCEPTED', version: 2 });
    const opened = await client.request(ReferralDocument, { id: referral.id });
    expect(opened.referral).toMatchObject({ id: referral.id, status: 'ACCEPTED', sender: { name: expect.any(String) } });
    expect(opened.referral.timeline.map((event) => event.kind)).toEqual(['SENT', 'STATUS_CHANGED']);

    const unknown = client.request(AcceptReferralDocument, { input: { referralId: randomUUID(), expectedVersion: 1 } });
    await expect(unknown).rejects.toBeInstanceOf(NgoCommonsError);
    await expect(unknown).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createClient({ url: app.url }).request(InboxDocument, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
