import type { QueryRunner } from 'typeorm';
import { MemberContributions1796900000000 } from '../migrations/1796900000000-member-contributions';
import {
  AcceptReferralDocument,
  CompleteReferralDocument,
  SendReferralDocument,
  StartReferralDocument,
  AcceptProgramInvitationDocument,
  AddIndicatorDocument,
  CreateProgramDocument,
  DeclineProgramInvitationDocument,
  InviteProgramMemberDocument,
  RemoveProgramMemberDocument,
  AddProgramResultDocument,
  ClientsDocument,
  EnrollClientDocument,
  ProgramDocument,
  ProgramEnrollmentsDocument,
  ProgramIatiXmlDocument,
  ProgramMetricsDocument,
  ProgramResultsCsvDocument,
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
import { partner, publishService, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';
import { validateIatiActivities } from './support/iati';

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

    // Exports: CSV and IATI activity XML, valid against the IATI 2.03 schema, with the same suppression.
    const range = { programId: program.id, periodType: 'QUARTER' as const, from: '2026-07-01', to: '2026-09-30' };
    const csv = dataOf(await app.request(ProgramResultsCsvDocument, range, { token: funderKey.secret })).programResultsCsv;
    const csvRows = csv.trimEnd().split('\r\n');
    expect(csvRows[0]).toBe('result_type,result,indicator_code,indicator,period_start,period_end,dimension,dimension_value,target,actual,suppressed');
    expect(csvRows).toContain('OUTPUT,Older people regain mobility,OP1.1,Older people receiving physical rehabilitation,2026-07-01,2026-09-30,,,20,9,');
    expect(csvRows).toContain('OUTPUT,Older people regain mobility,OP1.1,Older people receiving physical rehabilitation,2026-07-01,2026-09-30,SEX,FEMALE,10,,BELOW_THRESHOLD');
    expect(csvRows).toContain('OUTPUT,Older people regain mobility,OP1.2,Cash transfers paid (million VND),2026-07-01,2026-09-30,,,50,42,');
    // With disaggregateBy, the overall rows and that dimension's only.
    const byAgeCsv = dataOf(await app.request(ProgramResultsCsvDocument, { ...range, disaggregateBy: 'AGE_BAND' }, { token: funderKey.secret })).programResultsCsv;
    const byAgeRows = byAgeCsv.trimEnd().split('\r\n').slice(1);
    expect(new Set(byAgeRows.map((row) => row.split(',')[6]))).toEqual(new Set(['', 'AGE_BAND']));
    expect(byAgeRows.filter((row) => row.split(',')[6] === '')).toEqual(csvRows.slice(1).filter((row) => row.split(',')[6] === ''));
    expect(new Set(csvRows.slice(1).map((row) => row.split(',')[6]))).toEqual(new Set(['', 'SEX', 'AGE_BAND']));
    const iati = dataOf(await app.request(ProgramIatiXmlDocument, range, { token: funderKey.secret })).programIatiXml;
    expect(await validateIatiActivities(iati)).toEqual({ valid: true, errors: [] });
    expect(iati).toContain('<actual value="9"></actual>');
    expect(iati).toContain('<target value="10"><dimension name="sex" value="female"/></target>');
    expect(iati).toContain('<actual><dimension name="sex" value="female"/><comment><narrative>Withheld: fewer than 5 people</narrative></comment></actual>');

    // Nothing in what the funder read names or identifies a person.
    const everything = JSON.stringify([bySex, byAge, csv, iati]);
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

describe('the IATI activity export', () => {
  it("is valid against the project's IATI 2.03 schema, which refuses it with an element out of order, a required attribute missing, a code outside its list or a malformed date", async () => {
    const lead = await signUpOrganization(app, { kind: 'NGO' });
    const funder = await signUpOrganization(app, { kind: 'FUNDER' });
    const program = await createProgram(app, lead);
    await joinProgram(app, lead, program.id, funder, 'FUNDER');
    const asLead = { token: lead.token };
    const outcome = dataOf(await app.request(AddProgramResultDocument, { input: { programId: program.id, type: 'OUTCOME', title: 'Older people walk unaided' } }, asLead))
      .addProgramResult;
    const input = { resultId: outcome.id, code: 'OC1', name: 'Share walking unaided', measure: 'PERCENTAGE', aggregation: 'SUM', source: 'REPORTED', baselineValue: 12.5, baselineYear: 2025 } as const;
    const indicator = dataOf(await app.request(AddIndicatorDocument, { input }, asLead)).addIndicator;
    dataOf(await app.request(SetIndicatorTargetDocument, { input: { indicatorId: indicator.id, periodType: 'QUARTER', periodStart: '2026-07-01', value: 30 } }, asLead));

    const range = { programId: program.id, periodType: 'QUARTER' as const, from: '2026-07-01', to: '2026-09-30' };
    const iati = dataOf(await app.request(ProgramIatiXmlDocument, range, { token: funder.token })).programIatiXml;
    expect(await validateIatiActivities(iati)).toEqual({ valid: true, errors: [] });
    expect(iati).toContain('<result type="2">');
    expect(iati).toContain('<indicator measure="2" ascending="1">');
    expect(iati).toContain('<baseline year="2025" value="12.5"/>');
    expect(iati).toContain('<period><period-start iso-date="2026-07-01"/><period-end iso-date="2026-09-30"/><target value="30"></target></period>');

    const edited = (pattern: RegExp, replacement: string) => {
      expect(iati).toMatch(pattern);
      return iati.replace(pattern, replacement);
    };
    const errors = async (xml: string) => {
      const result = await validateIatiActivities(xml);
      expect(result.valid).toBe(false);
      return result.errors.join('\n');
    };
    expect(await errors(edited(/(<period-start [^>]*\/>)(<period-end [^>]*\/>)/, '$2$1'))).toMatch(
      /Element 'period-end': This element is not expected\. Expected is \( period-start \)/,
    );
    expect(await errors(edited(/<result type="2">/, '<result>'))).toMatch(/Element 'result': The attribute 'type' is required but missing/);
    expect(await errors(edited(/ role="1">/, ' role="5">'))).toMatch(/Element 'participating-org', attribute 'role': \[facet 'enumeration'\] The value '5' is not an element of the set/);
    expect(await errors(edited(/<activity-date type="1" iso-date="2026-01-01"\/>/, '<activity-date type="1" iso-date="2026-13-01"/>'))).toMatch(
      /attribute 'iso-date': '2026-13-01' is not a valid value of the atomic type 'xs:date'/,
    );
  });
});

describe('programme membership', () => {
  it('is invited by the lead and answered by the member; a removed member loses sight of the programme at once', async () => {
    const lead = await signUpOrganization(app);
    const partner = await signUpOrganization(app);
    const program = await createProgram(app, lead);
    const invited = dataOf(
      await app.request(InviteProgramMemberDocument, { input: { programId: program.id, organizationId: partner.organizationId, role: 'IMPLEMENTING_PARTNER' } }, { token: lead.token }),
    ).inviteProgramMember;
    expect(errorCodes(await app.request(InviteProgramMemberDocument, { input: { programId: program.id, organizationId: partner.organizationId, role: 'FUNDER' } }, { token: lead.token }))).toEqual([
      'CONFLICT',
    ]);

    // Invited: the programme row, not its results or metrics.
    const seen = dataOf(await app.request(ProgramDocument, { id: program.id }, { token: partner.token })).program;
    expect(seen).toMatchObject({ myRole: null, results: [], members: [{ id: invited.id, status: 'INVITED' }] });
    const early = await app.request(ProgramMetricsDocument, { programId: program.id, from: '2026-01-01', to: '2026-03-31' }, { token: partner.token });
    expect([errorCodes(early), early.errors?.[0].extensions?.reason]).toEqual([['FORBIDDEN'], 'PROGRAM_ROLE']);

    const membership = (expectedVersion: number) => ({ input: { membershipId: invited.id, expectedVersion } });
    expect(errorCodes(await app.request(AcceptProgramInvitationDocument, membership(invited.version), { token: lead.token }))).toEqual(['FORBIDDEN']);
    const accepted = dataOf(await app.request(AcceptProgramInvitationDocument, membership(invited.version), { token: partner.token })).acceptProgramInvitation;
    expect(accepted).toMatchObject({ status: 'ACTIVE', version: invited.version + 1 });
    expect(errorCodes(await app.request(DeclineProgramInvitationDocument, membership(accepted.version), { token: partner.token }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.request(RemoveProgramMemberDocument, { input: { membershipId: invited.id, expectedVersion: invited.version } }, { token: lead.token }))).toEqual([
      'CONFLICT',
    ]);
    dataOf(await app.request(RemoveProgramMemberDocument, { input: { membershipId: invited.id, expectedVersion: accepted.version } }, { token: lead.token }));
    expect(errorCodes(await app.request(ProgramDocument, { id: program.id }, { token: partner.token }))).toEqual(['NOT_FOUND']);

    const again = dataOf(
      await app.request(InviteProgramMemberDocument, { input: { programId: program.id, organizationId: partner.organizationId, role: 'FUNDER' } }, { token: lead.token }),
    ).inviteProgramMember;
    expect(again).toMatchObject({ id: invited.id, role: 'FUNDER', status: 'INVITED' });
    const leadMembership = (await app.request(ProgramDocument, { id: program.id }, { token: lead.token })).data!.program.members.find((m) => m.role === 'LEAD')!;
    expect(errorCodes(await app.request(RemoveProgramMemberDocument, { input: { membershipId: leadMembership.id, expectedVersion: leadMembership.version } }, { token: lead.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses programme input that breaks the code lists, dates or roles, and changes nothing', async () => {
    const lead = await signUpOrganization(app);
    const partner = await signUpOrganization(app);
    const create = (input: Record<string, unknown>) =>
      app.request(CreateProgramDocument, { input: { name: 'P', startsOn: '2026-01-01', ...input } as never }, { token: lead.token });
    expect(errorCodes(await create({ sdgTargets: ['18.1'] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create({ endsOn: '2025-12-31' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create({ suppressionThreshold: 1 }))).toEqual(['BAD_USER_INPUT']);

    const program = await createProgram(app, lead, { regions: ['Lào Cai'] });
    const result = dataOf(await app.request(AddProgramResultDocument, { input: { programId: program.id, type: 'OUTCOME', title: 'Living safely at home' } }, { token: lead.token }))
      .addProgramResult;
    const indicator = dataOf(
      await app.request(AddIndicatorDocument, { input: { resultId: result.id, code: 'OC1', name: 'People', aggregation: 'DISTINCT_PEOPLE', source: 'PEOPLE_ENROLLED', disaggregations: ['REGION'] } }, { token: lead.token }),
    ).addIndicator;
    const target = (input: Record<string, unknown>) =>
      app.request(SetIndicatorTargetDocument, { input: { indicatorId: indicator.id, periodType: 'QUARTER', periodStart: '2026-01-01', value: 10, ...input } as never }, { token: lead.token });
    expect(errorCodes(await target({ periodStart: '2026-02-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await target({ dimension: 'SEX', dimensionValue: 'FEMALE' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await target({ dimension: 'REGION', dimensionValue: 'Hà Nội' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await target({ dimension: 'REGION' }))).toEqual(['BAD_USER_INPUT']);
    dataOf(await target({ dimension: 'REGION', dimensionValue: 'Lào Cai' }));
    expect(dataOf(await target({ dimension: 'REGION', dimensionValue: 'Lào Cai', value: 12 })).setIndicatorTarget.value).toBe(12);
    expect(errorCodes(await app.request(AddIndicatorDocument, { input: { resultId: result.id, code: 'OC1', name: 'Dup', aggregation: 'SUM', source: 'REPORTED' } }, { token: lead.token }))).toEqual([
      'CONFLICT',
    ]);
    expect(errorCodes(await app.request(SubmitReportedValueDocument, { input: { indicatorId: indicator.id, periodType: 'QUARTER', periodStart: '2026-01-01', value: 3 } }, { token: lead.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);

    await joinProgram(app, lead, program.id, partner, 'FUNDER');
    const client = await registerClient(app, partner);
    const asFunder = await app.request(EnrollClientDocument, { input: { programId: program.id, clientId: client.id, enrolledOn: '2026-03-01' } }, { token: partner.token });
    expect([errorCodes(asFunder), asFunder.errors?.[0].extensions?.reason]).toEqual([['FORBIDDEN'], 'PROGRAM_ROLE']);
    const own = await registerClient(app, lead);
    expect(errorCodes(await app.request(EnrollClientDocument, { input: { programId: program.id, clientId: own.id, enrolledOn: '2027-01-01' } }, { token: lead.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await app.request(EnrollClientDocument, { input: { programId: program.id, clientId: client.id, enrolledOn: '2026-03-01' } }, { token: lead.token }))).toEqual([
      'NOT_FOUND',
    ]);
    const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM program_enrollments WHERE program_id = $1', [program.id]);
    expect(n).toBe(0);
  });
});

describe('programme rollups', () => {
  it('count each person once per period however many services they get, also when deliveries race', async () => {
    const lead = await signUpOrganization(app);
    const program = await createProgram(app, lead, { suppressionThreshold: 2 });
    const service = await publishService(app, lead, { categoryCode: 'HEALTH_CHECKS' });
    const clients = await Promise.all([0, 1, 2].map((i) => registerClient(app, lead, { fullName: `Người ${i}`, region: 'Yên Bái' })));
    const enrollments = [];
    for (const client of clients) {
      enrollments.push(
        dataOf(await app.request(EnrollClientDocument, { input: { programId: program.id, clientId: client.id, enrolledOn: '2026-02-01' } }, { token: lead.token })).enrollClient,
      );
    }
    const raced = await Promise.all(
      enrollments.flatMap((enrollment) =>
        ['2026-02-03', '2026-02-10', '2026-03-05', '2026-05-01'].map((deliveredOn) =>
          app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrollment.id, serviceId: service.id, deliveredOn } }, { token: lead.token }),
        ),
      ),
    );
    expect(raced.flatMap((res) => errorCodes(res))).toEqual([]);
    const months = dataOf(
      await app.request(ProgramMetricsDocument, { programId: program.id, periodType: 'MONTH', from: '2026-02-01', to: '2026-05-31', disaggregateBy: 'REGION' }, { token: lead.token }),
    ).programMetrics.periods;
    expect(months.map((p) => [p.periodStart, shown(p.peopleServed.total), shown(p.servicesByCategory[0]?.deliveries.total)])).toEqual([
      ['2026-02-01', 3, 6],
      ['2026-03-01', 3, 3],
      ['2026-04-01', 0, undefined],
      ['2026-05-01', 3, 3],
    ]);
    expect(months[0].peopleServed.breakdown.map((c) => [c.value, shown(c.actual)])).toEqual([
      ['Lào Cai', 0],
      ['Yên Bái', 3],
      ['OTHER', 0],
    ]);
    const year = dataOf(
      await app.request(ProgramMetricsDocument, { programId: program.id, periodType: 'YEAR', from: '2026-01-01', to: '2026-12-31' }, { token: lead.token }),
    ).programMetrics.periods[0];
    expect([shown(year.peopleEnrolled.total), shown(year.peopleServed.total), shown(year.servicesByCategory[0].deliveries.total)]).toEqual([3, 3, 12]);
  });

  it('follow referrals made within the programme into a funnel, suppressing small stages and their medians', async () => {
    const lead = await signUpOrganization(app);
    const hospital = await signUpOrganization(app);
    const stranger = await signUpOrganization(app);
    await partner(app, lead, hospital);
    await partner(app, stranger, hospital);
    const program = await createProgram(app, lead, { suppressionThreshold: 2 });
    const referrals = [];
    for (let i = 0; i < 3; i += 1) {
      const client = await registerClient(app, lead, { fullName: `Người được chuyển ${i}` });
      await recordConsent(app, lead, client.id, hospital.organizationId);
      referrals.push(await sendReferral(app, lead, { clientId: client.id, receivingOrganizationId: hospital.organizationId, programId: program.id }));
    }
    const outsider = await registerClient(app, stranger);
    await recordConsent(app, stranger, outsider.id, hospital.organizationId);
    const refused = await app.request(
      SendReferralDocument,
      { input: { clientId: outsider.id, receivingOrganizationId: hospital.organizationId, programId: program.id, reason: 'x' } },
      { token: stranger.token },
    );
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);

    const asHospital = { token: hospital.token };
    for (const referral of referrals.slice(0, 2)) {
      dataOf(await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: 1 } }, asHospital));
    }
    dataOf(await app.request(StartReferralDocument, { input: { referralId: referrals[0].id, expectedVersion: 2 } }, asHospital));
    dataOf(
      await app.request(CompleteReferralDocument, { input: { referralId: referrals[0].id, expectedVersion: 3, outcome: 'SUCCESSFUL', serviceDelivered: true } }, asHospital),
    );

    const month = new Date().toISOString().slice(0, 7);
    const funnel = dataOf(
      await app.request(ProgramMetricsDocument, { programId: program.id, periodType: 'MONTH', from: `${month}-01`, to: `${month}-01` }, { token: lead.token }),
    ).programMetrics.periods[0].referralFunnel;
    expect(Object.fromEntries(Object.entries(funnel).map(([stage, value]) => [stage, shown(value as MetricValueFieldsFragment | null)]))).toEqual({
      sent: 3,
      // One referral not accepted is a small figure too: showing 3 sent and 2 accepted would give it away.
      accepted: 'COMPLEMENTARY',
      completed: 'BELOW_THRESHOLD',
      successful: 'BELOW_THRESHOLD',
      medianDaysToAcceptance: 'DERIVED_FROM_SUPPRESSED',
      medianDaysToCompletion: 'DERIVED_FROM_SUPPRESSED',
    });
  });

  it('never let a withheld quarter be worked out from the year and the other quarters, or one category from all services', async () => {
    const lead = await signUpOrganization(app);
    const program = await createProgram(app, lead, { suppressionThreshold: 3 });
    const checks = await publishService(app, lead, { categoryCode: 'HEALTH_CHECKS' });
    const legal = await publishService(app, lead, { categoryCode: 'LEGAL_AID_AND_ADVOCACY' });
    for (const [i, enrolledOn] of ['2026-02-02', '2026-02-03', '2026-02-04', '2026-05-02', '2026-05-03', '2026-05-04', '2026-08-02'].entries()) {
      const client = await registerClient(app, lead, { fullName: `Người tham gia ${i}` });
      const enrollment = dataOf(await app.request(EnrollClientDocument, { input: { programId: program.id, clientId: client.id, enrolledOn } }, { token: lead.token }))
        .enrollClient;
      const serviceId = i === 0 ? legal.id : checks.id;
      dataOf(await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrollment.id, serviceId, deliveredOn: enrolledOn } }, { token: lead.token }));
    }
    const read = async (periodType: 'YEAR' | 'QUARTER') =>
      dataOf(await app.request(ProgramMetricsDocument, { programId: program.id, periodType, from: '2026-01-01', to: '2026-12-31' }, { token: lead.token }))
        .programMetrics.periods;
    const [year] = await read('YEAR');
    const quarters = await read('QUARTER');
    expect(shown(year.peopleEnrolled.total)).toBe(7);
    const byQuarter = quarters.map((q) => shown(q.peopleEnrolled.total));
    expect(byQuarter.slice(2)).toEqual(['BELOW_THRESHOLD', 0]);
    expect(byQuarter.slice(0, 2).sort()).toEqual([3, 'COMPLEMENTARY']);
    const shownQuarters = quarters.map((q) => q.peopleEnrolled.total).filter((v) => v.__typename === 'MetricNumber');
    expect(shownQuarters.length).toBeLessThan(3);

    const deliveries = (period: typeof year) => Object.fromEntries(period.servicesByCategory.map((c) => [c.category.code, shown(c.deliveries.total)]));
    expect(deliveries(year)).toEqual({ HEALTH_CHECKS: 'COMPLEMENTARY', LEGAL_AID_AND_ADVOCACY: 'BELOW_THRESHOLD' });
  });

  it("never let a member learn another member's small count by subtracting its own people and referrals", async () => {
    const lead = await signUpOrganization(app);
    const union = await signUpOrganization(app);
    const clinic = await signUpOrganization(app);
    const hospital = await signUpOrganization(app);
    const funder = await signUpOrganization(app, { kind: 'FUNDER' });
    const program = await createProgram(app, lead, { suppressionThreshold: 5 });
    await joinProgram(app, lead, program.id, union, 'IMPLEMENTING_PARTNER');
    await joinProgram(app, lead, program.id, clinic, 'IMPLEMENTING_PARTNER');
    await joinProgram(app, lead, program.id, funder, 'FUNDER');
    const woman = { sex: 'FEMALE', birthDate: '1950-05-05' } as const;
    const man = { sex: 'MALE', birthDate: '1952-02-02' } as const;
    const serve = async (member: SignedIn, women: number, men: number) => {
      const service = await publishService(app, member, { categoryCode: 'COUNSELING' });
      const people = [...Array.from({ length: women }, () => woman), ...Array.from({ length: men }, () => man)];
      await enrolAndServe(member, program.id, service.id, people, ['2026-07-10']);
    };
    // The union: 6 women and 5 men; the clinic: 6 women and 1 man.
    await serve(union, 6, 5);
    await serve(clinic, 6, 1);
    // Referrals within the programme to a hospital outside it: 5 from the union, 1 from the clinic.
    await partner(app, union, hospital);
    await partner(app, clinic, hospital);
    for (const [sender, count] of [
      [union, 5],
      [clinic, 1],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        const client = await registerClient(app, sender);
        await recordConsent(app, sender, client.id, hospital.organizationId);
        await sendReferral(app, sender, { clientId: client.id, receivingOrganizationId: hospital.organizationId, programId: program.id });
      }
    }

    const quarterBySex = async (viewer: SignedIn) => {
      const [quarter] = dataOf(
        await app.request(
          ProgramMetricsDocument,
          { programId: program.id, periodType: 'QUARTER', from: '2026-07-01', to: '2026-09-30', disaggregateBy: 'SEX' },
          { token: viewer.token },
        ),
      ).programMetrics.periods;
      const figures = (figure: typeof quarter.peopleEnrolled) => [shown(figure.total), ...figure.breakdown.slice(0, 2).map((cell) => shown(cell.actual))];
      return {
        enrolled: figures(quarter.peopleEnrolled),
        served: figures(quarter.peopleServed),
        deliveries: figures(quarter.servicesByCategory.find((c) => c.category.code === 'COUNSELING')!.deliveries),
      };
    };
    // [total, FEMALE, MALE]: the funder sees every figure, none below 5.
    const everyone = [18, 12, 6];
    expect(await quarterBySex(funder)).toEqual({ enrolled: everyone, served: everyone, deliveries: everyone });
    // The union knows its own 6 women and 5 men: 6 men shown would say the clinic enrolled 1.
    const union12 = [18, 'COMPLEMENTARY', 'OTHERS_BELOW_THRESHOLD'];
    expect(await quarterBySex(union)).toEqual({ enrolled: union12, served: union12, deliveries: union12 });
    // The clinic's own 6 women and 1 man leave 6 women and 5 men from others: nothing to hide.
    expect(await quarterBySex(clinic)).toEqual({ enrolled: everyone, served: everyone, deliveries: everyone });

    const month = new Date().toISOString().slice(0, 7);
    const sent = async (viewer: SignedIn) =>
      shown(
        dataOf(
          await app.request(ProgramMetricsDocument, { programId: program.id, periodType: 'MONTH', from: `${month}-01`, to: `${month}-01` }, { token: viewer.token }),
        ).programMetrics.periods[0].referralFunnel.sent,
      );
    expect([await sent(funder), await sent(clinic), await sent(union), await sent(lead)]).toEqual([6, 6, 'OTHERS_BELOW_THRESHOLD', 6]);
    // Each member's own part of every cell is kept beside the programme's cells, which are their sum;
    // the migration that brought in members' parts counts existing activity to the same figures.
    const memberCells = () =>
      app.ownerQuery(
        `SELECT member_organization_id, metric, category_code, period_type, to_char(period_start, 'YYYY-MM-DD') AS period_start, dimension, dimension_value, value
           FROM program_member_metric_cells WHERE program_id = $1 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
        [program.id],
      );
    const kept = await memberCells();
    expect(new Set(kept.map((cell) => cell.member_organization_id))).toEqual(new Set([union.organizationId, clinic.organizationId]));
    const unequal = await app.ownerQuery(
      `SELECT c.metric, c.category_code, c.period_type, c.period_start, c.dimension, c.dimension_value
         FROM program_metric_cells c
         FULL JOIN (SELECT organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value, sum(value) AS value
                      FROM program_member_metric_cells GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) m
           USING (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value)
        WHERE program_id = $1 AND c.value IS DISTINCT FROM m.value`,
      [program.id],
    );
    expect(unequal).toEqual([]);
    const migration = new MemberContributions1796900000000();
    const owner = { query: (sql: string, params?: unknown[]) => app.ownerQuery(sql, params) } as unknown as QueryRunner;
    await migration.down(owner);
    await migration.up(owner);
    expect(await memberCells()).toEqual(kept);

    // The hospital received all six: it knows them all, and is not a member anyway.
    expect(errorCodes(await app.request(ProgramMetricsDocument, { programId: program.id, from: '2026-01-01', to: '2026-12-31' }, { token: hospital.token }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('answer a dashboard in the same number of SQL statements for 2 periods as for 12', async () => {
    const lead = await signUpOrganization(app);
    const program = await createProgram(app, lead);
    const statements = async (to: string) =>
      (await app.request(ProgramMetricsDocument, { programId: program.id, periodType: 'MONTH', from: '2026-01-01', to, disaggregateBy: 'SEX' }, { token: lead.token })).statements;
    expect(await statements('2026-12-31')).toBe(await statements('2026-02-28'));
  });
});
