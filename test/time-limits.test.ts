import { Client } from 'pg';
import { ProgramMetricsDocument, ProgramsDocument } from './generated/graphql';
import { signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * Time limits follow the request's class, and a request whose client went away stops in PostgreSQL.
 * Asserted on outcomes: the test holds a lock that the requests wait on, and lets go only once it has
 * seen what it expects (a page read stopped by its timeout, a cancelled statement gone).
 */

let app: TestApp;
let centre: SignedIn;
let funder: SignedIn;
let programId: string;
let locker: Client;

const RANGE = { periodType: 'QUARTER', from: '2026-01-01', to: '2026-12-31' } as const;

beforeAll(async () => {
  // Page reads stop after a second; heavy ones may run a minute.
  app = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '1000', DB_HEAVY_STATEMENT_TIMEOUT_MS: '60000', FAIR_SHARE_HEAVY_REQUESTS: '1' });
  centre = await signUpOrganization(app, { name: 'Hội Phụ nữ huyện Bắc Hà', kind: 'COMMUNITY_GROUP' });
  funder = await signUpOrganization(app, { name: 'Quỹ Vì người cao tuổi', kind: 'FUNDER' });
  programId = (await createProgram(app, centre)).id;
  await joinProgram(app, centre, programId, funder, 'FUNDER');
  locker = new Client({ connectionString: app.ownerUrl });
  await locker.connect();
});
afterAll(async () => {
  await locker.end();
  await app.close();
});

const codes = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (response.errors ?? []).map((e) => e.extensions?.code);

async function waitingOnLock(): Promise<number> {
  const [{ waiting }] = await app.ownerQuery<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return waiting;
}

/** Resolves once `count` statements wait on the test's lock; fails if `pending` settles first. */
async function untilWaiting(count: number, pending: Promise<unknown>): Promise<void> {
  let settled = false;
  void pending.finally(() => (settled = true));
  while ((await waitingOnLock()) < count) {
    if (settled) throw new Error('A request that should wait on the lock finished first');
  }
}

/** Whether `pending` waits on the test's lock or ends first. */
async function waitsOrEnds(pending: Promise<unknown>): Promise<'waits' | 'ended'> {
  let ended = false;
  void pending.finally(() => (ended = true));
  for (;;) {
    if ((await waitingOnLock()) > 0) return 'waits';
    if (ended) return 'ended';
  }
}

describe('time limits', () => {
  it('stops a page read at the page timeout while a heavy request (programme metrics) keeps waiting under its own', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE programs IN ACCESS EXCLUSIVE MODE');
    const heavy = app.request(ProgramMetricsDocument, { programId, ...RANGE }, { token: funder.token });
    await untilWaiting(1, heavy);
    const page = await app.request(ProgramsDocument, { first: 5 }, { token: centre.token });
    expect(codes(page)).toEqual(['QUERY_TIMEOUT']);
    expect(page.errors?.[0].message).toMatch(/time limit/);
    // The page read's second is over; the heavy request still waits.
    expect(await waitingOnLock()).toBe(1);
    await locker.query('COMMIT');
    expect(codes(await heavy)).toEqual([]);
    expect(codes(await app.request(ProgramsDocument, { first: 5 }, { token: centre.token }))).toEqual([]);
  });

  it('cancels in PostgreSQL the statement of a request whose client went away, and gives its share back', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE programs IN ACCESS EXCLUSIVE MODE');
    const client = new AbortController();
    const abandoned = fetch(app.url, {
      method: 'POST',
      signal: client.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${funder.token}` },
      body: JSON.stringify({
        query: 'query Abandoned($programId: ID!) { programMetrics(programId: $programId, from: "2026-01-01", to: "2026-12-31") { periodType } }',
        variables: { programId },
      }),
    }).catch((error: Error) => error.name);
    await untilWaiting(1, abandoned);
    client.abort();
    expect(await abandoned).toBe('AbortError');
    // The statement leaves the lock's queue while the lock is still held: it was cancelled.
    while ((await waitingOnLock()) > 0);
    // The funder's one heavy slot is given back once the cancelled request has ended: its next
    // dashboard is admitted and waits on the lock (until then it is refused, and tried again).
    let next = app.request(ProgramMetricsDocument, { programId, ...RANGE }, { token: funder.token });
    while ((await waitsOrEnds(next)) === 'ended') {
      expect(codes(await next)).toEqual(['RATE_LIMITED']);
      next = app.request(ProgramMetricsDocument, { programId, ...RANGE }, { token: funder.token });
    }
    await locker.query('COMMIT');
    expect(codes(await next)).toEqual([]);
  });
});
