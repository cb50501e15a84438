import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { createErrorFormatter, isExpectedErrorCode } from './common/format-error';
import { RequestContext, type AppServices, type Credential } from './context/request-context';
import type { Database } from './database/database';
import type { Logger } from './logger';
import { verifyCredential } from './modules/auth/auth.service';
import { API_KEY_PREFIX, Credentials } from './modules/auth/credentials';

/**
 * Ends each request's transaction once its response is ready, logs unexpected errors with the
 * request id, and hands that id to the client.
 */
const requestLifecycle: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async didEncounterErrors({ errors }) {
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
        } catch (error) {
          contextValue.logger.error({ err: error }, 'commit failed');
          response.body = {
            kind: 'single',
            singleResult: {
              errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
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

export interface RunningServer {
  url: string;
  httpServer: http.Server;
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
  const services: AppServices = { config, logger, database, credentials, verifyCredential };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: config.graphql.exposeErrorDetails,
    csrfPrevention: config.graphql.csrfPrevention,
    persistedQueries: false,
    formatError: createErrorFormatter({ exposeDetails: config.graphql.exposeErrorDetails }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.graphql.introspection
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
      requestLifecycle,
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        new RequestContext(services, await credentialFrom(req.headers.authorization, credentials)),
    }),
  );

  const port = options.port ?? config.http.port;
  const host = options.host ?? config.http.host;
  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    httpServer,
    stop: () => apollo.stop(),
  };
}
