/**
 * `npm run bench`: builds (or reuses) the network at the requested size, starts the real server and
 * the baseline endpoint as child processes on loopback, checks that both answer the same JSON, puts
 * each operation under load with autocannon, and prints and saves the comparison.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { ensureDatabase, openCluster, type BenchCluster } from './cluster';
import { explainHotQueries } from './explain';
import { buildDatabase, chooseFixtures, GENERATOR_VERSION, readBuild, type BuildInfo, type Fixtures } from './generate';
import { floodRun, runLoad, type FloodResult, type RequestSource, type RunResult, type Target } from './load';
import { DIRECTORY_SEARCHES } from './names';
import { ASSIGN, DASHBOARD, DASHBOARD_YEAR, DIRECTORY, DIRECTORY_PAGE_SIZE, EXPORT, INBOX, INBOX_PAGE_SIZE, LOGIN, REFERRAL } from './operations';
import { parseOptions, sizesOf, type BenchOptions, type OperationName } from './options';
import { freePort, memoryOf, serverNodeFlags, startProcess, type ServerProcess } from './processes';
import { summarizeProfile } from './profile';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/bootstrap';
import { printSummary, writeResults, type Equivalence } from './report';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOKEN_SECRET = 'bench-token-secret-0123456789abcdef-0123456789';
// Roles are shared by the whole cluster: the bench's own, so that it never changes the password of a development server's role.
const APP_ROLE = 'ngo_bench_app';
const APP_PASSWORD = 'ngo_app_bench_password';
const BYPASS_ROLE = 'ngo_bench_bypass';
const BYPASS_PASSWORD = 'ngo_bench_bypass_password';
const UNLIMITED = '1000000000';

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

async function healthy(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return response.ok;
}

/**
 * The real server, `node dist/src/main.js` with the node flags of `npm start`, in production mode
 * against the bench database. Rate limits are off unless `extra` turns them on: see the
 * rate-limited run at the end of benchmark().
 */
async function startApp(name: string, ownerUrl: string, extra: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  return startProcess(
    name,
    'dist/src/main.js',
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: ownerUrl,
      APP_DB_ROLE: APP_ROLE,
      APP_DB_PASSWORD: APP_PASSWORD,
      TOKEN_SECRET,
      EXPORT_LINK_SECRET: 'bench-export-link-secret-0123456789abcdef',
      MATCH_KEY_SECRET: 'bench-match-key-secret-0123456789abcdef',
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_API_KEY_PER_MINUTE: '0',
      // Throughput runs send 32 connections from a few organizations on purpose; the flood run measures the caps.
      FAIR_SHARE_ORGANIZATION_REQUESTS: '0',
      FAIR_SHARE_API_KEY_REQUESTS: '0',
      FAIR_SHARE_HEAVY_REQUESTS: '0',
      // Background jobs (overdue referrals across 2,000 organizations, webhook fan-out) would run
      // during the load and be charged to it; npm run bench:events measures them.
      JOB_RUNNER: 'false',
      ...extra,
    },
    base,
    () => healthy(`${base}/healthz`),
    [...serverNodeFlags(), ...nodeArgs],
  );
}

/**
 * Waits until the database has no statement running for the bench's roles, so that requests a
 * server is still working through after a run (autocannon does not wait for them) do not weigh on
 * the next run.
 */
async function settle(owner: Client): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { rows } = await owner.query(
      `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE usename = ANY($1) AND state NOT IN ('idle') AND pid <> pg_backend_pid()`,
      [[APP_ROLE, BYPASS_ROLE]],
    );
    if (rows[0].busy === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
}

