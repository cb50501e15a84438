import { randomUUID } from 'node:crypto';
import type { ScopedTransaction } from '../../database/database';

/**
 * Makes sure a job of `kind` for `key` will run (at `runAt`, or sooner if it already waits to): a
 * finished one is armed again; one already waiting or running is left to it, retry backoff included.
 * Needs a worker transaction (app.worker).
 */
export async function armJob(tx: ScopedTransaction, kind: string, key: string, runAt: Date): Promise<void> {
  await tx.query(
    `INSERT INTO jobs (id, kind, key, run_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kind, key) DO UPDATE SET run_at = EXCLUDED.run_at, done_at = NULL, attempts = 0, last_error = NULL
      WHERE jobs.done_at IS NOT NULL`,
    [randomUUID(), kind, key, runAt],
  );
}

/**
 * Enqueues a one-off job in the caller's request transaction, e.g. a recount another module asks
 * for: row-level security decides which kinds and keys an organization may enqueue.
 */
export async function enqueueJob(query: (text: string, values: unknown[]) => Promise<unknown>, kind: string, key: string, runAt: Date): Promise<void> {
  await query(`INSERT INTO jobs (id, kind, key, run_at) VALUES ($1, $2, $3, $4)`, [randomUUID(), kind, key, runAt]);
}
