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

/** Time as the fair share sees it; tests give one whose delays end at once. */
export interface ShareClock {
  now(): number;
  delay(ms: number): Promise<void>;
}

const systemClock: ShareClock = {
  now: () => Date.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

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
  /** When each holder was last refused: a client that comes back sooner than Retry-After said is held. */
  private readonly refusedAt = new Map<string, number>();

  constructor(
    private readonly limits: ShareLimits,
    private readonly clock: ShareClock = systemClock,
  ) {}

  /**
   * Admits one request of `holder` (`request`: against its cap of requests in flight; `heavy`: against
   * its cap of heavy ones); answers the function that ends it (idempotent), or rejects with
   * RATE_LIMITED: at once the first time, and, with `hold`, after the rest of the Retry-After window
   * for a client that came back sooner. A flood that ignores Retry-After then costs a timer per
   * connection and second, not a refusal per millisecond; what the refused request holds meanwhile
   * (its place in its holder's request share) keeps the next ones refused cheaply. Never `hold` while
   * the request holds a pooled connection.
   */
  async admit(holder: ShareHolder, share: 'request' | 'heavy', hold: boolean): Promise<() => void> {
    const cap = share === 'heavy' ? this.limits.heavyRequests : holder.kind === 'organization' ? this.limits.organizationRequests : this.limits.apiKeyRequests;
    if (cap === 0) return () => undefined;
    const key = `${share}:${holder.kind}:${holder.id}`;
    const inFlight = this.inFlight.get(key) ?? 0;
    if (inFlight >= cap) {
      const holdMs = hold ? this.refusalHoldMs(holder) : 0;
      if (holdMs > 0) await this.clock.delay(holdMs);
      throw refused(holder, cap, share === 'heavy' ? 'exports or programme metrics requests' : 'requests');
    }
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

  /** How long to hold the refusal of `holder`: nothing the first time, the rest of the Retry-After window after that. */
  private refusalHoldMs(holder: ShareHolder): number {
    const now = this.clock.now();
    const key = `${holder.kind}:${holder.id}`;
    const last = this.refusedAt.get(key);
    const window = RETRY_AFTER_SECONDS * 1000;
    if (last !== undefined && now - last < window) return window - (now - last);
    if (this.refusedAt.size >= REMEMBERED_REFUSALS) this.refusedAt.clear();
    this.refusedAt.set(key, now);
    return 0;
  }
}

/** Holders whose last refusal is remembered at most: past it the memory starts afresh (a refusal is then answered at once). */
const REMEMBERED_REFUSALS = 10_000;

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
