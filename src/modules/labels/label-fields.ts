import {
  defaultFieldResolver,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { RequestContext } from '../../context/request-context';
import { enumLabel } from './labels';

/**
 * Next to every field that answers an enum code, a `<field>Label` field that answers the code's label in
 * the request's language (`Accept-Language`: English, Vietnamese or Arabic; English otherwise), so a
 * front end shows words without a table of its own. Added to the built schema, as the argument
 * descriptions are, because it follows from the schema's own enums: every enum field gets one.
 */
export function addLabelFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      const enumType = getNamedType(field.type);
      const labelName = `${field.name}Label`;
      // A field with arguments would need them to be read again; none of today's enum fields has any.
      if (!isEnumType(enumType) || field.args.length > 0 || fields[labelName]) continue;
      const resolveCode: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      const config: GraphQLFieldConfig<unknown, RequestContext> = {
        type: labelTypeOf(field.type),
        description: `\`${field.name}\` as words people read, in the request's language (Accept-Language: en, vi or ar; English otherwise).`,
        resolve: (source, _args, ctx, info) => {
          const labelOf = (value: unknown) => (value == null ? null : enumLabel(ctx.locale, enumType.name, String(value)));
          const labelsOf = (code: unknown) => (Array.isArray(code) ? code.map(labelOf) : labelOf(code));
          // Synchronous when the code is (a property): no promise per field on a page.
          const code: unknown = resolveCode(source, {}, ctx, { ...info, fieldName: field.name, returnType: field.type });
          return code instanceof Promise ? code.then(labelsOf) : labelsOf(code);
        },
      };
      fields[labelName] = {
        name: labelName,
        description: config.description,
        type: config.type,
        args: [],
        resolve: config.resolve,
        subscribe: undefined,
        deprecationReason: undefined,
        extensions: {},
        astNode: undefined,
      };
    }
  }
  return schema;
}

/** String in the shape of the code's type: `[ReferralAction!]!` → `[String!]!`. */
function labelTypeOf(type: GraphQLOutputType): GraphQLOutputType {
  if (isNonNullType(type)) return new GraphQLNonNull(labelTypeOf(getNullableType(type)) as GraphQLList<GraphQLOutputType>);
  if (isListType(type)) return new GraphQLList(labelTypeOf(type.ofType));
  return GraphQLString;
}
