import { getNamedType, isObjectType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';

/**
 * What a query selects on one object type, by field name: aliases merged, fragments and
 * `@skip`/`@include` applied by graphql-js's own field collection. Hot reads use it to join in
 * only the records a page shows.
 */
export class Selection {
  private fieldsByName: Map<string, FieldNode[]> | null = null;

  private constructor(
    private readonly info: GraphQLResolveInfo,
    readonly type: GraphQLObjectType,
    private readonly nodes: readonly FieldNode[],
  ) {}

  /** The selection of the field being resolved (its object type, through lists and non-null). */
  static of(info: GraphQLResolveInfo): Selection | null {
    const type = getNamedType(info.returnType);
    return isObjectType(type) ? new Selection(info, type, info.fieldNodes) : null;
  }

  /** Whether the query selects `field` here, under any alias. */
  has(field: string): boolean {
    return this.fields().has(field);
  }

  /** The fields selected here, by name (`__typename` included when asked for). */
  fieldNames(): string[] {
    return [...this.fields().keys()];
  }

  /** The selection below `field` (merged over its aliases), or null when not selected or not an object. */
  get(field: string): Selection | null {
    const nodes = this.fields().get(field);
    const definition = this.type.getFields()[field];
    if (!nodes || !definition) return null;
    const type = getNamedType(definition.type);
    return isObjectType(type) ? new Selection(this.info, type, nodes) : null;
  }

  /** The selection at the end of a path of fields, e.g. `['edges', 'node']` of a connection. */
  at(...path: string[]): Selection | null {
    let selection: Selection | null = this;
    for (const field of path) selection = selection?.get(field) ?? null;
    return selection;
  }

  private fields(): Map<string, FieldNode[]> {
    if (!this.fieldsByName) {
      const { schema, fragments, variableValues } = this.info;
      this.fieldsByName = new Map();
      for (const nodes of collectSubfields(schema, fragments, variableValues, this.type, this.nodes).values()) {
        const name = nodes[0].name.value;
        this.fieldsByName.set(name, [...(this.fieldsByName.get(name) ?? []), ...nodes]);
      }
    }
    return this.fieldsByName;
  }
}
