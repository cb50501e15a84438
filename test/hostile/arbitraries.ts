import * as fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  print,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as generated from '../generated/graphql';
import { privateMarksOf, type World } from '../isolation/harness';
import { claimsOf, HostileRequest, jwt, type Sender } from './support';

/**
 * fast-check arbitraries for hostile requests against a built World: every id they aim at is one
 * of A's (now and then one of B's own, a random or a malformed one), every credential is one of B's,
 * none, or forged.
 *
 * Left out of the generators, each covered by its own regression case in fuzz.test.ts instead
 * (all were defects, now fixed; generating them at random would only make the runs slower):
 * - U+0000 in strings (PostgreSQL refuses it in text: INTERNAL_SERVER_ERROR);
 * - fragment fan-out beyond 2^12 paths (the depth check walks every path: the event loop stalls);
 * - tokens signed with the server's secret whose claims are not UUIDs (INTERNAL_SERVER_ERROR);
 * - lists of thousands of invalid values in variables (each costs about half a millisecond of
 *   blocked event loop in the complexity estimate, which coerces them without an error limit):
 *   generated lists stop at 200;
 * - refreshToken and acceptInvitation with one of B's credentials (each holds its request's
 *   connection while it waits for a second one: a few at once exhaust the pool, and everything
 *   waits 3 s for a 503): sent only anonymously or with a forged credential.
 * The checks tolerate no known defect (support.ts, KNOWN_DEFECTS is empty).
 */

export interface FuzzContext {
  world: World;
  schema: GraphQLSchema;
  /** The test server's signing secret, for tokens as a leaked-secret attacker or an expiry would make them. */
  tokenSecret: string;
  /** A's private ids, A's organization and services (public), B's own, for variables. */
  aIds: string[];
  aPublicIds: string[];
  bIds: string[];
  /** A's private texts (names, emails, phones, reasons): search terms an attacker might try. */
  aTexts: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fuzzContext(world: World, tokenSecret: string): FuzzContext {
  const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const marks = privateMarksOf(world.a);
  const a = world.a;
  const b = world.b;
  return {
    world,
    schema,
    tokenSecret,
    aIds: [...new Set(marks.filter((mark) => UUID.test(mark)))],
    aPublicIds: [a.admin.organizationId, a.network.serviceId, a.network.partnerServiceId, a.network.partnerOrganizationId],
    bIds: [
      b.admin.organizationId,
      b.network.client.id,
      b.network.serviceId,
      b.network.referrals.sent.id,
      b.network.referrals.received.id,
      b.programmes.led.id,
      b.programmes.led.indicatorIds.reported,
    ],
    // Never A's API key secret: sent as a credential, it would make the request A's own.
    aTexts: [...new Set(marks.filter((mark) => !UUID.test(mark) && !mark.startsWith('ngo_')))],
  };
}

/** NUL is left out of every generated string: see the header, and the regression case. */
const noNul = (text: string) => text.replace(/\u0000/g, '');

// ---------------------------------------------------------------------------------------------
// Strings, numbers, ids

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE clients; --",
  "' UNION SELECT id, full_name FROM clients --",
  "x'); SELECT set_config('app.organization_id', NULL, false); --",
  '\\',
  '"',
  "'",
  '%',
  '_',
  '%_%',
  '\\%',
  '$1',
  '::uuid',
  '*',
  '.*',
  '(a+)+$',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  '[]',
  '{}',
  '',
  ' ',
  '   padded   ',
  '\t\r\n',
  '\u202eevil\u202c',
  '\ufeffbom',
  '\u200b',
  '\u0085\u2028\u2029',
  '😀👩‍👩‍👧‍👦',
  '\ud800',
  '\udfff\ud800',
  'A\u0301\u0301\u0301',
  'İıßǅ',
  'ﷺ',
  '../../../../etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'javascript:alert(1)',
  '=cmd|" /C calc"!A0',
  '-1',
  '0',
  '1e308',
  'true',
];

function stringArb(ctx: FuzzContext): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.constantFrom(...ctx.aTexts) },
      { weight: 1, arbitrary: fc.constantFrom(...ctx.aIds) },
      { weight: 1, arbitrary: fc.constantFrom(...ctx.aPublicIds).map((id) => `' OR organization_id = '${id}' OR '1'='1`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('x', 'é', '😀', '\u0301', '%', "'", ' ', 'ab'), fc.integer({ min: 201, max: 100_000 }))
          .map(([unit, n]) => unit.repeat(n)),
      },
    )
    .map(noNul);
}

function idArb(ctx: FuzzContext): fc.Arbitrary<string | number> {
  const aId = fc.constantFrom(...ctx.aIds);
  return fc.oneof(
    { weight: 10, arbitrary: aId },
    { weight: 2, arbitrary: fc.constantFrom(...ctx.aPublicIds) },
    { weight: 1, arbitrary: fc.constantFrom(...ctx.bIds) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 3,
      // Spellings PostgreSQL would read as the same UUID, and near misses.
      arbitrary: fc.tuple(aId, fc.integer({ min: 0, max: 9 })).map(([id, how]) =>
        [
          id.toUpperCase(),
          `{${id}}`,
          id.replace(/-/g, ''),
          ` ${id} `,
          `${id}'`,
          `${id}' OR '1'='1`,
          `${id},${ctx.bIds[0]}`,
          id.slice(0, -1),
          `${id}0`,
          `urn:uuid:${id}`,
        ][how]!,
      ),
    },
    { weight: 1, arbitrary: stringArb(ctx) },
    { weight: 1, arbitrary: fc.integer() },
  );
}

const intArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 120 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(0, -1, 1, 100, 101, 1000, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5, -0.0001, 1e308),
  },
  { weight: 1, arbitrary: fc.integer() },
);

