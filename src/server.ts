import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet from 'helmet';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { costLimitsCheck, costLimitsPlugin } from './common/cost-limits';
import { AppError, ErrorCode } from './common/errors';
import { createErrorFormatter, isExpectedErrorCode } from './common/format-error';
import { DEFAULT_PAGE_SIZE } from './common/pagination';
import { LABEL_LOCALES, labelLocaleOf } from './common/locale';
import { errorLabelsPlugin } from './modules/labels/error-labels';
import { RequestContext, shareHolderOf, type AppServices, type Credential } from './context/request-context';
import type { Database } from './database/database';
import type { Logger } from './logger';
import { sessionOpening, verifyCredential } from './modules/auth/auth.service';
import { PersistedQueryCache, persistedQueryRegistration } from './modules/operations/persisted-query-cache';
import { persistedQueriesOnly } from './modules/operations/persisted-queries';
import { enforceRateLimit } from './modules/operations/rate-limit';
import { FairShare } from './modules/operations/fair-share';
import { requestClassPlugin } from './common/request-class';
import { API_KEY_PREFIX, Credentials } from './modules/auth/credentials';
import { MIGRATIONS } from '../migrations';
import { compiledExecution } from './common/compiled-execution';
import { smtpMailer } from './common/mail';
import { EventHub } from './modules/events/event-hub';
import { JOBS, ROUTES } from './modules';
import { JobRunner } from './modules/jobs/job-runner';
import { startSubscriptions, type SubscriptionServer } from './subscriptions';
import { renderSchema } from './schema';
import { existsSync, readFileSync } from 'node:fs';
import { ExportLinks } from './modules/programs/export-links';
import { downloadRoutes } from './modules/programs/export.routes';
import { dirname, join } from 'node:path';

/**
 * Ends each request's transaction once its response is ready, logs unexpected errors with the
 * request id, and hands that id to the client.
 */
const requestLifecycle: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) on this path, not over HTTP', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      },
      async didEncounterErrors({ errors }) {
        // Errors of a request whose client went away are the cancellation's doing, and reach nobody.
        if (contextValue.cancelled) return;
        for (const error of errors) {
          if (!isExpectedErrorCode(error.extensions?.code)) {
            contextValue.logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        }
      },
      async willSendResponse({ response }) {
        response.http.headers.set('x-request-id', contextValue.requestId);
        try {
          await contextValue.finish('commit');
          response.http.headers.set('x-sql-statements', String(contextValue.statements));
          response.http.headers.set('x-sql-round-trips', String(contextValue.roundTrips));
        } catch (error) {
          if (error instanceof AppError && error.code !== ErrorCode.SERVICE_UNAVAILABLE) {
            // The session check a request allowed on its token's claims ran last (see RequestContext.finish),
            // and refused: the session ended (401), the organization is over its limits (429)...
            const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } } & Record<string, unknown>;
            response.http.status = http?.status ?? 200;
            for (const [name, value] of http?.headers ?? []) response.http.headers.set(name, value);
            response.body = { kind: 'single', singleResult: { errors: [{ message: error.message, extensions }] } };
            return;
          }
          // Whether the commit reached the database is unknown: the client should retry (with an idempotency key for creates).
          const unavailable = error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE;
          contextValue.logger.error({ err: error }, 'commit failed');
          response.http.status = unavailable ? 503 : 500;
          response.body = {
            kind: 'single',
            singleResult: {
              errors: [
                unavailable
                  ? { message: error.message, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 5 } }
                  : { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
              ],
            },
          };
        }
        if (response.body.kind === 'single') {
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        }
      },
    };
  },
};

async function credentialFrom(header: string | undefined, credentials: Credentials): Promise<Credential | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { kind: 'invalid', reason: 'Send the token as `Authorization: Bearer <token>`' };
  const token = match[1];
  if (token.startsWith(API_KEY_PREFIX)) return { kind: 'apiKey', secret: token };
  const claims = await credentials.verifyAccessToken(token);
  if (!claims) return { kind: 'invalid', reason: 'The access token is invalid or has expired: refresh it or sign in again' };
  return { kind: 'access', claims };
}

/**
 * Refuses an oversized GraphQL document before it is parsed: parsing and validating are work too,
 * and a legitimate front end never sends tens of kilobytes of query text.
 */
function documentSizeLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const query = (req.method === 'GET' ? req.query?.query : (req.body as { query?: unknown } | undefined)?.query) ?? '';
    const bytes = typeof query === 'string' ? Buffer.byteLength(query) : 0;
    if (bytes <= maxBytes) return next();
    res.status(413).json({
      errors: [
        {
          message: `The GraphQL document is ${bytes} bytes; at most ${maxBytes} are allowed`,
          extensions: { code: ErrorCode.DOCUMENT_TOO_LARGE, bytes, maxDocumentBytes: maxBytes },
        },
      ],
    });
  };
}

/** Reads the `Authorization` header into `res.locals.credential`, for the fair share and the GraphQL context. */
function presentedCredential(credentials: Credentials): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.credential = await credentialFrom(req.headers.authorization, credentials);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The fair share's first check, before the body is read or parsed: a request whose organization (by
 * its signed token) or API key already has its share in flight on this instance is refused here,
 * cheaply, since a refused client may come straight back; the admission ends when the response does.
 * The credential (res.locals.credential, read before) is kept for the GraphQL context, which verifies
 * it no second time.
 */
