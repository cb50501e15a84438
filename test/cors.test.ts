import { ViewerDocument } from './generated/graphql';
import { signUpOrganization } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
let closed: TestApp;
beforeAll(async () => {
  app = await startTestApp({ CORS_ORIGINS: 'https://app.example.org, http://localhost:5173' });
  closed = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await closed.close();
});

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('calls from a browser on another origin (CORS)', () => {
  it('answer the preflight of a listed origin with what the API uses, and a listed origin reads the answers', async () => {
    const res = await preflight(app.url, 'https://app.example.org');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight']),
    );
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);

    const admin = await signUpOrganization(app);
    const answer = await fetch(app.url, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query: '{ viewer { organization { id } } }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(((await answer.json()) as { data: { viewer: { organization: { id: string } } } }).data.viewer.organization.id).toBe(admin.organizationId);
  });

  it('give an unlisted origin, and every origin when none is configured, nothing a browser would accept', async () => {
    for (const [url, origin] of [
      [app.url, 'https://evil.example.org'],
      [app.url, 'https://app.example.org.evil.example.org'],
      [closed.url, 'https://app.example.org'],
    ]) {
      const res = await preflight(url, origin);
      expect([origin, res.headers.get('access-control-allow-origin')]).toEqual([origin, null]);
    }
    // The API itself still answers clients that are not browsers.
    const admin = await signUpOrganization(closed);
    expect((await closed.request(ViewerDocument, undefined, { token: admin.token })).errors).toBeUndefined();
  });
});