const floatArb = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0.5, 1e-300, 1e308, -1e308, 91, 181));

const localDateArb = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('2026-01-01', '2026-03-31', '2026-02-30', '2025-13-01', '0000-01-01', '9999-12-31', '+275760-09-13', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', 'today', ''),
  },
);

const dateTimeArb = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', '1970-01-01T00:00:00.000+14:00', 'now', '0', ''),
);

const LOCALES = ['vi', 'en', 'vi-VN', 'en-GB', 'fr', 'zz', 'x-klingon', 'VI', 'en_US', 'i-default', 'zh-Hant-TW', ''];

function emailArb(ctx: FuzzContext): fc.Arbitrary<string> {
  const aEmails = ctx.aTexts.filter((text) => text.includes('@'));
  return fc.oneof(
    { weight: 3, arbitrary: fc.emailAddress() },
    { weight: 2, arbitrary: fc.constantFrom(...aEmails) },
    { weight: 1, arbitrary: fc.constantFrom(...aEmails.map((email) => email.toUpperCase()), 'a@b', '@example.org', 'a@@example.org', `${'x'.repeat(300)}@example.org`) },
    { weight: 1, arbitrary: stringArb(ctx) },
  );
}

/** Values of the wrong type for any position. */
const wrongTypeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom({}, [], '', 0, -1, true, false, 'null', [[[[[]]]]], { $ne: null }, { $gt: '' }, { id: { $in: [] } }),
);

// ---------------------------------------------------------------------------------------------
// Variables from the schema's input types

/**
 * Variables come in two kinds. Loose: anything goes (wrong types, nulls for non-null, invalid
 * scalars and enum values, unknown keys, long lists): mostly refused before any resolver runs.
 * Strict: well typed, so that they reach the resolvers, where tenancy is decided; the hostility is
 * in the ids (A's, in every spelling) and the strings.
 */
type Mode = 'loose' | 'strict';

function scalarArb(name: string, ctx: FuzzContext, mode: Mode): fc.Arbitrary<unknown> {
  const strict = mode === 'strict';
  switch (name) {
    case 'ID':
      return idArb(ctx);
    case 'String':
      return stringArb(ctx);
    case 'Int':
      return strict ? fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(1, 2, 5, 20)) : intArb;
    case 'Float':
      return strict ? fc.double({ min: -1e6, max: 1e6, noNaN: true }) : floatArb;
    case 'Latitude':
      return strict ? fc.double({ min: -90, max: 90, noNaN: true }) : floatArb;
    case 'Longitude':
      return strict ? fc.double({ min: -180, max: 180, noNaN: true }) : floatArb;
    case 'Boolean':
      return strict ? fc.boolean() : fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0, 1) });
    case 'EmailAddress':
      return strict ? fc.oneof(fc.emailAddress(), fc.constantFrom(...ctx.aTexts.filter((text) => text.includes('@')))) : emailArb(ctx);
    case 'LocalDate':
      return strict ? fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) : localDateArb;
    case 'DateTime':
      return strict ? fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString()) : dateTimeArb;
    case 'Locale':
      return strict ? fc.constantFrom('vi', 'en', 'vi-VN', 'en-GB', 'fr') : fc.oneof(fc.constantFrom(...LOCALES), stringArb(ctx));
    default:
      return strict ? stringArb(ctx) : fc.oneof(stringArb(ctx), wrongTypeArb);
  }
}

/** An object with own properties only, `__proto__` included, as JSON.parse would build it. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (value !== undefined) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'organizationId', 'organization_id', 'id', 'unknownField', '$where', 'role'];

export function valueArb(type: GraphQLInputType, ctx: FuzzContext, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(undefined);
  if (mode === 'strict') {
    if (isNonNullType(type)) return nullableValueArb(type.ofType, ctx, mode, depth);
    return fc.oneof({ weight: 3, arbitrary: nullableValueArb(type, ctx, mode, depth) }, { weight: 2, arbitrary: fc.constant(undefined) });
  }
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 24, arbitrary: nullableValueArb(type.ofType, ctx, mode, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: wrongTypeArb },
    );
  }
  return fc.oneof(
    { weight: 10, arbitrary: nullableValueArb(type, ctx, mode, depth) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: wrongTypeArb },
  );
}

function nullableValueArb(type: GraphQLInputType, ctx: FuzzContext, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const item = valueArb(nullable.ofType as GraphQLInputType, ctx, mode, depth + 1);
    if (mode === 'strict') return fc.array(item, { maxLength: 3 });
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 2, arbitrary: item },
      // A long list of one value (at most 200: see the header), shrinks by its length.
      { weight: 1, arbitrary: fc.tuple(item, fc.integer({ min: 51, max: 200 })).map(([value, n]) => Array.from({ length: n }, () => value)) },
    );
  }
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    const values = fc.tuple(...fields.map((field) => valueArb(field.type, ctx, mode, depth + 1)));
    const toObject = (list: unknown[], extra: [string, unknown] | null) =>
      ownObject([...fields.map((field, i): [string, unknown] => [field.name, list[i]]), ...(extra ? [extra] : [])]);
    if (mode === 'strict') return values.map((list) => toObject(list, null));
    return fc
      .tuple(values, fc.option(fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.oneof(idArb(ctx), wrongTypeArb)), { freq: 8 }))
      .map(([list, extra]) => toObject(list, extra));
  }
  if (isEnumType(nullable)) {
    const names = nullable.getValues().map((value) => value.name);
    if (mode === 'strict') return fc.constantFrom(...names);
    return fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...names) },
      { weight: 1, arbitrary: fc.constantFrom(...names.map((name) => name.toLowerCase()), 'NOT_A_VALUE', '') },
    );
  }
  if (isScalarType(nullable)) return scalarArb(nullable.name, ctx, mode);
  return wrongTypeArb;
}

// ---------------------------------------------------------------------------------------------
// Senders and credentials

export interface SentAs {
  sender: Sender;
  authorization?: string;
}

function bSenders(ctx: FuzzContext): Record<'b-admin' | 'b-caseworker' | 'b-viewer' | 'b-api-key', string> {
  const b = ctx.world.b;
  return {
    'b-admin': `Bearer ${b.admin.token}`,
    'b-caseworker': `Bearer ${b.members.CASEWORKER.token}`,
    'b-viewer': `Bearer ${b.members.VIEWER.token}`,
    'b-api-key': `Bearer ${b.apiKey.secret}`,
  };
}

/**
 * An Authorization header that must not authenticate anyone: B's token altered, unsigned or signed
 * with a guess, tokens of the right shape with the wrong audience, issuer or expiry, claims that
 * mix A's organization or user with B's session, API-key and refresh-token look-alikes, other
 * schemes, and garbage. (A token of B's with only its scheme's case or spacing changed is still
 * B's and valid: none of those here.)
 */
