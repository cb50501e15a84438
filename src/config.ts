import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const DEV_TOKEN_SECRET = 'dev-only-token-secret-change-me-0123456789abcdef';
const DEV_MATCH_KEY_SECRET = 'dev-only-match-key-secret-change-me-0123456789';
const DEV_APP_PASSWORD = 'ngo_app_dev_password';
/** Published here: it encrypts webhook signing secrets at rest in development only. */
const DEV_WEBHOOK_SECRET_KEY = 'ZGV2LW9ubHktd2ViaG9vay1rZXktY2hhbmdlLW1lLTA=';

/** An exact origin, as a browser sends it in `Origin`: scheme, host and port only. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    TRUST_PROXY: z.string().default('false'),
    PUBLIC_URL: z.string().url().optional(),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .refine((origins) => origins.every((origin) => origin === '*' || isOrigin(origin)), {
        message: 'must be exact origins (scheme://host[:port], no path), comma-separated, or *',
      }),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    MAIL_FROM: z.string().default('NGO Commons <no-reply@localhost>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z.string().url().optional(),
    EVENTS_LISTEN_URL: z.string().url().optional(),
    SUBSCRIPTION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    JOB_RUNNER: booleanString.default(true),
    WEBHOOK_SECRET_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)')
      .optional(),
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: booleanString.default(false),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    APP_DATABASE_URL: z.string().url().optional(),
    EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    APP_DB_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier')
      .default('ngo_app'),
    APP_DB_PASSWORD: z.string().min(12).optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    DB_HEAVY_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    DB_PREPARED_STATEMENTS: booleanString.default(true),
    DB_OPEN_WITH_FIRST_READ: booleanString.default(true),

    TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).default(30 * 24 * 3600),
    EXPORT_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    MATCH_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    MATCH_LOOKUPS_PER_HOUR: z.coerce.number().int().min(0).default(60),
    EXPORT_LINK_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
    INVITATION_TTL_SECONDS: z.coerce.number().int().min(300).default(7 * 24 * 3600),
    SIGN_UP_ENABLED: booleanString.default(true),
    SIGN_IN_THROTTLE: booleanString.default(true),
    PERSISTED_QUERIES_PER_ORGANIZATION: z.coerce.number().int().min(0).default(500),

    ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19_456),
    ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),

    GRAPHQL_INTROSPECTION: booleanString.optional(),
    EXPLORER: booleanString.optional(),
    EXPOSE_ERROR_DETAILS: booleanString.optional(),
    CSRF_PREVENTION: booleanString.default(true),
    PERSISTED_QUERIES_ONLY: booleanString.default(false),
    GRAPHQL_COMPILED_QUERIES: booleanString.default(true),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
    MAX_QUERY_COMPLEXITY: z.coerce.number().int().min(10).default(10_000),
    MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1000).default(20_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(0).default(300),
    FAIR_SHARE_ORGANIZATION_REQUESTS: z.coerce.number().int().min(0).default(5),
    FAIR_SHARE_API_KEY_REQUESTS: z.coerce.number().int().min(0).default(3),
    FAIR_SHARE_HEAVY_REQUESTS: z.coerce.number().int().min(0).default(1),
  })
  .superRefine((env, issues) => {
    if (env.EXPLORER && !(env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production')) {
      issues.addIssue({ code: 'custom', path: ['EXPLORER'], message: 'needs GRAPHQL_INTROSPECTION (the explorer reads the schema by introspection)' });
    }
    if (env.NODE_ENV !== 'production') return;
    if (!env.TOKEN_SECRET) {
      issues.addIssue({ code: 'custom', path: ['TOKEN_SECRET'], message: 'is required in production' });
    }
    if (!env.MATCH_KEY_SECRET) {
      issues.addIssue({ code: 'custom', path: ['MATCH_KEY_SECRET'], message: 'is required in production (32+ random characters, e.g. `openssl rand -base64 32`)' });
    }
    if (!env.EXPORT_LINK_SECRET) {
      issues.addIssue({ code: 'custom', path: ['EXPORT_LINK_SECRET'], message: 'is required in production (32+ random characters, e.g. `openssl rand -base64 32`)' });
    }
    if (!env.APP_DATABASE_URL && !env.APP_DB_PASSWORD) {
      issues.addIssue({
        code: 'custom',
        path: ['APP_DB_PASSWORD'],
        message: 'is required in production (or set APP_DATABASE_URL)',
      });
    }
    if (env.CORS_ORIGINS.includes('*')) {
      issues.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: 'must name the front ends\' origins in production, not *' });
    }
    if (!env.WEBHOOK_SECRET_KEY) {
      issues.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET_KEY'], message: 'is required in production (`openssl rand -base64 32`)' });
    }
    if (env.EXPOSE_ERROR_DETAILS) {
      issues.addIssue({ code: 'custom', path: ['EXPOSE_ERROR_DETAILS'], message: 'must be false in production' });
    }
  });

export type Config = ReturnType<typeof loadConfig>;

/**
 * Express's `trust proxy`: which hops of `X-Forwarded-For` name the client (sign-in throttling
 * counts per client address). `false` (the default): the socket's address, the header ignored;
 * `true`: every hop trusted; a number: that many hops; otherwise addresses, subnets or names
 * such as `loopback`, comma-separated.
 */
