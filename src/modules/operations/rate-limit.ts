import { AppError, ErrorCode } from '../../common/errors';
import { isUuid } from '../../common/validation';
import type { Principal, RequestContext } from '../../context/request-context';

interface Count {
  bucket: string;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one request against each bucket of an organization (the organization, an API key, a kind
 * of action) for the current minute or hour, and answers the counts: one round trip, in a short
 * transaction of its own.
 */
async function countRequest(ctx: RequestContext, organizationId: string, buckets: readonly string[], window: 'minute' | 'hour' = 'minute'): Promise<Count[]> {
  if (!isUuid(organizationId) || !buckets.every((bucket) => /^[a-z-]+(:[0-9a-f-]{36})?$/.test(bucket))) {
    throw new Error('Rate-limit buckets must be organization or API-key ids');
  }
  // Values are checked above and inlined: a multi-statement query sends no parameters.
  const rows = buckets.map((bucket) => `('${organizationId}', '${bucket}', date_trunc('${window}', now()), 1)`).join(', ');
  const counts = await ctx.services.database.separately(
    organizationId,
    `INSERT INTO rate_limit_counters AS c (organization_id, bucket, window_start, count) VALUES ${rows}
     ON CONFLICT (organization_id, bucket) DO UPDATE
       SET count = CASE WHEN c.window_start = EXCLUDED.window_start THEN c.count + 1 ELSE 1 END, window_start = EXCLUDED.window_start
     RETURNING bucket, count, ceil(extract(epoch FROM (window_start + interval '1 ${window}' - now())))::int AS "retryAfterSeconds"`,
  );
  return counts as unknown as Count[];
}

/**
 * Fixed one-minute windows per organization and per API key, counted in PostgreSQL so that every
 * server instance shares them. Called once per request, when the principal is verified.
 */
export async function enforceRateLimit(ctx: RequestContext, principal: Principal): Promise<void> {
  const { organizationPerMinute, apiKeyPerMinute } = ctx.config.rateLimits;
  const limits = new Map<string, number>();
  if (organizationPerMinute > 0) limits.set('organization', organizationPerMinute);
  if (principal.kind === 'apiKey' && apiKeyPerMinute > 0) limits.set(`api-key:${principal.apiKeyId}`, apiKeyPerMinute);
  if (!limits.size) return;
  const counts = await countRequest(ctx, principal.organizationId, [...limits.keys()]);
  const exceeded = counts.find((row) => row.count > limits.get(row.bucket)!);
  if (!exceeded) return;
  const limit = limits.get(exceeded.bucket)!;
  const who = exceeded.bucket === 'organization' ? 'your organization' : 'this API key';
  throw new AppError(ErrorCode.RATE_LIMITED, `Too many requests: ${who} may send ${limit} per minute; retry in ${exceeded.retryAfterSeconds} s`, {
    details: {
      limit,
      retryAfterSeconds: exceeded.retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(exceeded.retryAfterSeconds)]]) },
    },
  });
}

/**
 * An hourly quota on one kind of action of an organization, counted like the request limits (every
 * instance shares it): e.g. match lookups, which could otherwise be used to test many names and
 * birth dates against a partner's records. `limit` 0 switches it off.
 */
export async function enforceHourlyQuota(ctx: RequestContext, organizationId: string, action: string, limit: number): Promise<void> {
  if (limit <= 0) return;
  const [counted] = await countRequest(ctx, organizationId, [action], 'hour');
  if (counted.count <= limit) return;
  throw new AppError(ErrorCode.RATE_LIMITED, `Too many ${action}s: your organization may make ${limit} an hour; retry in ${counted.retryAfterSeconds} s`, {
    details: {
      limit,
      retryAfterSeconds: counted.retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(counted.retryAfterSeconds)]]) },
    },
  });
}
