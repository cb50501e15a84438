import { GraphQLError } from 'graphql';

/**
 * Every `extensions.code` this API returns. docs/errors.md documents each one for front-end
 * developers; a test checks that list against this enum.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  PERSISTED_QUERY_REQUIRED = 'PERSISTED_QUERY_REQUIRED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Apollo Server's own codes that can reach a client before our resolvers run. */
export const APOLLO_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
};

export interface AppErrorOptions {
  /** Path of the argument at fault, e.g. ['input', 'email'], for BAD_USER_INPUT. */
  argumentPath?: readonly (string | number)[];
  /** Extra machine-readable detail that is safe to show any caller. */
  details?: Record<string, unknown>;
}

/** An expected failure: its message and code reach the client unchanged. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, {
      extensions: {
        code,
        ...(options.argumentPath ? { argumentPath: options.argumentPath } : {}),
        ...options.details,
      },
    });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Sign in first: send a valid access token or API key') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, { details: { http: { status: HTTP_STATUS.UNAUTHENTICATED } } });

/** `reason`, when given, is a stable machine-readable refinement, e.g. NO_ACTIVE_PARTNERSHIP (docs/errors.md lists them). */
export const forbidden = (message: string, reason?: string) =>
  new AppError(ErrorCode.FORBIDDEN, message, reason ? { details: { reason } } : {});

/**
 * The same answer whether the record does not exist or belongs to another organization, so that
 * an id never confirms that another tenant's record exists.
 */
export const notFound = (what: string, argumentPath?: readonly (string | number)[]) =>
  new AppError(ErrorCode.NOT_FOUND, `${what} not found`, { argumentPath });

export const badInput = (message: string, argumentPath: readonly (string | number)[]) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { argumentPath });

/** `current`, when given, tells the client the state it lost to, so it can show it without another read. */
export const conflict = (message: string, current?: Record<string, unknown>) =>
  new AppError(ErrorCode.CONFLICT, message, current ? { details: { current } } : {});

/** The database cannot be reached: the request did nothing, and the same request can be retried. */
export const serviceUnavailable = () =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable right now: nothing was changed; retry in a few seconds', {
    details: { retryAfterSeconds: 5, http: { status: 503, headers: new Map([['retry-after', '5']]) } },
  });

/** A statement ran past its class's time limit (statement_timeout): PostgreSQL stopped it and the request changed nothing. */
export const queryTimeout = () =>
  new AppError(
    ErrorCode.QUERY_TIMEOUT,
    'The request took longer than its time limit in the database and was stopped: nothing was changed; ask for less (a shorter range, a smaller page)',
  );

/** PostgreSQL stopped a statement because it ran past statement_timeout (not because it was cancelled). */
export function isStatementTimeout(error: unknown): boolean {
  const candidate = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, message } = (candidate ?? {}) as { code?: string; message?: string };
  return code === '57014' && /statement timeout/.test(message ?? '');
}

/**
 * Whether an error means the database went away (refused or dropped connection, server shutting
 * down or starting), as opposed to a problem with the request.
 */
export function isConnectionFailure(error: unknown): boolean {
  const candidate = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, message } = (candidate ?? {}) as { code?: string; message?: string };
  if (code && (code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message ?? '');
}

/** PostgreSQL's SQLSTATE for a unique violation, the usual source of CONFLICT. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? error;
  const { code, constraint: name } = (pgError ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || name === constraint);
}
