import { AuditEventsDocument, ClientsDocument, ReferralInboxDocument, ReferralOutboxDocument, ServicesDocument } from '../generated/graphql';
import { dataOf } from '../factories';
import { expectNoPrivateDataOf, type IsolationCase } from './harness';

/*
 * The page arguments that read a list backward (`last`, `before`) and its `totalCount`: B pages its
 * own lists back and counts them, and neither the pages nor the counts hold anything of A's.
 */

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

export const paginationCases: IsolationCase[] = [
  {
    operation: 'referralInbox',
    description: "B's inbox paged back and counted holds B's received referrals only; filtered by A's client it counts 0",
    async run({ app, a, b }) {
      const token = b.admin.token;
      const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE receiving_organization_id = $1', [b.admin.organizationId]);
      const forward = await app.request(ReferralInboxDocument, { first: 100, counted: true }, { token });
      const backward = await app.request(ReferralInboxDocument, { last: 100, counted: true }, { token });
      expect(ids(dataOf(backward).referralInbox)).toEqual(ids(dataOf(forward).referralInbox));
      expect([dataOf(forward).referralInbox.totalCount, dataOf(backward).referralInbox.totalCount]).toEqual([n, n]);
      expectNoPrivateDataOf(a, backward);
      const byClient = await app.request(ReferralInboxDocument, { last: 100, filter: { clientId: a.network.client.id }, counted: true }, { token });
      expect(dataOf(byClient).referralInbox).toMatchObject({ edges: [], totalCount: 0 });
    },
  },
  {
    operation: 'referralOutbox',
    description: "B's outbox paged back and counted holds B's sent referrals only; filtered by A's client it counts 0",
    async run({ app, a, b }) {
      const token = b.admin.token;
      const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE organization_id = $1', [b.admin.organizationId]);
      const forward = await app.request(ReferralOutboxDocument, { first: 100 }, { token });
      const backward = await app.request(ReferralOutboxDocument, { last: 100, counted: true }, { token });
      expect(ids(dataOf(backward).referralOutbox)).toEqual(ids(dataOf(forward).referralOutbox));
      expect(dataOf(backward).referralOutbox.totalCount).toBe(n);
      expectNoPrivateDataOf(a, backward);
      const byClient = await app.request(ReferralOutboxDocument, { last: 100, filter: { clientId: a.network.client.id }, counted: true }, { token });
      expect(dataOf(byClient).referralOutbox).toMatchObject({ edges: [], totalCount: 0 });
    },
  },
  {
    operation: 'clients',
    description: "B's clients paged back and counted are B's only; a search for A's client's name counts 0",
    async run({ app, a, b }) {
      const token = b.admin.token;
      const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM clients WHERE organization_id = $1', [b.admin.organizationId]);
      const backward = await app.request(ClientsDocument, { last: 100, counted: true }, { token });
      expect(dataOf(backward).clients.totalCount).toBe(n);
      expect(ids(dataOf(backward).clients)).toContain(b.network.client.id);
      expectNoPrivateDataOf(a, backward);
      const found = await app.request(ClientsDocument, { last: 100, search: a.network.client.fullName, counted: true }, { token });
      expect(dataOf(found).clients).toMatchObject({ edges: [], totalCount: 0 });
    },
  },
  {
    operation: 'services',
    description: "The directory paged back and counted shows A's public services and nothing private of A's",
    shared: "A's services and their places (the public directory)",
    async run({ app, a, b }) {
      const res = await app.request(ServicesDocument, { last: 100, organizationId: a.admin.organizationId, includeInactive: true, counted: true }, {
        token: b.admin.token,
      });
      expect(dataOf(res).services).toMatchObject({ totalCount: 1 });
      expect(ids(dataOf(res).services)).toEqual([a.network.serviceId]);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'auditEvents',
    description: "B's audit trail paged back and counted holds nothing of A's; asked about A's records it counts 0",
    async run({ app, a, b }) {
      const token = b.admin.token;
      const backward = await app.request(AuditEventsDocument, { last: 100, counted: true }, { token });
      const [{ n }] = await app.ownerQuery<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 OR subject_organization_id = $1',
        [b.admin.organizationId],
      );
      expect(dataOf(backward).auditEvents.totalCount).toBe(n);
      expectNoPrivateDataOf(a, backward);
      for (const entityId of [a.network.client.id, a.network.referrals.accepted.id]) {
        const about = await app.request(AuditEventsDocument, { entityId, last: 100, counted: true }, { token });
        expect(dataOf(about).auditEvents).toMatchObject({ edges: [], totalCount: 0 });
      }
    },
  },
];
