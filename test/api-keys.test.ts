import { ApiKeysDocument, MembersDocument, OrganizationsDocument, RevokeApiKeyDocument, ViewerDocument, InviteMemberDocument } from './generated/graphql';
import { createApiKey, dataOf, errorCodes, signUpOrganization } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('API keys', () => {
  it('act as their organization with only their scopes, are stored hashed, and record their last use', async () => {
    const admin = await signUpOrganization(app);
    const key = await createApiKey(app, admin, ['DIRECTORY_READ']);
    expect(key.secret).toMatch(/^ngo_key_/);
    const [stored] = await app.ownerQuery<{ secret_hash: string; prefix: string }>('SELECT secret_hash, prefix FROM api_keys WHERE id = $1', [
      key.id,
    ]);
    expect(stored.secret_hash).not.toContain(key.secret);
    expect(key.secret.startsWith(stored.prefix)).toBe(true);

    const viewer = dataOf(await app.request(ViewerDocument, undefined, { token: key.secret })).viewer;
    expect(viewer).toMatchObject({ role: null, scopes: ['DIRECTORY_READ'], user: null, apiKey: { id: key.id }, memberships: [] });
    dataOf(await app.request(OrganizationsDocument, {}, { token: key.secret }));
    expect(errorCodes(await app.request(MembersDocument, {}, { token: key.secret }))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await app.request(InviteMemberDocument, { input: { email: 'x@example.org', role: 'ADMIN' } }, { token: key.secret })),
    ).toEqual(['FORBIDDEN']);

    const listed = dataOf(await app.request(ApiKeysDocument, {}, { token: admin.token })).apiKeys.edges[0].node;
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('stop working as soon as they are revoked', async () => {
    const admin = await signUpOrganization(app);
    const key = await createApiKey(app, admin, ['MEMBERS_READ']);
    dataOf(await app.request(MembersDocument, {}, { token: key.secret }));
    const revoked = dataOf(await app.request(RevokeApiKeyDocument, { input: { apiKeyId: key.id } }, { token: admin.token })).revokeApiKey;
    expect(revoked.revokedAt).not.toBeNull();
    expect(errorCodes(await app.request(MembersDocument, {}, { token: key.secret }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.request(RevokeApiKeyDocument, { input: { apiKeyId: key.id } }, { token: admin.token }))).toEqual([
      'CONFLICT',
    ]);
  });
});
