import { AppError, ErrorCode } from '../../common/errors';
import type { ShareHolder } from '../../context/request-context';

/** How much of this instance one organization, and one API key, may hold at once; 0 switches a cap off. */
export interface ShareLimits {
  /** Requests of one organization in flight (each holds at most one pooled connection). */
  organizationRequests: number;
  /** Requests of one API key in flight. */
  apiKeyRequests: number;
  /** Heavy requests (exports and programme metrics) of one organization or API key in flight. */
  heavyRequests: number;
}


/** When a refused client should try again: a request in flight ends within seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Each organization's (and API key's) bounded share of this server instance: a request is admitted
 * only while its holder has fewer requests in flight than its cap (and fewer heavy ones than the
 * heavy cap), and refused at once with RATE_LIMITED otherwise, rather than queuing for a pooled
 * connection that other organizations need. In memory: per instance, by design (across instances,
 * the per-minute limits counted in PostgreSQL apply).
 */
export class FairShare {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limits: ShareLimits) {}

  /**
   * Admits one request of `holder` (`request`: against its cap of requests in flight; `heavy`: against
   * its cap of heavy ones); answers the function that ends it (idempotent), or throws RATE_LIMITED.
   */
  admit(holder: ShareHolder, share: 'request' | 'heavy'): () => void {
    const cap = share === 'heavy' ? this.limits.heavyRequests : holder.kind === 'organization' ? this.limits.organizationRequests : this.limits.apiKeyRequests;
    if (cap === 0) return () => undefined;
    const key = `${share}:${holder.kind}:${holder.id}`;
    const inFlight = this.inFlight.get(key) ?? 0;
    if (inFlight >= cap) throw refused(holder, cap, share === 'heavy' ? 'exports or programme metrics requests' : 'requests');
    this.inFlight.set(key, inFlight + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }
}

function refused(holder: ShareHolder, limit: number, what: string): AppError {
  const who = holder.kind === 'organization' ? 'your organization' : 'this API key';
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many requests at once: ${who} may have ${limit} ${what} in progress on this server; retry in ${RETRY_AFTER_SECONDS} s`,
    {
      details: {
        limit,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        http: { status: 429, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
      },
    },
  );
}
