import type { QueryRunner } from 'typeorm';
import { CountOnce1797600000000 } from '../migrations/1797600000000-count-once';
import {
  ConfirmClientMatchDocument,
  EnrollClientDocument,
  LookUpClientMatchesDocument,
  ProgramMetricsDocument,
  RecordConsentDocument,
  RecordServiceDeliveryDocument,
  RejectClientMatchDocument,
  type DataCategory,
  type Dimension,
  type MetricValueFieldsFragment,
  type RegisterClientInput,
} from './generated/graphql';
import { createApiKey, dataOf, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { ALL_CATEGORIES, partner, publishService, registerClient } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => app.close());

const MATCHING: DataCategory[] = [...ALL_CATEGORIES, 'CLIENT_MATCHING'];
const shown = (value: MetricValueFieldsFragment | null | undefined) =>
  value?.__typename === 'MetricNumber' ? value.value : value?.__typename === 'SuppressedValue' ? value.reason : value;

/** The third quarter of 2026 as `viewer` sees it: people enrolled and served, and deliveries, in total and by `dimension`. */
async function quarter(viewer: { token: string }, programId: string, dimension: Dimension) {
  const { periods } = dataOf(
    await app.request(ProgramMetricsDocument, { programId, periodType: 'QUARTER', from: '2026-07-01', to: '2026-09-30', disaggregateBy: dimension }, viewer),
  ).programMetrics;
  const [period] = periods;
  const figure = (f: { total: MetricValueFieldsFragment; breakdown?: { value: string; actual: MetricValueFieldsFragment | null }[] | null }) => ({
    total: shown(f.total),
    ...Object.fromEntries((f.breakdown ?? []).filter((cell) => shown(cell.actual) !== 0).map((cell) => [cell.value, shown(cell.actual)])),
  });
  const [services] = period.servicesByCategory;
  return { enrolled: figure(period.peopleEnrolled), served: figure(period.peopleServed), deliveries: figure(services.deliveries) };
}

