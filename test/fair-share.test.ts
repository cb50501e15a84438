import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { ProgramMetricsDocument, ProgramResultsCsvDocument, ProgramsDocument, ServicesDocument, ViewerDocument } from './generated/graphql';
import { createApiKey, dataOf, errorCodes as codes, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { publishService } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';
import { TableLock } from './support/table-lock';

/**
 * The fair share, by outcomes only (success or RATE_LIMITED), never by time: a funder's exports are
 * held in flight deterministically (the programmes table is locked by the test, so they wait in
 * PostgreSQL), then the funder floods, and another organization's requests all succeed meanwhile.
 */

let app: TestApp;
let centre: SignedIn;
let funder: SignedIn;
let funderKey: string;
let programId: string;
let lock: TableLock;

const EXPORT = { periodType: 'QUARTER', from: '2026-01-01', to: '2026-12-31' } as const;

beforeAll(async () => {
  app = await startTestApp({
    FAIR_SHARE_ORGANIZATION_REQUESTS: '2',
    FAIR_SHARE_API_KEY_REQUESTS: '2',
    FAIR_SHARE_HEAVY_REQUESTS: '1',
  });
  centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' });
  await publishService(app, centre, { name: 'Chăm sóc người cao tuổi tại nhà' });
  funder = await signUpOrganization(app, { name: 'Quỹ Hỗ trợ Cộng đồng', kind: 'FUNDER' });
  programId = (await createProgram(app, centre)).id;
  await joinProgram(app, centre, programId, funder, 'FUNDER');
  funderKey = (await createApiKey(app, funder, ['METRICS_READ'])).secret;
  lock = await TableLock.connect(app);
});
afterAll(async () => {
  await lock.end();
  await app.close();
});

describe('fair share', () => {
  it("refuses a funder's flood past its share with RATE_LIMITED while another organization's requests all succeed, and frees the share afterwards", async () => {
    await lock.hold('programs');
    // The funder's key holds its one heavy slot (and one of its organization's two) in PostgreSQL.
    const held = app.request(ProgramResultsCsvDocument, { programId, ...EXPORT }, { token: funderKey });
    await lock.untilWaiting(1, [held]);

    // Its flood: more exports and dashboards by the same key and by its people; none may wait.
    const flood = await Promise.all([
      ...Array.from({ length: 6 }, () => app.request(ProgramResultsCsvDocument, { programId, ...EXPORT }, { token: funderKey })),
      ...Array.from({ length: 4 }, () => app.request(ProgramMetricsDocument, { programId, ...EXPORT }, { token: funder.token })),
    ]);
    for (const response of flood) {
      expect(codes(response)).toEqual(['RATE_LIMITED']);
      expect(response.status).toBe(429);
    }

    // Meanwhile the centre's people read pages, one after another, and every one succeeds.
    for (let i = 0; i < 6; i += 1) {
      const services = await app.request(ServicesDocument, { search: 'cham soc', first: 5 }, { token: centre.token });
      expect(codes(services)).toEqual([]);
      expect(dataOf(services).services.edges.map((edge) => edge.node.name)).toEqual(['Chăm sóc người cao tuổi tại nhà']);
      expect(codes(await app.request(ViewerDocument, {}, { token: centre.token }))).toEqual([]);
    }
    // The funder's own page reads still fit in its organization's share (one of two slots is free).
    expect(codes(await app.request(ViewerDocument, {}, { token: funder.token }))).toEqual([]);

    await lock.release();
    const csv = await held;
    expect(codes(csv)).toEqual([]);
    expect(dataOf(csv).programResultsCsv).toMatch(/^result_type,result,indicator_code/);

    // The share was given back: the same export and dashboard run again.
    expect(codes(await app.request(ProgramResultsCsvDocument, { programId, ...EXPORT }, { token: funderKey }))).toEqual([]);
    expect(codes(await app.request(ProgramMetricsDocument, { programId, ...EXPORT }, { token: funder.token }))).toEqual([]);
  });

  it('counts an organization across its people and keys: heavy requests past its heavy share, and any request past its share, are refused', async () => {
    await lock.hold('programs');
    // A person's dashboard holds the organization's one heavy slot and one of its two slots.
    const dashboard = app.request(ProgramMetricsDocument, { programId, ...EXPORT }, { token: funder.token });
    await lock.untilWaiting(1, [dashboard]);
    // The organization's key has slots of its own, but not the organization's heavy one.
    const refusedExport = await app.request(ProgramResultsCsvDocument, { programId, ...EXPORT }, { token: funderKey });
    expect(codes(refusedExport)).toEqual(['RATE_LIMITED']);
    // A page read that also waits on the lock takes the organization's second slot...
    const programs = app.request(ProgramsDocument, { first: 5 }, { token: funder.token });
    await lock.untilWaiting(2, [dashboard, programs]);
    // ...and a third request of the organization is refused, whatever it asks.
    const viewer = await app.request(ViewerDocument, {}, { token: funder.token });
    expect(codes(viewer)).toEqual(['RATE_LIMITED']);
    expect(viewer.status).toBe(429);
    await lock.release();
    expect(codes(await dashboard)).toEqual([]);
    expect(dataOf(await programs).programs.edges).toHaveLength(1);
    expect(codes(await app.request(ViewerDocument, {}, { token: funder.token }))).toEqual([]);
  });
});

describe('heavy requests are priced at their work', () => {
  const document = (text: string) => parse(text) as unknown as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;

  it('allows one export per request, whatever the aliases', async () => {
    const twice = document(`query Twice($programId: ID!) {
      a: programResultsCsv(programId: $programId, from: "2026-01-01", to: "2026-03-31")
      b: programIatiXml(programId: $programId, from: "2026-01-01", to: "2026-03-31")
    }`);
    const response = await app.request(twice, { programId }, { token: funderKey });
    expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', exports: 2, maxExports: 1 }) })]);
    expect(response.status).toBe(400);
  });

  it('prices a dashboard by its periods and cells, and aliases multiply it', async () => {
    const metrics = (alias: string, periodType: string, to: string) =>
      `${alias}: programMetrics(programId: $programId, periodType: ${periodType}, from: "2022-01-01", to: "${to}", disaggregateBy: REGION) { periods { periodStart } }`;
    const oneYear = await app.request(document(`query Year($programId: ID!) { ${metrics('m', 'QUARTER', '2022-12-31')} }`), { programId }, { token: funderKey });
    expect(codes(oneYear)).toEqual([]);
    const fiveYearsByMonth = await app.request(document(`query Months($programId: ID!) { ${metrics('m', 'MONTH', '2026-12-31')} }`), { programId }, { token: funderKey });
    expect(fiveYearsByMonth.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) })]);
    const aliased = Array.from({ length: 20 }, (_, i) => metrics(`m${i}`, 'QUARTER', '2022-12-31')).join('\n');
    const manyYears = await app.request(document(`query Aliased($programId: ID!) { ${aliased} }`), { programId }, { token: funderKey });
    expect(manyYears.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) })]);
  });
});
