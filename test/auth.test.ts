import {
  ChangePasswordDocument,
  RequestPasswordResetDocument,
  LoginDocument,
  LogoutDocument,
  RefreshTokenDocument,
  SignUpDocument,
  SwitchOrganizationDocument,
  TypenameDocument,
  ViewerDocument,
} from './generated/graphql';
import { addMember, createApiKey, dataOf, errorCodes, signUpOrganization, TEST_PASSWORD } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('sign-up and sign-in', () => {
  it('answers { __typename } without a token', async () => {
    expect(dataOf(await app.request(TypenameDocument))).toEqual({ __typename: 'Query' });
  });

  it('signs up an organization and its admin, then logs in and reads the viewer', async () => {
    const email = 'Lan.Nguyen@Example.org';
    const signUp = dataOf(
      await app.request(SignUpDocument, {
        input: {
          organization: { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY', countryCode: 'VN' },
          email,
          password: TEST_PASSWORD,
          displayName: 'Nguyễn Thị Lan',
        },
      }),
    ).signUp;
    expect(signUp.viewer).toMatchObject({
      role: 'ADMIN',
      organization: { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai' },
      user: { email: 'lan.nguyen@example.org', displayName: 'Nguyễn Thị Lan' },
    });

    const login = dataOf(await app.request(LoginDocument, { input: { email: 'lan.nguyen@example.org', password: TEST_PASSWORD } })).login;
    const viewer = dataOf(await app.request(ViewerDocument, undefined, { token: login.accessToken })).viewer;
    expect(viewer.organization.id).toBe(signUp.viewer.organization.id);
    expect(viewer.role).toBe('ADMIN');

    const [stored] = await app.ownerQuery<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
      'lan.nguyen@example.org',
    ]);
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const admin = await signUpOrganization(app);
    const wrong = await app.request(LoginDocument, { input: { email: admin.email, password: 'not the password!' } });
    const unknown = await app.request(LoginDocument, { input: { email: 'nobody@example.org', password: 'not the password!' } });
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('refuses sign-up with an existing email unless its password is given, and changes nothing', async () => {
    const admin = await signUpOrganization(app);
    const before = await app.ownerQuery('SELECT count(*)::int AS n FROM organizations');
    const res = await app.request(SignUpDocument, {
      input: {
        organization: { name: 'Another', kind: 'NGO', countryCode: 'VN' },
        email: admin.email,
        password: 'a different password',
        displayName: 'X',
      },
    });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM organizations')).toEqual(before);
  });

  it('rejects bad input with BAD_USER_INPUT naming the argument, and writes nothing', async () => {
    const before = await app.ownerQuery('SELECT count(*)::int AS n FROM users');
    const res = await app.request(SignUpDocument, {
      input: {
        organization: { name: 'Short password org', kind: 'NGO', countryCode: 'vn' },
        email: 'short@example.org',
        password: 'short',
        displayName: 'X',
      },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect((res.errors?.[0].extensions?.argumentPath as string[])[0]).toBe('input');
    const invalidEmail = await app.request(SignUpDocument, {
      input: {
        organization: { name: 'Org', kind: 'NGO', countryCode: 'VN' },
        email: 'not-an-email',
        password: TEST_PASSWORD,
        displayName: 'X',
      },
    });
    expect(errorCodes(invalidEmail)).toEqual(['BAD_USER_INPUT']);
    const huge = await app.request(SignUpDocument, {
      input: {
        organization: { name: 'x'.repeat(10_000), kind: 'NGO', countryCode: 'VN' },
        email: 'huge@example.org',
        password: TEST_PASSWORD,
        displayName: 'X',
      },
    });
    expect(errorCodes(huge)).toEqual(['BAD_USER_INPUT']);
    expect(huge.errors?.[0].extensions?.argumentPath).toEqual(['input', 'organization', 'name']);
    expect(await app.ownerQuery('SELECT count(*)::int AS n FROM users')).toEqual(before);
  });
});

describe('tokens and sessions', () => {
  it('rejects malformed, forged and missing tokens with UNAUTHENTICATED and HTTP 401', async () => {
    for (const token of ['garbage', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'ngo_key_unknown']) {
      const res = await app.request(ViewerDocument, undefined, { token });
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.status).toBe(401);
    }
    expect(errorCodes(await app.request(ViewerDocument))).toEqual(['UNAUTHENTICATED']);
  });

  it('rotates refresh tokens, and ends the session when a used one is presented again', async () => {
    const admin = await signUpOrganization(app);
    const first = dataOf(await app.request(RefreshTokenDocument, { input: { refreshToken: admin.refreshToken } })).refreshToken;
    expect(first.refreshToken).not.toBe(admin.refreshToken);
    dataOf(await app.request(ViewerDocument, undefined, { token: first.accessToken }));

    const reuse = await app.request(RefreshTokenDocument, { input: { refreshToken: admin.refreshToken } });
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    // Reuse means the token was stolen or replayed: the whole session ends, including its newest tokens.
    expect(errorCodes(await app.request(ViewerDocument, undefined, { token: first.accessToken }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.request(RefreshTokenDocument, { input: { refreshToken: first.refreshToken } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const [session] = await app.ownerQuery<{ revoked_reason: string }>(
      'SELECT revoked_reason FROM auth_sessions WHERE user_id = $1',
      [admin.userId],
    );
    expect(session.revoked_reason).toBe('refresh token reused');
  });

  it('logout ends the session at once: access and refresh tokens stop working', async () => {
    const admin = await signUpOrganization(app);
    expect(dataOf(await app.request(LogoutDocument, {}, { token: admin.token })).logout).toBe(true);
    expect(errorCodes(await app.request(ViewerDocument, undefined, { token: admin.token }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.request(RefreshTokenDocument, { input: { refreshToken: admin.refreshToken } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('switches organization only into organizations the user belongs to', async () => {
    const a = await signUpOrganization(app);
    const b = await signUpOrganization(app);
    const member = await addMember(app, a, 'CASEWORKER');
    // The same person joins B as a viewer, with their existing password.
    await addMember(app, b, 'VIEWER', { email: member.email, password: member.password });

    const switched = dataOf(
      await app.request(SwitchOrganizationDocument, { input: { organizationId: b.organizationId } }, { token: member.token }),
    ).switchOrganization;
    expect(switched.viewer).toMatchObject({ role: 'VIEWER', organization: { id: b.organizationId } });
    expect(switched.viewer.memberships.map((m) => m.organization.id).sort()).toEqual(
      [a.organizationId, b.organizationId].sort(),
    );
    const stranger = await signUpOrganization(app);
    const refused = await app.request(
      SwitchOrganizationDocument,
      { input: { organizationId: stranger.organizationId } },
      { token: member.token },
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);

    const loginB = dataOf(
      await app.request(LoginDocument, { input: { email: member.email, password: member.password, organizationId: b.organizationId } }),
    ).login;
    expect(loginB.viewer.role).toBe('VIEWER');
  });
});

describe('changePassword', () => {
  it("changes the person's password with the current one, ends their other sessions in every organization, and keeps this one", async () => {
    const admin = await signUpOrganization(app);
    const other = await signUpOrganization(app, { email: admin.email, password: TEST_PASSWORD });
    const elsewhere = dataOf(await app.request(LoginDocument, { input: { email: admin.email, password: TEST_PASSWORD } })).login;

    const ended = dataOf(
      await app.request(ChangePasswordDocument, { input: { currentPassword: TEST_PASSWORD, newPassword: 'a-longer-new-password' } }, { token: admin.token }),
    ).changePassword;
    expect(ended).toBe(2);
    // This session goes on; the others (another organization's, another login's) end at once.
    expect((await app.request(ViewerDocument, undefined, { token: admin.token })).status).toBe(200);
    for (const token of [other.token, elsewhere.accessToken]) expect((await app.request(ViewerDocument, undefined, { token })).status).toBe(401);
    expect(errorCodes(await app.request(LoginDocument, { input: { email: admin.email, password: TEST_PASSWORD } }))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await app.request(LoginDocument, { input: { email: admin.email, password: 'a-longer-new-password' } })).login.accessToken).toEqual(expect.any(String));
    const [event] = await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'changePassword'`, [admin.organizationId]);
    expect(event.n).toBe(1);
  });

  it('refuses a wrong current password or a short new one as BAD_USER_INPUT, an API key as FORBIDDEN, and changes nothing', async () => {
    const admin = await signUpOrganization(app);
    const wrong = await app.request(ChangePasswordDocument, { input: { currentPassword: 'not-the-password', newPassword: 'a-longer-new-password' } }, { token: admin.token });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors?.[0].extensions?.argumentPath).toEqual(['input', 'currentPassword']);
    const short = await app.request(ChangePasswordDocument, { input: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }, { token: admin.token });
    expect(errorCodes(short)).toEqual(['BAD_USER_INPUT']);
    const key = await createApiKey(app, admin, ['MEMBERS_READ']);
    expect(errorCodes(await app.request(ChangePasswordDocument, { input: { currentPassword: TEST_PASSWORD, newPassword: 'a-longer-new-password' } }, { token: key.secret }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await app.request(ChangePasswordDocument, { input: { currentPassword: TEST_PASSWORD, newPassword: 'a-longer-new-password' } }))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await app.request(LoginDocument, { input: { email: admin.email, password: TEST_PASSWORD } })).login.accessToken).toEqual(expect.any(String));
  });
});

describe('requestPasswordReset', () => {
  it('answers true whether or not an account has the email, and keeps a one-time token (hashed) only for an account', async () => {
    const admin = await signUpOrganization(app);
    for (const email of [admin.email, 'nobody-has-this@example.org']) {
      const answer = await app.request(RequestPasswordResetDocument, { input: { email } });
      expect([answer.errors, answer.data?.requestPasswordReset]).toEqual([undefined, true]);
    }
    const resets = await app.ownerQuery<{ user_id: string; requested_by: string; token_hash: string; minutes: number }>(
      `SELECT user_id, requested_by, token_hash, round(extract(epoch FROM expires_at - now()) / 60)::int AS minutes FROM password_resets`,
    );
    expect(resets).toEqual([{ user_id: admin.userId, requested_by: 'self', token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), minutes: 60 }]);
    expect(errorCodes(await app.request(RequestPasswordResetDocument, { input: { email: 'not an email' } }))).toEqual(['BAD_USER_INPUT']);
  });
});
