import type { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { APOLLO_ERROR_CODES, ErrorCode } from './errors';

const PASSED_THROUGH = new Set<string>([...Object.values(ErrorCode), ...APOLLO_ERROR_CODES]);

/** Whether an error is one the API means to return (an AppError, a validation or GraphQL error), not a bug. */
export function isExpectedErrorCode(code: unknown): boolean {
  return typeof code === 'string' && PASSED_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
}

/** The first failed constraint of a class-validator tree, with the path to its property. */
function firstViolation(errors: ValidationError[], path: string[] = []): { path: string[]; message: string } | null {
  for (const error of errors) {
    const here = [...path, error.property];
    const message = error.constraints && Object.values(error.constraints)[0];
    if (message) return { path: here, message };
    const nested = firstViolation(error.children ?? [], here);
    if (nested) return nested;
  }
  return null;
}

/**
 * Shapes every error the client sees. Expected errors keep their code and message; type-graphql's
 * validation errors become BAD_USER_INPUT naming the argument at fault; anything else is masked as
 * INTERNAL_SERVER_ERROR (the request plugin logs it and adds the request id).
 */
export function createErrorFormatter(options: { exposeDetails: boolean }) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;

    const validationErrors = formatted.extensions?.validationErrors as ValidationError[] | undefined;
    if (code === 'BAD_USER_INPUT' && Array.isArray(validationErrors)) {
      const violation = firstViolation(validationErrors);
      // Inputs arrive as the `input` argument (named *Input); page and filter arguments stand alone.
      const target = validationErrors[0]?.target?.constructor?.name ?? '';
      const argumentPath = target.endsWith('Input') ? ['input', ...(violation?.path ?? [])] : (violation?.path ?? []);
      return {
        message: violation ? `Invalid ${argumentPath.join('.')}: ${violation.message}` : 'Invalid input',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath },
      };
    }

    // GraphQL's own refusals of a request (argument and variable coercion, e.g. null for `first: Int!`,
    // "too many errors processing variables") carry no code and wrap no thrown error: they are the
    // client's mistake, not a bug.
    // Execution wraps an argument's refusal in a located error: look at what it wraps.
    const root = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError : error;
    if (!isExpectedErrorCode(code) && root instanceof GraphQLError && !root.originalError && root.extensions?.code === undefined) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }

    if (isExpectedErrorCode(code)) {
      if (options.exposeDetails) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }

    return {
      message: options.exposeDetails ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(options.exposeDetails ? { stacktrace: formatted.extensions?.stacktrace } : {}),
      },
    };
  };
}
