import type { JobDefinition, JobServices } from '../../common/module';
import type { Database } from '../../database/database';
import type { Logger } from '../../logger';

export interface JobRunnerOptions {
  /** How long a claimed job is its worker's; past it, another worker may take it (the first died, or hangs). */
  leaseMs: number;
  /** The wait before a failed job's next attempt, by attempts made so far. */
  backoffMs: (attempts: number) => number;
  /** How often the runner looks for due work (real time). */
  pollMs: number;
}

export const DEFAULT_JOB_OPTIONS: JobRunnerOptions = {
  leaseMs: 5 * 60_000,
  backoffMs: (attempts) => Math.min(60 * 60_000, 2 ** attempts * 30_000) * (0.75 + Math.random() / 2),
  pollMs: 30_000,
};

const PERIOD_KEY_LENGTH = { minute: 16, hour: 13, day: 10 } as const;
const periodKey = (every: keyof typeof PERIOD_KEY_LENGTH, now: Date) => now.toISOString().slice(0, PERIOD_KEY_LENGTH[every]);

/**
 * Runs the modules' jobs, as many instances as there are, through the jobs table: each tick enqueues
 * the scheduled jobs of the current period (one row per kind and period, whoever enqueues first) and
 * runs whatever is due. `tick(now)` takes the time from its caller: the timer passes the clock's,
 * tests pass theirs, so no test waits for time to pass.
 */
export class JobRunner {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #busy = false;

  private readonly database: Database;
  private readonly logger: Logger;

  constructor(
    private readonly services: JobServices,
    private readonly definitions: readonly JobDefinition[],
    private readonly options: JobRunnerOptions = DEFAULT_JOB_OPTIONS,
  ) {
    this.database = services.database;
    this.logger = services.logger;
  }

  start(): void {
    this.#timer = setInterval(() => {
      // A tick still running (a slow receiver, a long job) is not joined by a second one.
      if (this.#busy) return;
      void this.tick(new Date()).catch((error) => this.logger.error({ err: error }, 'job runner tick failed'));
    }, this.options.pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }

  async tick(now: Date): Promise<void> {
    this.#busy = true;
    const run = this.#tick(now).finally(() => (this.#busy = false));
    this.#running = run.catch(() => undefined);
    await run;
  }

  async #tick(now: Date): Promise<void> {
    // This period's row of every scheduled job, in one statement: the first instance to write it runs it.
    const scheduled = this.definitions.flatMap((definition) => (definition.every ? [{ kind: definition.kind, key: periodKey(definition.every, now) }] : []));
    await this.database.platform('job', { worker: true }, (tx) =>
      tx.query(
        `INSERT INTO jobs (id, kind, key, run_at) SELECT gen_random_uuid(), kind, key, $3 FROM unnest($1::text[], $2::text[]) AS due (kind, key)
         ON CONFLICT (kind, key) DO NOTHING`,
        [scheduled.map((job) => job.kind), scheduled.map((job) => job.key), now],
      ),
    );
    for (let claimed = await this.#claim(now); claimed; claimed = await this.#claim(now)) {
      const definition = this.definitions.find((candidate) => candidate.kind === claimed!.kind);
      try {
        if (!definition) throw new Error(`No job of kind ${claimed.kind} on this instance`);
        const outcome = await definition.run(this.services, now, claimed.key);
        // Only while the lease is still this worker's: past it, another may have taken the job, and its state wins.
        await this.database.platform('job', { worker: true }, (tx) =>
          outcome === 'again'
            ? tx.query(`UPDATE jobs SET run_at = $2, locked_until = NULL, attempts = 0 WHERE id = $1 AND locked_until = $3`, [claimed!.id, now, claimed!.lease])
            : tx.query(`UPDATE jobs SET done_at = $2, locked_until = NULL WHERE id = $1 AND locked_until = $3`, [claimed!.id, now, claimed!.lease]),
        );
      } catch (error) {
        this.logger.error({ err: error, kind: claimed.kind, attempts: claimed.attempts }, 'job failed: it will be retried');
        const retryAt = new Date(now.getTime() + this.options.backoffMs(claimed.attempts));
        await this.database.platform('job', { worker: true }, (tx) =>
          tx.query(`UPDATE jobs SET run_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1 AND locked_until = $4`, [
            claimed!.id,
            retryAt,
            String(error).slice(0, 2000),
            claimed!.lease,
          ]),
        );
      }
    }
  }

  /**
   * Takes one due job for the lease, skipping those another worker holds; null when nothing is due.
   * The lease runs from the later of the tick's time and the clock's, so that a claim made late in a
   * long tick is not already over.
   */
  async #claim(now: Date): Promise<{ id: string; kind: string; key: string; attempts: number; lease: Date } | null> {
    const leaseFrom = Math.max(now.getTime(), Date.now());
    const [claimed] = await this.database.platform('job', { worker: true }, (tx) =>
      tx.query<{ id: string; kind: string; key: string; attempts: number; lease: Date }>(
        `UPDATE jobs SET locked_until = $2, attempts = attempts + 1
          WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
                       ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, kind, key, attempts, locked_until AS lease`,
        [now, new Date(leaseFrom + this.options.leaseMs)],
      ),
    );
    return claimed ?? null;
  }
}
