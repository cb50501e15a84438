import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Database } from '../../database/database';

/** Apollo keys APQ entries `apq:<sha256 hex>`; the hash is what the row is stored and looked up by. */
const hashOf = (key: string) => /^apq:([0-9a-f]{64})$/.exec(key)?.[1] ?? null;

/**
 * Automatic persisted queries kept in PostgreSQL, so that a hash registered through one server
 * instance is known to all of them. Each lookup reads one row by its hash, outside any tenant.
 */
export class PersistedQueryCache implements KeyValueCache<string> {
  constructor(private readonly database: Database) {}

  async get(key: string): Promise<string | undefined> {
    const hash = hashOf(key);
    if (!hash) return undefined;
    return this.database.platform('persistedQuery', { lookupHash: hash }, async (tx) => {
      const rows: { query: string }[] = await (await tx.manager()).query('SELECT query FROM persisted_queries WHERE hash = $1', [hash]);
      return rows[0]?.query;
    });
  }

  async set(key: string, value: string): Promise<void> {
    const hash = hashOf(key);
    if (!hash) return;
    await this.database.platform('persistedQuery', { lookupHash: hash }, async (tx) => {
      await (await tx.manager()).query('INSERT INTO persisted_queries (hash, query) VALUES ($1, $2) ON CONFLICT DO NOTHING', [hash, value]);
    });
  }

  /** Registered queries are kept: a hash always means the same text. */
  async delete(): Promise<boolean> {
    return false;
  }
}
