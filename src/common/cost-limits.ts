import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError, ErrorCode } from './errors';

export interface CostLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
}

/** A refused request answers HTTP 400 with the limit's code, its value and the request's own. */
const limitError = (code: ErrorCode, message: string, details: Record<string, number>) =>
  new AppError(code, message, { details: { ...details, http: { status: 400 } } });

/**
 * Depth of the deepest field, fragments followed (introspection's `ofType` excepted, below). Each fragment's depth is worked out once and
 * remembered, so fragments that spread others many times cost linear time, not one walk per path
 * (validation has already refused fragment cycles).
 */
export function queryDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, known = new Map<string, number>()): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection's `ofType` names one wrapped type, never a list: explorers nest it nine deep to
      // unwrap `[[T!]!]!`, which costs nothing, so it adds no depth.
      const own = selection.name.value === 'ofType' ? 0 : 1;
      deepest = Math.max(deepest, selection.selectionSet ? own + queryDepth(selection.selectionSet, fragments, known) : own);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, queryDepth(selection.selectionSet, fragments, known));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) continue;
      if (!known.has(name)) known.set(name, queryDepth(fragment.selectionSet, fragments, known));
      deepest = Math.max(deepest, known.get(name)!);
    }
  }
  return deepest;
}

/** A document's fragments by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** Aliased fields anywhere in the document: aliases are how one request asks for the same expensive field many times. */
export function aliasCount(document: DocumentNode): number {
  let count = 0;
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.alias) count += 1;
      if ('selectionSet' in selection && selection.selectionSet) visit(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  }
  return count;
}

/**
 * A page costs its size: a field with a `first` (or `last`) argument multiplies what is selected
 * inside it by `first` or `last` (the default page size when neither is given), so `last: 100` of
 * a rich node costs 100 nodes. Read from the field's arguments, not the values: a list that pages
 * back has no default for `first`.
 */
export const pageSizeEstimator =
  (defaultPageSize: number): ComplexityEstimator =>
  ({ field, args, childComplexity }) => {
    const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
    if (!paged && !childComplexity) return undefined;
    const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : paged ? defaultPageSize : 1;
    return 1 + size * childComplexity;
  };

/** How many variable sets' costs are remembered per document: a page's sizes vary seldom. */
const COSTS_PER_DOCUMENT = 64;

/**
 * The variables a document's estimated cost can depend on: those in a page size (`first`, `last`),
 * in a directive (`@include(if: $x)` decides whether a subtree counts), and in any argument of a
 * field that estimates its own cost (field extension `complexity`). Ids, cursors and search text
 * leave the cost as it is, so a cost worked out once serves every request that differs only in them.
 */
export function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive(directive) {
        collect(directive);
      },
      Argument(argument) {
        const name = argument.name.value;
        if (name === 'first' || name === 'last' || typeInfo.getFieldDef()?.extensions?.complexity !== undefined) collect(argument.value);
      },
    }),
  );
  return [...names].sort();
}

/**
 * Checks an operation's shape and estimated cost before it runs; nothing is read for a refused one.
 * Apollo hands the same parsed document to every request with the same text, so what depends only
 * on the operation (depth, aliases) is worked out once per operation, and the cost once per
 * operation and values of the variables it depends on (`costVariables`). Throws the limit's error;
 * returns quietly when variables do not fit their types (execution refuses them next, as BAD_USER_INPUT).
 */
export function costLimitsCheck(schema: GraphQLSchema, limits: CostLimits, defaultPageSize: number) {
  const shapes = new WeakMap<OperationDefinitionNode, { depth: number; aliases: number; costVariables: string[]; costs: Map<string, number> }>();
  /** The estimated cost, or undefined when an argument is wrong (execution refuses it next, as BAD_USER_INPUT). */
  const estimate = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | undefined => {
    try {
      return getComplexity({
        schema,
        query: document,
        operationName,
        variables,
        estimators: [fieldExtensionsEstimator(), pageSizeEstimator(defaultPageSize), simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch (error) {
      // The estimator gives up on documents with too many nodes: too large to run, too. Any other
      // failure is an argument that execution refuses next (e.g. null for `first: Int!`).
      if (!(error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message))) return undefined;
      throw limitError(ErrorCode.QUERY_TOO_COMPLEX, 'The query is too large to estimate its cost: ask for fewer fields', {
        maxComplexity: limits.maxComplexity,
      });
    }
  };
  return (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined, variables: Record<string, unknown>): void => {
    let shape = shapes.get(operation);
    if (!shape) {
      shape = {
        depth: queryDepth(operation.selectionSet, fragmentsOf(document)),
        aliases: aliasCount(document),
        costVariables: costVariables(schema, document),
        costs: new Map(),
      };
      shapes.set(operation, shape);
    }
    const { depth, aliases } = shape;
    if (depth > limits.maxDepth) {
      throw limitError(ErrorCode.QUERY_TOO_DEEP, `The query is ${depth} levels deep; at most ${limits.maxDepth} are allowed`, {
        depth,
        maxDepth: limits.maxDepth,
      });
    }
    if (aliases > limits.maxAliases) {
      throw limitError(ErrorCode.TOO_MANY_ALIASES, `The document uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, {
        aliases,
        maxAliases: limits.maxAliases,
      });
    }
    const costKey = JSON.stringify(shape.costVariables.map((name) => variables[name] ?? null));
    let complexity = shape.costs.get(costKey);
    if (complexity === undefined) {
      // Variables that do not fit their types are refused by execution next, as BAD_USER_INPUT, before
      // any resolver; coercing them here with the same cap of errors keeps a huge invalid list cheap.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      if (coerced.errors) return;
      complexity = estimate(document, operationName, variables);
      if (complexity === undefined) return;
      if (shape.costs.size >= COSTS_PER_DOCUMENT) shape.costs.delete(shape.costs.keys().next().value!);
      shape.costs.set(costKey, complexity);
    }
    if (complexity > limits.maxComplexity) {
      throw limitError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `The query would cost ${complexity} (about one per field per item); at most ${limits.maxComplexity} is allowed: ask for smaller pages or fewer fields`,
        { complexity, maxComplexity: limits.maxComplexity },
      );
    }
  };
}

/** The cost limits for requests over HTTP. */
export function costLimitsPlugin(schema: GraphQLSchema, limits: CostLimits, defaultPageSize: number): ApolloServerPlugin {
  const check = costLimitsCheck(schema, limits, defaultPageSize);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (operation) check(document, operation, request.operationName ?? undefined, request.variables ?? {});
        },
      };
    },
  };
}
