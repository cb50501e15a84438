import { Webhook } from 'standardwebhooks';
import { isPrivateAddress, newSigningSecret, openSecret, sealSecret, signedHeaders, urlProblem } from './webhook-signing';

describe('webhook signing', () => {
  it('signs as the Standard Webhooks libraries verify, and nothing else verifies', () => {
    const secret = newSigningSecret();
    const body = JSON.stringify({ type: 'REFERRAL_SENT', data: { subjectId: 'x' } });
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders(secret, 'msg_1', now, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('x', 'y'), headers)).toThrow();
  });

  it('keeps a secret sealed with the key, and refuses a tampered or foreign seal', () => {
    const key = Buffer.alloc(32, 7);
    const secret = newSigningSecret();
    const sealed = sealSecret(key, secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(openSecret(key, sealed)).toBe(secret);
    expect(() => openSecret(Buffer.alloc(32, 8), sealed)).toThrow();
    const [version, iv, tag, body] = sealed.split(':');
    expect(() => openSecret(key, [version, iv, tag, Buffer.from('tampered').toString('base64') + body].join(':'))).toThrow();
  });

  it('refuses private, loopback and link-local addresses and local names, unless allowed', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::1', '::127.0.0.1']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1::1']) expect([address, isPrivateAddress(address)]).toEqual([address, false]);
    expect(urlProblem('https://hooks.example.org/ngo', false)).toBeNull();
    for (const url of ['http://hooks.example.org', 'https://127.0.0.1/x', 'https://[::1]/x', 'https://localhost/x', 'https://intranet/x', 'https://user:pw@hooks.example.org', 'ftp://x']) {
      expect([url, urlProblem(url, false)]).toEqual([url, expect.any(String)]);
    }
    expect(urlProblem('http://127.0.0.1:9999/hooks', true)).toBeNull();
  });
});
