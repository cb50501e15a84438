import {
  AddIndicatorDocument,
  AddProgramResultDocument,
  ClientsDocument,
  EnrollClientDocument,
  ProgramDocument,
  ProgramEnrollmentsDocument,
  ProgramMetricsDocument,
  RecordServiceDeliveryDocument,
  ReportedValuesDocument,
  ReviewReportedValueDocument,
  SetIndicatorTargetDocument,
  SubmitReportedValueDocument,
  type MetricValueFieldsFragment,
  type RegisterClientInput,
} from './generated/graphql';
import { createApiKey, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { publishService, registerClient } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const shown = (value: MetricValueFieldsFragment | null | undefined) =>
  value?.__typename === 'MetricNumber' ? value.value : value?.__typename === 'SuppressedValue' ? value.reason : value;

async function enrolAndServe(
  member: SignedIn,
  programId: string,
  serviceId: string,
  people: Partial<RegisterClientInput>[],
  deliveriesEach: string[],
) {
  const names: string[] = [];
  for (const person of people) {
    const client = await registerClient(app, member, { region: 'Lao Cai', ...person });
    names.push(client.fullName);
    const enrollment = dataOf(await app.request(EnrollClientDocument, { input: { programId, clientId: client.id, enrolledOn: '2026-07-01' } }, { token: member.token }))
      .enrollClient;
    for (const deliveredOn of deliveriesEach) {
      dataOf(await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrollment.id, serviceId, deliveredOn } }, { token: member.token }));
    }
  }
  return names;
}

