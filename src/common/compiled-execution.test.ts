import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, execute, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { compiledExecution } from './compiled-execution';

const schema: GraphQLSchema = buildSchema(`
  input Filter { includeClosed: Boolean! = false, region: String }
  type Service { name: String!, closed: Boolean! }
  type Query {
    services(filter: Filter, first: Int! = 2): [Service!]!
    failing: String
  }
  type Mutation { close(name: String!): Service }
`);

const services = [
  { name: 'Khám mắt', closed: false },
  { name: 'Tư vấn', closed: true },
  { name: 'Phục hồi chức năng', closed: false },
];
const root = {
  services: ({ filter, first }: { filter?: { includeClosed: boolean }; first: number }) =>
    services.filter((service) => filter?.includeClosed || !service.closed).slice(0, first),
  failing: () => {
    throw new Error('a bug');
  },
};

async function executorFor(): Promise<GatewayExecutor> {
  const { executor } = await compiledExecution(schema, { maxCompiled: 10, compileAfter: 2 }).load({ apollo: {} });
  return executor!;
}

function requestOf(source: string, variables: Record<string, unknown>, operationName?: string): GatewayGraphQLRequestContext {
  const document = parse(source);
  const operation = getOperationAST(document, operationName);
  return {
    request: { query: source, variables, operationName },
    document,
    source,
    queryHash: source,
    operation,
    operationName: operation?.name?.value ?? null,
    context: {},
  } as unknown as GatewayGraphQLRequestContext;
}

/** What graphql-js alone answers, as JSON (errors as their client-visible shape). */
async function interpreted(source: string, variables: Record<string, unknown>, operationName?: string) {
  return JSON.parse(JSON.stringify(await execute({ schema, document: parse(source), variableValues: variables, operationName })));
}

async function threeTimes(executor: GatewayExecutor, source: string, variables: Record<string, unknown>, operationName?: string) {
  const answers = [];
  for (let i = 0; i < 3; i += 1) answers.push(JSON.parse(JSON.stringify(await executor(requestOf(source, variables, operationName)))));
  return answers;
}

// The executor runs without a root value, as Apollo calls it: the root fields get resolvers.
for (const [name, resolve] of Object.entries(root)) {
  const field = schema.getQueryType()!.getFields()[name];
  field.resolve = (_source, args) => (resolve as (args: unknown) => unknown)(args);
}

describe('compiledExecution', () => {
  it('answers as graphql-js does, before and after compiling', async () => {
    const executor = await executorFor();
    const source = 'query Page($first: Int!) { services(first: $first) { name } again: services { closed } }';
    const expected = await interpreted(source, { first: 1 });
    expect(expected.data.services).toEqual([{ name: 'Khám mắt' }]);
    expect(await threeTimes(executor, source, { first: 1 })).toEqual([expected, expected, expected]);
  });

  it("runs a variable that omits a non-null input field with a default (graphql-jit alone refuses it)", async () => {
    const executor = await executorFor();
    const source = 'query Closed($filter: Filter) { services(filter: $filter, first: 5) { name } }';
    const expected = await interpreted(source, { filter: { region: 'Hà Giang' } });
    expect(expected.data.services).toHaveLength(2);
    expect(await threeTimes(executor, source, { filter: { region: 'Hà Giang' } })).toEqual([expected, expected, expected]);
  });

  it("refuses bad variables and null arguments with graphql-js's errors, located in the document", async () => {
    const executor = await executorFor();
    const badVariable = 'query Bad($first: Int!) { services(first: $first) { name } }';
    const refusedVariable = await interpreted(badVariable, { first: 'many' });
    expect(refusedVariable.errors[0].message).toMatch(/Int cannot represent/);
    expect(await threeTimes(executor, badVariable, { first: 'many' })).toEqual([refusedVariable, refusedVariable, refusedVariable]);

    const nullArgument = 'query Null($first: Int) {\n  services(first: $first) { name }\n}';
    const refusedArgument = await interpreted(nullArgument, { first: null });
    expect(refusedArgument.errors[0]).toMatchObject({ message: 'Argument "first" of non-null type "Int!" must not be null.', locations: [{ line: 2, column: 19 }] });
    expect(await threeTimes(executor, nullArgument, { first: null })).toEqual([refusedArgument, refusedArgument, refusedArgument]);
  });

  it('keeps what a resolver threw as the original error', async () => {
    const executor = await executorFor();
    for (let i = 0; i < 3; i += 1) {
      const result = await executor(requestOf('query Failing { failing }', {}));
      expect(result.errors?.[0].originalError?.message).toBe('a bug');
      expect(result.errors?.[0].path).toEqual(['failing']);
    }
  });

  it('refuses an operation name the document does not have, rather than running its only operation', async () => {
    const executor = await executorFor();
    for (let i = 0; i < 3; i += 1) {
      const result = await executor(requestOf('query Page { services { name } }', {}, 'Other'));
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0].message).toBe('Unknown operation named "Other".');
    }
  });
});