async function ensureBypassRole(cluster: BenchCluster, database: string): Promise<string | null> {
  if (!cluster.superuser) return null;
  const admin = new Client({ connectionString: cluster.urlFor(database) });
  await admin.connect();
  try {
    await admin.query(`DO $$ BEGIN CREATE ROLE ${BYPASS_ROLE} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.query(`ALTER ROLE ${BYPASS_ROLE} WITH LOGIN BYPASSRLS PASSWORD '${BYPASS_PASSWORD}'`);
    await admin.query(`GRANT ngo_commons_app TO ${BYPASS_ROLE}`);
  } finally {
    await admin.end();
  }
  return withCredentials(cluster.urlFor(database), BYPASS_ROLE, BYPASS_PASSWORD);
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

interface Session {
  tenant: Fixtures['tenants'][number];
  token: string;
}

/** Each read operation's requests: the same rotation of tenants and variables for every target. */
function readRequests(op: OperationName, fixtures: Fixtures, sessions: Session[]): { query: string; variables: Record<string, unknown>; token: string }[] {
  switch (op) {
    case 'inbox':
      return sessions.map((s) => ({ query: INBOX, variables: { first: INBOX_PAGE_SIZE }, token: s.token }));
    case 'referral': {
      const list: { query: string; variables: Record<string, unknown>; token: string }[] = [];
      const longest = Math.max(...sessions.map((s) => s.tenant.referralIds.length));
      for (let i = 0; i < longest; i++) {
        for (const s of sessions) if (s.tenant.referralIds[i]) list.push({ query: REFERRAL, variables: { id: s.tenant.referralIds[i] }, token: s.token });
      }
      return list;
    }
    case 'directory': {
      const list: { query: string; variables: Record<string, unknown>; token: string }[] = [];
      DIRECTORY_SEARCHES.forEach((search, i) => list.push({ query: DIRECTORY, variables: { search, first: DIRECTORY_PAGE_SIZE }, token: sessions[i % sessions.length].token }));
      return list;
    }
    case 'dashboard':
      return fixtures.dashboards.map((d) => ({
        query: DASHBOARD,
        variables: { programId: d.programId, from: `${DASHBOARD_YEAR}-01-01`, to: `${DASHBOARD_YEAR}-12-31` },
        token: d.apiKey,
      }));
    default:
      throw new Error(`${op} is not a read operation`);
  }
}

function rotation(path: string, requests: { query: string; variables: Record<string, unknown>; token: string }[]): RequestSource {
  const specs = requests.map((r) => ({
    path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
    body: JSON.stringify({ query: r.query, variables: r.variables }),
  }));
  let i = 0;
  return { next: () => specs[i++ % specs.length] };
}

/** The first differing path between two JSON values, or null when equal. */
function difference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return `${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array ≠ object`;
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const key of keys) {
    const found = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/**
 * Sends the same requests to GraphQL and to the baseline (with and without RLS) and compares the
 * JSON, so that the comparison is between equal answers.
 */
async function checkEquivalence(
  op: OperationName,
  graphqlUrl: string,
  baselineUrl: string,
  roles: string[],
  requests: { query: string; variables: Record<string, unknown>; token: string }[],
): Promise<Equivalence> {
  const sample = requests.slice(0, 6);
  const bytes: Record<string, number> = {};
  for (const request of sample) {
    const reference = await graphql(graphqlUrl, request.query, request.variables, request.token);
    if (reference.body.errors) return { operation: op, equal: false, detail: `GraphQL answered errors: ${JSON.stringify(reference.body.errors).slice(0, 300)}`, bytes };
    bytes.graphql = JSON.stringify(reference.body).length;
    for (const role of roles) {
      const other = await graphql(`${baselineUrl}/${role}/${op}`, request.query, request.variables, request.token);
      bytes[`baseline-${role}`] = JSON.stringify(other.body).length;
      const diff = difference(reference.body.data, other.body.data);
      if (diff) return { operation: op, equal: false, detail: `baseline ${role} differs at ${diff}`, bytes };
    }
  }
  return { operation: op, equal: true, detail: `${sample.length} requests answered the same JSON`, bytes };
}

/** The write path: assignReferral with expectedVersion, back and forth between two caseworkers, on referrals no two connections share. */
async function assignRequests(sessions: Session[], owner: Client): Promise<RequestSource & { conflicts(): number }> {
  const items = sessions.flatMap((s) => s.tenant.writableReferralIds.map((id) => ({ id, session: s })));
  // Interleave the tenants.
  items.sort((a, b) => a.session.tenant.writableReferralIds.indexOf(a.id) - b.session.tenant.writableReferralIds.indexOf(b.id));
  const versions = new Map<string, number>();
  const load = async () => {
    const { rows } = await owner.query(`SELECT id, version FROM referrals WHERE id = ANY($1)`, [items.map((item) => item.id)]);
    for (const row of rows) versions.set(row.id, row.version);
  };
  await load();
  let i = 0;
  let conflicts = 0;
  return {
    next(context) {
      const item = items[i++ % items.length];
      context.referralId = item.id;
      const version = versions.get(item.id)!;
      return {
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${item.session.token}` },
        body: JSON.stringify({
          query: ASSIGN,
          variables: { input: { referralId: item.id, expectedVersion: version, assigneeUserId: item.session.tenant.assignees[version % 2] } },
        }),
      };
    },
    answered(context, _status, body) {
      try {
        const parsed = JSON.parse(body);
        const id = context.referralId as string;
        const version = parsed.data?.assignReferral?.version ?? parsed.errors?.[0]?.extensions?.current?.version;
        if (parsed.errors) conflicts += 1;
        if (typeof version === 'number') versions.set(id, version);
      } catch {
        conflicts += 1;
      }
    },
    conflicts: () => conflicts,
    // Changes the warm-up left in flight have landed since: read the versions again.
    async afterWarmup() {
      await settle(owner);
      await load();
      conflicts = 0;
    },
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sizes = sizesOf(options.size);
  const cluster = await openCluster();
  console.log(`PostgreSQL: ${cluster.describe}`);
  const processes: ServerProcess[] = [];
  try {
    const database = `ngo_bench_${sizes.name}`;
    const ownerUrl = cluster.urlFor(database);
    await ensureDatabase(cluster, database, false);
    let build = options.rebuild ? null : await readBuild(ownerUrl);
    if (build && build.generatorVersion !== GENERATOR_VERSION) {
      console.log(`The ${database} data is from generator version ${build.generatorVersion}; rebuilding with version ${GENERATOR_VERSION}`);
      build = null;
    }
    if (!build) {
      await ensureDatabase(cluster, database, true);
      build = await buildDatabase(ownerUrl, sizes);
      console.log(`Built ${database} in ${build.seconds} s (${(build.databaseBytes / 1e9).toFixed(2)} GB)`);
    } else {
      console.log(`Reusing ${database}: built ${build.builtAt} in ${build.seconds} s, ${(build.databaseBytes / 1e9).toFixed(2)} GB (--rebuild to build again)`);
      // Data built before a newer migration is upgraded as a deployment's would be: by the migration.
      const applied = await runMigrations(ownerUrl);
      if (applied.length) console.log(`  migrations applied: ${applied.join(', ')}`);
    }
    printCounts(build);
    if (options.buildOnly) return;
    await benchmark(options, cluster, database, ownerUrl, build, processes);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    for (const child of processes.reverse()) await child.stop();
    await cluster.stop();
  }
}

