import { Client } from 'pg';
import type { TestApp } from '../setup/test-app';

/**
 * A table the test locks as the owner, so that requests needing it wait in PostgreSQL for as long as
 * the test wants: tests then assert on what happens meanwhile (refusals, timeouts, cancels) without
 * depending on time.
 */
export class TableLock {
  private constructor(
    private readonly app: TestApp,
    private readonly owner: Client,
  ) {}

  static async connect(app: TestApp): Promise<TableLock> {
    const owner = new Client({ connectionString: app.ownerUrl });
    await owner.connect();
    return new TableLock(app, owner);
  }

  /** Locks `table` until release(). */
  async hold(table: string): Promise<void> {
    await this.owner.query('BEGIN');
    await this.owner.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  }

  async release(): Promise<void> {
    await this.owner.query('COMMIT');
  }

  /** Statements of the database waiting on a lock right now. */
  async waiting(): Promise<number> {
    const [{ waiting }] = await this.app.ownerQuery<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
      [(this.owner as unknown as { processID: number }).processID],
    );
    return waiting;
  }

  /** Whether `pending` comes to wait on the lock (with `count` statements waiting in all) or ends first. */
  async waitsOrEnds(pending: readonly Promise<unknown>[], count = 1): Promise<'waits' | 'ended'> {
    let ended = false;
    for (const request of pending) void request.finally(() => (ended = true));
    for (;;) {
      if ((await this.waiting()) >= count) return 'waits';
      if (ended) return 'ended';
    }
  }

  /** Resolves once `count` statements wait on the lock; fails if one of `pending` ends first. */
  async untilWaiting(count: number, pending: readonly Promise<unknown>[]): Promise<void> {
    if ((await this.waitsOrEnds(pending, count)) === 'ended') throw new Error('A request that should wait on the lock finished first');
  }

  async end(): Promise<void> {
    await this.owner.end();
  }
}
