import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildInfo } from './generate';
import type { LoadSettings, RunResult } from './load';
import type { BenchOptions } from './options';

export interface Equivalence {
  operation: string;
  equal: boolean;
  detail: string;
  bytes: Record<string, number>;
}

export interface ResultsFile {
  date: string;
  size: string;
  build: BuildInfo;
  machine: Record<string, unknown>;
  settings: LoadSettings;
  results: RunResult[];
  equivalence: Equivalence[];
  memory: Record<string, { rss: number; peak: number }>;
  explain: string | null;
  targets?: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

const find = (results: RunResult[], operation: string, target: string) => results.find((r) => r.operation === operation && r.target === target);

/** The targets, from one run (and the latest run of the other size, for the size ratio). */
export function checkTargets(results: RunResult[], size: string, outDir: string): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const inbox = find(results, 'inbox', 'graphql');
  const inboxBase = find(results, 'inbox', 'baseline (RLS)');
  if (inbox && inboxBase) {
    const share = inbox.requests ? inbox.rps / inboxBase.rps : 0;
    checks.push({ target: 'inbox throughput ≥ 50% of the baseline', measured: `${(share * 100).toFixed(0)}%`, met: share >= 0.5 });
    const p99 = inbox.latencyMs.p99 / inboxBase.latencyMs.p99;
    checks.push({ target: 'inbox p99 ≤ 1.5× the baseline', measured: `${p99.toFixed(2)}×`, met: inbox.requests > 0 && p99 <= 1.5 });
  }
  for (const operation of ['inbox', 'referral', 'directory', 'dashboard']) {
    const rls = find(results, operation, 'baseline (RLS)');
    const none = find(results, operation, 'baseline (no RLS)');
    if (!rls || !none) continue;
    const overhead = 1 - rls.rps / none.rps;
    checks.push({ target: `RLS overhead < 15% (${operation}, throughput)`, measured: `${(overhead * 100).toFixed(1)}%`, met: overhead < 0.15 });
  }
  const dashboard = find(results, 'dashboard', 'graphql');
  if (dashboard) checks.push({ target: 'dashboard p99 < 300 ms (32 connections)', measured: `${dashboard.latencyMs.p99} ms`, met: dashboard.requests > 0 && dashboard.latencyMs.p99 < 300 });
  const quiet = find(results, 'dashboard', 'graphql, 1 connection');
  if (quiet) checks.push({ target: 'dashboard p99 < 300 ms (1 connection)', measured: `${quiet.latencyMs.p99} ms`, met: quiet.requests > 0 && quiet.latencyMs.p99 < 300 });

  const other = size === 'full' ? latest(outDir, 'small') : size === 'small' ? latest(outDir, 'full') : null;
  if (other) {
    const [full, small] = size === 'full' ? [results, other.results] : [other.results, results];
    for (const operation of ['inbox', 'referral', 'directory', 'dashboard', 'assign']) {
      const f = find(full, operation, 'graphql');
      const s = find(small, operation, 'graphql');
      if (!f || !s) continue;
      const ratio = f.latencyMs.p50 / s.latencyMs.p50;
      checks.push({
        target: `${operation} latency at full size ≤ 2× small (p50)`,
        measured: `${ratio.toFixed(2)}× (${f.latencyMs.p50} vs ${s.latencyMs.p50} ms; other run ${other.date})`,
        met: ratio <= 2,
      });
    }
  }
  return checks;
}

function latest(outDir: string, size: string): ResultsFile | null {
  try {
    const files = readdirSync(outDir).filter((file) => file.endsWith(`-${size}.json`)).sort();
    if (!files.length) return null;
    return JSON.parse(readFileSync(join(outDir, files.at(-1)!), 'utf8')) as ResultsFile;
  } catch {
    return null;
  }
}

const pad = (value: unknown, width: number) => String(value ?? '–').padStart(width);

export function printSummary(
  results: RunResult[],
  equivalence: Equivalence[],
  build: BuildInfo,
  memory: Record<string, { rss: number; peak: number }>,
  options: BenchOptions,
): TargetCheck[] {
  const line = '-'.repeat(150);
  console.log(`\n${line}\nSummary: size ${build.size}, ${options.connections} connections, ${options.duration} s per run\n${line}`);
  console.log(
    `${'operation'.padEnd(10)} ${'target'.padEnd(24)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('req/s ×', 8)} ${pad('p99 ×', 6)} ` +
      `${pad('stmts/req', 9)} ${pad('hdr', 5)} ${pad('db ms/req', 9)} ${pad('srv CPU ms', 10)} ${pad('pg CPU ms', 9)} ${pad('RSS MB', 6)} ${pad('failed', 6)}`,
  );
  console.log(line);
  for (const r of results) {
    const base = find(results, r.operation, 'baseline (RLS)');
    const rpsRatio = base && r !== base ? (r.rps / base.rps).toFixed(2) : '';
    const p99Ratio = base && r !== base ? (r.latencyMs.p99 / base.latencyMs.p99).toFixed(2) : '';
    console.log(
      `${r.operation.padEnd(10)} ${r.target.padEnd(24)} ${pad(r.rps, 8)} ${pad(r.latencyMs.p50, 7)} ${pad(r.latencyMs.p99, 7)} ${pad(rpsRatio, 8)} ${pad(p99Ratio, 6)} ` +
        `${pad(r.statementsPerRequest, 9)} ${pad(r.statementsHeader, 5)} ${pad(r.dbMsPerRequest, 9)} ${pad(r.serverCpuMsPerRequest, 10)} ${pad(r.databaseCpuMsPerRequest, 9)} ` +
        `${pad(r.peakRssMb, 6)} ${pad(r.failed, 6)}`,
    );
  }
  console.log(line);
  console.log('req/s × and p99 ×: against the baseline under RLS. stmts/req: statements the database executed per request (pg_stat_statements);');
  console.log('hdr: the x-sql-statements header. srv CPU: the serving process; pg CPU: the whole PostgreSQL cluster; RSS: the serving process\'s peak.');
  console.log(`Peak RSS over the whole run: server ${Math.round(memory.server.peak / 1048576)} MB, baseline ${Math.round(memory.baseline.peak / 1048576)} MB`);
  for (const r of results.filter((x) => x.failureSamples?.length)) {
    console.log(`Failures in ${r.operation} (${r.target}), ${r.failed} in all, e.g.:`);
    for (const sample of r.failureSamples) console.log(`    ${sample}`);
  }
  for (const check of equivalence) console.log(`Same JSON, ${check.operation}: ${check.equal ? 'yes' : 'NO'} (${check.detail}; bytes ${JSON.stringify(check.bytes)})`);
  const targets = checkTargets(results, build.size, resolve(options.outDir));
  if (targets.length) {
    console.log(`\nTargets (issue #5; they are set for the full size)`);
    for (const t of targets) console.log(`  ${t.met === null ? '  ' : t.met ? 'ok' : '--'}  ${t.target.padEnd(52)} ${t.measured}`);
  }
  return targets;
}

export async function writeResults(options: BenchOptions, payload: Omit<ResultsFile, 'date' | 'size' | 'targets'>): Promise<string> {
  const dir = resolve(options.outDir);
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString();
  const targets = checkTargets(payload.results, payload.build.size, dir);
  const file = join(dir, `${date.replace(/[:.]/g, '-')}-${payload.build.size}.json`);
  const content: ResultsFile = { date, size: payload.build.size, ...payload, targets };
  writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}
