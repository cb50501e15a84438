import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { JobDefinition } from '../../common/module';
import type { Database } from '../../database/database';
import { armJob } from '../jobs/jobs.service';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from './webhook.entity';
import { isPrivateAddress, openSecret, signedHeaders } from './webhook-signing';

const ENDPOINT_JOB = 'webhook-endpoint';
const HOUR = 3_600_000;
/** Attempts go on for a day; an endpoint failing for three is disabled. */
const GIVE_UP_AFTER_MS = 24 * HOUR;
const DISABLE_AFTER_MS = 72 * HOUR;
/** Events are queued for an endpoint if written in the last day (and after it was registered). */
const LOOKBACK_MS = 24 * HOUR;
/** How long one run of an endpoint's job sends before it yields to other jobs (and runs again): well within its lease, whatever the receivers do. */
const RUN_MS = 60_000;

/** Exponential backoff with jitter: about 30 s, 1, 2, 4... minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(HOUR, 30_000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4);

interface WebhookSettings {
  secretKey: Buffer;
  allowPrivateAddresses: boolean;
  timeoutMs: number;
}

/**
 * Every minute: for each organization with an active endpoint, acting as it (so only its own events
 * are in reach), queues each new event for each endpoint that wants it, and arms the job of each
 * endpoint that has a delivery due.
 */
export const webhookFanOutJob: JobDefinition = {
  kind: 'webhooks-fan-out',
  every: 'minute',
  async run({ database }, now) {
    const organizations = await database.platform('job', { worker: true }, (tx) =>
      tx.query<{ organization_id: string }>(`SELECT DISTINCT organization_id FROM webhook_endpoints WHERE status = $1`, [WebhookEndpointStatus.ACTIVE]),
    );
    for (const { organization_id: organizationId } of organizations) {
      const due = await database.platform('job', { organizationId }, async (tx) => {
        await tx.query(
          `INSERT INTO webhook_deliveries (organization_id, id, endpoint_id, event_id, event_sequence, event_type, status)
           SELECT $1, gen_random_uuid(), ep.id, e.id, e.sequence, e.type, $2
             FROM webhook_endpoints ep
             JOIN organization_events e ON (e.organization_id = $1 OR e.party_organization_id = $1)
                  AND e.occurred_at >= ep.created_at AND e.occurred_at >= $3
                  AND (cardinality(ep.event_types) = 0 OR e.type = ANY (ep.event_types))
            WHERE ep.organization_id = $1 AND ep.status = $4
            ORDER BY e.sequence
           ON CONFLICT (organization_id, endpoint_id, event_id) DO NOTHING`,
          [organizationId, WebhookDeliveryStatus.PENDING, new Date(now.getTime() - LOOKBACK_MS), WebhookEndpointStatus.ACTIVE],
        );
        return tx.query<{ endpoint_id: string }>(
          `SELECT DISTINCT d.endpoint_id FROM webhook_deliveries d JOIN webhook_endpoints ep ON ep.organization_id = d.organization_id AND ep.id = d.endpoint_id
            WHERE d.organization_id = $1 AND d.status = $2 AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $3) AND ep.status = $4`,
          [organizationId, WebhookDeliveryStatus.PENDING, now, WebhookEndpointStatus.ACTIVE],
        );
      });
      // The queue is the runner's alone: armed acting as no organization.
      if (due.length) {
        await database.platform('job', { worker: true }, async (tx) => {
          for (const { endpoint_id: endpointId } of due) await armJob(tx, ENDPOINT_JOB, `${organizationId}:${endpointId}`, now);
        });
      }
    }
  },
};

interface NextDelivery {
  delivery_id: string;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date | null;
  url: string;
  sealed_secret: string;
  failing_since: Date | null;
  event_id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  subject_version: number | null;
  event_organization_id: string;
  party_organization_id: string | null;
  occurred_at: Date;
}

