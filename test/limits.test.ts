import { readFileSync } from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { ReferralInboxDocument } from './generated/graphql';
import { dataOf, signUpOrganization, type SignedIn } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpOrganization(app);
});
afterAll(() => app.close());

async function post(body: unknown, token = admin.token) {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

const counts = async () =>
  (await app.ownerQuery<{ n: number }>(`SELECT (SELECT count(*) FROM referrals) + (SELECT count(*) FROM clients) AS n`))[0].n;

describe('limits on what one request may cost', () => {
  it('lets the richest everyday request through: an inbox page of 50 with everything nested', async () => {
    const res = await app.request(ReferralInboxDocument, { first: 50 }, { token: admin.token });
    expect(dataOf(res).referralInbox.edges).toEqual([]);
  });

  it('refuses a query nested deeper than the limit, before running it, naming the limit', async () => {
    const nested = Array.from({ length: 13 }).reduce<string>((inner) => `forwardedFrom { id ${inner} }`, 'id');
    const res = await post({ query: `query Deep($id: ID!) { referral(id: $id) { ${nested} } }`, variables: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 15, maxDepth: 12 });
    expect(res.body.data).toBeUndefined();
  });

  it("lets an explorer's full introspection through (ofType chains add no depth) but not introspection nested deeper than the limit", async () => {
    const full = await post({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) });
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });

    const nested = 'fields { type { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } }';
    const deep = await post({ query: `{ __schema { types { ${nested} } } }` });
    // graphql-js's own rule against nested introspection refuses it before the depth limit would.
    expect(deep.body.data).toBeUndefined();
    expect(deep.body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query whose pages would cost too much, counting each page by its size', async () => {
    const page = `referralInbox(first: 100) { edges { node { id status reason client { fullName phone } sender { name } receiver { name } timeline { id note actorName } } } }`;
    const res = await post({ query: `{ ${['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((alias) => `${alias}: ${page}`).join(' ')} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxComplexity: 10_000 });
    expect((res.body.errors?.[0].extensions.complexity as number) > 10_000).toBe(true);
    const small = await post({ query: `{ ${page} }` });
    expect(small.body.errors).toBeUndefined();
    // A backward page costs its size as a forward one does.
    const backward = await post({ query: `{ ${['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((alias) => `${alias}: ${page.replace('first: 100', 'last: 100')}`).join(' ')} }` });
    expect(backward.status).toBe(400);
    expect(backward.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: res.body.errors?.[0].extensions.complexity });
  });

  it('refuses too many aliases, a document too large, and batched requests', async () => {
    const aliased = Array.from({ length: 31 }, (_, i) => `v${i}: viewer { organization { id } }`).join(' ');
    const aliases = await post({ query: `{ ${aliased} }` });
    expect([aliases.status, aliases.body.errors?.[0].extensions.code]).toEqual([400, 'TOO_MANY_ALIASES']);

    const padded = `# ${'x'.repeat(25_000)}\n{ viewer { organization { id } } }`;
    const large = await post({ query: padded });
    expect([large.status, large.body.errors?.[0].extensions]).toEqual([413, { code: 'DOCUMENT_TOO_LARGE', bytes: Buffer.byteLength(padded), maxDocumentBytes: 20_000 }]);

    const before = await counts();
    const batched = await post([{ query: '{ viewer { organization { id } } }' }, { query: '{ viewer { organization { id } } }' }]);
    expect(batched.status).toBe(400);
    expect(await counts()).toBe(before);
  });
});

describe('cursors', () => {
  it('refuse a forged or foreign cursor as bad input, naming `after`, in lists read by either path', async () => {
    const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const cursors = [forged(['not-a-date', 'not-a-uuid']), forged(['2026-12-02T10:00:00.000Z', 'not-a-uuid']), forged([1, 2, 3]), 'not base64 json'];
    for (const after of cursors) {
      for (const query of ['query ($after: String) { auditEvents(after: $after) { edges { cursor } } }', 'query ($after: String) { referralInbox(after: $after) { edges { cursor } } }']) {
        const res = await post({ query, variables: { after } });
        expect([after, res.body.errors?.map((error) => [error.extensions.code, error.extensions.argumentPath])]).toEqual([after, [['BAD_USER_INPUT', ['after']]]]);
      }
    }
    // A cursor this list handed out works, and the page says where it sits.
    type Paged = { auditEvents: { edges: { cursor: string }[]; pageInfo: { endCursor: string; startCursor: string; hasPreviousPage: boolean } } };
    const pageQuery = 'query ($after: String) { auditEvents(first: 1, after: $after) { edges { cursor } pageInfo { endCursor startCursor hasPreviousPage } } }';
    const first = (await post({ query: pageQuery })).body.data as Paged;
    expect(first.auditEvents.pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: first.auditEvents.edges[0].cursor });
    const next = await post({ query: pageQuery, variables: { after: first.auditEvents.pageInfo.endCursor } });
    expect(next.body.errors).toBeUndefined();
    expect((next.body.data as Paged).auditEvents.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe('the HTTP layer', () => {
  it('says at / what it is and where things are, and serves the schema as committed', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    const about = (await root.json()) as Record<string, unknown>;
    expect(about).toMatchObject({ name: 'NGO Commons', version: JSON.parse(readFileSync('package.json', 'utf8')).version, graphql: '/graphql', schema: '/schema.graphql' });
    const schema = await fetch(`${base}/schema.graphql`);
    expect(schema.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await schema.text()).toBe(readFileSync('schema/schema.graphql', 'utf8'));
  });

  it('answers liveness and readiness, readiness with the database and migration state', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const live = await fetch(`${base}/healthz`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', database: 'up', pendingMigrations: [] }]);
  });

  it('sends security headers and no framework banner', async () => {
    const res = await post({ query: '{ viewer { organization { id } } }' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('reports a database that has not run every migration as not ready', async () => {
    await app.ownerQuery(`UPDATE schema_migrations SET name = 'Renamed' || name WHERE name = 'Operations1795700000000'`);
    try {
      const ready = await fetch(`${app.url.replace(/\/graphql$/, '')}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([503, { status: 'not ready', database: 'up', pendingMigrations: ['Operations1795700000000'] }]);
    } finally {
      await app.ownerQuery(`UPDATE schema_migrations SET name = 'Operations1795700000000' WHERE name = 'RenamedOperations1795700000000'`);
    }
  });
});