describe('a joint programme reported to its funder', () => {
  it('derives and reports results, and shows the funder progress by sex and age band with small cells suppressed', async () => {
    const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' });
    const union = await signUpOrganization(app, { name: 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai', kind: 'COMMUNITY_GROUP' });
    const hospital = await signUpOrganization(app, { name: 'Bệnh viện Phục hồi chức năng', kind: 'HOSPITAL' });
    const funder = await signUpOrganization(app, { name: 'Mekong Elderly Fund', kind: 'FUNDER' });
    const funderKey = await createApiKey(app, funder, ['METRICS_READ']);

    const program = await createProgram(app, centre, { suppressionThreshold: 5 });
    expect(program).toMatchObject({ myRole: 'LEAD', members: [{ role: 'LEAD', status: 'ACTIVE' }] });
    await joinProgram(app, centre, program.id, union, 'IMPLEMENTING_PARTNER');
    await joinProgram(app, centre, program.id, hospital, 'IMPLEMENTING_PARTNER');
    await joinProgram(app, centre, program.id, funder, 'FUNDER');

    const lead = { token: centre.token };
    const output = dataOf(await app.request(AddProgramResultDocument, { input: { programId: program.id, type: 'OUTPUT', title: 'Older people regain mobility' } }, lead))
      .addProgramResult;
    const rehab = dataOf(
      await app.request(
        AddIndicatorDocument,
        {
          input: {
            resultId: output.id,
            code: 'OP1.1',
            name: 'Older people receiving physical rehabilitation',
            aggregation: 'DISTINCT_PEOPLE',
            source: 'PEOPLE_SERVED',
            serviceCategoryCode: 'PHYSICAL_REHABILITATION',
            baselineValue: 0,
            baselineYear: 2025,
            disaggregations: ['SEX', 'AGE_BAND'],
          },
        },
        lead,
      ),
    ).addIndicator;
    const cash = dataOf(
      await app.request(
        AddIndicatorDocument,
        { input: { resultId: output.id, code: 'OP1.2', name: 'Cash transfers paid (million VND)', aggregation: 'SUM', source: 'REPORTED' } },
        lead,
      ),
    ).addIndicator;
    for (const [indicatorId, value, dimension, dimensionValue] of [
      [rehab.id, 20, null, null],
      [rehab.id, 10, 'SEX', 'FEMALE'],
      [cash.id, 50, null, null],
    ] as const) {
      dataOf(await app.request(SetIndicatorTargetDocument, { input: { indicatorId, periodType: 'QUARTER', periodStart: '2026-07-01', value, dimension, dimensionValue } }, lead));
    }

    // Two members serve their own clients: the union counsels six women, the hospital rehabilitates nine people.
    const counselling = await publishService(app, union, { name: 'Tư vấn tâm lý', categoryCode: 'COUNSELING' });
    const physio = await publishService(app, hospital, { name: 'Vật lý trị liệu', categoryCode: 'PHYSICAL_REHABILITATION' });
    const woman = { sex: 'FEMALE', birthDate: '1950-05-05' } as const;
    const man = { sex: 'MALE', birthDate: '1952-02-02' } as const;
    const unionNames = await enrolAndServe(union, program.id, counselling.id, Array.from({ length: 6 }, (_, i) => ({ ...woman, fullName: `Bà Lò Thị ${i}` })), ['2026-07-10']);
    const hospitalNames = await enrolAndServe(
      hospital,
      program.id,
      physio.id,
      [
        ...Array.from({ length: 6 }, (_, i) => ({ ...man, fullName: `Ông Vàng A ${i}` })),
        { sex: 'MALE', birthDate: '1990-01-01', fullName: 'Anh Giàng A Sử' },
        { ...woman, fullName: 'Bà Hoàng Thị Lan' },
        { ...woman, fullName: 'Bà Sùng Thị Mai' },
      ],
      ['2026-07-15', '2026-08-15'],
    );

    // A reported value: submitted, approved (locked), then corrected as a new version.
    const submit = (value: number, note: string) =>
      app.request(SubmitReportedValueDocument, { input: { indicatorId: cash.id, periodType: 'QUARTER', periodStart: '2026-07-01', value, note } }, { token: union.token });
    const first = dataOf(await submit(40, 'Commune payment lists')).submitReportedValue;
    expect(errorCodes(await submit(41, 'Again'))).toEqual(['CONFLICT']);
    const review = (id: string, approve = true) => app.request(ReviewReportedValueDocument, { input: { reportedValueId: id, approve } }, lead);
    expect(errorCodes(await app.request(ReviewReportedValueDocument, { input: { reportedValueId: first.id, approve: true } }, { token: union.token }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await review(first.id)).reviewReportedValue).toMatchObject({ status: 'APPROVED', revision: 1 });
    expect(errorCodes(await review(first.id, false))).toEqual(['CONFLICT']);
    const correction = dataOf(await submit(42, 'Two late payments found')).submitReportedValue;
    expect(correction).toMatchObject({ status: 'SUBMITTED', revision: 2 });
    dataOf(await review(correction.id));
    const versions = dataOf(await app.request(ReportedValuesDocument, { programId: program.id }, lead)).reportedValues.edges.map((e) => e.node);
    expect(versions.map((v) => [v.revision, v.value, v.status])).toEqual([
      [1, 40, 'SUPERSEDED'],
      [2, 42, 'APPROVED'],
    ]);
    const [stored] = await app.ownerQuery<{ value: string }>('SELECT value FROM reported_values WHERE id = $1', [first.id]);
    expect(Number(stored.value)).toBe(40);

    // The funder, by API key: progress against targets by sex, small cells withheld, totals that do not give them away.
    const metrics = async (disaggregateBy: 'SEX' | 'AGE_BAND', token = funderKey.secret) =>
      dataOf(await app.request(ProgramMetricsDocument, { programId: program.id, periodType: 'QUARTER', from: '2026-07-01', to: '2026-09-30', disaggregateBy }, { token }))
        .programMetrics;
    const bySex = await metrics('SEX');
    expect(bySex.periods).toHaveLength(1);
    const quarter = bySex.periods[0];
    expect(shown(quarter.peopleServed.total)).toBe(15);
    expect(quarter.peopleServed.breakdown.map((c) => [c.value, shown(c.actual)])).toEqual([
      ['FEMALE', 8],
      ['MALE', 7],
      ['INTERSEX', 0],
      ['UNKNOWN', 0],
    ]);
    const rehabProgress = quarter.indicators.find((i) => i.indicator.code === 'OP1.1')!;
    expect(rehabProgress).toMatchObject({ target: 20 });
    expect(shown(rehabProgress.actual)).toBe(9);
    expect(shown(rehabProgress.progressPercent)).toBe(45);
    expect(rehabProgress.breakdown.map((c) => [c.value, shown(c.actual), c.target, shown(c.progressPercent)])).toEqual([
      ['FEMALE', 'BELOW_THRESHOLD', 10, 'DERIVED_FROM_SUPPRESSED'],
      ['MALE', 'COMPLEMENTARY', null, null],
      ['INTERSEX', 0, null, null],
      ['UNKNOWN', 0, null, null],
    ]);
    const rehabDeliveries = quarter.servicesByCategory.find((c) => c.category.code === 'PHYSICAL_REHABILITATION')!;
    expect(shown(rehabDeliveries.deliveries.total)).toBe(18);
    expect(rehabDeliveries.deliveries.breakdown.filter((c) => c.actual?.__typename === 'SuppressedValue').map((c) => c.value)).toEqual(['FEMALE', 'MALE']);
    const cashProgress = quarter.indicators.find((i) => i.indicator.code === 'OP1.2')!;
    expect([shown(cashProgress.actual), cashProgress.target, shown(cashProgress.progressPercent)]).toEqual([42, 50, 84]);

    const byAge = (await metrics('AGE_BAND')).periods[0];
    const rehabByAge = byAge.indicators.find((i) => i.indicator.code === 'OP1.1')!.breakdown;
    expect(rehabByAge.map((c) => [c.value, shown(c.actual)])).toEqual([
      ['AGE_0_5', 0],
      ['AGE_6_11', 0],
      ['AGE_12_17', 0],
      ['AGE_18_59', 'BELOW_THRESHOLD'],
      ['AGE_60_PLUS', 'COMPLEMENTARY'],
    ]);

    // Nothing in what the funder read names or identifies a person.
    const everything = JSON.stringify([bySex, byAge]);
    for (const name of [...unionNames, ...hospitalNames]) expect(everything).not.toContain(name);
    expect(errorCodes(await app.request(ProgramEnrollmentsDocument, { programId: program.id }, { token: funderKey.secret }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await app.request(ProgramEnrollmentsDocument, { programId: program.id }, { token: funder.token })).programEnrollments.edges).toEqual([]);
    expect(errorCodes(await app.request(ReportedValuesDocument, { programId: program.id }, { token: funder.token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.request(ClientsDocument, {}, { token: funderKey.secret }))).toEqual(['FORBIDDEN']);

    // Each member sees its own enrolments only; an outsider sees nothing of the programme.
    const hospitalEnrolments = dataOf(await app.request(ProgramEnrollmentsDocument, { programId: program.id, first: 50 }, { token: hospital.token }))
      .programEnrollments.edges;
    expect(hospitalEnrolments.map((e) => e.node.client.fullName).sort()).toEqual([...hospitalNames].sort());
    expect(dataOf(await app.request(ProgramEnrollmentsDocument, { programId: program.id }, lead)).programEnrollments.edges).toEqual([]);
    const outsider = await signUpOrganization(app);
    expect(errorCodes(await app.request(ProgramDocument, { id: program.id }, { token: outsider.token }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.request(ProgramMetricsDocument, { programId: program.id, from: '2026-01-01', to: '2026-12-31' }, { token: outsider.token }))).toEqual([
      'NOT_FOUND',
    ]);
  });
});
