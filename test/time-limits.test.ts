import { ProgramMetricsDocument, ProgramsDocument } from './generated/graphql';
import { errorCodes as codes, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { startTestApp, type TestApp } from './setup/test-app';
import { TableLock } from './support/table-lock';

/**
 * Time limits follow the request's class, and a request whose client went away stops in PostgreSQL.
 * Asserted on outcomes: the test holds a lock that the requests wait on, and lets go only once it has
 * seen what it expects (a page read stopped by its timeout, a cancelled statement gone).
 */

let app: TestApp;
let centre: SignedIn;
let funder: SignedIn;
let programId: string;
let lock: TableLock;

const RANGE = { periodType: 'QUARTER', from: '2026-01-01', to: '2026-12-31' } as const;

beforeAll(async () => {
  // Page reads stop after a second; heavy ones may run a minute.
  app = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '1000', DB_HEAVY_STATEMENT_TIMEOUT_MS: '60000', FAIR_SHARE_HEAVY_REQUESTS: '1' });
  centre = await signUpOrganization(app, { name: 'Hội Phụ nữ huyện Bắc Hà', kind: 'COMMUNITY_GROUP' });
  funder = await signUpOrganization(app, { name: 'Quỹ Vì người cao tuổi', kind: 'FUNDER' });
  programId = (await createProgram(app, centre)).id;
  await joinProgram(app, centre, programId, funder, 'FUNDER');
  lock = await TableLock.connect(app);
});
afterAll(async () => {
  await lock.end();
  await app.close();
});

describe('time limits', () => {
  it('stops a page read at the page timeout while a heavy request (programme metrics) keeps waiting under its own', async () => {
    await lock.hold('programs');
    const heavy = app.request(ProgramMetricsDocument, { programId, ...RANGE }, { token: funder.token });
    await lock.untilWaiting(1, [heavy]);
    const page = await app.request(ProgramsDocument, { first: 5 }, { token: centre.token });
    expect(codes(page)).toEqual(['QUERY_TIMEOUT']);
    expect(page.errors?.[0].message).toMatch(/time limit/);
    // The page read's second is over; the heavy request still waits.
    expect(await lock.waiting()).toBe(1);
    await lock.release();
    expect(codes(await heavy)).toEqual([]);
    expect(codes(await app.request(ProgramsDocument, { first: 5 }, { token: centre.token }))).toEqual([]);
  });

  it('cancels in PostgreSQL the statement of a request whose client went away, and gives its share back', async () => {
    await lock.hold('programs');
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
    await lock.untilWaiting(1, [abandoned]);
    client.abort();
    expect(await abandoned).toBe('AbortError');
    // The statement leaves the lock's queue while the lock is still held: it was cancelled.
    while ((await lock.waiting()) > 0);
    // The funder's one heavy slot is given back once the cancelled request has ended: its next
    // dashboard is admitted and waits on the lock (until then it is refused, and tried again).
    let next = app.request(ProgramMetricsDocument, { programId, ...RANGE }, { token: funder.token });
    while ((await lock.waitsOrEnds([next])) === 'ended') {
      expect(codes(await next)).toEqual(['RATE_LIMITED']);
      next = app.request(ProgramMetricsDocument, { programId, ...RANGE }, { token: funder.token });
    }
    await lock.release();
    expect(codes(await next)).toEqual([]);
  });
});