describe('a person two members linked counts once in the programme', () => {
  it('counts once after the link is confirmed and twice again once it is undone, with suppression as before, and tells a member nothing the link did not', async () => {
    const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' });
    const shelter = await signUpOrganization(app, { name: 'Nhà tạm lánh Bình Minh' });
    const clinic = await signUpOrganization(app, { name: 'Phòng khám Hy Vọng' });
    const funder = await signUpOrganization(app, { name: 'Mekong Elderly Fund', kind: 'FUNDER' });
    const funderKey = { token: (await createApiKey(app, funder, ['METRICS_READ'])).secret };
    await partner(app, shelter, clinic, { proposerShares: MATCHING, partnerShares: MATCHING });

    // Two programmes alike but for one thing: in `linked` the clinic enrols its record of Lan too, in `control` it does not.
    const linked = await createProgram(app, centre, { suppressionThreshold: 2 });
    const control = await createProgram(app, centre, { suppressionThreshold: 2 });
    for (const program of [linked, control]) {
      await joinProgram(app, centre, program.id, shelter, 'IMPLEMENTING_PARTNER');
      await joinProgram(app, centre, program.id, clinic, 'IMPLEMENTING_PARTNER');
      await joinProgram(app, centre, program.id, funder, 'FUNDER');
    }
    const rehab = { shelter: (await publishService(app, shelter)).id, clinic: (await publishService(app, clinic)).id };

    const register = async (by: SignedIn, details: Partial<RegisterClientInput>, consentTo?: SignedIn) => {
      const client = await registerClient(app, by, { vulnerabilities: ['OLDER_PERSON_LIVING_ALONE'], region: 'Lào Cai', ...details });
      if (consentTo) {
        const input = { clientId: client.id, recipientOrganizationId: consentTo.organizationId, scope: 'MATCHING' as const, purpose: 'Đối chiếu hồ sơ', sharedFields: [], method: 'VERBAL' as const };
        dataOf(await app.request(RecordConsentDocument, { input }, { token: by.token }));
      }
      return client;
    };
    const lan = { fullName: 'Nguyễn Thị Lan', birthDate: '1950-05-17', sex: 'FEMALE' as const };
    const lanAtShelter = await register(shelter, lan, clinic);
    const lanAtClinic = await register(clinic, { ...lan, fullName: 'Lan Nguyen Thi' }, shelter);
    const shelterPeople = [lanAtShelter, await register(shelter, { fullName: 'Lò Văn Páo', birthDate: '1951-01-01', sex: 'MALE' }), await register(shelter, { fullName: 'Giàng A Sình', birthDate: '1952-01-01', sex: 'MALE' })];
    // One person in Yên Bái, so a REGION cell counts 1 and is withheld.
    const hoa = await register(clinic, { fullName: 'Vàng Thị Hoa', birthDate: '1953-01-01', sex: 'FEMALE', region: 'Yên Bái' });

    const enrolAndServe = async (by: SignedIn, programId: string, clientId: string, serviceId: string, deliveredOn = '2026-07-10') => {
      const enrollment = dataOf(await app.request(EnrollClientDocument, { input: { programId, clientId, enrolledOn: '2026-07-01' } }, { token: by.token })).enrollClient;
      dataOf(await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrollment.id, serviceId, deliveredOn } }, { token: by.token }));
      return enrollment;
    };
    for (const program of [linked, control]) {
      for (const person of shelterPeople) await enrolAndServe(shelter, program.id, person.id, rehab.shelter);
      await enrolAndServe(clinic, program.id, hoa.id, rehab.clinic);
    }
    const lanEnrolledAtClinic = await enrolAndServe(clinic, linked.id, lanAtClinic.id, rehab.clinic, '2026-07-20');

    const views = async (programId: string) => ({
      funder: { SEX: await quarter(funderKey, programId, 'SEX'), AGE_BAND: await quarter(funderKey, programId, 'AGE_BAND'), REGION: await quarter(funderKey, programId, 'REGION') },
      shelter: { SEX: await quarter(shelter, programId, 'SEX'), REGION: await quarter(shelter, programId, 'REGION') },
      clinic: { SEX: await quarter(clinic, programId, 'SEX') },
    });

    // Before any link: Lan is two people (5 in all: 3 women, 2 men), each delivery counts.
    const before = await views(linked.id);
    expect(before.funder.SEX).toEqual({
      enrolled: { total: 5, FEMALE: 3, MALE: 2 },
      served: { total: 5, FEMALE: 3, MALE: 2 },
      deliveries: { total: 5, FEMALE: 3, MALE: 2 },
    });
    expect(before.funder.AGE_BAND.served).toEqual({ total: 5, AGE_60_PLUS: 5 });
    // Hoa alone in Yên Bái: withheld, and Lào Cai with her, as the partition would give her away.
    expect(before.funder.REGION.served).toEqual({ total: 5, 'Lào Cai': 'COMPLEMENTARY', 'Yên Bái': 'BELOW_THRESHOLD' });
    // The shelter enrolled 3 of the 5: others' 2 are not few; of the women, others put in 2 (Hoa and the clinic's Lan).
    expect(before.shelter.SEX.served).toEqual({ total: 5, FEMALE: 3, MALE: 2 });

    // The link: the clinic's lookup proposes it, both sides confirm, and the job runner recounts.
    const [proposed] = dataOf(await app.request(LookUpClientMatchesDocument, { input: { clientId: lanAtClinic.id } }, { token: clinic.token })).lookUpClientMatches.matches;
    const half = dataOf(await app.request(ConfirmClientMatchDocument, { input: { matchId: proposed.id, expectedVersion: proposed.version } }, { token: clinic.token })).confirmClientMatch;
    const confirmed = dataOf(await app.request(ConfirmClientMatchDocument, { input: { matchId: proposed.id, expectedVersion: half.version } }, { token: shelter.token }))
      .confirmClientMatch;
    expect(confirmed.status).toBe('CONFIRMED');
    // The migration recounts programmes with linked people as the job does: run it again before the job,
    // and the job after it changes nothing.
    const migration = new CountOnce1797600000000();
    const owner = { query: (sql: string, params?: unknown[]) => app.ownerQuery(sql, params) } as unknown as QueryRunner;
    await migration.down(owner);
    await migration.up(owner);
    const recountedByMigration = await views(linked.id);
    await app.jobs.tick(new Date());

    const after = await views(linked.id);
    expect(after).toEqual(recountedByMigration);
    // Lan counts once: 4 people, 2 women; deliveries unchanged.
    expect(after.funder.SEX).toEqual({
      enrolled: { total: 4, FEMALE: 2, MALE: 2 },
      served: { total: 4, FEMALE: 2, MALE: 2 },
      deliveries: { total: 5, FEMALE: 3, MALE: 2 },
    });
    expect(after.funder.AGE_BAND.enrolled).toEqual({ total: 4, AGE_60_PLUS: 4 });
    expect(after.funder.AGE_BAND.served).toEqual({ total: 4, AGE_60_PLUS: 4 });
    expect(after.funder.REGION.served).toEqual({ total: 4, 'Lào Cai': 'COMPLEMENTARY', 'Yên Bái': 'BELOW_THRESHOLD' });
    // The shelter's own part still holds Lan: what others put in is Hoa alone now, so the total and the women are withheld from it.
    expect(after.shelter.SEX.served).toEqual({ total: 'OTHERS_BELOW_THRESHOLD', FEMALE: 'OTHERS_BELOW_THRESHOLD', MALE: 2 });
    // The clinic's own part is Lan and Hoa; the shelter's two men are others enough.
    expect(after.clinic.SEX.served).toEqual({ total: 4, FEMALE: 2, MALE: 2 });

    // The shelter cannot tell from the figures whether the clinic enrolled or served its linked Lan: the control programme,
    // where the clinic did neither, shows the shelter, and the funder, the same people figures.
    const unlinkedControl = await views(control.id);
    const people = (view: Awaited<ReturnType<typeof quarter>>) => ({ enrolled: view.enrolled, served: view.served });
    expect(people(after.shelter.SEX)).toEqual(people(unlinkedControl.shelter.SEX));
    expect(people(after.shelter.REGION)).toEqual(people(unlinkedControl.shelter.REGION));
    expect(people(after.funder.SEX)).toEqual(people(unlinkedControl.funder.SEX));
    expect(people(after.funder.AGE_BAND)).toEqual(people(unlinkedControl.funder.AGE_BAND));

    // Recorded after the link, a delivery to a linked person counts as a delivery, and not as one more person.
    dataOf(await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: lanEnrolledAtClinic.id, serviceId: rehab.clinic, deliveredOn: '2026-08-03' } }, { token: clinic.token }));
    const served = await quarter(funderKey, linked.id, 'SEX');
    expect(served.served).toEqual({ total: 4, FEMALE: 2, MALE: 2 });
    expect(served.deliveries).toEqual({ total: 6, FEMALE: 4, MALE: 2 });
    // And the shelter serving her in the same month finds she counts there already (a row the clinic wrote, which it cannot read).
    const [lanEnrolledAtShelter] = await app.ownerQuery<{ id: string }>('SELECT id FROM program_enrollments WHERE program_id = $1 AND client_id = $2', [linked.id, lanAtShelter.id]);
    dataOf(await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: lanEnrolledAtShelter.id, serviceId: rehab.shelter, deliveredOn: '2026-08-04' } }, { token: shelter.token }));
    const august = await app.ownerQuery<{ value: string }>(
      `SELECT value FROM program_metric_cells WHERE program_id = $1 AND metric = 'PEOPLE_SERVED' AND category_code = '' AND period_type = 'MONTH'
          AND period_start = '2026-08-01' AND dimension = 'TOTAL'`,
      [linked.id],
    );
    expect(august).toEqual([{ value: '1' }]);
    const twice = await quarter(funderKey, linked.id, 'SEX');
    expect(twice.served).toEqual({ total: 4, FEMALE: 2, MALE: 2 });
    expect(twice.deliveries).toEqual({ total: 7, FEMALE: 5, MALE: 2 });

    // Undone: Lan is two people again.
    const rejected = dataOf(await app.request(RejectClientMatchDocument, { input: { matchId: proposed.id, expectedVersion: confirmed.version } }, { token: shelter.token }))
      .rejectClientMatch;
    expect(rejected.status).toBe('REJECTED');
    await app.jobs.tick(new Date());
    const undone = await views(linked.id);
    expect(undone.funder.SEX).toEqual({
      enrolled: { total: 5, FEMALE: 3, MALE: 2 },
      served: { total: 5, FEMALE: 3, MALE: 2 },
      deliveries: { total: 7, FEMALE: 5, MALE: 2 },
    });
    expect(undone.shelter.SEX.served).toEqual({ total: 5, FEMALE: 3, MALE: 2 });
    // The control programme, where only the shelter enrolled Lan, never changed.
    expect(await views(control.id)).toEqual(unlinkedControl);
  });
});