export function forgedAuthorizationArb(ctx: FuzzContext): fc.Arbitrary<string> {
  const bToken = ctx.world.b.admin.token;
  const b = claimsOf(bToken);
  const [bHeader, , bSignature] = bToken.split('.');
  const a = ctx.world.a;
  const now = Math.floor(Date.now() / 1000);
  const hs256 = { alg: 'HS256', typ: 'JWT' };
  const claims = fc.record({
    sub: fc.constantFrom(b.sub, a.admin.userId, a.members.CASEWORKER.userId),
    org: fc.constantFrom(b.org, a.admin.organizationId),
    sid: fc.oneof(fc.constant(b.sid), fc.uuid()),
  });
  const flip = (text: string, at: number) => {
    const i = at % Math.max(1, text.length - 2);
    return `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
  };
  const token = fc.oneof(
    // B's own token, its payload rewritten to A's organization or user, B's signature kept.
    claims.filter((c) => c.org !== b.org || c.sub !== b.sub || c.sid !== b.sid).map((c) => jwt(hs256, { ...b, ...c }, { signature: bSignature })),
    // B's token with a changed character in its signature (not the last: its spare bits may not count), or cut short.
    fc.nat().map((at) => `${bToken.slice(0, bToken.length - bSignature.length)}${flip(bSignature, at)}`),
    fc.integer({ min: 1, max: 30 }).map((cut) => bToken.slice(0, -cut)),
    fc.constant(`${bHeader}.${bToken.split('.')[1]}`),
    // Unsigned, or with another algorithm named.
    fc.tuple(fc.constantFrom('none', 'None', 'NONE', 'HS384', 'HS512', 'RS256', 'ES256', ''), claims).map(([alg, c]) =>
      jwt({ alg, typ: 'JWT' }, { ...b, ...c, exp: now + 600 }, { signature: '' }),
    ),
    // Signed with a guessed secret.
    fc.tuple(fc.constantFrom('secret', '', 'changeme', 'ngo-commons', 'dev-only-token-secret', ctx.tokenSecret.slice(0, -1)), claims).map(([secret, c]) =>
      jwt(hs256, { ...b, ...c }, secret),
    ),
    // Signed with the server's secret (as after a leak, or an old token), but refused all the same:
    // expired, another audience or issuer, no expiry, or a session that is not this user's in this organization.
    fc.tuple(claims, fc.integer({ min: 0, max: 5 })).map(([c, how]) => {
      const base = { ...b, ...c, iat: now, exp: now + 600 };
      const variants = [
        { ...b, iat: now - 7200, exp: now - 3600 },
        { ...base, aud: 'another-api' },
        { ...base, iss: 'someone-else' },
        { ...base, exp: undefined },
        { ...base, sid: c.sid === b.sid ? '00000000-0000-4000-8000-000000000000' : c.sid, org: a.admin.organizationId },
        { ...base, org: a.admin.organizationId, sub: a.admin.userId },
      ];
      return jwt(hs256, variants[how]!, ctx.tokenSecret);
    }),
    // Look-alikes of the other credentials, and garbage.
    fc.stringMatching(/^ngo_key_[A-Za-z0-9_-]{0,64}$/),
    fc.constantFrom(`ngo_key_${a.apiKey.id}`, `ngo_key_${a.apiKey.secret.slice(8, 20)}`, 'ngo_key_', 'ngo_rt_x', 'ngo_inv_x'),
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 200 }).map((text) => text.replace(/[^\x21-\x7e]/g, 'x')),
    fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'a'.repeat(n)),
  );
  return fc.oneof(
    { weight: 8, arbitrary: token.map((t) => `Bearer ${t}`) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom('Basic', 'Token', 'JWT', 'Bearer:', 'Bearer=', 'Bearer,'), token).map(([scheme, t]) => `${scheme} ${t}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', `Bearer ${bToken} ${bToken}`, `Bearer "${bToken}"`, `${bToken}`, 'null', 'undefined', '') },
  );
}

export function sentAsArb(ctx: FuzzContext, weights: { b: number; anonymous: number; forged: number }): fc.Arbitrary<SentAs> {
  const senders = bSenders(ctx);
  const choices: fc.WeightedArbitrary<SentAs>[] = [
    {
      weight: weights.b,
      arbitrary: fc.constantFrom<keyof typeof senders>('b-admin', 'b-admin', 'b-caseworker', 'b-viewer', 'b-api-key').map((sender) => ({
        sender,
        authorization: senders[sender],
      })),
    },
    { weight: weights.anonymous, arbitrary: fc.constant<SentAs>({ sender: 'anonymous' }) },
    { weight: weights.forged, arbitrary: forgedAuthorizationArb(ctx).map((authorization): SentAs => ({ sender: 'forged', authorization })) },
  ];
  return fc.oneof(...choices.filter((choice) => choice.weight > 0));
}