function printCounts(build: BuildInfo): void {
  const c = build.counts;
  console.log(
    `  ${c.organizations} organisations, ${c.users} users, ${c.services} services, ${c.partnerships} partnerships, ${c.clients} clients, ${c.consents} consents, ` +
      `${c.referrals} referrals with ${c.referral_events} timeline events, ${c.programs} programmes, ${c.program_enrollments} enrolments, ` +
      `${c.service_deliveries} deliveries, ${c.program_metric_cells} metric cells`,
  );
}

async function benchmark(options: BenchOptions, cluster: BenchCluster, database: string, ownerUrl: string, build: BuildInfo, processes: ServerProcess[]): Promise<void> {
  // Audit rows written by earlier runs would make each run's inserts land in a larger table.
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query('TRUNCATE audit_events, rate_limit_counters');
  await owner.query('VACUUM ANALYZE audit_events');
  const fixtures = await chooseFixtures(owner);
  const statsOwner = cluster.statementStats ? owner : null;
  if (statsOwner) await owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

  console.log(`Starting the server (node ${[...serverNodeFlags(), 'dist/src/main.js'].join(' ')}, NODE_ENV=production) and the baseline endpoint`);
  const app = await startApp('server', ownerUrl);
  processes.push(app);
  const reads = options.only.filter((op) => op !== 'assign' && op !== 'flood');
  const bypassUrl = await ensureBypassRole(cluster, database);
  const baselinePort = await freePort();
  const baselineUrl = `http://127.0.0.1:${baselinePort}`;
  const baseline = await startProcess(
    'baseline',
    'dist/test/bench/baseline/server.js',
    {
      PATH: process.env.PATH,
      PORT: String(baselinePort),
      TOKEN_SECRET,
      POOL_SIZE: '10',
      BASELINE_APP_URL: withCredentials(ownerUrl, APP_ROLE, APP_PASSWORD),
      ...(bypassUrl ? { BASELINE_BYPASS_URL: bypassUrl } : {}),
    },
    baselineUrl,
    () => healthy(`${baselineUrl}/healthz`),
  );
  processes.push(baseline);
  const roles = bypassUrl ? ['app', 'bypass'] : ['app'];
  if (!bypassUrl) console.log('  The owner is not a superuser: no BYPASSRLS role, so no RLS-overhead runs');

  const graphqlUrl = `${app.url}/graphql`;
  const sessions: Session[] = [];
  for (const tenant of fixtures.tenants) {
    const { body } = await graphql(graphqlUrl, LOGIN, { input: { email: tenant.email, password: fixtures.password, organizationId: tenant.organizationId } });
    if (!body.data?.login) throw new Error(`Cannot sign in as ${tenant.email}: ${JSON.stringify(body.errors)}`);
    sessions.push({ tenant, token: body.data.login.accessToken });
  }
  console.log(`  ${sessions.length} tenants signed in; ${fixtures.dashboards.length} programme dashboards with their funders' API keys`);

  const settings = { connections: options.connections, duration: options.duration, warmup: options.warmup };
  const results: RunResult[] = [];
  const equivalence: Equivalence[] = [];
  const serverTarget = (server: ServerProcess, name: string): Target => ({ name, url: server.url, pid: server.pid, role: APP_ROLE });
  console.log(`Load: ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per run`);

  for (const op of reads) {
    const requests = readRequests(op, fixtures, sessions);
    if (!requests.length) {
      console.log(`  ${op}: no fixtures at this size, skipped`);
      continue;
    }
    const check = await checkEquivalence(op, graphqlUrl, baselineUrl, roles, requests);
    equivalence.push(check);
    console.log(`  ${op}: ${check.equal ? 'same JSON' : 'DIFFERENT JSON'} (${check.detail})`);
    const runs: [Target, RequestSource, number][] = [[serverTarget(app, 'graphql'), rotation('/graphql', requests), settings.connections]];
    // With --profile, the same load again on a server of its own under the profiler (slower: not the headline figure).
    if (options.profile) runs.push([{ ...serverTarget(app, 'graphql, profiled') }, rotation('/graphql', requests), settings.connections]);
    // A funder's dashboard is seldom under heavy concurrency: its latency at 8 concurrent funders
    // (the target's load) and alone, too.
    if (op === 'dashboard') {
      runs.push([serverTarget(app, 'graphql, 8 connections'), rotation('/graphql', requests), 8]);
      runs.push([serverTarget(app, 'graphql, 1 connection'), rotation('/graphql', requests), 1]);
    }
    for (const role of roles) {
      runs.push([
        { name: role === 'app' ? 'baseline (RLS)' : 'baseline (no RLS)', url: baselineUrl, pid: baseline.pid, role: role === 'app' ? APP_ROLE : BYPASS_ROLE },
        rotation(`/${role}/${op}`, requests),
        settings.connections,
      ]);
    }
    for (const [target, source, connections] of runs) {
      await settle(owner);
      const profiled = target.name === 'graphql, profiled';
      const result = profiled
        ? await profiledRun(op, ownerUrl, source, { ...settings, connections }, statsOwner, cluster.postmasterPid, processes, owner)
        : await runLoad(op, target, source, { ...settings, connections }, statsOwner, cluster.postmasterPid, () => settle(owner));
      results.push(result);
      console.log(
        `    ${target.name.padEnd(24)} ${String(result.rps).padStart(8)} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms` +
          `  ${result.statementsPerRequest ?? result.statementsHeader ?? '?'} statements/request${result.failed ? `  ${result.failed} failed` : ''}`,
      );
    }
  }

  if (options.only.includes('assign')) {
    await settle(owner);
    const source = await assignRequests(sessions, owner);
    const result = await runLoad('assign', serverTarget(app, 'graphql'), source, settings, statsOwner, cluster.postmasterPid, () => settle(owner));
    results.push(result);
    if (options.profile) {
      await settle(owner);
      results.push(await profiledRun('assign', ownerUrl, source, settings, statsOwner, cluster.postmasterPid, processes, owner));
    }
    console.log(
      `  assign: ${result.rps} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  ${result.statementsPerRequest ?? result.statementsHeader} statements/request, ${source.conflicts()} refused`,
    );
  }

  let flood: FloodResult | null = null;
  if (options.only.includes('flood') && sessions.length && fixtures.dashboards.length) {
    await settle(owner);
    flood = await floodScenario(ownerUrl, fixtures, sessions, settings, processes);
    await settle(owner);
  }

  // Last, since it can leave the server working through a backlog: the inbox with rate limits
  // counted (RATE_LIMIT_PER_MINUTE set, but too high to refuse anything), as in production.
  if (options.only.includes('inbox') && sessions.length) {
    await settle(owner);
    const limited = await startApp('server with rate limits', ownerUrl, { RATE_LIMIT_PER_MINUTE: UNLIMITED, RATE_LIMIT_API_KEY_PER_MINUTE: UNLIMITED });
    processes.push(limited);
    const result = await runLoad('inbox', serverTarget(limited, 'graphql, rate-limited'), rotation('/graphql', readRequests('inbox', fixtures, sessions)), settings, statsOwner, cluster.postmasterPid, () => settle(owner));
    results.push(result);
    console.log(
      `  inbox with rate limits counted: ${result.rps} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  ${result.failed} of ${result.requests} responses failed`,
    );
    await limited.stop();
  }

  const memory = { server: memoryOf(app.pid), baseline: memoryOf(baseline.pid) };
  let explain: string | null = null;
  if (options.explain) {
    explain = await explainHotQueries(withCredentials(ownerUrl, APP_ROLE, APP_PASSWORD), fixtures, sessions[0], results);
    console.log(explain);
  }
  await owner.end();

  const machine = await describeMachine(cluster);
  printSummary(results, equivalence, build, memory, options);
  const file = await writeResults(options, { build, machine, settings, results, equivalence, memory, explain, flood });
  console.log(`\nResults written to ${file}`);
}

