import { randomUUID } from 'node:crypto';
import {
  AddIndicatorDocument,
  AddProgramResultDocument,
  CreateExportLinkDocument,
  EnrollClientDocument,
  LogoutDocument,
  ProgramIatiXmlDocument,
  ProgramResultsCsvDocument,
  RecordServiceDeliveryDocument,
  type Dimension,
} from './generated/graphql';
import { createApiKey, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { publishService, registerClient } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';
import { validateIatiActivities } from './support/iati';
import { ExportLinks } from '../src/modules/programs/export-links';

let app: TestApp;
let lead: SignedIn;
let funder: SignedIn;
let funderKey: { id: string; secret: string };
let programId: string;
const range = { periodType: 'QUARTER' as const, from: '2026-07-01', to: '2026-09-30' };

beforeAll(async () => {
  app = await startTestApp();
  lead = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' });
  funder = await signUpOrganization(app, { name: 'Mekong Elderly Fund', kind: 'FUNDER' });
  funderKey = await createApiKey(app, funder, ['METRICS_READ']);
  const program = await createProgram(app, lead, { name: 'Phục hồi chức năng, "Lào Cai" 2026', suppressionThreshold: 5 });
  programId = program.id;
  await joinProgram(app, lead, programId, funder, 'FUNDER');
  const result = dataOf(await app.request(AddProgramResultDocument, { input: { programId, type: 'OUTPUT', title: 'Older people regain mobility' } }, { token: lead.token }))
    .addProgramResult;
  dataOf(
    await app.request(
      AddIndicatorDocument,
      {
        input: {
          resultId: result.id,
          code: 'OP1.1',
          name: 'Older people receiving physical rehabilitation',
          aggregation: 'DISTINCT_PEOPLE',
          source: 'PEOPLE_SERVED',
          baselineValue: 0,
          baselineYear: 2025,
          disaggregations: ['SEX', 'AGE_BAND'],
        },
      },
      { token: lead.token },
    ),
  );
  // Six women and one man served: the men's cell is small, and withheld.
  const service = await publishService(app, lead, { categoryCode: 'PHYSICAL_REHABILITATION' });
  for (const [i, sex] of (['FEMALE', 'FEMALE', 'FEMALE', 'FEMALE', 'FEMALE', 'FEMALE', 'MALE'] as const).entries()) {
    const client = await registerClient(app, lead, { fullName: `Người tham gia ${i}`, sex, birthDate: '1950-05-05' });
    const enrollment = dataOf(await app.request(EnrollClientDocument, { input: { programId, clientId: client.id, enrolledOn: '2026-07-01' } }, { token: lead.token }))
      .enrollClient;
    dataOf(await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrollment.id, serviceId: service.id, deliveredOn: '2026-07-10' } }, { token: lead.token }));
  }
});
afterAll(() => app.close());

const origin = () => new URL(app.url).origin;

function download(path: string, options: { token?: string; query?: Record<string, string> } = {}) {
  const url = new URL(path, origin());
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  return fetch(url, { headers: options.token ? { authorization: `Bearer ${options.token}` } : {} });
}

const csvPath = (id = programId) => `/exports/programs/${id}/results.csv`;
const xmlPath = (id = programId) => `/exports/programs/${id}/iati.xml`;

async function errorOf(res: Response) {
  const body = (await res.json()) as { errors: { message: string; extensions: { code: string; reason?: string } }[] };
  return { status: res.status, code: body.errors[0].extensions.code, reason: body.errors[0].extensions.reason, message: body.errors[0].message };
}

async function csvField(token: string, disaggregateBy?: Dimension) {
  return dataOf(await app.request(ProgramResultsCsvDocument, { programId, ...range, disaggregateBy }, { token })).programResultsCsv;
}

/** An IATI document, less the moment it was generated. */
const timeless = (xml: string) => xml.replace(/generated-datetime="[^"]*"/, '');

async function createLink(token: string, format: 'CSV' | 'IATI_XML' = 'CSV', extra: { disaggregateBy?: Dimension } = {}) {
  return app.request(CreateExportLinkDocument, { input: { programId, format, ...range, ...extra } }, { token });
}

