import autocannon from 'autocannon';
import type { Client } from 'pg';
import { clusterCpuOf, cpuOf, sampleMemory } from './processes';
import type { ProfileSummary } from './profile';

/** One HTTP request of a load run. */
export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Makes the requests of a run: `next(context)` for each request; `answered` with each response. */
export interface RequestSource {
  next(context: Record<string, unknown>): RequestSpec;
  answered?(context: Record<string, unknown>, status: number, body: string): void;
  /** Called between the warm-up and the measured run (autocannon drops the warm-up's requests in flight). */
  afterWarmup?(): Promise<void>;
}

export interface StatementProfile {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
}

export interface RunResult {
  operation: string;
  target: string;
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  non2xx: number;
  /** Responses with a GraphQL `errors` member or a status other than 200. */
  failed: number;
  /** The first few distinct failures, for diagnosis. */
  failureSamples: string[];
  /** From the response's x-sql-statements header (the server's own count). */
  statementsHeader: number | null;
  /** From pg_stat_statements: statements the run's database role executed, per request. */
  statementsPerRequest: number | null;
  dbMsPerRequest: number | null;
  serverCpuMsPerRequest: number;
  databaseCpuMsPerRequest: number | null;
  peakRssMb: number;
  topStatements: StatementProfile[];
  /** With --profile: where the server's CPU went during the run. */
  profile?: ProfileSummary | null;
}

export interface LoadSettings {
  connections: number;
  duration: number;
  warmup: number;
}

export interface Target {
  name: string;
  url: string;
  pid: number;
  /** The database role whose statements pg_stat_statements counts for this target. */
  role: string;
}

interface Tally {
  failed: number;
  statements: number;
  counted: number;
  samples: Set<string>;
}

type ResponseHandler = (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;

/** Counts failures and the statements each response reports into `stats`, then tells the source. */
function tallied(stats: Tally, source: RequestSource): ResponseHandler {
  return (status, body, context, headers) => {
    if (status !== 200 || body.includes('"errors":')) {
      stats.failed += 1;
      if (stats.samples.size < 3) stats.samples.add(`${status} ${body.replace(/"requestId":"[^"]*"/g, '').slice(0, 300)}`);
    }
    const statements = Number(headers?.['x-sql-statements']);
    if (Number.isFinite(statements) && statements > 0) {
      stats.statements += statements;
      stats.counted += 1;
    }
    source.answered?.(context, status, body);
  };
}

function cannon(url: string, source: RequestSource, connections: number, duration: number, onResponse: ResponseHandler, timeout = 30) {
  return autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    timeout,
    requests: [
      {
        method: 'POST',
        setupRequest: ((request: autocannon.Request, context: Record<string, unknown>) => {
          const spec = source.next(context);
          return { ...request, method: 'POST', path: spec.path, headers: spec.headers, body: spec.body };
        }) as unknown as autocannon.Request['setupRequest'],
        onResponse: onResponse as unknown as autocannon.Request['onResponse'],
      },
    ],
  });
}

async function statementStats(owner: Client | null, role: string): Promise<{ calls: number; ms: number; top: StatementProfile[] } | null> {
  if (!owner) return null;
  const { rows } = await owner.query(
    `SELECT s.query, s.calls::float8 AS calls, s.total_exec_time AS total, s.mean_exec_time AS mean, s.rows::float8 AS rows
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
      WHERE r.rolname = $1 AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY s.total_exec_time DESC`,
    [role],
  );
  return {
    calls: rows.reduce((sum, row) => sum + row.calls, 0),
    ms: rows.reduce((sum, row) => sum + row.total, 0),
    top: rows.slice(0, 12).map((row) => ({
      query: String(row.query).replace(/\s+/g, ' ').slice(0, 400),
      calls: row.calls,
      totalMs: Math.round(row.total),
      meanMs: Math.round(row.mean * 1000) / 1000,
      rows: row.rows,
    })),
  };
}

/**
 * Warms up, then measures one target under load: throughput and latency from autocannon; the
 * server's CPU and peak memory from /proc; statements and their database time from
 * pg_stat_statements (reset after the warm-up), when the cluster has it. CPU and statements are
 * read once `settled` says the requests in flight at the end have finished, and are divided by the
 * requests sent.
 */
