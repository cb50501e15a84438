import { CommentOnReferralDocument, InviteMemberDocument, OrganizationEventsDocument, OrganizationEventsFeedDocument, ReferralEventsFeedDocument } from '../generated/graphql';
import { dataOf, errorCodes } from '../factories';
import { Subscriber } from '../support/subscriber';
import { expectNoPrivateDataOf, type IsolationCase, type Tenant, type World } from './harness';

/** Every event an organization's people read, whatever their role; an API key is refused. */
async function eventsSeenBy(world: World, tenant: Tenant, variables: { subjectId?: string } = {}) {
  const tokens = [tenant.admin.token, ...Object.values(tenant.members).map((member) => member.token)];
  const seen = [];
  for (const token of tokens) {
    const res = await world.app.request(OrganizationEventsDocument, { first: 100, ...variables }, { token });
    seen.push({ res, nodes: dataOf(res).organizationEvents.edges.map((edge) => edge.node) });
  }
  expect(errorCodes(await world.app.request(OrganizationEventsDocument, { first: 100 }, { token: tenant.apiKey.secret }))).toEqual(['FORBIDDEN']);
  return seen;
}

export const eventsCases: IsolationCase[] = [
  {
    operation: 'organizationEvents',
    description: "B is told only of what names B: nothing of A's referrals, invitations or programme, even asked about A's records by id",
    async run(world) {
      const { a, b } = world;
      for (const { res, nodes } of await eventsSeenBy(world, b)) {
        expect(nodes.length).toBeGreaterThan(0);
        expect(nodes.filter((node) => node.organizationId !== b.admin.organizationId && node.partyOrganizationId !== b.admin.organizationId)).toEqual([]);
        expectNoPrivateDataOf(a, res);
      }
      for (const subjectId of [a.network.referrals.accepted.id, a.pendingInvitationId, a.network.partnershipId, a.programmes.led.memberships[0].id]) {
        for (const { nodes } of await eventsSeenBy(world, b, { subjectId })) expect(nodes).toEqual([]);
      }
    },
  },
  {
    operation: 'organizationEvents',
    shared: "A's referrals to C, their steps, the A–C partnership and C's membership of A's programme: C is the other party of each",
    description: "C, A's partner, is told of what A shares with it, and of nothing A does alone (A's invitations, A's other members)",
    async run(world) {
      const { a, c, f } = world;
      for (const { nodes } of await eventsSeenBy(world, c)) {
        expect(nodes.filter((node) => node.organizationId !== c.admin.organizationId && node.partyOrganizationId !== c.admin.organizationId)).toEqual([]);
        expect(nodes.some((node) => node.subjectId === a.network.referrals.accepted.id)).toBe(true);
        const membershipOfF = a.programmes.led.memberships.find((m) => m.organizationId === f.admin.organizationId)!;
        expect(nodes.filter((node) => [a.pendingInvitationId, membershipOfF.id].includes(node.subjectId))).toEqual([]);
      }
    },
  },
  {
    operation: 'organizationEvents',
    description: "The funder of A's programme is told of its own membership only: not of C's membership or reported values",
    async run(world) {
      const { a, f } = world;
      const ownMembership = a.programmes.led.memberships.find((m) => m.organizationId === f.admin.organizationId)!;
      for (const { res, nodes } of await eventsSeenBy(world, f)) {
        expect(nodes.filter((node) => node.subjectType === 'PROGRAM_MEMBER' && node.subjectId !== ownMembership.id)).toEqual([]);
        expect(nodes.filter((node) => node.subjectType === 'REPORTED_VALUE')).toEqual([]);
        expectNoPrivateDataOf(a, res, f.admin.organizationId);
      }
    },
  },
  {
    operation: 'subscription organizationEvents',
    description: "B's subscribers, every role, hear nothing of another organization's change (C's invitation); the first thing they hear is B's own",
    async run(world) {
      const { app, a, b, c } = world;
      const before = app.subscriptions.active;
      const listeners = [b.admin, ...Object.values(b.members)].map((person) => new Subscriber(app.url, person.token, OrganizationEventsFeedDocument));
      const apiKey = new Subscriber(app.url, b.apiKey.secret, OrganizationEventsFeedDocument);
      expect(await apiKey.closed).toMatchObject({ code: 4403 });
      while (app.subscriptions.active < before + listeners.length) await new Promise((resolve) => setImmediate(resolve));
      // Any change naming A would change A's rows, which the harness checks stay as they were: C's own invitation stands for another's change.
      dataOf(await app.request(InviteMemberDocument, { input: { email: `isolation-${Date.now()}@example.org`, role: 'VIEWER' } }, { token: c.admin.token }));
      dataOf(await app.request(CommentOnReferralDocument, { input: { referralId: b.network.referrals.accepted.id, body: 'B và C' } }, { token: b.admin.token }));
      for (const listener of listeners) {
        const first = await listener.next();
        expect(first.data?.organizationEvents).toMatchObject({ type: 'REFERRAL_COMMENTED', subjectId: b.network.referrals.accepted.id });
        expectNoPrivateDataOf(a, first);
        await listener.close();
      }
    },
  },
  {
    operation: 'subscription referralEvents',
    description: "B subscribed to A's referral by id hears nothing; B's own referral events reach B as B may see them, and nothing of A's client",
    async run(world) {
      const { app, a, b } = world;
      const before = app.subscriptions.active;
      const aimed = new Subscriber(app.url, b.admin.token, ReferralEventsFeedDocument, { referralId: a.network.referrals.accepted.id });
      const own = new Subscriber(app.url, b.admin.token, ReferralEventsFeedDocument);
      while (app.subscriptions.active < before + 2) await new Promise((resolve) => setImmediate(resolve));
      dataOf(await app.request(CommentOnReferralDocument, { input: { referralId: b.network.referrals.accepted.id, body: 'B và C' } }, { token: b.admin.token }));
      const heard = await own.next();
      expect(heard.data?.referralEvents).toMatchObject({ subjectId: b.network.referrals.accepted.id, referral: { id: b.network.referrals.accepted.id } });
      expectNoPrivateDataOf(a, heard);
      expect(aimed.pending).toBe(0);
      await aimed.close();
      await own.close();
    },
  },
];
