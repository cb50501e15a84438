import { registerPersistedQueries, sha256 } from '../src/modules/operations/persisted-queries';
import { signUpOrganization, type SignedIn } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * Automatic persisted queries cost an anonymous caller nothing lasting (issue 12): only signed-in
 * callers register, each organization up to its quota (least recently used first out), unused
 * entries are evicted, and what an operator pinned for allow-list mode stays.
 */

let app: TestApp;
let a: SignedIn;
let b: SignedIn;

beforeAll(async () => {
  app = await startTestApp({ PERSISTED_QUERIES_PER_ORGANIZATION: '3' });
  a = await signUpOrganization(app, { name: 'Hội Chữ thập đỏ huyện Mèo Vạc' });
  b = await signUpOrganization(app, { name: 'Trường Tiểu học Lũng Cú' });
});
afterAll(() => app.close());

/** Sends `query` with its hash (registering it), or only its hash when `query` is omitted from the body. */
async function send(query: string, options: { token?: string; hashOnly?: boolean } = {}) {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({ ...(options.hashOnly ? {} : { query }), extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { data: body.data ?? null, code: body.errors?.[0]?.extensions?.code ?? null };
}

const stored = async (query: string) =>
  app.ownerQuery<{ registered_by: string | null; pinned: boolean }>(`SELECT registered_by, pinned FROM persisted_queries WHERE hash = $1`, [sha256(query)]);

const kept = async (organizationId: string) =>
  (await app.ownerQuery<{ query: string }>(`SELECT query FROM persisted_queries WHERE registered_by = $1 ORDER BY query`, [organizationId])).map((row) => row.query);

describe('automatic persisted queries', () => {
  it('answers an anonymous caller, or one with a forged token, without storing what it sent', async () => {
    const anonymous = '{ anonymous: __typename }';
    expect(await send(anonymous)).toEqual({ data: { anonymous: 'Query' }, code: null });
    expect(await stored(anonymous)).toEqual([]);
    expect(await send(anonymous, { hashOnly: true })).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });

    const forged = '{ forged: __typename }';
    expect(await send(forged, { token: 'not-a-token' })).toEqual({ data: { forged: 'Query' }, code: null });
    expect(await stored(forged)).toEqual([]);
  });

  it("keeps a signed-in caller's registration under its organization, and runs it by hash", async () => {
    const query = '{ viewer { organization { id } } }';
    expect(await send(query, { token: a.token })).toEqual({ data: { viewer: { organization: { id: a.organizationId } } }, code: null });
    expect(await stored(query)).toEqual([{ registered_by: a.organizationId, pinned: false }]);
    expect(await send(query, { token: a.token, hashOnly: true })).toEqual({ data: { viewer: { organization: { id: a.organizationId } } }, code: null });
  });

  it("keeps at most the quota per organization, evicting its least recently used, never another organization's", async () => {
    const own = (i: number) => `{ a${i}: __typename }`;
    for (let i = 1; i <= 5; i += 1) await send(own(i), { token: a.token });
    expect(await kept(a.organizationId)).toEqual([own(3), own(4), own(5)]);

    const others = [1, 2].map((i) => `{ b${i}: __typename }`);
    for (const query of others) await send(query, { token: b.token });
    expect(await kept(b.organizationId)).toEqual(others);
    expect(await kept(a.organizationId)).toEqual([own(3), own(4), own(5)]);

    // Running an entry keeps it: a4 used, then a new one pushes out a3, the least recently used.
    await app.ownerQuery(`UPDATE persisted_queries SET last_used_at = now() - interval '2 days' WHERE registered_by = $1`, [a.organizationId]);
    expect((await send(own(4), { token: a.token, hashOnly: true })).data).toEqual({ a4: 'Query' });
    await app.ownerQuery(`UPDATE persisted_queries SET last_used_at = now() - interval '3 days' WHERE hash = $1`, [sha256(own(3))]);
    await send(own(6), { token: a.token });
    expect(await kept(a.organizationId)).toEqual([own(4), own(5), own(6)]);
  });

  it('evicts entries unused for 30 days, and never one an operator pinned for allow-list mode', async () => {
    const pinned = '{ pinned: __typename }';
    expect(await registerPersistedQueries(app.ownerUrl, [pinned])).toBe(1);
    const old = '{ old: __typename }';
    await send(old, { token: b.token });
    await app.ownerQuery(`UPDATE persisted_queries SET last_used_at = now() - interval '31 days' WHERE hash = ANY($1)`, [[sha256(old), sha256(pinned)]]);
    await send('{ fresh: __typename }', { token: b.token });
    expect(await stored(old)).toEqual([]);
    expect(await stored(pinned)).toEqual([{ registered_by: null, pinned: true }]);
    expect((await send(pinned, { token: b.token, hashOnly: true })).data).toEqual({ pinned: 'Query' });
  });
});
