import { createHash } from 'node:crypto';
import { print } from 'graphql';
import { LoginDocument } from './generated/graphql';
import { signUpOrganization, TEST_PASSWORD, type SignedIn } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * Password guessing is slowed, never a long lockout (issue 12): sign-in attempts are counted per
 * account and per client address in PostgreSQL before the password is checked, shared by every
 * instance; past the free attempts each waits twice as long as the last, up to a minute for an
 * account. X-Forwarded-For names the client only behind a trusted proxy (TRUST_PROXY).
 */

let app: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  app = await startTestApp({ SIGN_IN_THROTTLE: 'true', TRUST_PROXY: 'loopback' });
  admin = await signUpOrganization(app, { name: 'Hội Người cao tuổi tỉnh Hà Giang', kind: 'COMMUNITY_GROUP' });
});
afterAll(() => app.close());

interface Attempt {
  status: number;
  code: string | null;
  retryAfter: string | null;
}

/** A login as a client would send it, from `address` (as the trusted proxy forwards it). */
async function login(url: string, email: string, password: string, address: string): Promise<Attempt> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: print(LoginDocument), variables: { input: { email, password } } }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? null, retryAfter: response.headers.get('retry-after') };
}

const keyOf = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex')}`;

/**
 * Gives a key `attempts` attempts already counted and no wait, so that its next attempt starts a
 * wait long enough (16 s and more) that no test depends on how fast the machine answers.
 */
const counted = (key: string, attempts: number) =>
  app.ownerQuery(`UPDATE sign_in_attempts SET attempts = $2, blocked_until = '-infinity' WHERE key = $1`, [key, attempts]);

describe('sign-in throttling', () => {
  it('answers five wrong passwords in a row, then makes the account wait, the right password too; the wait passed, it signs in and starts again', async () => {
    const address = '198.51.100.1';
    for (let i = 0; i < 5; i += 1) expect(await login(app.url, admin.email, 'wrong-password', address)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const [row] = await app.ownerQuery<{ attempts: number }>(`SELECT attempts FROM sign_in_attempts WHERE key = $1`, [keyOf('account', admin.email)]);
    expect(row.attempts).toBe(5);
    await counted(keyOf('account', admin.email), 9);
    // The tenth is answered, and starts a wait of 2^4 = 16 s.
    expect(await login(app.url, admin.email, 'wrong-password', address)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const refused = await login(app.url, admin.email, TEST_PASSWORD, address);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(16);

    // The wait over, the right password signs in and the account starts again.
    await counted(keyOf('account', admin.email), 10);
    expect(await login(app.url, admin.email, TEST_PASSWORD, address)).toMatchObject({ status: 200, code: null });
    expect(await app.ownerQuery(`SELECT 1 FROM sign_in_attempts WHERE key = $1`, [keyOf('account', admin.email)])).toEqual([]);
  });

  it('never makes a person wait more than a minute, however many guesses were made on the account', async () => {
    const email = 'nobody-guessed@example.org';
    await login(app.url, email, 'wrong-password', '198.51.100.2');
    await counted(keyOf('account', email), 100);
    expect(await login(app.url, email, 'wrong-password', '198.51.100.2')).toMatchObject({ status: 401 });
    const refused = await login(app.url, email, 'wrong-password', '198.51.100.2');
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
  });

  it('counts concurrent attempts one by one: of 8 parallel guesses at the edge of a wait, one is answered and 7 refused', async () => {
    const email = 'parallel-guesses@example.org';
    await login(app.url, email, 'wrong-password', '198.51.100.3');
    await counted(keyOf('account', email), 9);
    const attempts = await Promise.all(Array.from({ length: 8 }, () => login(app.url, email, 'wrong-password', '198.51.100.3')));
    expect(attempts.filter((attempt) => attempt.code === 'UNAUTHENTICATED')).toHaveLength(1);
    expect(attempts.filter((attempt) => attempt.code === 'RATE_LIMITED')).toHaveLength(7);
  });

  it('is shared by two instances on one database', async () => {
    const other = await app.startInstance();
    try {
      const email = 'two-instances@example.org';
      for (let i = 0; i < 3; i += 1) await login(app.url, email, 'wrong-password', '198.51.100.4');
      for (let i = 0; i < 2; i += 1) await login(other.url, email, 'wrong-password', '198.51.100.4');
      const [row] = await app.ownerQuery<{ attempts: number }>(`SELECT attempts FROM sign_in_attempts WHERE key = $1`, [keyOf('account', email)]);
      expect(row.attempts).toBe(5);
      await counted(keyOf('account', email), 9);
      expect(await login(app.url, email, 'wrong-password', '198.51.100.4')).toMatchObject({ status: 401 });
      expect(await login(other.url, email, 'wrong-password', '198.51.100.4')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    } finally {
      await other.close();
    }
  });

  it('slows one address that guesses many accounts after its 30 free failures, and no other address', async () => {
    for (let i = 0; i < 30; i += 1) {
      expect(await login(app.url, `guess-${i}@example.org`, 'wrong-password', '203.0.113.7')).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const [row] = await app.ownerQuery<{ attempts: number }>(`SELECT attempts FROM sign_in_attempts WHERE key = $1`, [keyOf('address', '203.0.113.7')]);
    expect(row.attempts).toBe(30);
    await counted(keyOf('address', '203.0.113.7'), 40);
    expect(await login(app.url, 'guess-40@example.org', 'wrong-password', '203.0.113.7')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await login(app.url, 'guess-fresh@example.org', 'wrong-password', '203.0.113.7')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(await login(app.url, 'guess-fresh@example.org', 'wrong-password', '203.0.113.8')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});

describe('without a trusted proxy', () => {
  it('counts the socket address and ignores X-Forwarded-For, so a forged header does not escape the throttle', async () => {
    const direct = await startTestApp({ SIGN_IN_THROTTLE: 'true' });
    try {
      for (let i = 0; i < 5; i += 1) await login(direct.url, `forged-${i}@example.org`, 'wrong-password', `192.0.2.${i}`);
      const addresses = await direct.ownerQuery<{ attempts: number }>(`SELECT attempts FROM sign_in_attempts WHERE key LIKE 'address:%'`);
      expect(addresses).toEqual([{ attempts: 5 }]);
    } finally {
      await direct.close();
    }
  });
});
