import Negotiator from 'negotiator';
import { createSourceEventStream, execute, getOperationAST, GraphQLError, parse, type DocumentNode, type ExecutionArgs, type OperationDefinitionNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, ErrorCode } from './common/errors';
import { isExpectedErrorCode } from './common/format-error';
import { Permission, roleGrants } from './common/permissions';
import { LABEL_LOCALES, labelLocaleOf, type LabelLocale } from './common/locale';
import { RequestContext, type AppServices, type Credential } from './context/request-context';
import type { Logger } from './logger';
import type { EventHub } from './modules/events/event-hub';
import type { SubscriberContext } from './modules/events/events.resolver';

/** graphql-ws close code: the client's token is no good (now). */
const CLOSE_UNAUTHORIZED = 4401;
const MAX_SUBSCRIPTIONS_PER_SOCKET = 10;

/** One signed-in socket: who it acts as, until when, and how to reach it. */
interface Subscriber {
  credential: Credential & { kind: 'access' };
  organizationId: string;
  expiresAt: number;
  clientAddress: string | null;
  /** The labels' language, from the upgrade request's Accept-Language. */
  locale: LabelLocale;
  socket: WebSocket;
}

export interface SubscriptionServer {
  /**
   * Closes (4401) every socket whose token has expired by `now` or whose session has ended. Runs on
   * a timer; tests call it with the time they want, so none waits for a token to expire.
   */
  sweep(now?: Date): Promise<void>;
  /** Signed-in sockets, and subscriptions open on them, on this instance. */
  readonly sockets: number;
  readonly active: number;
  dispose(): Promise<void>;
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the GraphQL path. A socket signs
 * in with `connection_init` `{ authorization: "Bearer <access token>" }` and is refused (4403) without
 * a person's valid token. Each notice a subscription's stream yields is resolved with a request
 * context of its own, opened with the subscriber's credential, committed (audited reads included)
 * and closed: so a subscriber sees exactly what the same query would show it, and a session that has
 * ended stops the socket (4401) at its next event.
 */
export function startSubscriptions(options: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  services: AppServices;
  hub: EventHub;
  verifyToken: (token: string) => Promise<{ credential: Credential & { kind: 'access' }; expiresAt: number } | null>;
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
  /** The same depth, alias and cost limits as over HTTP (common/cost-limits.ts). */
  checkCost: (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined, variables: Record<string, unknown>) => void;
  logger: Logger;
  sweepSeconds: number;
}): SubscriptionServer {
  const { services, hub, logger } = options;
  const subscribers = new Map<WebSocket, Subscriber>();
  // A message is a subscription document and its variables: as large as an HTTP body may be, no larger.
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: 1024 * 1024 });

  const formatted = (result: ExecutionResult): ExecutionResult =>
    result.errors
      ? ({ ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) } as unknown as ExecutionResult)
      : result;

  async function* resolveEach(source: AsyncIterable<unknown>, args: ExecutionArgs, subscriber: Subscriber): AsyncGenerator<ExecutionResult> {
    for await (const notice of source) {
      const context = new RequestContext(services, subscriber.credential, subscriber.clientAddress);
      context.locale = subscriber.locale;
      let result: ExecutionResult;
      try {
        result = await execute({ ...args, rootValue: notice, contextValue: context });
        await context.finish('commit');
      } catch (error) {
        await context.finish('rollback').catch(() => undefined);
        logger.error({ err: error }, 'subscription event failed');
        result = { errors: [new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })] };
      }
      for (const error of result.errors ?? []) {
        if (!isExpectedErrorCode(error.extensions?.code)) logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a subscription');
      }
      if (result.errors?.some((error) => error.extensions?.code === ErrorCode.UNAUTHENTICATED)) {
        subscriber.socket.close(CLOSE_UNAUTHORIZED, 'The session has ended: sign in again');
        return;
      }
      yield formatted(result);
    }
  }

  const disposable = useServer<Record<string, unknown> | undefined, { subscriber?: Subscriber }>(
    {
      schema: options.schema,
      async onConnect(ctx) {
        const header = ctx.connectionParams?.authorization;
        const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
        const verified = token ? await options.verifyToken(token) : null;
        if (!verified) return false;
        const clientAddress = ctx.extra.request.socket.remoteAddress ?? null;
        const check = new RequestContext(services, verified.credential, clientAddress);
        try {
          const principal = await check.requireUser();
          await check.finish('commit');
          if (!roleGrants(principal.role, Permission.EVENTS_READ)) return false;
          const locale = labelLocaleOf(new Negotiator(ctx.extra.request).language([...LABEL_LOCALES]));
          const subscriber: Subscriber = { ...verified, organizationId: principal.organizationId, clientAddress, locale, socket: ctx.extra.socket };
          ctx.extra.subscriber = subscriber;
          subscribers.set(ctx.extra.socket, subscriber);
          return true;
        } catch (error) {
          await check.finish('rollback').catch(() => undefined);
          if (error instanceof AppError) return false;
          throw error;
        }
      },
      onClose(ctx) {
        subscribers.delete(ctx.extra.socket);
      },
      onSubscribe(ctx, _id, payload) {
        // Each subscription costs a transaction per event: a socket holds a few, as a front end needs.
        if (Object.keys(ctx.subscriptions).length >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per socket`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch {
          // graphql-ws reports the syntax error itself.
          return undefined;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return undefined;
        // Queries and mutations keep the HTTP path, with its limits, headers and transaction per request.
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        }
        try {
          options.checkCost(document, operation, payload.operationName ?? undefined, payload.variables ?? {});
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return undefined;
      },
      context: (ctx): SubscriberContext & { subscriber: Subscriber } => ({ organizationId: ctx.extra.subscriber!.organizationId, hub, subscriber: ctx.extra.subscriber! }),
      async subscribe(args) {
        const subscriber = (args.contextValue as { subscriber: Subscriber }).subscriber;
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) return formatted(source);
        return resolveEach(source, args, subscriber);
      },
    },
    wsServer,
  );

  async function sweep(now = new Date()): Promise<void> {
    for (const subscriber of [...subscribers.values()]) {
      if (subscriber.expiresAt <= now.getTime()) {
        subscriber.socket.close(CLOSE_UNAUTHORIZED, 'The access token has expired: reconnect with a fresh one');
        continue;
      }
      const check = new RequestContext(services, subscriber.credential, subscriber.clientAddress);
      try {
        await check.requireUser();
        await check.finish('commit');
      } catch (error) {
        await check.finish('rollback').catch(() => undefined);
        if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) {
          subscriber.socket.close(CLOSE_UNAUTHORIZED, 'The session has ended: sign in again');
        } else {
          logger.warn({ err: error }, 'could not check a subscriber');
        }
      }
    }
  }
  const timer = setInterval(() => void sweep(), options.sweepSeconds * 1000);
  timer.unref();

  return {
    sweep,
    get sockets() {
      return subscribers.size;
    },
    get active() {
      return hub.subscriptions;
    },
    async dispose() {
      clearInterval(timer);
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
