import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** A server under test, in a child process of its own so that its memory and CPU are its own. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The node flags `npm start` runs the server with (package.json `config.server_node_flags`, e.g. the
 * size of V8's young generation): the bench's servers run as a deployment started that way would.
 */
export function serverNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { config?: { server_node_flags?: string } };
  return (manifest.config?.server_node_flags ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Starts `node <script>` with `env` and waits until `ready()` answers true (polled every 200 ms).
 * Output is dropped, but the last lines are kept for the error shown if the process exits first.
 */
export async function startProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  url: string,
  ready: () => Promise<boolean>,
  nodeArgs: string[] = [],
  timeoutMs = 180_000,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, resolve(script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  // BENCH_SERVER_LOG names a file that receives every process's output, for errors under load.
  const log = process.env.BENCH_SERVER_LOG;
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    if (log) appendFileSync(log, `${name}: ${line}\n`);
  };
  createInterface({ input: child.stdout! }).on('line', keep);
  createInterface({ input: child.stderr! }).on('line', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${name} exited with code ${child.exitCode} before it was ready:\n${tail.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${tail.join('\n')}`);
    }
    if (await ready().catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || exited) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

export { freePort } from '../support/free-port';

const CLOCK_TICKS = 100;

/** Resident memory of a process now, in bytes (VmRSS), and its peak since it started (VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds a process has used (user + system). */
export function cpuOf(pid: number): number {
  const fields = statOf(pid);
  if (!fields) return 0;
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds of a PostgreSQL cluster: the postmaster, its live children (backends, background
 * workers) and the children that have exited (cutime, cstime).
 */
export function clusterCpuOf(postmasterPid: number | null): number | null {
  if (!postmasterPid || !existsSync(`/proc/${postmasterPid}`)) return null;
  const own = statOf(postmasterPid);
  if (!own) return null;
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / CLOCK_TICKS;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statOf(Number(entry));
    if (fields && Number(fields[1]) === postmasterPid) total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }
  return total;
}

/** Samples a process's memory every `intervalMs` until stopped; returns the highest RSS seen. */
export function sampleMemory(pid: number, intervalMs = 200): { stop(): number } {
  let highest = memoryOf(pid).rss;
  const timer = setInterval(() => {
    highest = Math.max(highest, memoryOf(pid).rss);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(highest, memoryOf(pid).rss);
    },
  };
}