// ---------------------------------------------------------------------------------------------
// Operations from test/operations with mutated variables

export interface Operation {
  name: string;
  document: DocumentNode;
  text: string;
  definition: OperationDefinitionNode;
}

/** Mutations and queries any caller may send without a credential. */
const PUBLIC_FIELDS = new Set(['signUp', 'login', 'refreshToken', 'acceptInvitation', 'requestPasswordReset', 'resetPassword', '__typename']);

export const OPERATIONS: Operation[] = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.kind === 'Document')
  .map(([name, value]) => {
    const document = value as DocumentNode;
    return { name: name.replace(/Document$/, ''), document, text: print(document), definition: getOperationAST(document)! };
  });

const needsCredential = (definition: OperationDefinitionNode) =>
  definition.selectionSet.selections.some((selection) => selection.kind !== 'Field' || !PUBLIC_FIELDS.has(selection.name.value));

function variablesArb(operation: Operation, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const definitions = operation.definition.variableDefinitions ?? [];
  const ofMode = (mode: Mode) =>
    fc
      .tuple(...definitions.map((definition) => valueArb(typeFromAST(ctx.schema, definition.type as never) as GraphQLInputType, ctx, mode)))
      .map((list) => ownObject(definitions.map((definition, i): [string, unknown] => [definition.variable.name.value, list[i]])));
  const proper = ofMode('loose');
  return fc.oneof(
    { weight: 10, arbitrary: ofMode('strict') },
    { weight: 8, arbitrary: proper },
    {
      weight: 1,
      arbitrary: fc.tuple(proper, fc.constantFrom(...EXTRA_KEYS), idArb(ctx)).map(([variables, key, value]) => ownObject([...Object.entries(variables as object), [key, value]])),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: wrongTypeArb },
  );
}

