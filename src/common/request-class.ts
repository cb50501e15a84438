import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RequestContext } from '../context/request-context';
import { fragmentsOf } from './cost-limits';
import { AppError, ErrorCode } from './errors';

/**
 * What a request costs the server beyond its page: 'heavy' for exports and programme metrics
 * (aggregates over a whole programme), 'page' for everything else. The class picks the request's
 * share of the instance (fair share) and its statement timeout.
 */
export type RequestClass = 'page' | 'heavy';

/** Field extensions (`@Extensions(...)`) of root query fields that make a request heavy. */
export const HEAVY_FIELD = { requestClass: 'heavy' } as const;
/** An export: heavy, and at most one per request (aliases included). */
export const EXPORT_FIELD = { requestClass: 'heavy', export: true } as const;

interface Shape {
  requestClass: RequestClass;
  exports: number;
  /** A query of exactly one root field (`__typename` aside). */
  singleField: boolean;
}

/** The root fields an operation selects (fragments and aliases followed; each alias counts). */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFieldNames(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) names.push(...rootFieldNames(fragment.selectionSet, fragments, seen));
    }
  }
  return names;
}

/**
 * Classifies each request once its operation is known, before anything runs: sets
 * `contextValue.requestClass` and `singleFieldQuery`, and refuses a request with more than one export.
 */
export function requestClassPlugin(schema: GraphQLSchema): ApolloServerPlugin<RequestContext> {
  const shapes = new WeakMap<OperationDefinitionNode, Shape>();
  const rootFields = schema.getQueryType()?.getFields() ?? {};
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation) return;
          let shape = shapes.get(operation);
          if (!shape) {
            shape = { requestClass: 'page', exports: 0, singleField: false };
            if (operation.operation === 'query') {
              const names = rootFieldNames(operation.selectionSet, fragmentsOf(document));
              shape.singleField = names.filter((name) => name !== '__typename').length === 1;
              for (const name of names) {
                const extensions = rootFields[name]?.extensions as Partial<typeof EXPORT_FIELD> | undefined;
                if (extensions?.requestClass === 'heavy') shape.requestClass = 'heavy';
                if (extensions?.export) shape.exports += 1;
              }
            }
            shapes.set(operation, shape);
          }
          if (shape.exports > 1) {
            throw new AppError(ErrorCode.QUERY_TOO_COMPLEX, `The query asks for ${shape.exports} exports; at most one export is allowed per request`, {
              details: { exports: shape.exports, maxExports: 1, http: { status: 400 } },
            });
          }
          contextValue.requestClass = shape.requestClass;
          contextValue.singleFieldQuery = shape.singleField;
        },
      };
    },
  };
}
