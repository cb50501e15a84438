/** Command-line options of `npm run bench`, each with an environment variable for CI or scripts. */

export type SizeName = 'small' | 'medium' | 'full';

/** Full size as the issue asks; the presets scale every count (and keep the per-organization density). */
export const FULL = {
  organizations: 2_000,
  clients: 500_000,
  referrals: 2_000_000,
  programs: 200,
  deliveries: 1_000_000,
} as const;

export const SCALES: Record<SizeName, number> = { small: 0.01, medium: 0.1, full: 1 };

export interface Sizes {
  name: SizeName;
  scale: number;
  organizations: number;
  clients: number;
  referrals: number;
  programs: number;
  deliveries: number;
}

export function sizesOf(name: SizeName): Sizes {
  const scale = SCALES[name];
  return {
    name,
    scale,
    organizations: Math.round(FULL.organizations * scale),
    clients: Math.round(FULL.clients * scale),
    referrals: Math.round(FULL.referrals * scale),
    programs: Math.max(2, Math.round(FULL.programs * scale)),
    deliveries: Math.round(FULL.deliveries * scale),
  };
}

export const OPERATIONS = ['inbox', 'referral', 'directory', 'dashboard', 'assign', 'flood'] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface BenchOptions {
  size: SizeName;
  rebuild: boolean;
  buildOnly: boolean;
  explain: boolean;
  profile: boolean;
  duration: number;
  warmup: number;
  connections: number;
  only: OperationName[];
  outDir: string;
}

const HELP = `npm run bench -- [options]

  --size small|medium|full  data size (BENCH_SIZE; default small). full: ${FULL.organizations} organisations,
                            ${FULL.clients} clients, ${FULL.referrals} referrals, ${FULL.programs} programmes,
                            ${FULL.deliveries} deliveries; medium 1/10, small 1/100
  --rebuild                 build the data again even if the database of that size exists (BENCH_REBUILD=1)
  --build-only              build (or check) the data, run no load
  --explain                 print EXPLAIN (ANALYZE, BUFFERS) of the hot queries and the server's top statements
  --profile                 run each GraphQL load on a server under node --cpu-prof and print where its CPU went
  --duration <s>            seconds of load per run (BENCH_DURATION; default 10 small, 15 medium, 20 full)
  --warmup <s>              seconds of unmeasured load before each run (BENCH_WARMUP; default 3)
  --connections <n>         concurrent connections (BENCH_CONNECTIONS; default 32)
  --only <ops>              comma-separated subset of: ${OPERATIONS.join(', ')}
  --out <dir>               where to write the JSON results (default test/bench/results)

  DATABASE_URL              use this PostgreSQL (owner rights, CREATEDB) instead of the bench's embedded one
  BENCH_PG_DIR, BENCH_PG_PORT  the embedded cluster's folder and port (default .data/bench-postgres, 54339)`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}\n\n${HELP}`);
    const [key, inline] = arg.slice(2).split('=', 2);
    if (key === 'help') {
      console.log(HELP);
      process.exit(0);
    }
    const flag = ['rebuild', 'build-only', 'explain', 'profile'].includes(key);
    if (flag) args.set(key, true);
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${key} needs a value\n\n${HELP}`);
      args.set(key, value);
    }
  }
  const known = ['size', 'rebuild', 'build-only', 'explain', 'profile', 'duration', 'warmup', 'connections', 'only', 'out'];
  for (const key of args.keys()) if (!known.includes(key)) throw new Error(`Unknown option --${key}\n\n${HELP}`);

  const text = (key: string, envName: string) => {
    const value = args.get(key);
    return typeof value === 'string' ? value : env[envName];
  };
  const size = (text('size', 'BENCH_SIZE') ?? 'small') as SizeName;
  if (!(size in SCALES)) throw new Error(`--size must be one of ${Object.keys(SCALES).join(', ')}`);
  const number = (key: string, envName: string, fallback: number) => {
    const value = text(key, envName);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${key} must be a positive number`);
    return parsed;
  };
  const only = (text('only', 'BENCH_ONLY') ?? OPERATIONS.join(','))
    .split(',')
    .map((op) => op.trim())
    .filter(Boolean) as OperationName[];
  for (const op of only) if (!OPERATIONS.includes(op)) throw new Error(`Unknown operation ${op}: use ${OPERATIONS.join(', ')}`);
  return {
    size,
    rebuild: args.has('rebuild') || env.BENCH_REBUILD === '1',
    buildOnly: args.has('build-only'),
    explain: args.has('explain'),
    profile: args.has('profile'),
    duration: number('duration', 'BENCH_DURATION', { small: 10, medium: 15, full: 20 }[size]),
    warmup: number('warmup', 'BENCH_WARMUP', 3),
    connections: Math.round(number('connections', 'BENCH_CONNECTIONS', 32)),
    only,
    outDir: text('out', 'BENCH_OUT') ?? 'test/bench/results',
  };
}
