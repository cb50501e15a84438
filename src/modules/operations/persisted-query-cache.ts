import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RequestContext } from '../../context/request-context';
import type { Database } from '../../database/database';

/** Apollo keys APQ entries `apq:<sha256 hex>`; the hash is what the row is stored and looked up by. */
const hashOf = (key: string) => /^apq:([0-9a-f]{64})$/.exec(key)?.[1] ?? null;

/** An entry nobody has run for this long is evicted at its organization's next registration. */
const UNUSED_DAYS = 30;

/** Whose quota a registration counts against: the organization a signed-in caller acts as; null for anyone else. */
async function registrant(ctx: RequestContext): Promise<string | null> {
  try {
    return (await ctx.acting()).organizationId;
  } catch {
    return null;
  }
}

/**
 * Automatic persisted queries kept in PostgreSQL, so that a hash registered through one server
 * instance is known to all of them. Each lookup reads one row by its hash, outside any tenant, and
 * marks it used (at most once a day). Only signed-in callers register, each organization up to its
 * quota (its least recently used entries go first), and entries unused for 30 days are evicted:
 * an anonymous caller can store nothing. Entries pinned by an operator (allow-list mode) stay.
 */
export class PersistedQueryCache implements KeyValueCache<string> {
  constructor(
    private readonly database: Database,
    private readonly quotaPerOrganization: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const hash = hashOf(key);
    if (!hash) return undefined;
    return this.database.platform('persistedQuery', { lookupHash: hash }, async (tx) => {
      const rows = await tx.query<{ query: string }>(
        `WITH used AS (UPDATE persisted_queries SET last_used_at = now() WHERE hash = $1 AND last_used_at < now() - interval '1 day')
         SELECT query FROM persisted_queries WHERE hash = $1`,
        [hash],
      );
      return rows[0]?.query;
    });
  }

  /**
   * Apollo's own registration carries no request, so it cannot know whose quota it counts against:
   * registrations come from `persistedQueryRegistration` instead, which has the request.
   */
  async set(): Promise<void> {}

  /** Registers `query` under `hash` for the organization the request acts as; nothing for anyone else. */
  async register(context: RequestContext, hash: string, query: string): Promise<void> {
    const organizationId = await registrant(context);
    if (!organizationId) return;
    await this.database.platform('persistedQuery', { lookupHash: hash, organizationId }, async (tx) => {
      await tx.query(
        'INSERT INTO persisted_queries (hash, query, registered_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [hash, query, organizationId],
      );
      await tx.query(
        `DELETE FROM persisted_queries WHERE registered_by = $1 AND NOT pinned
            AND (last_used_at < now() - make_interval(days => $2)
                 OR hash IN (SELECT hash FROM persisted_queries WHERE registered_by = $1 AND NOT pinned
                              ORDER BY last_used_at DESC, created_at DESC, hash OFFSET $3))`,
        [organizationId, UNUSED_DAYS, this.quotaPerOrganization],
      );
    });
  }

  /** Registered queries are kept until evicted here: a hash always means the same text. */
  async delete(): Promise<boolean> {
    return false;
  }
}

/**
 * Registers a query sent with its automatic-persisted-query hash, where Apollo would (once the hash
 * matched the text and every plugin accepted the operation), with the request's own context: its
 * quota is the organization it acts as. Apollo does not wait for a registration; the request does,
 * before its response leaves.
 */
export function persistedQueryRegistration(cache: PersistedQueryCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ metrics, queryHash, source, contextValue }) {
          if (metrics.persistedQueryRegister && queryHash) void contextValue.keepUntilResponse(cache.register(contextValue, queryHash, source));
        },
      };
    },
  };
}
