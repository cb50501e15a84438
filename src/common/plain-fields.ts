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
