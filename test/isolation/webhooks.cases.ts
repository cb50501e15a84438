import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  LoginDocument,
  RedeliverWebhookDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
} from '../generated/graphql';
import { dataOf, errorCodes } from '../factories';
import { expectNoPrivateDataOf, type IsolationCase, type World } from './harness';

/** B's callers that are not its admin, signed in now (an earlier case logs B's caseworker out everywhere), and its API key. */
async function nonAdminsOf({ app, b }: World): Promise<string[]> {
  const tokens = [];
  for (const member of Object.values(b.members)) {
    const res = await app.request(LoginDocument, { input: { email: member.email, password: member.password, organizationId: member.organizationId } });
    tokens.push(dataOf(res).login.accessToken);
  }
  return [...tokens, b.apiKey.secret];
}

export const webhookCases: IsolationCase[] = [
  {
    operation: 'webhookEndpoints',
    description: "B's admin lists B's endpoints only, never A's; B's other roles and API key are refused",
    async run(world) {
      const { app, a, b } = world;
      const res = await app.request(WebhookEndpointsDocument, { first: 50 }, { token: b.admin.token });
      expect(dataOf(res).webhookEndpoints.edges.map((edge) => edge.node.id)).not.toContain(a.webhooks.endpointId);
      expectNoPrivateDataOf(a, res);
      for (const token of await nonAdminsOf(world)) expect(errorCodes(await app.request(WebhookEndpointsDocument, {}, { token }))).toEqual(['FORBIDDEN']);
    },
  },
  {
    operation: 'webhookDeliveries',
    description: "B asking for the delivery log of A's endpoint gets NOT_FOUND, as for an endpoint nobody has",
    async run(world) {
      const { app, a, b } = world;
      const res = await app.request(WebhookDeliveriesDocument, { endpointId: a.webhooks.endpointId }, { token: b.admin.token });
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'createWebhookEndpoint',
    description: "B's own endpoint is queued B's events only: the fan-out job, acting as B, never queues A's",
    async run(world) {
      const { app, a, b } = world;
      const { endpoint } = dataOf(await app.request(CreateWebhookEndpointDocument, { input: { url: 'https://hooks.example.org/b', eventTypes: [] } }, { token: b.admin.token }))
        .createWebhookEndpoint;
      // The job queues every event of the last day for endpoints registered since; here: none of A's, whatever B's.
      await app.ownerQuery(`UPDATE webhook_endpoints SET created_at = now() - interval '1 hour' WHERE id = $1`, [endpoint.id]);
      await app.jobs.tick(new Date());
      const queued = await app.ownerQuery<{ organization_id: string; party_organization_id: string | null }>(
        `SELECT e.organization_id, e.party_organization_id FROM webhook_deliveries d JOIN organization_events e ON e.id = d.event_id WHERE d.endpoint_id = $1`,
        [endpoint.id],
      );
      expect(queued.filter((event) => event.organization_id !== b.admin.organizationId && event.party_organization_id !== b.admin.organizationId)).toEqual([]);
      expect(queued.some((event) => event.organization_id === a.admin.organizationId || event.party_organization_id === a.admin.organizationId)).toBe(false);
      expect(dataOf(await app.request(DeleteWebhookEndpointDocument, { input: { endpointId: endpoint.id } }, { token: b.admin.token })).deleteWebhookEndpoint).toBe(endpoint.id);
    },
  },
  {
    operation: 'updateWebhookEndpoint',
    description: "B cannot change or disable A's endpoint: NOT_FOUND, and it stays as it was",
    async run(world) {
      const { app, a, b } = world;
      for (const input of [{ url: 'https://attacker.example.org/steal' }, { enabled: false }]) {
        const res = await app.request(UpdateWebhookEndpointDocument, { input: { endpointId: a.webhooks.endpointId, expectedVersion: 1, ...input } }, { token: b.admin.token });
        expect(errorCodes(res)).toEqual(['NOT_FOUND']);
        expectNoPrivateDataOf(a, res);
      }
    },
  },
  {
    operation: 'deleteWebhookEndpoint',
    description: "B cannot delete A's endpoint: NOT_FOUND",
    async run(world) {
      const { app, a, b } = world;
      expect(errorCodes(await app.request(DeleteWebhookEndpointDocument, { input: { endpointId: a.webhooks.endpointId } }, { token: b.admin.token }))).toEqual([
        'NOT_FOUND',
      ]);
    },
  },
  {
    operation: 'redeliverWebhook',
    description: "B cannot have A's delivery sent again: NOT_FOUND, and it stays DELIVERED",
    async run(world) {
      const { app, a, b } = world;
      const res = await app.request(RedeliverWebhookDocument, { input: { deliveryId: a.webhooks.deliveryId } }, { token: b.admin.token });
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
      expectNoPrivateDataOf(a, res);
    },
  },
];
