import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import {
  AcceptReferralDocument,
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  RedeliverWebhookDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
} from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp, type TestInstance } from './setup/test-app';

let app: TestApp;
let second: TestInstance;
beforeAll(async () => {
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
  second = await app.startInstance();
});
afterAll(async () => {
  await second.close();
  await app.close();
});

const MINUTE = 60_000;
/**
 * Scheduled jobs run once per minute of the time a tick is given, across the file's instances: each
 * test ticks in a window of its own (all within the day the fan-out looks back over).
 */
const HOURS_LATER = (hours: number) => new Date(Date.now() + hours * 60 * MINUTE);

/** A webhook receiver on this machine: it answers `status` (changeable), and keeps what it was sent. */
async function receiver() {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (state.status === 200) received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Verifies every request with the maintained Standard Webhooks library, as a receiver would, and drops duplicates by webhook-id. */
function verifiedEvents(secret: string, received: { headers: http.IncomingHttpHeaders; body: string }[]) {
  const webhook = new Webhook(secret);
  const seen = new Map<string, { type: string; data: { subjectId: string; subjectVersion: number | null } }>();
  for (const { headers, body } of received) {
    const payload = webhook.verify(body, headers as Record<string, string>) as { type: string; data: { subjectId: string; subjectVersion: number | null } };
    seen.set(String(headers['webhook-id']), payload);
  }
  return [...seen.values()].map((payload) => [payload.type, payload.data.subjectId, payload.data.subjectVersion]);
}

async function referralTo(sender: SignedIn, receiverOrganization: SignedIn) {
  const client = await registerClient(app, sender);
  await recordConsent(app, sender, client.id, receiverOrganization.organizationId);
  return sendReferral(app, sender, { clientId: client.id, receivingOrganizationId: receiverOrganization.organizationId });
}

describe('webhooks', () => {
  it('POST every event to the endpoint, signed, in order; a receiver down gets them all once it is back', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const hooks = await receiver();
    try {
      const created = dataOf(
        await app.request(CreateWebhookEndpointDocument, { input: { url: hooks.url, eventTypes: ['REFERRAL_SENT', 'REFERRAL_ACCEPTED'] } }, { token: ngo.token }),
      ).createWebhookEndpoint;
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.endpoint).toMatchObject({ status: 'ACTIVE', version: 1, eventTypes: ['REFERRAL_SENT', 'REFERRAL_ACCEPTED'] });
      const [stored] = await app.ownerQuery<{ sealed_secret: string }>('SELECT sealed_secret FROM webhook_endpoints WHERE id = $1', [created.endpoint.id]);
      expect(stored.sealed_secret).not.toContain(created.secret.slice(6));

      const first = await referralTo(centre, ngo);
      let now = new Date();
      await Promise.all([app.jobs.tick(now), second.jobs.tick(now)]);
      expect(verifiedEvents(created.secret, hooks.received)).toEqual([['REFERRAL_SENT', first.id, 1]]);

      // The receiver goes down: attempts fail, are logged, and wait their turn; later events wait behind them.
      hooks.state.status = 503;
      const second_ = await referralTo(centre, ngo);
      dataOf(await app.request(AcceptReferralDocument, { input: { referralId: first.id, expectedVersion: 1 } }, { token: ngo.token }));
      now = new Date(now.getTime() + MINUTE);
      await app.jobs.tick(now);
      const log = dataOf(await app.request(WebhookDeliveriesDocument, { endpointId: created.endpoint.id, first: 10 }, { token: ngo.token })).webhookDeliveries.edges.map(
        (edge) => edge.node,
      );
      expect(log.map((delivery) => [delivery.eventType, delivery.status, delivery.attempts, delivery.responseStatus])).toEqual([
        ['REFERRAL_ACCEPTED', 'PENDING', 0, null],
        ['REFERRAL_SENT', 'PENDING', 1, 503],
        ['REFERRAL_SENT', 'DELIVERED', 1, 200],
      ]);
      expect(new Date(log[1].nextAttemptAt!).getTime()).toBeGreaterThan(now.getTime());

      // Back up: everything arrives, in the order it happened, each verified.
      hooks.state.status = 200;
      for (let minutes = 2; minutes < 12; minutes += 1) await second.jobs.tick(new Date(now.getTime() + minutes * MINUTE));
      expect(verifiedEvents(created.secret, hooks.received)).toEqual([
        ['REFERRAL_SENT', first.id, 1],
        ['REFERRAL_SENT', second_.id, 1],
        ['REFERRAL_ACCEPTED', first.id, 2],
      ]);

      // A redelivery comes with the same webhook-id: the receiver drops it as a duplicate.
      const delivered = log.at(-1)!;
      expect(dataOf(await app.request(RedeliverWebhookDocument, { input: { deliveryId: delivered.id } }, { token: ngo.token })).redeliverWebhook.status).toBe('PENDING');
      await app.jobs.tick(new Date(now.getTime() + 13 * MINUTE));
      expect(hooks.received).toHaveLength(4);
      expect(hooks.received[3].headers['webhook-id']).toBe(hooks.received[0].headers['webhook-id']);
      expect(verifiedEvents(created.secret, hooks.received)).toHaveLength(3);
    } finally {
      await hooks.close();
    }
  });

  it('leave a delivery a dead worker claimed until its lease ends, then send it from another instance', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const hooks = await receiver();
    try {
      const created = dataOf(await app.request(CreateWebhookEndpointDocument, { input: { url: hooks.url, eventTypes: [] } }, { token: ngo.token })).createWebhookEndpoint;
      const referral = await referralTo(centre, ngo);
      const now = HOURS_LATER(2);
      // A worker claimed the endpoint's job for five minutes, then died.
      await app.ownerQuery(`INSERT INTO jobs (id, kind, key, run_at, attempts, locked_until) VALUES (gen_random_uuid(), 'webhook-endpoint', $1, $2, 1, $3)`, [
        `${ngo.organizationId}:${created.endpoint.id}`,
        now,
        new Date(now.getTime() + 5 * MINUTE),
      ]);
      await app.jobs.tick(now);
      expect(hooks.received).toEqual([]);
      await second.jobs.tick(new Date(now.getTime() + 6 * MINUTE));
      expect(verifiedEvents(created.secret, hooks.received)).toEqual([['REFERRAL_SENT', referral.id, 1]]);
    } finally {
      await hooks.close();
    }
  });

  it('disable an endpoint failing for three days, and keep what waits for when it is enabled again', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const hooks = await receiver();
    hooks.state.status = 500;
    try {
      const { endpoint } = dataOf(await app.request(CreateWebhookEndpointDocument, { input: { url: hooks.url, eventTypes: [] } }, { token: ngo.token }))
        .createWebhookEndpoint;
      await referralTo(centre, ngo);
      const now = HOURS_LATER(6);
      await app.jobs.tick(now);
      await app.ownerQuery(`UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1`, [endpoint.id, new Date(now.getTime() - 73 * 60 * MINUTE)]);
      await app.jobs.tick(new Date(now.getTime() + 60 * MINUTE));
      const [disabled] = dataOf(await app.request(WebhookEndpointsDocument, {}, { token: ngo.token })).webhookEndpoints.edges.map((edge) => edge.node);
      expect(disabled).toMatchObject({ status: 'DISABLED', disabledReason: expect.stringMatching(/three days[\s\S]*500/) });

      hooks.state.status = 200;
      const enabled = dataOf(
        await app.request(UpdateWebhookEndpointDocument, { input: { endpointId: endpoint.id, expectedVersion: disabled.version, enabled: true } }, { token: ngo.token }),
      ).updateWebhookEndpoint;
      expect(enabled).toMatchObject({ status: 'ACTIVE', disabledReason: null, failingSince: null });
      expect(
        errorCodes(await app.request(UpdateWebhookEndpointDocument, { input: { endpointId: endpoint.id, expectedVersion: disabled.version, enabled: false } }, { token: ngo.token })),
      ).toEqual(['CONFLICT']);
      await app.jobs.tick(new Date(now.getTime() + 2 * 60 * MINUTE));
      expect(hooks.received.map((request) => JSON.parse(request.body).type)).toEqual(['REFERRAL_SENT']);
    } finally {
      await hooks.close();
    }
  });

  it('refuse endpoints on private addresses, non-admins, and input that breaks the rules, and change nothing', async () => {
    const strict = await startTestApp();
    try {
      const admin = await signUpOrganization(strict);
      const create = (url: string, token = admin.token) => strict.request(CreateWebhookEndpointDocument, { input: { url, eventTypes: [] } }, { token });
      for (const url of ['http://127.0.0.1:9/hooks', 'https://127.0.0.1/hooks', 'https://localhost/hooks', 'https://169.254.169.254/latest', 'https://[::1]/x', 'http://hooks.example.org/x', 'not a url']) {
        const res = await create(url);
        expect([url, errorCodes(res), res.errors?.[0].extensions?.argumentPath]).toEqual([url, ['BAD_USER_INPUT'], ['input', 'url']]);
      }
      const coordinator = await addMember(strict, admin, 'COORDINATOR');
      expect(errorCodes(await create('https://hooks.example.org/ngo', coordinator.token))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await strict.request(WebhookEndpointsDocument, {}, { token: coordinator.token }))).toEqual(['FORBIDDEN']);
      const [{ count }] = await strict.ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM webhook_endpoints');
      expect(count).toBe(0);

      // A public name is accepted; delivering to it is checked again by address, at every attempt.
      const { endpoint } = dataOf(await create('https://hooks.example.org/ngo')).createWebhookEndpoint;
      for (let i = 1; i < 10; i += 1) dataOf(await create(`https://hooks.example.org/ngo/${i}`));
      expect(errorCodes(await create('https://hooks.example.org/eleventh'))).toEqual(['CONFLICT']);
      expect(dataOf(await strict.request(DeleteWebhookEndpointDocument, { input: { endpointId: endpoint.id } }, { token: admin.token })).deleteWebhookEndpoint).toBe(
        endpoint.id,
      );
      expect(errorCodes(await strict.request(DeleteWebhookEndpointDocument, { input: { endpointId: endpoint.id } }, { token: admin.token }))).toEqual(['NOT_FOUND']);
    } finally {
      await strict.close();
    }
  });
});
