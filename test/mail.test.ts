import { SMTPServer } from 'smtp-server';
import { AcceptInvitationDocument, InviteMemberDocument, LoginDocument, RequestPasswordResetDocument, ResetPasswordDocument } from './generated/graphql';
import { dataOf, signUpOrganization, type SignedIn } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';
import { freePort } from './support/free-port';

/**
 * With SMTP_URL set (issue 12), invitations and password-reset links go by email, through a real SMTP
 * server the test starts; the links start with PUBLIC_URL and work.
 */

interface Received {
  to: string[];
  body: string;
}

let smtp: SMTPServer;
let app: TestApp;
let admin: SignedIn;
const inbox: Received[] = [];
const waiting: ((mail: Received) => void)[] = [];

/** The next message the SMTP server receives (event-driven: no sleeping). */
const nextMail = () => new Promise<Received>((resolve) => waiting.push(resolve));

/** A single-part message's text, decoded from its transfer encoding (base64 or quoted-printable, as mail encodes it). */
function decoded(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const [headers, body] = [raw.slice(0, split), raw.slice(split).trim()];
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  const text = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const escape = text[i] === '=' ? /^[0-9A-F]{2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (escape) {
      bytes.push(parseInt(escape[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map((rcpt) => rcpt.address), body: decoded(raw) };
        const waiter = waiting.shift();
        if (waiter) waiter(mail);
        else inbox.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://commons.example.org', MAIL_FROM: 'NGO Commons <no-reply@commons.example.org>' });
  admin = await signUpOrganization(app, { name: 'Trung tâm Bảo trợ xã hội tỉnh Hà Giang', kind: 'GOVERNMENT_AGENCY' });
});
afterAll(async () => {
  await app.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const takeMail = () => (inbox.length ? Promise.resolve(inbox.shift()!) : nextMail());

describe('mail', () => {
  it('sends an invitation by email once it is committed; its link accepts it', async () => {
    const arriving = takeMail();
    dataOf(await app.request(InviteMemberDocument, { input: { email: 'Giang.A.Pao@example.org', role: 'CASEWORKER' } }, { token: admin.token }));
    const mail = await arriving;
    expect(mail.to).toEqual(['giang.a.pao@example.org']);
    expect(mail.body).toContain('Trung tâm Bảo trợ xã hội tỉnh Hà Giang');
    const token = decodeURIComponent(/https:\/\/commons\.example\.org\/accept-invitation#token=(\S+)/.exec(mail.body)![1]);
    const accepted = dataOf(await app.request(AcceptInvitationDocument, { input: { token, password: 'giang-a-pao-2026', displayName: 'Giàng A Páo' } })).acceptInvitation;
    expect(accepted.viewer).toMatchObject({ role: 'CASEWORKER', organization: { id: admin.organizationId } });
  });

  it('sends a password-reset link to an account that asks, and nothing for an email without one', async () => {
    const arriving = takeMail();
    expect(dataOf(await app.request(RequestPasswordResetDocument, { input: { email: 'no-account@example.org' } })).requestPasswordReset).toBe(true);
    expect(dataOf(await app.request(RequestPasswordResetDocument, { input: { email: admin.email } })).requestPasswordReset).toBe(true);
    const mail = await arriving;
    expect(mail.to).toEqual([admin.email]);
    const token = decodeURIComponent(/https:\/\/commons\.example\.org\/reset-password#token=(\S+)/.exec(mail.body)![1]);
    expect(dataOf(await app.request(ResetPasswordDocument, { input: { token, newPassword: 'reset-by-email-2026' } })).resetPassword).toBe(true);
    expect(dataOf(await app.request(LoginDocument, { input: { email: admin.email, password: 'reset-by-email-2026' } })).login.accessToken).toEqual(expect.any(String));
    expect(inbox).toEqual([]);
  });
});