function fairShareGate(fairShare: FairShare): RequestHandler {
  return async (_req, res, next) => {
    const holder = shareHolderOf(res.locals.credential as Credential | null);
    if (!holder) return next();
    let release: () => void;
    try {
      release = await fairShare.admit(holder, 'request', true);
    } catch (error) {
      if (!(error instanceof AppError)) return next(error);
      if (res.destroyed) return;
      const { http, ...extensions } = error.extensions as { http: { status: number; headers: Map<string, string> } } & Record<string, unknown>;
      for (const [name, value] of http.headers) res.setHeader(name, value);
      res.status(http.status).json({ errors: [{ message: error.message, extensions }] });
      return;
    }
    res.once('close', release);
    next();
  };
}

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  /** GraphQL subscriptions over WebSocket on the same path. */
  subscriptions: SubscriptionServer;
  /** The platform's background jobs; `tick(now)` runs what is due at that time. */
  jobs: JobRunner;
  stop(): Promise<void>;
}

export async function startServer(options: {
  config: Config;
  logger: Logger;
  database: Database;
  schema: GraphQLSchema;
  port?: number;
  host?: string;
}): Promise<RunningServer> {
  const { config, logger, database, schema } = options;
  const credentials = new Credentials(config.auth);
  const fairShare = new FairShare(config.fairShare);
  const services: AppServices = {
    config,
    logger,
    database,
    credentials,
    verifyCredential,
    sessionOpening,
    enforceRateLimit,
    admit: (holder, share, hold) => fairShare.admit(holder, share, hold),
    mailer: config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, config.mail.from) : null,
    exportLinks: new ExportLinks(config.exportLinks),
  };

  const app = express();
  app.disable('x-powered-by');
  // Responses are per tenant and per request, never revalidated: hashing each body for an ETag is wasted.
  app.set('etag', false);
  // Which X-Forwarded-For hops to believe for req.ip (TRUST_PROXY): none unless configured.
  app.set('trust proxy', config.http.trustProxy);
  // Helmet's default content security policy (same origin only) everywhere; the explorer's is set on its route.
  app.use(helmet({ crossOriginEmbedderPolicy: false }));
  const httpServer = http.createServer(app);
  httpServer.requestTimeout = config.http.requestTimeoutMs;

  const formatError = createErrorFormatter({ exposeDetails: config.graphql.exposeErrorDetails });
  const hub = new EventHub(database.listenUrl, database, logger);
  await hub.start();
  const subscriptions = startSubscriptions({
    httpServer,
    schema,
    services,
    hub,
    async verifyToken(token) {
      const verified = token.startsWith(API_KEY_PREFIX) ? null : await credentials.verifyAccessTokenUntil(token);
      return verified && { credential: { kind: 'access', claims: verified.claims }, expiresAt: verified.expiresAt };
    },
    formatError,
    checkCost: costLimitsCheck(schema, config.graphql.limits, DEFAULT_PAGE_SIZE),
    logger,
    sweepSeconds: config.events.subscriptionSweepSeconds,
  });
  const jobs = new JobRunner({ database, logger, config }, JOBS);
  if (config.events.jobRunner) jobs.start();

  const persistedQueries = new PersistedQueryCache(database, config.graphql.persistedQueriesPerOrganization);
  const apollo = new ApolloServer<RequestContext>({
    ...(config.graphql.compiledQueries
      ? { gateway: compiledExecution(schema, { maxCompiled: 500, compileAfter: 2 }) }
      : { schema }),
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: config.graphql.exposeErrorDetails,
    csrfPrevention: config.graphql.csrfPrevention,
    // Automatic persisted queries: a client sends a query's SHA-256 instead of its text once registered.
    persistedQueries: { cache: persistedQueries },
    formatError,
    plugins: [
      // Installed by default, it instruments every field of every response to compute cache hints
      // that this API never sends (responses are per tenant and never cached by a CDN).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await jobs.stop();
              await subscriptions.dispose();
              await hub.stop();
            },
          };
        },
      },
      // Apollo's landing page loads its explorer from Apollo's CDN; ours is served from this server (/explorer/).
      ApolloServerPluginLandingPageDisabled(),
      requestLifecycle,
      persistedQueryRegistration(persistedQueries),
      errorLabelsPlugin,
      costLimitsPlugin(schema, config.graphql.limits, DEFAULT_PAGE_SIZE),
      requestClassPlugin(schema),
    ],
  });
  await apollo.start();

  // Where a newcomer (or a tool) starts: what this is, and where the API, its schema and its explorer are.
  const about = { name: 'NGO Commons', version: packageVersion(), description: 'A shared GraphQL backend for referrals, partnerships and joint programmes between organizations.' };
  app.get('/', (_req, res) => {
    res.json({
      ...about,
      graphql: '/graphql',
      subscriptions: 'ws(s)://<this host>/graphql (graphql-ws protocol)',
      schema: '/schema.graphql',
      hsds: '/hsds/',
      explorer: config.graphql.explorer ? '/explorer/' : null,
      health: { live: '/healthz', ready: '/readyz' },
      downloads: {
        programResultsCsv: '/exports/programs/{programId}/results.csv?periodType=&from=&to=&disaggregateBy=',
        programIatiXml: '/exports/programs/{programId}/iati.xml?periodType=&from=&to=&disaggregateBy=',
        authentication: 'Authorization: Bearer <access token or API key>, or a signed link from the createExportLink mutation',
      },
      documentation: 'README.md and docs/ (api-guide.md, errors.md, tenancy.md, operating.md) in the source',
    });
  });
  // The schema as the code builds it (the same as schema/schema.graphql, which a test keeps in step), for codegen and IDEs.
  const sdl = renderSchema(schema);
  app.get('/schema.graphql', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(sdl);
  });

  // Liveness: the process answers. Readiness: it can serve, i.e. the database answers and has every migration.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await database.readiness(MIGRATIONS.map((Migration) => new Migration().name));
    const ready = readiness.database === 'up' && readiness.pendingMigrations.length === 0;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', ...readiness });
  });
  if (config.graphql.explorer) {
    mountExplorer(app);
    // A person opening the API's address in a browser wants the explorer.
    app.get('/graphql', (req, res, next) => {
      if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && req.query.query === undefined) {
        res.redirect(302, '/explorer/');
        return;
      }
      next();
    });
  }
  // Browsers on the listed origins may call the API; credentials travel as bearer tokens, never cookies.
  const corsOptions = {
    origin: config.http.corsOrigins.includes('*') ? '*' : config.http.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 86_400,
  };
  // Downloads: the export fields as files, by bearer header or signed link (see export.routes.ts).
  app.use('/exports', cors({ ...corsOptions, methods: ['GET', 'OPTIONS'], exposedHeaders: [...corsOptions.exposedHeaders, 'content-disposition'] }));
  app.use(
    downloadRoutes({
      apollo,
      services,
      credentialFrom: (header) => credentialFrom(header, credentials),
      gates: [fairShareGate(fairShare)],
    }),
  );
  app.use(
    '/graphql',
    cors(corsOptions),
    presentedCredential(credentials),
    fairShareGate(fairShare),
    express.json({ limit: '1mb' }),
    documentSizeLimit(config.graphql.maxDocumentBytes),
    ...(config.graphql.persistedQueriesOnly ? [persistedQueriesOnly()] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = new RequestContext(services, res.locals.credential as Credential | null, req.ip ?? null);
        context.locale = labelLocaleOf(req.acceptsLanguages(...LABEL_LOCALES) || undefined);
        // The connection closed before the response was sent: the client went away.
        res.once('close', () => {
          if (!res.writableFinished) context.cancel();
        });
        return context;
      },
    }),
  );

  // HTTP APIs beside GraphQL (the HSDS feed): the same fair share and credential as a GraphQL request.
  for (const route of ROUTES) {
    app.use(
      route.path,
      cors({ ...corsOptions, methods: ['GET', 'OPTIONS'] }),
      presentedCredential(credentials),
      fairShareGate(fairShare),
      route.router(services),
    );
  }

  // The JSON body parser's refusals (malformed JSON, unsupported charset or encoding, over 1 MB)
  // answer as GraphQL errors do, in JSON, and never with a stack trace.
  app.use(((error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unexpected error outside GraphQL');
    const message =
      status === 413 ? 'The request body is larger than 1 MB' : status === 500 ? 'Internal server error' : `The request body was refused: ${error.message}`;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST' } }] });
  }) as ErrorRequestHandler);

  const port = options.port ?? config.http.port;
  const host = options.host ?? config.http.host;
  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    httpServer,
    subscriptions,
    jobs,
    stop: () => apollo.stop(),
  };
}

/**
 * The explorer (GraphiQL, bundled from npm packages into dist/browser/explorer by `npm run build`),
 * under a content security policy that lets it load and call nothing but this server: it works on a
 * machine with no internet access, and a page injected into it could not send data elsewhere.
 */
function mountExplorer(app: express.Express): void {
  const dir = join(projectRoot(), 'dist', 'browser', 'explorer');
  app.use(
    '/explorer',
    (_req, res, next) => {
      res.setHeader(
        'content-security-policy',
        [
          "default-src 'self'",
          "script-src 'self'",
          // Monaco and GraphiQL set element styles at run time.
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "font-src 'self' data:",
          "worker-src 'self'",
          "connect-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'none'",
        ].join('; '),
      );
      if (!existsSync(join(dir, 'index.html'))) {
        res.status(503).type('text/plain').send('The explorer is not built: run `npm run build` (or set EXPLORER=false).\n');
        return;
      }
      next();
    },
    express.static(dir, { index: 'index.html', fallthrough: false }),
  );
}

/** The project's root: the folder of its package.json, found above this file (src/ when run by tests, dist/src/ when built). */
function projectRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error('package.json not found above ' + __dirname);
}

/** The version in the project's package.json, found above this file (src/ when run by tests, dist/src/ when built). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
