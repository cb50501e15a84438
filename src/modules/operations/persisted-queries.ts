import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Client } from 'pg';
import { ErrorCode } from '../../common/errors';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Registers a front end's operations (their exact text, as the client sends it) as persisted
 * queries, as the database owner: the deploy step for allow-list mode. Answers how many were new.
 */
export async function registerPersistedQueries(ownerUrl: string, queries: readonly string[]): Promise<number> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    let added = 0;
    for (const query of queries) {
      // Pinned: an allow-listed operation is never evicted, whoever registered its text first.
      const result = await client.query(
        `INSERT INTO persisted_queries (hash, query, pinned) VALUES ($1, $2, true)
         ON CONFLICT (hash) DO UPDATE SET pinned = true, registered_by = NULL WHERE NOT persisted_queries.pinned
         RETURNING (xmax = 0) AS added`,
        [sha256(query), query],
      );
      added += result.rows.filter((row: { added: boolean }) => row.added).length;
    }
    return added;
  } finally {
    await client.end();
  }
}

/**
 * Allow-list mode: only operations registered ahead (by hash) run. A request carrying query text is
 * refused before Apollo could run or register it; a hash that is not registered gets Apollo's
 * PERSISTED_QUERY_NOT_FOUND.
 */
export function persistedQueriesOnly(): RequestHandler {
  return (req, res, next) => {
    const query = req.method === 'GET' ? req.query?.query : (req.body as { query?: unknown } | undefined)?.query;
    if (query === undefined || query === '') return next();
    res.status(400).json({
      errors: [
        {
          message: 'This server runs registered operations only: send extensions.persistedQuery.sha256Hash without the query text',
          extensions: { code: ErrorCode.PERSISTED_QUERY_REQUIRED },
        },
      ],
    });
  };
}
