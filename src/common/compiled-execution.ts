import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError, Source, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

export interface CompiledExecutionOptions {
  /** Compiled operations kept (least recently used dropped first). */
  maxCompiled: number;
  /** An operation is compiled the time it is seen this often; until then graphql-js runs it. */
  compileAfter: number;
}

/**
 * Runs the queries front ends send again and again as functions compiled by graphql-jit, the rest
 * with graphql-js.
 *
 * Why: graphql-js does the same work for every field of every response (a resolve-info object, an
 * argument object, a completion step), which on a page of 50 referrals (about 1,750 fields) cost
 * more server CPU than its SQL (docs/benchmarks.md). graphql-jit compiles that work away once per
 * operation. Apollo Server accepts another executor only through its gateway interface, hence the
 * shape of this module; it serves the one schema it was given and never changes it.
 *
 * What stays as graphql-js does it:
 * - Variables are coerced by graphql-js first, so a bad value gets graphql-js's error (and Apollo's
 *   BAD_USER_INPUT) whichever executor runs; if graphql-jit refuses values graphql-js accepted
 *   (it requires a non-null input field even when the field has a default), graphql-js runs.
 * - Mutations and subscriptions: their order and savepoints are graphql-js's; only queries are compiled.
 * - An operation seen once is never compiled: compiling costs more than running it, and a caller
 *   sending new documents each time must not make the server compile for it.
 */
export function compiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  const sightings = new Map<string, number>();

  function compiledFor(key: string, request: Parameters<GatewayExecutor>[0]): CompiledQuery | undefined {
    const found = compiled.get(key);
    if (found) {
      compiled.delete(key);
      compiled.set(key, found);
      return found;
    }
    if (request.operation.operation !== 'query') return undefined;
    const seen = (sightings.get(key) ?? 0) + 1;
    if (seen < options.compileAfter) {
      if (sightings.size >= options.maxCompiled * 20) sightings.clear();
      sightings.set(key, seen);
      return undefined;
    }
    sightings.delete(key);
    const result = compileQuery(schema, request.document, request.operationName ?? undefined, {
      // Errors carry graphql-js's shape; a stack trace captured per error is work nobody reads.
      disablingCapturingStackErrors: true,
    });
    if (!isCompiledQuery(result)) return undefined;
    if (compiled.size >= options.maxCompiled) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, result);
    return result;
  }

  const executor: GatewayExecutor = async (request) => {
    const variables = request.request.variables ?? {};
    // Without an operation (none, several, or an unknown name), graphql-js says which error it is.
    if (request.operation) {
      const coercion = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      if (coercion.errors) return { errors: coercion.errors };
      const query = compiledFor(`${request.queryHash}:${request.operationName ?? ''}`, request);
      if (query) {
        const result: ExecutionResult = await query.query(undefined, request.context, variables);
        if ('data' in result) return result.errors ? { ...result, errors: result.errors.map((error) => asGraphqlJsError(error, request.source)) } : result;
      }
    }
    return execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: variables,
      // The name the client sent: Apollo's own is null when it found no operation by that name, and
      // graphql-js would then run the document's only operation instead of refusing the request.
      operationName: request.request.operationName,
    });
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {
      compiled.clear();
      sightings.clear();
    },
  };
}

/**
 * graphql-jit's errors of its own (e.g. null for a non-null argument) have no `extensions` object,
 * which graphql-js always gives and Apollo's error formatting relies on; the same error, made by
 * graphql-js, at the same place in the document.
 */
function asGraphqlJsError(error: GraphQLError, text: string): GraphQLError {
  if (error.extensions) return error;
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return new GraphQLError(error.message, {
    source: new Source(text),
    positions: error.locations?.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1),
    path: error.path,
    originalError: error.originalError,
  });
}
