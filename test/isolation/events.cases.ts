import { OrganizationEventsDocument } from '../generated/graphql';
import { dataOf, errorCodes } from '../factories';
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
];
