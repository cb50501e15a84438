import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a server's CPU went under load, from a V8 CPU profile (node --cpu-prof). */
export interface ProfileSummary {
  /** Milliseconds sampled in the window. */
  sampledMs: number;
  /** Share of the window by package (node_modules/<package>, app:<folder>, node:<module>, or (gc), (idle)...). */
  packages: [string, number][];
  /** Share of the window by function (self time). */
  functions: [string, number][];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const module = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  const app = /dist\/(src|test)\/(.*?)\/[^/]+$/.exec(url);
  if (app) return `app:${app[1]}/${app[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

/** Self time by package and by function over the last `windowSeconds` of the profile (the load, not start-up). */
export function summarizeProfile(dir: string, windowSeconds: number): ProfileSummary | null {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const from = profile.endTime - windowSeconds * 1e6;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(profile.samples[i])!.callFrame;
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    total += delta;
  }
  const top = (map: Map<string, number>, n: number): [string, number][] =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, time]) => [key, Math.round((time / total) * 1000) / 10]);
  return { sampledMs: Math.round(total / 1000), packages: top(byPackage, 20), functions: top(byFunction, 25) };
}