/** The caps as a server has them by default (docs/operating.md). */
const DEFAULTS = loadConfig({ NODE_ENV: 'development' }).fairShare;
const DEFAULT_FAIR_SHARE = {
  FAIR_SHARE_ORGANIZATION_REQUESTS: String(DEFAULTS.organizationRequests),
  FAIR_SHARE_API_KEY_REQUESTS: String(DEFAULTS.apiKeyRequests),
  FAIR_SHARE_HEAVY_REQUESTS: String(DEFAULTS.heavyRequests),
};

/**
 * Issue 10's flood, on a server with the default fair share: one funder's API key sends the heaviest
 * export the cost limit allows on 32 connections, while the coordinators of the other
 * organizations read their inbox pages on 8.
 */
async function floodScenario(
  ownerUrl: string,
  fixtures: Fixtures,
  sessions: Session[],
  settings: { connections: number; duration: number },
  processes: ServerProcess[],
): Promise<FloodResult> {
  const shared = await startApp('server with the default fair share', ownerUrl, DEFAULT_FAIR_SHARE);
  processes.push(shared);
  try {
    const url = `${shared.url}/graphql`;
    const { programId, apiKey } = fixtures.dashboards[0];
    // The longest range the cost limit lets one export ask for.
    let heaviest: Record<string, unknown> | null = null;
    for (const [periodType, from] of [['MONTH', '2025-01-01'], ['QUARTER', '2025-01-01'], ['QUARTER', '2026-01-01']] as const) {
      const variables = { programId, periodType, from, to: `${DASHBOARD_YEAR}-12-31` };
      const { body } = await graphql(url, EXPORT, variables, apiKey);
      if (!body.errors) {
        heaviest = variables;
        break;
      }
    }
    if (!heaviest) throw new Error('No export range passes the cost limit');
    const floodSource = { ...rotation('/graphql', [{ query: EXPORT, variables: heaviest, token: apiKey }]), describe: `programIatiXml ${heaviest.periodType} from ${heaviest.from}` };
    const others = rotation('/graphql', readRequests('inbox', fixtures, sessions));
    const result = await floodRun(url, floodSource, others, { floodConnections: settings.connections, otherConnections: 8, duration: settings.duration });
    const { flood, others: o } = result;
    console.log(`  flood: one funder's key sends ${flood.request} on ${settings.connections} connections while ${sessions.length} other organizations read inbox pages on 8`);
    console.log(`    flood: ${flood.requests} responses, ${flood.answered} answered, ${flood.refused} RATE_LIMITED, ${flood.other} other`);
    console.log(`    others: ${o.rps} req/s  p50 ${o.latencyMs.p50} ms  p99 ${o.latencyMs.p99} ms  max ${o.latencyMs.max} ms  ${o.failed} of ${o.requests} failed`);
    for (const sample of o.samples) console.log(`      ${sample}`);
    const ok = o.failed === 0 && o.latencyMs.p99 <= 500;
    console.log(`    target (issue 10): others 0 failures and p99 ≤ 500 ms: ${ok ? 'met' : 'NOT met'}`);
    return result;
  } finally {
    await shared.stop();
  }
}

