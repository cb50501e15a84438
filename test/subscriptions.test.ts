import {
  AcceptReferralDocument,
  CommentOnReferralDocument,
  InviteMemberDocument,
  LogoutDocument,
  OrganizationEventsDocument,
  OrganizationEventsFeedDocument,
  ReferralEventsFeedDocument,
} from './generated/graphql';
import { dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client } from 'pg';
import { startTestApp, type TestApp, type TestInstance } from './setup/test-app';
import { Subscriber } from './support/subscriber';

let app: TestApp;
let second: TestInstance;
beforeAll(async () => {
  app = await startTestApp();
  second = await app.startInstance();
});
afterAll(async () => {
  await second.close();
  await app.close();
});

/** Until `instance` holds `count` subscriptions: a subscription is live once its stream is open there. */
async function subscribed(instance: { subscriptions: { active: number } }, count: number): Promise<void> {
  while (instance.subscriptions.active < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('subscriptions over WebSocket', () => {
  it("carry a referral sent on one instance to its receiver's subscriber on another, as the receiver may see it, and nothing to anyone else", async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    const stranger = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const client = await registerClient(app, centre, { fullName: 'Bà Lò Thị Mai', phone: '+84 912 345 678' });
    // The NGO may see the client's name, not her phone.
    await recordConsent(app, centre, client.id, ngo.organizationId, ['FULL_NAME']);

    const before = second.subscriptions.active;
    const atNgo = new Subscriber(second.url, ngo.token, ReferralEventsFeedDocument);
    const atStranger = new Subscriber(second.url, stranger.token, OrganizationEventsFeedDocument);
    await subscribed(second, before + 2);

    // Any role connected to the database may LISTEN: the notification names the event by id, and nothing else.
    const listener = new Client({ connectionString: app.ownerUrl });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('notification', (message) => payloads.push(message.payload ?? ''));
    await listener.query('LISTEN organization_events');

    const referral = await sendReferral(app, centre, { clientId: client.id, receivingOrganizationId: ngo.organizationId });
    const told = await atNgo.next();
    await listener.end();
    expect(payloads).toEqual([(told.data?.referralEvents as { id: string }).id]);
    expect(told.errors).toBeUndefined();
    expect(told.data?.referralEvents).toMatchObject({
      type: 'REFERRAL_SENT',
      subjectId: referral.id,
      subjectVersion: 1,
      referral: { id: referral.id, status: 'SENT', client: { fullName: 'Bà Lò Thị Mai', phone: null } },
    });
    // The receiver's read of the client through the subscription is audited as a query's would be.
    const reads = await app.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'readClient' AND entity_id = $2`,
      [ngo.organizationId, client.id],
    );
    expect(reads[0].n).toBeGreaterThan(0);

    // The stranger's first event is its own invitation, sent after the referral: nothing of the referral came before it.
    const invitation = dataOf(await app.request(InviteMemberDocument, { input: { email: `x-${Date.now()}@example.org`, role: 'VIEWER' } }, { token: stranger.token }))
      .inviteMember.invitation;
    expect((await atStranger.next()).data?.organizationEvents).toMatchObject({ type: 'MEMBER_INVITED', subjectId: invitation.id });
    expect(atStranger.pending).toBe(0);

    // Filters: the NGO's comment reaches a subscription to comments on this referral, not one to acceptances.
    const comments = new Subscriber(app.url, centre.token, ReferralEventsFeedDocument, { types: ['REFERRAL_COMMENTED'], referralId: referral.id });
    const acceptances = new Subscriber(app.url, centre.token, ReferralEventsFeedDocument, { types: ['REFERRAL_ACCEPTED'] });
    await subscribed(app, 2);
    dataOf(await second.request(CommentOnReferralDocument, { input: { referralId: referral.id, body: 'Đã nhận' } }, { token: ngo.token }));
    dataOf(await second.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, { token: ngo.token }));
    expect((await comments.next()).data?.referralEvents).toMatchObject({ type: 'REFERRAL_COMMENTED', subjectId: referral.id });
    expect((await acceptances.next()).data?.referralEvents).toMatchObject({ type: 'REFERRAL_ACCEPTED', subjectVersion: 2, referral: { status: 'ACCEPTED' } });
    expect(comments.pending).toBe(0);
    expect((await atNgo.next()).data?.referralEvents).toMatchObject({ type: 'REFERRAL_COMMENTED' });
    expect((await atNgo.next()).data?.referralEvents).toMatchObject({ type: 'REFERRAL_ACCEPTED' });

    for (const subscriber of [atNgo, atStranger, comments, acceptances]) await subscriber.close();
  });

  it('close the socket when the token expires or the session ends, and refuse a socket without a valid token', async () => {
    const ngo = await signUpOrganization(app);
    const expiring = new Subscriber(app.url, ngo.token, OrganizationEventsFeedDocument);
    const before = app.subscriptions.active;
    await subscribed(app, before + 1);
    // Nothing happens before the token's time...
    await app.subscriptions.sweep(new Date());
    expect(app.subscriptions.active).toBe(before + 1);
    // ...and at it, the socket closes.
    await app.subscriptions.sweep(new Date(Date.now() + (app.config.auth.accessTokenTtlSeconds + 1) * 1000));
    expect(await expiring.closed).toMatchObject({ code: 4401 });

    const other: SignedIn = await signUpOrganization(app);
    const ended = new Subscriber(app.url, other.token, OrganizationEventsFeedDocument);
    await subscribed(app, app.subscriptions.active + 1);
    dataOf(await app.request(LogoutDocument, {}, { token: other.token }));
    await app.subscriptions.sweep();
    expect(await ended.closed).toMatchObject({ code: 4401 });

    // A subscription sent over HTTP is refused, and a query sent over WebSocket.
    const overHttp = await app.request(OrganizationEventsFeedDocument, {}, { token: ngo.token });
    expect([overHttp.status, errorCodes(overHttp)]).toEqual([400, ['BAD_REQUEST']]);
    const fresh = await signUpOrganization(app);
    const query = await new Subscriber(app.url, fresh.token, OrganizationEventsDocument, { first: 1 }).next();
    expect(query.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });

    // The limits of the HTTP path hold on the socket too.
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = parse(`subscription { organizationEvents { ${aliases} } }`) as TypedDocumentNode<unknown, Record<string, unknown>>;
    expect((await new Subscriber(app.url, fresh.token, tooMany).next()).errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_ALIASES' } });

    for (const token of ['not-a-token', ngo.token.slice(0, -2) + 'xx']) {
      expect(await new Subscriber(app.url, token, OrganizationEventsFeedDocument).closed).toMatchObject({ code: 4403 });
    }
  });
});