export function operationRequestArb(ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const variablesOf = new Map(OPERATIONS.map((operation) => [operation.name, variablesArb(operation, ctx)]));
  return fc
    .constantFrom(...OPERATIONS)
    .chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        variables: variablesOf.get(operation.name)!,
        sentAs: sentAsArb(ctx, { b: 12, anonymous: 2, forged: 2 }),
        transport: fc.constantFrom('post', 'post', 'post', 'post', 'post', 'post', 'post', 'post', 'get', 'post-graphql-response'),
        operationName: fc.oneof(
          { weight: 12, arbitrary: fc.constant<string | undefined | null>(undefined) },
          { weight: 2, arbitrary: fc.constant(operation.name) },
          { weight: 1, arbitrary: fc.constantFrom<string | null>(null, '', 'Other', '__proto__', OPERATIONS[0]!.name) },
        ),
        extensions: fc.oneof(
          { weight: 30, arbitrary: fc.constant<unknown>(undefined) },
          { weight: 1, arbitrary: fc.constant({ persistedQuery: { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' } }) },
          { weight: 1, arbitrary: wrongTypeArb },
        ),
      }),
    )
    .map(({ operation, variables, sentAs, transport, operationName, extensions }) => {
      // Logging out would end B's session for the rest of the run; refreshToken and acceptInvitation
      // with B's credential starve the pool (see the header): those only without B's credential.
      const withoutB = ['Logout', 'RefreshToken', 'AcceptInvitation'].includes(operation.name) && sentAs.sender.startsWith('b-');
      const as: SentAs = withoutB ? { sender: 'anonymous' } : sentAs;
      const headers: Record<string, string> = as.authorization === undefined ? {} : { authorization: as.authorization };
      const options = { sender: as.sender, expectNoData: (as.sender === 'anonymous' || as.sender === 'forged') && needsCredential(operation.definition) };
      const label = `${operation.name} as ${as.sender}`;
      if (transport === 'get') {
        const search = new URLSearchParams({ query: operation.text });
        if (variables !== undefined) search.set('variables', JSON.stringify(variables));
        if (typeof operationName === 'string') search.set('operationName', operationName);
        if (extensions !== undefined) search.set('extensions', JSON.stringify(extensions));
        // Node refuses a request line over 16 KB (431) before the app sees it: long ones go as POST.
        if (search.toString().length < 12_000) {
          return new HostileRequest(`${label}, GET`, 'GET', { ...headers, 'apollo-require-preflight': 'true' }, undefined, { ...options, search: search.toString() });
        }
      }
      const accept: Record<string, string> = transport === 'post-graphql-response' ? { accept: 'application/graphql-response+json' } : {};
      const body = JSON.stringify({ query: operation.text, variables, operationName, extensions });
      return new HostileRequest(label, 'POST', { ...headers, ...accept, 'content-type': 'application/json' }, body, options);
    });
}

/** A protected operation with well-formed variables aimed at A, for the credential property: only the credential is wrong. */
export function protectedOperationArb(ctx: FuzzContext): fc.Arbitrary<{ query: string; variables: Record<string, unknown>; name: string }> {
  const a = ctx.world.a;
  return fc.constantFrom(
    { name: 'Viewer', query: '{ viewer { organization { id name } user { id email } } }', variables: {} },
    { name: 'Client', query: 'query($id: ID!) { client(id: $id) { id fullName } }', variables: { id: a.network.client.id } },
    { name: 'Clients', query: 'query($s: String) { clients(search: $s, first: 5) { edges { node { id fullName } } } }', variables: { s: a.network.client.fullName } },
    { name: 'Referral', query: 'query($id: ID!) { referral(id: $id) { id reason } }', variables: { id: a.network.referrals.sent.id } },
    { name: 'Members', query: '{ members(first: 5) { edges { node { id } } } }', variables: {} },
    { name: 'Program', query: 'query($id: ID!) { program(id: $id) { id name } }', variables: { id: a.programmes.led.id } },
    { name: 'Services', query: '{ services(first: 5) { edges { node { id name } } } }', variables: {} },
    {
      name: 'UpdateClient',
      query: 'mutation($input: UpdateClientInput!) { updateClient(input: $input) { id fullName } }',
      variables: { input: { clientId: a.network.client.id, expectedVersion: a.network.client.version, fullName: 'Changed by a forged token' } },
    },
    {
      name: 'SwitchOrganization',
      query: 'mutation($input: SwitchOrganizationInput!) { switchOrganization(input: $input) { accessToken } }',
      variables: { input: { organizationId: a.admin.organizationId } },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Query shapes: random walks over the schema, with amplifiers

/** Deterministic choices from a list of numbers, so that fast-check shrinks a query by shrinking them. */
class Chooser {
  private at = 0;
  constructor(private readonly numbers: readonly number[]) {}
  pick(n: number): number {
    const value = this.numbers[this.at++ % this.numbers.length] ?? 0;
    return n <= 1 ? 0 : value % n;
  }
  chance(outOf: number): boolean {
    return this.pick(outOf) === 0;
  }
}

const LITERAL_STRINGS = [...HOSTILE_STRINGS.filter((text) => !/[\ud800-\udfff]/.test(text))];
const LITERAL_INTS = [0, -1, 1, 5, 100, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 1e21];

function literal(type: GraphQLInputType, c: Chooser, ctx: FuzzContext, depth: number): string {
  if (isNonNullType(type)) return c.chance(25) ? 'null' : literal(type.ofType, c, ctx, depth);
  if (depth > 4 || c.chance(30)) return 'null';
  if (isListType(type)) {
    const n = c.chance(12) ? c.pick(400) : c.pick(3);
    return `[${Array.from({ length: n }, () => literal(type.ofType as GraphQLInputType, c, ctx, depth + 1)).join(', ')}]`;
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || c.chance(2));
    const extra = c.chance(15) ? ` ${EXTRA_KEYS[c.pick(EXTRA_KEYS.length)]!.replace(/\$/g, '')}: "x"` : '';
    return `{${fields.map((field) => `${field.name}: ${literal(field.type, c, ctx, depth + 1)}`).join(', ')}${extra}}`;
  }
  if (isEnumType(type)) {
    const values = type.getValues();
    return c.chance(12) ? '"NOT_AN_ENUM"' : values[c.pick(values.length)]!.name;
  }
  const pool = (list: readonly (string | number)[]) => list[c.pick(list.length)]!;
  switch (type.name) {
    case 'ID':
      return JSON.stringify(c.chance(6) ? pool([...ctx.bIds, ...ctx.aPublicIds, 'x', '1']) : pool(ctx.aIds));
    case 'Int':
      return String(pool(LITERAL_INTS));
    case 'Float':
    case 'Latitude':
    case 'Longitude':
      return String(pool([0, 1.5, -91, 181, 1e308]));
    case 'Boolean':
      return pool(['true', 'false', '"true"']) as string;
    case 'LocalDate':
      return JSON.stringify(pool(['2026-01-01', '2026-02-30', '9999-12-31', 'x']));
    case 'DateTime':
      return JSON.stringify(pool(['2026-01-01T00:00:00Z', 'x']));
    case 'EmailAddress':
      return JSON.stringify(pool([...ctx.aTexts.filter((text) => text.includes('@')), 'not-an-email']));
    default:
      return JSON.stringify(c.chance(3) ? pool(ctx.aTexts) : pool(LITERAL_STRINGS));
  }
}

/** Root fields the walk never calls with B's credential: logging out would end B's session; the other two starve the pool (see the header). */
const NEVER_AS_B = new Set(['logout', 'refreshToken', 'acceptInvitation']);

function selection(type: GraphQLNamedType, c: Chooser, ctx: FuzzContext, depth: number, maxDepth: number, asB: boolean): string {
  if (isAbstractType(type)) {
    const possible = ctx.schema.getPossibleTypes(type);
    const chosen = possible[c.pick(possible.length)]!;
    return `__typename ... on ${chosen.name} { ${selection(chosen, c, ctx, depth, maxDepth, asB)} }`;
  }
  if (!isObjectType(type)) return '';
  const object = type as GraphQLObjectType;
  const fields = Object.values(object.getFields()).filter((field) => !(depth === 0 && asB && NEVER_AS_B.has(field.name)));
  if (depth >= maxDepth || fields.length === 0) return '__typename';
  const parts: string[] = [];
  const count = 1 + c.pick(depth === 0 ? 2 : 4);
  for (let i = 0; i < count; i++) {
    if (c.chance(25)) {
      parts.push(c.chance(2) ? `unknownField${c.pick(100)}` : `__typename(arg: 1)`);
      continue;
    }
    if (c.chance(20)) {
      parts.push(`... on ${object.name} { ${selection(object, c, ctx, depth + 1, maxDepth, asB)} }`);
      continue;
    }
    const field = fields[c.pick(fields.length)]!;
    const args = field.args.filter((arg) => isNonNullType(arg.type) || c.chance(2));
    const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type, c, ctx, 0)}`).join(', ')})` : '';
    const alias = c.chance(6) ? `a${depth}_${i}: ` : '';
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(`${alias}${field.name}${argText}`);
    else parts.push(`${alias}${field.name}${argText} { ${selection(named, c, ctx, depth + 1, maxDepth, asB)} }`);
  }
  return parts.join(' ');
}

type Amplifier =
  | { kind: 'none' }
  | { kind: 'aliases'; n: number }
  | { kind: 'inline'; n: number }
  | { kind: 'directives'; n: number }
  | { kind: 'fragments'; n: number; fanOut: number }
  | { kind: 'operations'; n: number; pick: number | null }
  | { kind: 'padding'; n: number }
  | { kind: 'introspection'; n: number };

const amplifierArb: fc.Arbitrary<Amplifier> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Amplifier>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('aliases' as const), n: fc.integer({ min: 2, max: 1_200 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('inline' as const), n: fc.integer({ min: 10, max: 1_400 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('directives' as const), n: fc.integer({ min: 2, max: 1_000 }) }) },
  // At most 2^12 paths: see the header.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fragments' as const), n: fc.integer({ min: 1, max: 12 }), fanOut: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('operations' as const), n: fc.integer({ min: 2, max: 40 }), pick: fc.option(fc.nat({ max: 45 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('padding' as const), n: fc.integer({ min: 100, max: 60_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('introspection' as const), n: fc.integer({ min: 1, max: 40 }) }) },
);

function amplify(root: 'query' | 'mutation', body: string, amplifier: Amplifier): { query: string; operationName?: string } {
  switch (amplifier.kind) {
    case 'none':
      return { query: `${root} { ${body} }` };
    case 'aliases':
      return { query: `${root} { ${Array.from({ length: amplifier.n }, (_, i) => `x${i}: __typename`).join(' ')} ${body} }` };
    case 'inline':
      return { query: `${root} { ${`... on ${root === 'query' ? 'Query' : 'Mutation'} { `.repeat(amplifier.n)}${body}${' }'.repeat(amplifier.n)} }` };
    case 'directives':
      return { query: `${root} { __typename${' @include(if: true) @skip(if: false)'.repeat(amplifier.n)} ${body} }` };
    case 'fragments': {
      const type = root === 'query' ? 'Query' : 'Mutation';
      const spreads = (i: number) => Array.from({ length: amplifier.fanOut }, () => `...F${i + 1}`).join(' ');
      const fragments = Array.from({ length: amplifier.n }, (_, i) => `fragment F${i} on ${type} { __typename ${spreads(i)} }`);
      return { query: `${root} { ...F0 ${body} } ${fragments.join(' ')} fragment F${amplifier.n} on ${type} { ${body} }` };
    }
    case 'operations': {
      const operations = Array.from({ length: amplifier.n }, (_, i) => `${root} Op${i} { ${body} }`);
      return { query: operations.join(' '), operationName: amplifier.pick === null ? undefined : `Op${amplifier.pick}` };
    }
    case 'padding':
      return { query: `${root} { ${body} }${amplifier.n % 2 ? ' '.repeat(amplifier.n) : `\n#${'x'.repeat(amplifier.n)}`}` };
    case 'introspection': {
      const nested = `${'ofType { '.repeat(amplifier.n)}name${' }'.repeat(amplifier.n)}`;
      return { query: `query { __schema { types { name fields(includeDeprecated: true) { name type { ${nested} } } } } __type(name: "Client") { fields { name } } }` };
    }
  }
}

export function queryShapeArb(ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      choices: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 96, maxLength: 96 }),
      root: fc.constantFrom<'query' | 'mutation'>('query', 'query', 'query', 'mutation'),
      maxDepth: fc.integer({ min: 1, max: 16 }),
      amplifier: amplifierArb,
      sentAs: sentAsArb(ctx, { b: 10, anonymous: 2, forged: 1 }),
    })
    .map(({ choices, root, maxDepth, amplifier, sentAs }) => {
      const asB = sentAs.sender.startsWith('b-');
      const rootType = root === 'query' ? ctx.schema.getQueryType()! : ctx.schema.getMutationType()!;
      const body = selection(rootType, new Chooser(choices), ctx, 0, maxDepth, asB);
      const { query, operationName } = amplify(root, body, amplifier);
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(sentAs.authorization ? { authorization: sentAs.authorization } : {}) };
      const needsCredential = /^\s*(query|mutation)/.test(query) && !/^\S+ \{ (__typename ?)*\}$/.test(query);
      return new HostileRequest(`${root} shape (${amplifier.kind}) as ${sentAs.sender}`, 'POST', headers, JSON.stringify({ query, operationName }), {
        sender: sentAs.sender,
        // Anonymous and forged callers may only ever get __typename, introspection, or what the sign-in mutations return.
        expectNoData: !asB && needsCredential && amplifier.kind !== 'introspection' && !/\b(signUp|login|refreshToken|acceptInvitation|requestPasswordReset|resetPassword)\b/.test(query),
      });
    });
}

