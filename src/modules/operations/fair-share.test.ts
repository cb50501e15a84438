import { FairShare, type ShareClock, type ShareLimits } from './fair-share';

const org = { kind: 'organization', id: 'a' } as const;
const otherOrg = { kind: 'organization', id: 'b' } as const;
const key = { kind: 'apiKey', id: 'k' } as const;

/** A clock that tests move by hand; its delays end at once and are recorded. */
function testClock(): ShareClock & { at: number; held: number[] } {
  const clock = {
    at: 10_000,
    held: [] as number[],
    now: () => clock.at,
    delay: async (ms: number) => {
      clock.held.push(ms);
    },
  };
  return clock;
}

function shareOf(limits: ShareLimits) {
  const clock = testClock();
  return { share: new FairShare(limits, clock), clock };
}

const outcome = (admission: Promise<unknown>) =>
  admission.then(
    () => 'ADMITTED',
    (error: { extensions?: { code?: string } }) => error.extensions?.code,
  );

describe('FairShare', () => {
  it('admits a holder up to its cap, refuses past it, and admits again once a request ends', async () => {
    const { share } = shareOf({ organizationRequests: 2, apiKeyRequests: 1, heavyRequests: 1 });
    const first = await share.admit(org, 'request', true);
    await share.admit(org, 'request', true);
    expect(await outcome(share.admit(org, 'request', true))).toBe('RATE_LIMITED');
    expect(await outcome(share.admit(otherOrg, 'request', true))).toBe('ADMITTED');
    first();
    first();
    expect(await outcome(share.admit(org, 'request', true))).toBe('ADMITTED');
    expect(await outcome(share.admit(org, 'request', true))).toBe('RATE_LIMITED');
  });

  it('keeps the heavy share apart from the request share, and keys apart from organizations', async () => {
    const { share } = shareOf({ organizationRequests: 5, apiKeyRequests: 1, heavyRequests: 1 });
    await share.admit(org, 'heavy', true);
    expect(await outcome(share.admit(org, 'heavy', true))).toBe('RATE_LIMITED');
    expect(await outcome(share.admit(org, 'request', true))).toBe('ADMITTED');
    expect(await outcome(share.admit(key, 'heavy', true))).toBe('ADMITTED');
    expect(await outcome(share.admit(key, 'request', true))).toBe('ADMITTED');
    expect(await outcome(share.admit(key, 'request', true))).toBe('RATE_LIMITED');
  });

  it('refuses with 429 and Retry-After', async () => {
    const { share } = shareOf({ organizationRequests: 1, apiKeyRequests: 1, heavyRequests: 1 });
    await share.admit(org, 'request', true);
    const error = await share.admit(org, 'request', true).then(
      () => null,
      (refusal: { extensions: { http: { status: number; headers: Map<string, string> }; retryAfterSeconds: number } }) => refusal,
    );
    expect(error?.extensions.http.status).toBe(429);
    expect(error?.extensions.http.headers.get('retry-after')).toBe('1');
    expect(error?.extensions.retryAfterSeconds).toBe(1);
  });

  it('switches a cap off with 0', async () => {
    const { share } = shareOf({ organizationRequests: 0, apiKeyRequests: 0, heavyRequests: 0 });
    for (let i = 0; i < 100; i += 1) expect(await outcome(share.admit(org, i % 2 ? 'heavy' : 'request', true))).toBe('ADMITTED');
  });

  it('answers a refusal at once, and holds it for the rest of the Retry-After window when the client came back sooner', async () => {
    const { share, clock } = shareOf({ organizationRequests: 1, apiKeyRequests: 1, heavyRequests: 1 });
    await share.admit(org, 'request', true);
    await share.admit(otherOrg, 'request', true);
    expect(await outcome(share.admit(org, 'request', true))).toBe('RATE_LIMITED');
    clock.at += 250;
    expect(await outcome(share.admit(org, 'request', true))).toBe('RATE_LIMITED');
    expect(await outcome(share.admit(otherOrg, 'request', true))).toBe('RATE_LIMITED');
    clock.at += 750;
    expect(await outcome(share.admit(org, 'request', true))).toBe('RATE_LIMITED');
    clock.at += 999;
    expect(await outcome(share.admit(org, 'request', true))).toBe('RATE_LIMITED');
    expect(clock.held).toEqual([750, 1]);
  });

  it('answers at once, without holding, where the request may hold a pooled connection', async () => {
    const { share, clock } = shareOf({ organizationRequests: 1, apiKeyRequests: 1, heavyRequests: 1 });
    await share.admit(org, 'request', false);
    expect(await outcome(share.admit(org, 'request', false))).toBe('RATE_LIMITED');
    expect(await outcome(share.admit(org, 'request', false))).toBe('RATE_LIMITED');
    expect(clock.held).toEqual([]);
  });
});
