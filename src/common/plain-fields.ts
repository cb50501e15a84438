import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

let plainByType: Map<string, Set<string>> | null = null;

/**
 * The fields of a GraphQL object type that are plain properties of its class: no field resolver, no
 * authorization, no middleware, and the property named as the field. Read from type-graphql's
 * metadata once the schema is built.
 */
export function plainFieldsOf(typeName: string): ReadonlySet<string> {
  if (!plainByType) {
    const storage = getMetadataStorage();
    plainByType = new Map();
    for (const objectType of storage.objectTypes) {
      const plain = new Set<string>();
      for (const field of objectType.fields ?? []) {
        const resolved = storage.fieldResolvers.some((resolver) => resolver.getObjectType?.() === field.target && resolver.methodName === field.name);
        if (!resolved && !field.roles?.length && !field.middlewares?.length && field.schemaName === field.name) plain.add(field.name);
      }
      plainByType.set(objectType.name, plain);
    }
  }
  return plainByType.get(typeName) ?? new Set();
}

type DirectParam = (root: Record<string, unknown>, ctx: Record<string, unknown>, info: GraphQLResolveInfo) => unknown;
const instances = new Map<Function, Record<string, (...params: unknown[]) => unknown>>();

/** type-graphql's own conversion of a root to its class (an instance is kept as is; a plain object is copied into one). */
function asInstance(Target: new () => object, value: unknown): unknown {
  if (value == null || typeof value !== 'object' || value instanceof Target) return value;
  const instance = new Target() as Record<string, unknown>;
  for (const key of Object.keys(instance)) {
    if (instance[key] === undefined && !(key in value)) delete instance[key];
  }
  return Object.assign(instance, value);
}

/**
 * A direct call of a field resolver method that takes only its root, the context and the resolve
 * info, and has no authorization, middleware or argument: what type-graphql's wrapper would call,
 * without the wrapper (which builds and sorts a parameter list and a middleware chain per call, on
 * every row of a page). Null for every other field.
 */
export function directFieldResolver(
  typeName: string,
  fieldName: string,
  resolverClasses: readonly Function[],
): GraphQLFieldResolver<Record<string, unknown>, Record<string, unknown>> | null {
  const storage = getMetadataStorage();
  // type-graphql's metadata is global: it may also hold classes of an earlier load of the same code
  // (another test file in the same process). Only the resolver classes the schema was built from count.
  const resolver = storage.fieldResolvers.find((candidate) => {
    if (candidate.kind !== 'external' || candidate.schemaName !== fieldName || !resolverClasses.includes(candidate.target)) return false;
    const objectType = candidate.getObjectType?.();
    return storage.objectTypes.some((type) => type.target === objectType && type.name === typeName);
  });
  if (!resolver || resolver.roles?.length || resolver.middlewares?.length) return null;
  const getters: DirectParam[] = [];
  for (const param of [...(resolver.params ?? [])].sort((a, b) => a.index - b.index)) {
    if (param.kind === 'root') {
      const Target = 'getType' in param && param.getType ? (param.getType() as new () => object) : null;
      const property = param.propertyName;
      getters.push((root) => {
        const value = property ? root[property] : root;
        return Target && typeof Target === 'function' ? asInstance(Target, value) : value;
      });
    } else if (param.kind === 'context') {
      const property = param.propertyName;
      getters.push((_root, ctx) => (property ? ctx[property] : ctx));
    } else if (param.kind === 'info') {
      getters.push((_root, _ctx, info) => info);
    } else {
      return null;
    }
  }
  let instance = instances.get(resolver.target);
  if (!instance) {
    instance = new (resolver.target as new () => Record<string, (...params: unknown[]) => unknown>)();
    instances.set(resolver.target, instance);
  }
  const target = instance;
  const method = target[resolver.methodName];
  const [first, second] = getters;
  if (getters.length === 1) return (root, _args, ctx, info) => method.call(target, first(root, ctx, info));
  if (getters.length === 2) return (root, _args, ctx, info) => method.call(target, first(root, ctx, info), second(root, ctx, info));
  return (root, _args, ctx, info) => method.apply(target, getters.map((get) => get(root, ctx, info)));
}