/** Sends one endpoint's due deliveries in the order their events were written, stopping at the first that fails. */
export const webhookEndpointJob: JobDefinition = {
  kind: ENDPOINT_JOB,
  async run({ database, config }, now, key) {
    const settings: WebhookSettings = config.webhooks;
    const [organizationId, endpointId] = key.split(':');
    const until = Date.now() + RUN_MS;
    while (Date.now() < until) {
      const next = await nextDelivery(database, organizationId, endpointId);
      if (!next || (next.next_attempt_at && next.next_attempt_at > now)) return;
      // Signed with the time it leaves (receivers refuse stale timestamps against replays), whatever time the runner was given.
      const sentAt = new Date();
      const body = JSON.stringify({
        type: next.type,
        timestamp: sentAt.toISOString(),
        data: {
          eventId: next.event_id,
          subjectType: next.subject_type,
          subjectId: next.subject_id,
          subjectVersion: next.subject_version,
          organizationId: next.event_organization_id,
          partyOrganizationId: next.party_organization_id,
          occurredAt: next.occurred_at.toISOString(),
        },
      });
      const headers = signedHeaders(openSecret(settings.secretKey, next.sealed_secret), next.event_id, Math.floor(sentAt.getTime() / 1000), body);
      const started = Date.now();
      const outcome = await post(next.url, headers, body, settings).then(
        (status) => ({ status, error: status >= 200 && status < 300 ? null : `The endpoint answered ${status}` }),
        (error: Error) => ({ status: null, error: error.message }),
      );
      const durationMs = Date.now() - started;
      const delivered = outcome.error === null;
      await database.platform('job', { organizationId }, async (tx) => {
        const attempts = next.attempts + 1;
        const givenUp = !delivered && now.getTime() - next.created_at.getTime() >= GIVE_UP_AFTER_MS;
        // Only if nobody asked for it again meanwhile (a redelivery resets it): that request is kept.
        await tx.query(
          `UPDATE webhook_deliveries SET attempts = $3, last_attempt_at = $4, response_status = $5, duration_ms = $6, error = $7,
                  status = $8, next_attempt_at = $9, delivered_at = $10
            WHERE organization_id = $1 AND id = $2 AND attempts = $11 AND status = $12`,
          [
            organizationId,
            next.delivery_id,
            attempts,
            sentAt,
            outcome.status,
            durationMs,
            outcome.error,
            delivered ? WebhookDeliveryStatus.DELIVERED : givenUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
            delivered || givenUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
            delivered ? sentAt : null,
            next.attempts,
            WebhookDeliveryStatus.PENDING,
          ],
        );
        const failingSince = delivered ? null : (next.failing_since ?? now);
        const disable = failingSince !== null && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
        // Bookkeeping leaves the endpoint's version alone (an admin's edit must not conflict with it) and never
        // re-enables one an admin disabled meanwhile; disabling it for failing is a change the admin must see.
        await tx.query(`UPDATE webhook_endpoints SET failing_since = $3 WHERE organization_id = $1 AND id = $2 AND status = $4`, [
          organizationId,
          endpointId,
          failingSince,
          WebhookEndpointStatus.ACTIVE,
        ]);
        if (disable) {
          await tx.query(
            `UPDATE webhook_endpoints SET status = $3, disabled_reason = $4, version = version + 1, updated_at = now()
              WHERE organization_id = $1 AND id = $2 AND status = $5`,
            [organizationId, endpointId, WebhookEndpointStatus.DISABLED, `Every delivery failed for three days (last: ${outcome.error})`, WebhookEndpointStatus.ACTIVE],
          );
        }
      });
      // A failed delivery waits for its next attempt, and the ones after it wait behind it: order per endpoint holds.
      if (!delivered) return;
    }
    return 'again';
  },
};

async function nextDelivery(database: Database, organizationId: string, endpointId: string): Promise<NextDelivery | null> {
  const [next] = await database.platform('job', { organizationId }, (tx) =>
    tx.query<NextDelivery>(
      `SELECT d.id AS delivery_id, d.attempts, d.created_at, d.next_attempt_at, ep.url, ep.sealed_secret, ep.failing_since,
              e.id AS event_id, e.type, e.subject_type, e.subject_id, e.subject_version, e.organization_id AS event_organization_id,
              e.party_organization_id, e.occurred_at
         FROM webhook_deliveries d
         JOIN webhook_endpoints ep ON ep.organization_id = d.organization_id AND ep.id = d.endpoint_id AND ep.status = $3
         JOIN organization_events e ON e.id = d.event_id AND (e.organization_id = $1 OR e.party_organization_id = $1)
        WHERE d.organization_id = $1 AND d.endpoint_id = $2 AND d.status = $4
        ORDER BY d.event_sequence LIMIT 1`,
      [organizationId, endpointId, WebhookEndpointStatus.ACTIVE, WebhookDeliveryStatus.PENDING],
    ),
  );
  return next ?? null;
}

/**
 * POSTs a delivery, checking the address it connects to (not only the name registered): a name that
 * resolves to a private or loopback address is refused unless allowed, at every delivery.
 */
function post(url: string, headers: Record<string, string>, body: string, settings: WebhookSettings): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !settings.allowPrivateAddresses && isPrivateAddress(host)) {
    return Promise.reject(new Error(`${host} is a private address`));
  }
  const lookup: typeof dns.lookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) =>
    dns.lookup(hostname, options, (error, address, family) => {
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      if (!error && !settings.allowPrivateAddresses && addresses.some((candidate) => isPrivateAddress(candidate))) {
        callback(new Error(`${hostname} resolves to a private address`));
        return;
      }
      callback(error, address, family);
    })) as typeof dns.lookup;
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'NGO-Commons-Webhooks/1' },
        lookup,
      },
      (response) => {
        // Only the status counts: the body is not read, so a receiver cannot make the worker hold it.
        response.destroy();
        resolve(response.statusCode ?? 0);
      },
    );
    // The whole request, not each silence in it: a receiver trickling bytes cannot hold a worker either.
    const deadline = setTimeout(() => request.destroy(new Error(`No answer within ${settings.timeoutMs} ms`)), settings.timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('error', reject);
    request.end(body);
  });
}
