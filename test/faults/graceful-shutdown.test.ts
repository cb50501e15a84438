import { Client } from 'pg';
import { ChangePartnershipStatusDocument, ProposePartnershipDocument } from '../generated/graphql';
import { dataOf, signUpOrganization } from '../factories';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** Resolves once `check` holds, polling the database; a condition to wait for, not a timing. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

it('on shutdown stops accepting, finishes the request in flight, and commits its write', async () => {
  const instance = await app.startInstance();
  const a = await signUpOrganization(app);
  const b = await signUpOrganization(app);
  const proposed = dataOf(
    await app.request(
      ProposePartnershipDocument,
      { input: { partnerOrganizationId: b.organizationId, purpose: 'Referrals', legalBasis: 'CONSENT', startsOn: '2026-01-01', proposerShares: ['REFERRALS'], partnerShares: [] } },
      { token: a.token },
    ),
  ).proposePartnership;

  // Hold the partnership's row so that the accept below is still running when shutdown starts.
  const blocker = new Client({ connectionString: app.ownerUrl });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query('SELECT 1 FROM partnerships WHERE id = $1 FOR UPDATE', [proposed.id]);
  const inFlight = instance.request(
    ChangePartnershipStatusDocument,
    { input: { partnershipId: proposed.id, expectedVersion: proposed.version, status: 'ACTIVE' } },
    { token: b.token },
  );
  await waitFor(async () => {
    const { rows } = await blocker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
    return rows[0].n > 0;
  });

  const stopping = instance.close();
  await expect(fetch(instance.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
  await blocker.query('COMMIT');
  await blocker.end();

  const answered = await inFlight;
  expect(dataOf(answered).changePartnershipStatus.status).toBe('ACTIVE');
  await stopping;
  const [row] = await app.ownerQuery<{ status: string }>('SELECT status FROM partnerships WHERE id = $1', [proposed.id]);
  expect(row.status).toBe('ACTIVE');
});
