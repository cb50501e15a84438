import { createHash } from 'node:crypto';
import { SendReferralDocument, ViewerDocument } from './generated/graphql';
import { createApiKey, dataOf, errorCodes, signUpOrganization } from './factories';
import { partner, recordConsent, registerClient } from './factories/referrals';
import { registerPersistedQueries, sha256 } from '../src/modules/operations/persisted-queries';
import { startTestApp, type GraphQLResponse, type TestApp, type TestInstance } from './setup/test-app';

let app: TestApp;
let second: TestInstance;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_API_KEY_PER_MINUTE: '2' });
  second = await app.startInstance();
});
afterAll(async () => {
  await second.close();
  await app.close();
});

/** Answers and refusals of requests sent alternately to the two instances. */
async function alternate(count: number, token: string): Promise<GraphQLResponse<unknown>[]> {
  const responses = [];
  for (let i = 0; i < count; i += 1) responses.push(await (i % 2 ? second : app).request(ViewerDocument, undefined, { token }));
  return responses;
}

describe('two server instances on one database', () => {
  it('share the rate limit of an organization, answering 429 with a retry hint past it', async () => {
    const admin = await signUpOrganization(app);
    const responses = await alternate(20, admin.token);
    const accepted = responses.filter((res) => !res.errors);
    const refused = responses.filter((res) => res.errors);
    // At most two one-minute windows are touched, so at most twice the limit get through.
    expect(accepted.length).toBeGreaterThanOrEqual(6);
    expect(accepted.length).toBeLessThanOrEqual(12);
    expect(refused.length).toBe(20 - accepted.length);
    for (const res of refused) {
      expect([res.status, errorCodes(res)]).toEqual([429, ['RATE_LIMITED']]);
      expect(res.errors?.[0].extensions).toMatchObject({ limit: 6 });
      expect(res.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    }
    const [{ count }] = await app.ownerQuery<{ count: number }>(
      `SELECT count FROM rate_limit_counters WHERE organization_id = $1 AND bucket = 'organization'`,
      [admin.organizationId],
    );
    expect(count).toBeGreaterThan(0);
  });

  it('count requests without waiting on the request pool, so many at once do not stall', async () => {
    const busy = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', DB_POOL_SIZE: '3' });
    try {
      const admin = await signUpOrganization(busy);
      const responses = await Promise.all(Array.from({ length: 24 }, () => busy.request(ViewerDocument, undefined, { token: admin.token })));
      expect(responses.flatMap(errorCodes)).toEqual([]);
    } finally {
      await busy.close();
    }
  });

  it('limit each API key on its own, below its organization', async () => {
    const admin = await signUpOrganization(app);
    const key = await createApiKey(app, admin, ['DIRECTORY_READ']);
    const responses = await alternate(8, key.secret);
    const accepted = responses.filter((res) => !res.errors).length;
    expect(accepted).toBeGreaterThanOrEqual(2);
    expect(accepted).toBeLessThanOrEqual(4);
    expect(responses.find((res) => res.errors)?.errors?.[0].message).toMatch(/this API key may send 2 per minute/);
  });

  it('share automatic persisted queries: a hash registered on one instance works on the other', async () => {
    const admin = await signUpOrganization(app);
    const query = '{ viewer { organization { id } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const send = async (url: string, body: Record<string, unknown>) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ ...body, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      });
      return (await response.json()) as { data?: { viewer: { organization: { id: string } } }; errors?: { extensions: { code: string } }[] };
    };
    const unknown = await send(second.url, {});
    expect(unknown.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send(app.url, { query })).data?.viewer.organization.id).toBe(admin.organizationId);
    expect((await send(second.url, {})).data?.viewer.organization.id).toBe(admin.organizationId);
    const [stored] = await app.ownerQuery<{ query: string }>('SELECT query FROM persisted_queries WHERE hash = $1', [sha256Hash]);
    expect(stored.query).toBe(query);
  });

  it('in allow-list mode run only operations registered ahead, by hash', async () => {
    const strict = await startTestApp({ PERSISTED_QUERIES_ONLY: 'true' });
    try {
      const admin = await signUpOrganizationByHash(strict);
      const query = '{ viewer { organization { id } } }';
      expect(await registerPersistedQueries(strict.ownerUrl, [query, query])).toBe(1);
      const send = async (body: Record<string, unknown>) => {
        const response = await fetch(strict.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
      };
      const registered = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
      expect(registered.body.errors).toBeUndefined();
      const text = await send({ query: '{ viewer { user { email } } }' });
      expect([text.status, text.body.errors?.[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
      const unregistered = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } });
      expect(unregistered.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await strict.close();
    }
  });

  it('honour an idempotency key across instances: a retried referral is created once', async () => {
    const scale = await startTestApp();
    const other = await scale.startInstance();
    try {
      const centre = await signUpOrganization(scale);
      const hospital = await signUpOrganization(scale);
      await partner(scale, centre, hospital);
      const client = await registerClient(scale, centre);
      await recordConsent(scale, centre, client.id, hospital.organizationId);
      const input = { clientId: client.id, receivingOrganizationId: hospital.organizationId, reason: 'Needs a home visit', idempotencyKey: `retry-${client.id}` };
      const [first, retry] = await Promise.all([
        scale.request(SendReferralDocument, { input }, { token: centre.token }),
        other.request(SendReferralDocument, { input }, { token: centre.token }),
      ]);
      expect(dataOf(first).sendReferral.id).toBe(dataOf(retry).sendReferral.id);
      const [{ n }] = await scale.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE client_id = $1', [client.id]);
      expect(n).toBe(1);

      const reused = await other.request(SendReferralDocument, { input: { ...input, reason: 'Something else' } }, { token: centre.token });
      expect(errorCodes(reused)).toEqual(['CONFLICT']);
      const fresh = dataOf(await scale.request(SendReferralDocument, { input: { ...input, idempotencyKey: `again-${client.id}` } }, { token: centre.token }));
      expect(fresh.sendReferral.id).not.toBe(dataOf(first).sendReferral.id);
    } finally {
      await other.close();
      await scale.close();
    }
  });
});

/** Signs up through a registered signUp operation, as a front end in allow-list mode would; answers the access token. */
async function signUpOrganizationByHash(strict: TestApp): Promise<string> {
  const query = 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken } }';
  await registerPersistedQueries(strict.ownerUrl, [query]);
  const response = await fetch(strict.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      variables: {
        input: { organization: { name: 'Allow-list', kind: 'NGO', countryCode: 'VN' }, email: 'allow-list@example.org', password: 'test-password-0123', displayName: 'Admin' },
      },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    }),
  });
  const body = (await response.json()) as { data: { signUp: { accessToken: string } } };
  return body.data.signUp.accessToken;
}