/** A GraphQL run on a server of its own under node --cpu-prof, summarized over the load's window. */
async function profiledRun(
  op: string,
  ownerUrl: string,
  source: RequestSource,
  settings: { connections: number; duration: number; warmup: number },
  statsOwner: Client | null,
  postmasterPid: number | null,
  processes: ServerProcess[],
  owner: Client,
): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ngo-bench-profile-'));
  const server = await startApp(`server profiling ${op}`, ownerUrl, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  processes.push(server);
  const result = await runLoad(op, { name: 'graphql, profiled', url: server.url, pid: server.pid, role: APP_ROLE }, source, settings, statsOwner, postmasterPid, () => settle(owner));
  await server.stop();
  result.profile = summarizeProfile(dir, settings.duration);
  // BENCH_PROFILE_DIR keeps the raw .cpuprofile files, for a look at inclusive times and callers.
  if (process.env.BENCH_PROFILE_DIR) cpSync(dir, join(process.env.BENCH_PROFILE_DIR, op), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  if (result.profile) {
    console.log(`      profile of the server during ${op} (${result.profile.sampledMs} ms sampled): ${result.profile.packages.slice(0, 8).map(([name, share]) => `${name} ${share}%`).join(', ')}`);
  }
  return result;
}

async function describeMachine(cluster: BenchCluster) {
  const os = await import('node:os');
  const { execSync } = await import('node:child_process');
  const git = (command: string) => {
    try {
      return execSync(`git ${command}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return null;
    }
  };
  return {
    commit: git('rev-parse --short HEAD'),
    uncommittedChangesInSrc: (git('status --porcelain -- src migrations') ?? '').split('\n').filter(Boolean).length,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    postgres: cluster.describe,
    platform: `${os.type()} ${os.release()}`,
  };
}

main()
  // Exit even if a library leaves a handle open (the results are written by now).
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
