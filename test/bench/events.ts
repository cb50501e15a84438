/**
 * `npm run bench:events`: how fast events reach their subscribers and webhook receivers (issue 13).
 *
 * 1. Subscriptions: 500 organizations, each with 2 sockets subscribed to `organizationEvents` on one
 *    server instance (1,000 subscriptions); organizations invite members at 100 events/s for 20 s;
 *    the latency from the mutation's answer (its commit) to each subscriber's receipt; the server's
 *    RSS before and after the sockets opened.
 * 2. Webhooks: one organization's 3,000 events delivered to a receiver on this machine by the job
 *    runner; deliveries per second at the receiver, in order, every signature checked.
 *
 * A fresh database `ngo_bench_events` on the bench's PostgreSQL; the real server, `node dist/src/main.js`.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { openCluster, ensureDatabase } from './cluster';
import { freePort, memoryOf, serverNodeFlags, startProcess } from './processes';
import { signedHeaders } from '../../src/modules/webhooks/webhook-signing';

const ORGANIZATIONS = 500;
const SOCKETS_PER_ORGANIZATION = 2;
const EVENTS_PER_SECOND = 100;
const SECONDS = 20;
const WEBHOOK_EVENTS = 3000;
const DATABASE = 'ngo_bench_events';

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken viewer { organization { id } } } }`;
const INVITE = `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } } }`;
const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`;

async function signUp(url: string, i: number): Promise<{ token: string; organizationId: string }> {
  const data = await graphql<{ signUp: { accessToken: string; viewer: { organization: { id: string } } } }>(url, SIGN_UP, {
    input: {
      organization: { name: `Bench events ${i}`, kind: 'NGO', countryCode: 'VN', region: 'Lào Cai' },
      email: `events-${i}@bench.example.org`,
      password: 'bench-password-2026',
      displayName: `Admin ${i}`,
    },
  });
  return { token: data.signUp.accessToken, organizationId: data.signUp.viewer.organization.id };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const cluster = await openCluster();
  await ensureDatabase(cluster, DATABASE, true);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/graphql`;
  const server = await startProcess(
    'server',
    'dist/src/main.js',
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: cluster.urlFor(DATABASE),
      APP_DB_PASSWORD: 'bench-events-app-password',
      TOKEN_SECRET: 'bench-events-token-secret-0123456789abcdef',
      EXPORT_LINK_SECRET: 'bench-events-export-link-secret-0123456789',
      MATCH_KEY_SECRET: 'bench-events-match-key-secret-0123456789',
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
      SIGN_IN_THROTTLE: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_API_KEY_PER_MINUTE: '0',
      FAIR_SHARE_ORGANIZATION_REQUESTS: '0',
      FAIR_SHARE_API_KEY_REQUESTS: '0',
      FAIR_SHARE_HEAVY_REQUESTS: '0',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    },
    base,
    async () => (await fetch(`${base}/healthz`)).ok,
    serverNodeFlags(),
  );
  const sockets: { dispose(): void | Promise<void> }[] = [];
  try {
    console.log(`Signing up ${ORGANIZATIONS} organizations...`);
    const organizations = [];
    for (let i = 0; i < ORGANIZATIONS; i += 10) {
      organizations.push(...(await Promise.all(Array.from({ length: Math.min(10, ORGANIZATIONS - i) }, (_, j) => signUp(url, i + j)))));
    }
    const rssBefore = memoryOf(server.pid).rss;

    // 1. Subscriptions.
    const receivedAt = new Map<string, number[]>();
    let opened = 0;
    await Promise.all(
      organizations.flatMap((organization) =>
        Array.from({ length: SOCKETS_PER_ORGANIZATION }, async () => {
          const client = createClient({
            url: url.replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${organization.token}` },
            lazy: false,
            retryAttempts: 0,
            onNonLazyError: () => undefined,
          });
          sockets.push(client);
          await new Promise<void>((resolve) => {
            client.subscribe<{ organizationEvents: { subjectId: string } }>(
              { query: 'subscription { organizationEvents(types: [MEMBER_INVITED]) { subjectId } }' },
              {
                next: ({ data }) => {
                  if (!data) return;
                  const times = receivedAt.get(data.organizationEvents.subjectId) ?? [];
                  times.push(performance.now());
                  receivedAt.set(data.organizationEvents.subjectId, times);
                },
                error: () => undefined,
                complete: () => undefined,
              },
            );
            client.on('connected', () => resolve());
          });
          opened += 1;
        }),
      ),
    );
    // The last subscribe messages are on their way once every socket is connected: give them a moment to open their streams.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssSubscribed = memoryOf(server.pid).rss;
    console.log(`${opened} subscriptions open; server RSS ${(rssBefore / 1e6).toFixed(0)} MB before, ${(rssSubscribed / 1e6).toFixed(0)} MB with them`);

    const committedAt = new Map<string, number>();
    const sends: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < EVENTS_PER_SECOND * SECONDS; i += 1) {
      const due = started + (i * 1000) / EVENTS_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const organization = organizations[i % organizations.length];
      sends.push(
        graphql<{ inviteMember: { invitation: { id: string } } }>(url, INVITE, { input: { email: `invited-${i}@bench.example.org`, role: 'VIEWER' } }, organization.token).then(
          (data) => void committedAt.set(data.inviteMember.invitation.id, performance.now()),
        ),
      );
    }
    await Promise.all(sends);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const latencies: number[] = [];
    let missing = 0;
    for (const [id, committed] of committedAt) {
      const times = receivedAt.get(id) ?? [];
      missing += SOCKETS_PER_ORGANIZATION - times.length;
      for (const time of times) latencies.push(Math.max(0, time - committed));
    }
    latencies.sort((x, y) => x - y);
    const rssAfter = memoryOf(server.pid);
    console.log(
      `Subscriptions: ${committedAt.size} events in ${((performance.now() - started) / 1000).toFixed(1)} s to ${opened} subscriptions; ` +
        `${latencies.length} received, ${missing} missing; latency from commit p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; server RSS ${(rssAfter.rss / 1e6).toFixed(0)} MB (peak ${(rssAfter.peak / 1e6).toFixed(0)} MB)`,
    );
    await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));

    // 2. Webhooks.
    const received: { id: string; at: number }[] = [];
    let secret = '';
    let badSignatures = 0;
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        const expected = signedHeaders(secret, id, Number(req.headers['webhook-timestamp']), body)['webhook-signature'];
        if (expected !== req.headers['webhook-signature']) badSignatures += 1;
        received.push({ id, at: performance.now() });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hooksUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const owner = organizations[0];
    secret = (await graphql<{ createWebhookEndpoint: { secret: string } }>(url, CREATE_ENDPOINT, { input: { url: hooksUrl, eventTypes: ['MEMBER_INVITED'] } }, owner.token))
      .createWebhookEndpoint.secret;
    for (let i = 0; i < WEBHOOK_EVENTS; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, WEBHOOK_EVENTS - i) }, (_, j) =>
          graphql<{ inviteMember: { invitation: { id: string } } }>(url, INVITE, { input: { email: `hook-${i + j}@bench.example.org`, role: 'VIEWER' } }, owner.token),
        ),
      );
    }
    console.log(`Webhooks: ${WEBHOOK_EVENTS} events written; waiting for the job runner (it looks every 30 s, queues every minute)...`);
    const deadline = performance.now() + 10 * 60_000;
    while (received.length < WEBHOOK_EVENTS && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
    const seconds = (received.at(-1)!.at - received[0].at) / 1000;
    console.log(
      `Webhooks: ${received.length} of ${WEBHOOK_EVENTS} delivered in ${seconds.toFixed(1)} s from the first to the last: ${(received.length / seconds).toFixed(0)} deliveries/s; ` +
        `${badSignatures} bad signatures; ${new Set(received.map((entry) => entry.id)).size} distinct webhook-ids`,
    );
    receiver.close();
  } finally {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server.stop();
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
