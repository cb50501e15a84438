import { randomUUID } from 'node:crypto';
import { OrganizationEventsDocument } from './generated/graphql';
import { dataOf, signUpOrganization, type SignedIn } from './factories';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp, type TestInstance } from './setup/test-app';

let app: TestApp;
let second: TestInstance;
beforeAll(async () => {
  app = await startTestApp();
  second = await app.startInstance();
});
afterAll(async () => {
  await second.close();
  await app.close();
});

const HOUR = 3_600_000;

async function overdueReferral(centre: SignedIn, ngo: SignedIn) {
  const client = await registerClient(app, centre);
  await recordConsent(app, centre, client.id, ngo.organizationId);
  const referral = await sendReferral(app, centre, { clientId: client.id, receivingOrganizationId: ngo.organizationId });
  await app.ownerQuery(`UPDATE referrals SET due_on = current_date - 1 WHERE id = $1`, [referral.id]);
  return referral;
}

async function overdueEventsOf(viewer: SignedIn) {
  const res = await app.request(OrganizationEventsDocument, { types: ['REFERRAL_OVERDUE'], first: 100 }, { token: viewer.token });
  return dataOf(res).organizationEvents.edges.map((edge) => edge.node);
}

describe('background jobs', () => {
  it('tell both sides once that a referral is overdue, however many instances run the job and however often', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const late = await overdueReferral(centre, ngo);
    const now = new Date();

    await Promise.all([app.jobs.tick(now), second.jobs.tick(now), app.jobs.tick(now)]);
    const told = await overdueEventsOf(ngo);
    expect(told.map((event) => [event.subjectId, event.subjectVersion, event.actorOrganizationId, event.organizationId, event.partyOrganizationId])).toEqual([
      [late.id, 1, null, centre.organizationId, ngo.organizationId],
    ]);
    expect((await overdueEventsOf(centre)).map((event) => event.id)).toEqual(told.map((event) => event.id));
    const runs = await app.ownerQuery<{ key: string; attempts: number; done: boolean }>(
      `SELECT key, attempts, done_at IS NOT NULL AS done FROM jobs WHERE kind = 'referrals-overdue'`,
    );
    expect(runs).toEqual([{ key: now.toISOString().slice(0, 13), attempts: 1, done: true }]);

    // The next hour's run finds it again, and tells nobody twice.
    await second.jobs.tick(new Date(now.getTime() + HOUR));
    expect(await overdueEventsOf(ngo)).toHaveLength(1);
  });

  it('leave a job a dead worker claimed until its lease ends, then run it; and retry a failing job later', async () => {
    const centre = await signUpOrganization(app);
    const ngo = await signUpOrganization(app);
    await partner(app, centre, ngo);
    const now = new Date(Date.now() + 3 * HOUR);
    // Every scheduled job of this hour is done already; one more was claimed by a worker that then died.
    await app.jobs.tick(now);
    const late = await overdueReferral(centre, ngo);
    const claimedUntil = new Date(now.getTime() + 5 * 60_000);
    await app.ownerQuery(`INSERT INTO jobs (id, kind, key, run_at, attempts, locked_until) VALUES ($1, 'referrals-overdue', 'claimed-by-a-dead-worker', $2, 1, $3)`, [
      randomUUID(),
      now,
      claimedUntil,
    ]);
    await second.jobs.tick(now);
    expect(await overdueEventsOf(ngo)).toEqual([]);
    await second.jobs.tick(new Date(claimedUntil.getTime() + 1000));
    expect((await overdueEventsOf(ngo)).map((event) => event.subjectId)).toEqual([late.id]);
    const [rerun] = await app.ownerQuery<{ attempts: number; done: boolean }>(
      `SELECT attempts, done_at IS NOT NULL AS done FROM jobs WHERE key = 'claimed-by-a-dead-worker'`,
    );
    expect(rerun).toEqual({ attempts: 2, done: true });

    // A job that fails (here: of a kind no instance knows) is tried again later, with the error kept.
    const failing = randomUUID();
    await app.ownerQuery(`INSERT INTO jobs (id, kind, key, run_at) VALUES ($1, 'no-such-job', 'once', $2)`, [failing, now]);
    await app.jobs.tick(now);
    const [failed] = await app.ownerQuery<{ attempts: number; later: boolean; last_error: string; done: boolean }>(
      `SELECT attempts, run_at > $2 AS later, last_error, done_at IS NOT NULL AS done FROM jobs WHERE id = $1`,
      [failing, now],
    );
    expect(failed).toMatchObject({ attempts: 1, later: true, done: false });
    expect(failed.last_error).toContain('no-such-job');
  });
});