function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Reads and validates the environment once; an invalid value stops the process with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const introspection = e.GRAPHQL_INTROSPECTION ?? !production;
  return {
    env: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL,
    database: {
      ownerUrl: e.DATABASE_URL,
      appUrl: e.APP_DATABASE_URL,
      embeddedDir: e.EMBEDDED_PG_DIR,
      embeddedPort: e.EMBEDDED_PG_PORT,
      appRole: e.APP_DB_ROLE,
      appPassword: e.APP_DB_PASSWORD ?? DEV_APP_PASSWORD,
      poolSize: e.DB_POOL_SIZE,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      heavyStatementTimeoutMs: e.DB_HEAVY_STATEMENT_TIMEOUT_MS,
      /** Named prepared statements for hot reads; off behind a transaction-mode pooler older than PgBouncer 1.21. */
      preparedStatements: e.DB_PREPARED_STATEMENTS,
      openWithFirstRead: e.DB_OPEN_WITH_FIRST_READ && e.DB_PREPARED_STATEMENTS,
    },
    auth: {
      tokenSecret: e.TOKEN_SECRET ?? DEV_TOKEN_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      invitationTtlSeconds: e.INVITATION_TTL_SECONDS,
      signUpEnabled: e.SIGN_UP_ENABLED,
      /** Sign-in attempts counted per account and per client address, with a backoff (sign-in-throttle.ts). */
      signInThrottle: e.SIGN_IN_THROTTLE,
      argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST },
    },
    /**
     * Signed download links (createExportLink): the HS256 key and how long a link works. Without
     * EXPORT_LINK_SECRET (development, tests) each process makes up its own key: links then work only
     * on the instance that made them, and until it restarts.
     */
    exportLinks: {
      secret: e.EXPORT_LINK_SECRET ?? randomBytes(32).toString('base64url'),
      ttlSeconds: e.EXPORT_LINK_TTL_SECONDS,
    },
    /**
     * Matching across organizations (src/modules/matching): the HMAC key of every client's match
     * keys. Changing it makes every stored key unmatchable until the keys are computed again.
     */
    matching: {
      keySecret: e.MATCH_KEY_SECRET ?? DEV_MATCH_KEY_SECRET,
      /** Match lookups per organization per hour: each tries a person against partners' records, so many would probe them. 0: no cap. */
      lookupsPerHour: e.MATCH_LOOKUPS_PER_HOUR,
    },
    graphql: {
      introspection,
      /** The API explorer (GraphiQL, bundled by `npm run build`) at /explorer/; it reads the schema by introspection. */
      explorer: e.EXPLORER ?? introspection,
      exposeErrorDetails: e.EXPOSE_ERROR_DETAILS ?? false,
      csrfPrevention: e.CSRF_PREVENTION,
      maxPageSize: e.MAX_PAGE_SIZE,
      limits: { maxDepth: e.MAX_QUERY_DEPTH, maxComplexity: e.MAX_QUERY_COMPLEXITY, maxAliases: e.MAX_ALIASES },
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
      persistedQueriesOnly: e.PERSISTED_QUERIES_ONLY,
      /** Automatic persisted queries one organization may keep registered (its least recently used go first). */
      persistedQueriesPerOrganization: e.PERSISTED_QUERIES_PER_ORGANIZATION,
      compiledQueries: e.GRAPHQL_COMPILED_QUERIES,
    },
    /** Requests per minute; 0 switches a limit off. */
    rateLimits: { organizationPerMinute: e.RATE_LIMIT_PER_MINUTE, apiKeyPerMinute: e.RATE_LIMIT_API_KEY_PER_MINUTE },
    /** Requests in flight per organization, per API key, and heavy ones per either, on this instance; 0 switches a cap off. */
    fairShare: {
      organizationRequests: e.FAIR_SHARE_ORGANIZATION_REQUESTS,
      apiKeyRequests: e.FAIR_SHARE_API_KEY_REQUESTS,
      heavyRequests: e.FAIR_SHARE_HEAVY_REQUESTS,
    },
    events: {
      /** A direct session connection for LISTEN (transaction-mode poolers cannot carry it); the app's database URL by default. */
      listenUrl: e.EVENTS_LISTEN_URL ?? null,
      /** How often open subscriptions are checked for expired tokens and ended sessions. */
      subscriptionSweepSeconds: e.SUBSCRIPTION_SWEEP_SECONDS,
      /** Whether this instance runs the platform's background jobs on a timer (every instance may: they share the queue). */
      jobRunner: e.JOB_RUNNER,
    },
    webhooks: {
      /** Encrypts each endpoint's signing secret at rest (AES-256-GCM); signing needs the secret itself, so it cannot be hashed. */
      secretKey: Buffer.from(e.WEBHOOK_SECRET_KEY ?? DEV_WEBHOOK_SECRET_KEY, 'base64'),
      /** Deliveries to private, loopback and link-local addresses (tests, a receiver on the same network); refused by default. */
      allowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    /** Outgoing mail (invitations, password resets); none without SMTP_URL. */
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    http: {
      port: e.PORT,
      host: e.HOST,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      trustProxy: trustProxyOf(e.TRUST_PROXY),
      /** Where people reach the front end: links sent to them (password resets) start with it. */
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      /** Origins whose pages may call the API from a browser (CORS); none by default, `*` for any outside production. */
      corsOrigins: e.CORS_ORIGINS,
    },
    /** Settings left at values published in this repository (fine for development, never for real data). */
    defaults: { tokenSecret: !e.TOKEN_SECRET, appPassword: !e.APP_DB_PASSWORD && !e.APP_DATABASE_URL, webhookSecretKey: !e.WEBHOOK_SECRET_KEY, matchKeySecret: !e.MATCH_KEY_SECRET },
  };
}