export async function runLoad(
  operation: string,
  target: Target,
  source: RequestSource,
  settings: LoadSettings,
  owner: Client | null,
  postmasterPid: number | null,
  settled: () => Promise<void>,
): Promise<RunResult> {
  const warm: Tally = { failed: 0, statements: 0, counted: 0, samples: new Set() };
  await cannon(target.url, source, settings.connections, settings.warmup, tallied(warm, source));
  await source.afterWarmup?.();
  if (owner) await owner.query('SELECT pg_stat_statements_reset()');
  const stats: Tally = { failed: 0, statements: 0, counted: 0, samples: new Set() };
  const memory = sampleMemory(target.pid);
  const cpuBefore = cpuOf(target.pid);
  const dbBefore = clusterCpuOf(postmasterPid);
  const started = Date.now();
  const result = await cannon(target.url, source, settings.connections, settings.duration, tallied(stats, source));
  const seconds = (Date.now() - started) / 1000;
  // The requests in flight when the load stopped are still being served: their CPU and statements
  // land after this point, and counting now would charge the part already spent to the requests
  // that completed. So wait until they are done and divide by every request the run sent.
  await settled();
  const cpu = cpuOf(target.pid) - cpuBefore;
  const dbAfter = clusterCpuOf(postmasterPid);
  const peak = memory.stop();
  const db = await statementStats(owner, target.role);
  const requests = result.requests.total;
  const served = Math.max(result.requests.sent ?? requests, requests);
  const per = (value: number) => (served ? value / served : 0);
  return {
    operation,
    target: target.name,
    requests,
    seconds: Math.round(seconds * 10) / 10,
    rps: Math.round((requests / result.duration) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    failed: stats.failed,
    failureSamples: [...stats.samples],
    statementsHeader: stats.counted ? Math.round((stats.statements / stats.counted) * 10) / 10 : null,
    statementsPerRequest: db ? Math.round(per(db.calls) * 10) / 10 : null,
    dbMsPerRequest: db ? Math.round(per(db.ms) * 1000) / 1000 : null,
    serverCpuMsPerRequest: Math.round(per(cpu * 1000) * 100) / 100,
    databaseCpuMsPerRequest: dbBefore !== null && dbAfter !== null ? Math.round(per((dbAfter - dbBefore) * 1000) * 100) / 100 : null,
    peakRssMb: Math.round(peak / 1024 / 1024),
    topStatements: db?.top ?? [],
  };
}

/** What the flood run reports: the other organizations' page reads while one organization floods. */
export interface FloodResult {
  flood: { requests: number; refused: number; answered: number; other: number; request: string };
  others: { requests: number; failed: number; rps: number; latencyMs: { p50: number; p99: number; max: number }; samples: string[] };
}

/**
 * Issue 10's flood: one organization sends the heaviest requests it is allowed on `floodConnections`
 * connections while other organizations read pages on `otherConnections`, both for `duration`
 * seconds. The others' requests must all succeed, quickly; the flood's are answered or refused
 * with RATE_LIMITED.
 */
export async function floodRun(
  url: string,
  flood: RequestSource & { describe: string },
  others: RequestSource,
  settings: { floodConnections: number; otherConnections: number; duration: number },
): Promise<FloodResult> {
  const floodTally = { requests: 0, refused: 0, answered: 0, other: 0 };
  const otherStats: Tally = { failed: 0, statements: 0, counted: 0, samples: new Set() };
  const floodLoad = cannon(
    url,
    flood,
    settings.floodConnections,
    settings.duration,
    (status, body) => {
      floodTally.requests += 1;
      if (status === 429 && body.includes('RATE_LIMITED')) floodTally.refused += 1;
      else if (status === 200 && !body.includes('"errors":')) floodTally.answered += 1;
      else floodTally.other += 1;
    },
    120,
  );
  const otherLoad = cannon(url, others, settings.otherConnections, settings.duration, tallied(otherStats, others));
  const [, result] = await Promise.all([floodLoad, otherLoad]);
  return {
    flood: { ...floodTally, request: flood.describe },
    others: {
      requests: result.requests.total,
      failed: otherStats.failed + result.errors + result.timeouts,
      rps: Math.round((result.requests.total / result.duration) * 10) / 10,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      samples: [...otherStats.samples],
    },
  };
}