// ---------------------------------------------------------------------------------------------
// HTTP-level hostility

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/graphql-response+json',
  'application/vnd.api+json',
  'application/json;;;',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/graphql',
  'application/xml',
  'text/html',
  '*/*',
  'json',
];

const ACCEPTS = ['*/*', 'application/json', 'application/graphql-response+json', 'text/html', 'application/xml', 'application/json;q=0', '', 'image/*', 'application/*'];

function simpleBodyArb(ctx: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
  const a = ctx.world.a;
  return fc.constantFrom(
    { query: '{ __typename }' },
    { query: 'query($id: ID!) { client(id: $id) { id fullName phone } }', variables: { id: a.network.client.id } },
    { query: 'query($id: ID!) { referral(id: $id) { id reason } }', variables: { id: a.network.referrals.accepted.id } },
    { query: '{ viewer { organization { id } } }' },
    { query: `{ clients(search: ${JSON.stringify(a.network.client.fullName)}, first: 5) { edges { node { id fullName } } } }` },
    { query: 'mutation($input: UpdateClientInput!) { updateClient(input: $input) { id } }', variables: { input: { clientId: a.network.client.id, expectedVersion: a.network.client.version, fullName: 'Changed over HTTP' } } },
  );
}

const invalidUtf8 = fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]);

