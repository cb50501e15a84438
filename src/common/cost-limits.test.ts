import { GraphQLID, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { costLimitsCheck, costVariables } from './cost-limits';

const Item = new GraphQLObjectType({ name: 'Item', fields: { id: { type: GraphQLID }, name: { type: GraphQLString } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      item: { type: Item, args: { id: { type: GraphQLID } } },
      items: { type: new GraphQLList(Item), args: { first: { type: GraphQLInt }, after: { type: GraphQLString }, search: { type: GraphQLString } } },
      report: { type: GraphQLString, args: { from: { type: GraphQLString }, to: { type: GraphQLString } }, extensions: { complexity: () => 1 } },
    },
  }),
});

describe('costVariables', () => {
  it('keeps page sizes, directive conditions and the arguments of self-estimating fields, and leaves ids, cursors and search text out', () => {
    const document = parse(`query Q($id: ID, $n: Int, $cursor: String, $q: String, $show: Boolean!, $from: String, $to: String) {
      item(id: $id) { id name @include(if: $show) }
      items(first: $n, after: $cursor, search: $q) { ...F }
      report(from: $from, to: $to)
    }
    fragment F on Item { id }`);
    expect(costVariables(schema, document)).toEqual(['from', 'n', 'show', 'to']);
  });
});

describe('costLimitsCheck', () => {
  const limits = { maxDepth: 10, maxAliases: 10, maxComplexity: 100 };
  const document = parse(`query Q($n: Int, $cursor: String) { items(first: $n, after: $cursor) { id name } }`);
  const operation = document.definitions[0] as Parameters<ReturnType<typeof costLimitsCheck>>[1];

  it('refuses a page too large to afford even after the same document was allowed with another cursor and a small page', () => {
    const check = costLimitsCheck(schema, limits, 20);
    expect(() => check(document, operation, 'Q', { n: 5, cursor: 'a' })).not.toThrow();
    expect(() => check(document, operation, 'Q', { n: 5, cursor: 'b' })).not.toThrow();
    expect(() => check(document, operation, 'Q', { n: 500, cursor: 'a' })).toThrow(/would cost 1001/);
  });
});