/**
 * One line for each setting in use that is unsafe with real data, for the start-up log: the
 * published development secrets, the embedded database in production, open sign-up.
 */
export function unsafeSettings(config: Config): string[] {
  const lines: string[] = [];
  if (config.auth.signUpEnabled) {
    lines.push('sign-up is open: anyone can create an organization and its admin (SIGN_UP_ENABLED=false; operators then create them)');
  }
  if (!config.auth.signInThrottle) {
    lines.push('sign-in throttling is off: passwords can be guessed at full speed (SIGN_IN_THROTTLE=true)');
  }
  if (config.defaults.tokenSecret) {
    lines.push('the published development TOKEN_SECRET signs access tokens: anyone can forge them (set TOKEN_SECRET)');
  }
  if (config.defaults.matchKeySecret) {
    lines.push("clients' match keys are hashed with the published development MATCH_KEY_SECRET: anyone can test a name against them (set MATCH_KEY_SECRET)");
  }
  if (config.defaults.webhookSecretKey) {
    lines.push('webhook signing secrets are encrypted with the published development key (set WEBHOOK_SECRET_KEY)');
  }
  if (config.webhooks.allowPrivateAddresses) {
    lines.push('webhooks may be delivered to private and loopback addresses, inside your network (WEBHOOK_ALLOW_PRIVATE_ADDRESSES=false)');
  }
  if (config.defaults.appPassword) {
    lines.push("the application role has the published development password (set APP_DB_PASSWORD)");
  }
  if (config.production && !config.database.ownerUrl) {
    lines.push('production runs on the embedded PostgreSQL: one process, no backups, no replicas (set DATABASE_URL)');
  }
  return lines;
}