describe('downloading a programme export with a bearer token', () => {
  it('answers the CSV as a file, byte for byte what programResultsCsv answers, for a person and for an API key', async () => {
    for (const token of [lead.token, funder.token, funderKey.secret]) {
      const res = await download(csvPath(), { token, query: range });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="program-${programId}-results-quarter-2026-07-01-to-2026-09-30.csv"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      // A page opened from the file never sends a signed link on as a Referer.
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const body = await res.text();
      expect(body).toBe(await csvField(token));
      // The same suppression as the field: the one man is withheld.
      expect(body).toContain(',SEX,MALE,,,BELOW_THRESHOLD');
    }
  });

  it('answers the IATI XML as a file, valid against the IATI 2.03 schema and equal to programIatiXml', async () => {
    const res = await download(xmlPath(), { token: funderKey.secret, query: { ...range, disaggregateBy: 'SEX' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="program-${programId}-iati-quarter-2026-07-01-to-2026-09-30-by-sex.xml"`);
    const xml = await res.text();
    const field = dataOf(await app.request(ProgramIatiXmlDocument, { programId, ...range, disaggregateBy: 'SEX' }, { token: funderKey.secret })).programIatiXml;
    expect(timeless(xml)).toBe(timeless(field));
    expect(await validateIatiActivities(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<dimension name="sex" value="male"/><comment>');
    expect(xml).not.toContain('name="age_band"');
  });

  it('gives overall rows and only the dimension asked for with disaggregateBy', async () => {
    const res = await download(csvPath(), { token: lead.token, query: { ...range, disaggregateBy: 'AGE_BAND' } });
    const body = await res.text();
    expect(body).toBe(await csvField(lead.token, 'AGE_BAND'));
    const dimensions = new Set(body.trimEnd().split('\r\n').slice(1).map((row) => row.split(',')[6]));
    expect(dimensions).toEqual(new Set(['', 'AGE_BAND']));
    const everything = new Set((await csvField(lead.token)).trimEnd().split('\r\n').slice(1).map((row) => row.split(',')[6]));
    expect(everything).toEqual(new Set(['', 'SEX', 'AGE_BAND']));
  });

  it('refuses a request without credentials with 401, and bad parameters with 400 BAD_USER_INPUT, as JSON errors', async () => {
    expect(await errorOf(await download(csvPath(), { query: range }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await errorOf(await download(csvPath(), { token: 'not-a-token', query: range }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const invalid: Record<string, string>[] = [
      { ...range, from: '2026-13-01' },
      { ...range, periodType: 'WEEK' },
      { ...range, disaggregateBy: 'SHOE_SIZE' },
      { ...range, from: '2026-10-01' },
      { periodType: 'MONTH', from: '2020-01-01', to: '2026-12-31', disaggregateBy: 'SEX' },
      { from: '2026-07-01' },
      { ...range, programme: 'x' },
    ];
    for (const query of invalid) {
      const res = await download(csvPath(), { token: lead.token, query });
      expect([query, res.headers.get('content-type')]).toEqual([query, expect.stringContaining('application/json')]);
      expect([query, await errorOf(res)]).toEqual([query, expect.objectContaining({ status: 400, code: 'BAD_USER_INPUT' })]);
    }
    // The cost limits apply as to the field: every dimension of 84 months is too much to ask for at once.
    expect(await errorOf(await download(csvPath(), { token: lead.token, query: { periodType: 'MONTH', from: '2020-01-01', to: '2026-12-31' } }))).toMatchObject({
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    });
    expect(await errorOf(await download(csvPath('not-an-id'), { token: lead.token, query: range }))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await errorOf(await download(`/exports/programs/${programId}/results.pdf`, { token: lead.token, query: range }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it("answers another organization's programme exactly as an id nobody has: 404, nothing of it in the answer", async () => {
    const outsider = await signUpOrganization(app);
    const outsiderKey = await createApiKey(app, outsider, ['METRICS_READ']);
    for (const token of [outsider.token, outsiderKey.secret]) {
      for (const path of [csvPath, xmlPath]) {
        const theirs = await download(path(), { token, query: range });
        const nobodys = await download(path(randomUUID()), { token, query: range });
        const [a, b] = [await theirs.text(), await nobodys.text()];
        expect(theirs.status).toBe(404);
        expect(a).toBe(b);
        expect(JSON.parse(a).errors[0].extensions.code).toBe('NOT_FOUND');
        expect(a).not.toContain('Lào Cai');
      }
    }
    const link = await createLink(outsider.token);
    expect(errorCodes(link)).toEqual(['NOT_FOUND']);
  });

  it('are listed by GET /', async () => {
    const about = (await (await fetch(`${origin()}/`)).json()) as { downloads: Record<string, string> };
    expect(about.downloads).toMatchObject({
      programResultsCsv: expect.stringMatching(/^\/exports\/programs\/\{programId\}\/results\.csv/),
      programIatiXml: expect.stringMatching(/^\/exports\/programs\/\{programId\}\/iati\.xml/),
    });
  });

  it('writes no audit entry, as the export field writes none (aggregates only: no personal data is read)', async () => {
    const count = async () => (await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1', [funder.organizationId]))[0].n;
    const before = await count();
    await (await download(csvPath(), { token: funder.token, query: range })).text();
    await csvField(funder.token);
    expect(await count()).toBe(before);
  });
});

describe('signed download links', () => {
  it('download the file with no header, until they expire, and say when that is', async () => {
    const made = Date.now();
    const { url, expiresAt } = dataOf(await createLink(funder.token)).createExportLink;
    expect(url).toMatch(new RegExp(`^/exports/programs/${programId}/results\\.csv\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(new Date(expiresAt).getTime() - made).toBeGreaterThan(4 * 60_000);
    expect(new Date(expiresAt).getTime() - made).toBeLessThanOrEqual(5 * 60_000 + 2_000);
    const res = await fetch(new URL(url, app.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="program-[0-9a-f-]+-results-quarter-2026-07-01-to-2026-09-30\.csv"$/);
    expect(await res.text()).toBe(await csvField(funder.token));

    const xmlLink = dataOf(await createLink(lead.token, 'IATI_XML', { disaggregateBy: 'AGE_BAND' })).createExportLink;
    const xml = await (await fetch(new URL(xmlLink.url, app.url))).text();
    expect(timeless(xml)).toBe(
      timeless(dataOf(await app.request(ProgramIatiXmlDocument, { programId, ...range, disaggregateBy: 'AGE_BAND' }, { token: lead.token })).programIatiXml),
    );
  });

  it('refuse an expired link, a changed one, and one used on another path, with 401 and a reason', async () => {
    const { url } = dataOf(await createLink(funder.token)).createExportLink;
    const token = new URL(url, app.url).searchParams.get('token')!;
    const links = new ExportLinks(app.config.exportLinks);
    const check = await links.verify(token);
    if (!check.ok) throw new Error('the link the server made does not verify');
    const expired = await links.sign(check.claims, new Date(Date.now() - 10 * 60_000));
    expect(await errorOf(await download(`${csvPath()}?token=${expired.token}`))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'LINK_EXPIRED' });

    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...claims, frm: '2026-01-01' })).toString('base64url');
    const otherKey = await new ExportLinks({ ...app.config.exportLinks, secret: 'another-key-of-at-least-32-characters!' }).sign(check.claims);
    for (const forged of [`${header}.${widened}.${signature}`, `${token}x`, otherKey.token, 'nonsense']) {
      expect(await errorOf(await download(`${csvPath()}?token=${forged}`))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'LINK_INVALID' });
    }
    // The path is part of what was signed: another format, another programme.
    expect(await errorOf(await download(`${xmlPath()}?token=${token}`))).toMatchObject({ status: 401, reason: 'LINK_INVALID' });
    expect(await errorOf(await download(`${csvPath(randomUUID())}?token=${token}`))).toMatchObject({ status: 401, reason: 'LINK_INVALID' });
    // Its arguments are signed too: nothing may be added beside the token, nor a header.
    expect(await errorOf(await download(`${csvPath()}?token=${token}&from=2026-01-01`))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await errorOf(await download(`${csvPath()}?token=${token}`, { token: funder.token }))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    // The untouched link still works.
    expect((await download(`${csvPath()}?token=${token}`)).status).toBe(200);
  });

  it('stop working when the session that made them ends', async () => {
    const person = await signUpOrganization(app);
    const program = await createProgram(app, person);
    const { url } = dataOf(await app.request(CreateExportLinkDocument, { input: { programId: program.id, format: 'CSV', ...range } }, { token: person.token })).createExportLink;
    expect((await fetch(new URL(url, app.url))).status).toBe(200);
    dataOf(await app.request(LogoutDocument, {}, { token: person.token }));
    expect(await errorOf(await fetch(new URL(url, app.url)))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('are made only for a person allowed to read the export, with valid arguments', async () => {
    const key = await createLink(funderKey.secret);
    expect(errorCodes(key)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.request(CreateExportLinkDocument, { input: { programId, format: 'CSV', ...range, from: '2026-10-01' } }, { token: lead.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await app.request(CreateExportLinkDocument, { input: { programId, format: 'CSV', ...range } }))).toEqual(['UNAUTHENTICATED']);
  });
});