/** Requests a careful server answers in JSON whatever they carry: methods, types, GET, batches, parameters of the wrong type. */
export function httpRequestArb(ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const sent = sentAsArb(ctx, { b: 6, anonymous: 3, forged: 1 });
  const auth = (as: SentAs): Record<string, string> => (as.authorization ? { authorization: as.authorization } : {});
  const options = (as: SentAs, expectNoData = as.sender === 'anonymous' || as.sender === 'forged') => ({ sender: as.sender, expectNoData });
  return fc.oneof(
    fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS'), simpleBodyArb(ctx), sent).map(
      ([method, body, as]) =>
        new HostileRequest(`${method}`, method, { ...auth(as), 'content-type': 'application/json' }, JSON.stringify(body), {
          ...options(as),
          statuses: method === 'OPTIONS' ? [204] : [400, 405],
        }),
    ),
    fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.boolean(), simpleBodyArb(ctx), sent).map(
      ([type, preflight, body, as]) =>
        new HostileRequest(`POST as ${type}${preflight ? ', preflight' : ''}`, 'POST', { ...auth(as), 'content-type': type, ...(preflight ? { 'apollo-require-preflight': 'true' } : {}) }, JSON.stringify(body), options(as)),
    ),
    fc
      .tuple(
        simpleBodyArb(ctx),
        fc.boolean(),
        fc.constantFrom('', 'mutation { logout }', '{ __typename }', 'not graphql'),
        fc.dictionary(fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'query[]', 'variables[id]', '__proto__'), fc.oneof(stringArb(ctx), fc.constantFrom('{', '[]', 'null', '{"id":1}'))),
        sent,
      )
      .map(([body, preflight, other, extra, as]) => {
        const search = new URLSearchParams();
        search.set('query', other || (body.query as string));
        if (body.variables) search.set('variables', JSON.stringify(body.variables));
        // Node answers 431 (no body) to a request line over 16 KB before the app sees it: keep under.
        for (const [key, value] of Object.entries(extra)) search.append(key, value.slice(0, 120));
        return new HostileRequest(`GET${preflight ? ', preflight' : ''}`, 'GET', { ...auth(as), ...(preflight ? { 'apollo-require-preflight': 'true' } : {}) }, undefined, {
          ...options(as),
          search: search.toString(),
        });
      }),
    fc.tuple(fc.constantFrom(...ACCEPTS), simpleBodyArb(ctx), sent).map(
      ([accept, body, as]) => new HostileRequest(`accept ${accept}`, 'POST', { ...auth(as), accept, 'content-type': 'application/json' }, JSON.stringify(body), options(as)),
    ),
    fc.tuple(fc.array(simpleBodyArb(ctx), { maxLength: 30 }), sent).map(
      ([bodies, as]) =>
        new HostileRequest(`batch of ${bodies.length}`, 'POST', { ...auth(as), 'content-type': 'application/json' }, JSON.stringify(bodies), { ...options(as), statuses: [400] }),
    ),
    fc
      .tuple(
        fc.record({ query: fc.oneof(wrongTypeArb, stringArb(ctx).map((text) => text.slice(0, 5_000))), variables: wrongTypeArb, operationName: wrongTypeArb, extensions: wrongTypeArb }, { requiredKeys: [] }),
        fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id')),
        sent,
      )
      .map(([body, extra, as]) => {
        const text = JSON.stringify(body);
        const withExtra = extra ? `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"${extra}":{"query":"{ __typename }"}}` : text;
        return new HostileRequest('parameters of the wrong type', 'POST', { ...auth(as), 'content-type': 'application/json' }, withExtra, options(as));
      }),
    // Invalid UTF-8 inside a JSON string: the parser decodes it as U+FFFD.
    fc.tuple(simpleBodyArb(ctx), invalidUtf8, fc.nat(), sent).map(([body, bytes, at, as]) => {
      const text = JSON.stringify({ ...body, variables: { ...(body.variables as object), junk: 'a_b' } });
      const marker = text.indexOf('a_b') + 1;
      const stringStarts = [...text.matchAll(/":"/g)].map((match) => match.index! + 3);
      const position = [marker, ...stringStarts][at % (stringStarts.length + 1)]!;
      const encoded = Buffer.from(text, 'utf8');
      const cut = Buffer.byteLength(text.slice(0, position), 'utf8');
      return new HostileRequest(
        'invalid UTF-8 inside a string',
        'POST',
        { ...auth(as), 'content-type': 'application/json' },
        new Uint8Array(Buffer.concat([encoded.subarray(0, cut), Buffer.from(bytes), encoded.subarray(cut)])),
        options(as),
      );
    }),
    // Deeply nested JSON in variables: the parser copes, GraphQL refuses the shape.
    fc.tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom('[', '{"a":'), sent).map(([depth, open, as]) => {
      const close = open === '[' ? ']' : '}';
      return new HostileRequest(`JSON nested ${depth} deep`, 'POST', { ...auth(as), 'content-type': 'application/json' }, `{"query":"query($v: String) { __typename }","variables":{"v":${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}}}`, options(as));
    }),
    // Compressed bodies that inflate to something small.
    fc.tuple(simpleBodyArb(ctx), sent).map(([body, as]) => new HostileRequest('gzip', 'POST', { ...auth(as), 'content-type': 'application/json', 'content-encoding': 'gzip' }, new Uint8Array(gzipSync(JSON.stringify(body))), options(as))),
    sent.map((as) => new HostileRequest('empty body', 'POST', { ...auth(as), 'content-type': 'application/json' }, '', { ...options(as), statuses: [400] })),
  );
}

