import { AppError, ErrorCode } from '../../common/errors';
import type { Principal, RequestContext } from '../../context/request-context';

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
  const counts = await ctx.services.database.countRequest(principal.organizationId, [...limits.keys()]);
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