/**
 * Bodies the JSON body parser refuses before Apollo sees them: malformed JSON, JSON that is not an
 * object or array, an unsupported charset or content encoding, invalid UTF-8 outside strings.
 */
export function unparsableBodyArb(ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const sent = sentAsArb(ctx, { b: 3, anonymous: 1, forged: 1 });
  const auth = (as: SentAs): Record<string, string> => (as.authorization ? { authorization: as.authorization } : {});
  const json = { 'content-type': 'application/json' };
  // Each of these breaks JSON wherever it lands (a raw control character is invalid inside a string too).
  const corrupt = (text: string, at: number, how: number) => {
    const i = 1 + (at % (text.length - 1));
    return [text.slice(0, i), `${text.slice(0, i)}\u0001${text.slice(i)}`, text.replace(/"/g, "'"), `${text},`, `${text}${text}`, `x${text}`, `{,${text.slice(1)}`][how % 7]!;
  };
  return fc.oneof(
    fc.tuple(simpleBodyArb(ctx), fc.nat(), fc.nat(), sent).map(([body, at, how, as]) => {
      const text = corrupt(JSON.stringify(body), at, how);
      return new HostileRequest('malformed JSON', 'POST', { ...auth(as), ...json }, text, { sender: as.sender, statuses: [400] });
    }),
    fc.tuple(fc.constantFrom('null', '5', '"x"', 'true', '-0', '1e999', ' ', 'nul', '\ufeff{}'), sent).map(
      ([text, as]) => new HostileRequest('not an object', 'POST', { ...auth(as), ...json }, text, { sender: as.sender, statuses: [400] }),
    ),
    fc.tuple(fc.constantFrom('latin1', 'utf-16', 'utf-7', 'ebcdic', 'x', 'utf-8;q=1'), simpleBodyArb(ctx), sent).map(
      ([charset, body, as]) =>
        // iconv-lite decodes some of these (utf-7, utf-16 of ASCII-looking bytes): any documented status, in JSON.
        new HostileRequest(`charset ${charset}`, 'POST', { ...auth(as), 'content-type': `application/json; charset=${charset}` }, JSON.stringify(body), { sender: as.sender }),
    ),
    fc.tuple(fc.constantFrom('compress', 'br', 'gzip', 'deflate', 'x-gzip, br', 'zstd'), simpleBodyArb(ctx), sent).map(
      ([encoding, body, as]) =>
        new HostileRequest(`content-encoding ${encoding}, not encoded`, 'POST', { ...auth(as), ...json, 'content-encoding': encoding }, JSON.stringify(body), { sender: as.sender, statuses: [400, 415] }),
    ),
    fc.tuple(simpleBodyArb(ctx), invalidUtf8, sent).map(([body, bytes, as]) => {
      const text = Buffer.from(JSON.stringify(body), 'utf8');
      return new HostileRequest('invalid UTF-8 outside strings', 'POST', { ...auth(as), ...json }, new Uint8Array(Buffer.concat([text.subarray(0, 1), Buffer.from(bytes), text.subarray(1)])), {
        sender: as.sender,
        statuses: [400],
      });
    }),
  );
}

/** The body limit is 1 MB (1,048,576 bytes): bodies from just over it to a few MB, plain or gzip bombs. */
export function giantBodyArb(ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const sent = sentAsArb(ctx, { b: 3, anonymous: 1, forged: 0 });
  const json = { 'content-type': 'application/json' };
  const auth = (as: SentAs): Record<string, string> => (as.authorization ? { authorization: as.authorization } : {});
  return fc.tuple(fc.integer({ min: 1_048_577, max: 4 * 1_048_576 }), fc.integer({ min: 0, max: 4 }), sent).map(([size, how, as]) => {
    const a = ctx.world.a;
    const filler = (n: number) => 'x'.repeat(Math.max(0, n));
    const bodies = [
      () => JSON.stringify({ query: 'query($s: String) { clients(search: $s, first: 1) { edges { node { id } } } }', variables: { s: filler(size) } }),
      () => JSON.stringify({ query: `{ __typename }${' '.repeat(size)}` }),
      () => JSON.stringify({ query: 'query($ids: [String!]) { __typename }', variables: { ids: Array.from({ length: Math.ceil(size / 39) }, () => a.network.client.id) } }),
      () => JSON.stringify(Array.from({ length: Math.ceil(size / 40) }, () => ({ query: '{ __typename }' }))),
      () => JSON.stringify({ query: 'mutation($input: UpdateClientInput!) { updateClient(input: $input) { id } }', variables: { input: { clientId: a.network.client.id, expectedVersion: 1, fullName: filler(size) } } }),
    ];
    const built = bodies[how]!();
    // Whitespace after the JSON makes sure it is over the limit, whatever the estimate above.
    const text = built.length > size ? built : `${built}${' '.repeat(size - built.length + 1)}`;
    // Every other one as a gzip bomb: a few kilobytes on the wire, megabytes inflated.
    if (size % 2 === 0) {
      return new HostileRequest(`gzip bomb inflating to ${text.length} bytes`, 'POST', { ...auth(as), ...json, 'content-encoding': 'gzip' }, new Uint8Array(gzipSync(text)), {
        sender: as.sender,
        statuses: [413],
      });
    }
    return new HostileRequest(`${text.length} bytes`, 'POST', { ...auth(as), ...json }, text, { sender: as.sender, statuses: [413] });
  });
}
