import { randomUUID } from 'node:crypto';
import { CreateExportLinkDocument, type ExportFormat } from '../generated/graphql';
import { dataOf, errorCodes } from '../factories';
import type { GraphQLResponse, TestApp } from '../setup/test-app';
import { expectNoPrivateDataOf, type IsolationCase, type Tenant, type World } from './harness';

/**
 * Downloads (GET /exports/programs/<id>/results.csv and iati.xml, by bearer header or signed link)
 * and the links that allow them (createExportLink). A download runs the export field as its caller,
 * so it must answer exactly as the field does: B gets NOT_FOUND (404) for A's programme, word for word
 * as for an id nobody has; E, invited, FORBIDDEN PROGRAM_ROLE; D, removed, NOT_FOUND; F, the funder,
 * aggregates only. A link binds its programme and format: moved onto another path, it is refused.
 */

const YEAR_BY_QUARTER = { periodType: 'QUARTER' as const, from: '2026-01-01', to: '2026-12-31' };
const FILES: Record<ExportFormat, string> = { CSV: 'results.csv', IATI_XML: 'iati.xml' };
const FORMATS = Object.keys(FILES) as ExportFormat[];

interface Downloaded {
  status: number;
  contentType: string | null;
  body: string;
}

async function download(app: TestApp, path: string, token?: string): Promise<Downloaded> {
  const url = new URL(path, app.url);
  if (!path.includes('?')) for (const [name, value] of Object.entries(YEAR_BY_QUARTER)) url.searchParams.set(name, value);
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
}

const pathOf = (programId: string, format: ExportFormat) => `/exports/programs/${programId}/${FILES[format]}`;

/** The JSON error a refused download answers, without its request id. */
function refusal(downloaded: Downloaded) {
  expect(downloaded.contentType).toContain('application/json');
  const { errors } = JSON.parse(downloaded.body) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  return { status: downloaded.status, errors: errors.map(({ message, extensions: { requestId: _requestId, ...extensions } }) => ({ message, extensions })) };
}

/** What B must never see: anything private of A's, or of C's in A's programme. */
function expectNothingOf(world: World, response: unknown, viewer?: string): void {
  for (const tenant of [world.a, world.c] as Tenant[]) expectNoPrivateDataOf(tenant, response, viewer);
}

/** The download of A's programme is answered exactly as the download of an id nobody has. */
async function expectDownloadAnsweredAsUnknown(world: World, format: ExportFormat, token: string): Promise<void> {
  const theirs = await download(world.app, pathOf(world.a.programmes.led.id, format), token);
  const nobodys = await download(world.app, pathOf(randomUUID(), format), token);
  expect(refusal(theirs)).toMatchObject({ status: 404, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  expect(refusal(theirs).errors).toEqual(refusal(nobodys).errors);
  expectNothingOf(world, theirs.body);
}

const answerOf = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, argumentPath: e.extensions?.argumentPath }));

export const downloadCases: IsolationCase[] = [
  {
    operation: 'createExportLink',
    description: "B gets no link to A's programme: NOT_FOUND as for an id nobody has (and B's API key gets no link at all)",
    async run(world) {
      const { app, a, b } = world;
      for (const format of FORMATS) {
        const attempt = (programId: string) => app.request(CreateExportLinkDocument, { input: { programId, format, ...YEAR_BY_QUARTER } }, { token: b.admin.token });
        const theirs = await attempt(a.programmes.led.id);
        expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
        expect(theirs.data ?? null).toBeNull();
        expect(answerOf(theirs)).toEqual(answerOf(await attempt(randomUUID())));
        expectNothingOf(world, theirs);
      }
      const byKey = await app.request(CreateExportLinkDocument, { input: { programId: a.programmes.led.id, format: 'CSV', ...YEAR_BY_QUARTER } }, { token: b.apiKey.secret });
      expect(errorCodes(byKey)).toEqual(['FORBIDDEN']);
      expectNothingOf(world, byKey);
    },
  },
  {
    operation: 'createExportLink',
    description: "E, invited, gets FORBIDDEN PROGRAM_ROLE for a link to A's programme; D, removed, NOT_FOUND in the session it had",
    async run(world) {
      const { app, a, invitee, removed } = world;
      const input = { programId: a.programmes.led.id, format: 'CSV' as const, ...YEAR_BY_QUARTER };
      const asInvitee = await app.request(CreateExportLinkDocument, { input }, { token: invitee.token });
      expect([errorCodes(asInvitee), asInvitee.errors?.[0].extensions?.reason]).toEqual([['FORBIDDEN'], 'PROGRAM_ROLE']);
      expectNothingOf(world, asInvitee, invitee.organizationId);
      const asRemoved = await app.request(CreateExportLinkDocument, { input }, { token: removed.token });
      expect(errorCodes(asRemoved)).toEqual(['NOT_FOUND']);
      expectNothingOf(world, asRemoved);
    },
  },
  {
    operation: 'createExportLink',
    description: "B's link to B's own programme works, and moved onto A's programme (or another format) it is refused as forged, showing nothing",
    async run(world) {
      const { app, a, b } = world;
      const { url } = dataOf(
        await app.request(CreateExportLinkDocument, { input: { programId: b.programmes.led.id, format: 'CSV', ...YEAR_BY_QUARTER } }, { token: b.admin.token }),
      ).createExportLink;
      const own = await download(app, url);
      expect(own.status).toBe(200);
      expectNothingOf(world, own.body);
      const query = url.slice(url.indexOf('?'));
      for (const moved of [pathOf(a.programmes.led.id, 'CSV'), pathOf(a.programmes.led.id, 'IATI_XML'), pathOf(b.programmes.led.id, 'IATI_XML')]) {
        const refused = await download(app, `${moved}${query}`);
        expect(refusal(refused)).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'LINK_INVALID' } }] });
        expectNothingOf(world, refused.body);
      }
    },
  },
  {
    operation: 'createExportLink',
    description: "F's link to A's programme downloads aggregates only: no person, enrolment, user or reported-value note of A or C",
    async run(world) {
      const { app, a, f } = world;
      for (const format of FORMATS) {
        const { url } = dataOf(
          await app.request(CreateExportLinkDocument, { input: { programId: a.programmes.led.id, format, ...YEAR_BY_QUARTER } }, { token: f.admin.token }),
        ).createExportLink;
        const file = await download(app, url);
        expect(file.status).toBe(200);
        expectNothingOf(world, file.body, f.admin.organizationId);
      }
    },
  },
  {
    operation: 'programResultsCsv',
    description: "GET …/results.csv and …/iati.xml of A's programme answer B's admin and B's API key 404 NOT_FOUND, as an id nobody has",
    async run(world) {
      const { b } = world;
      for (const token of [b.admin.token, b.apiKey.secret]) {
        for (const format of FORMATS) await expectDownloadAnsweredAsUnknown(world, format, token);
      }
    },
  },
  {
    operation: 'programIatiXml',
    description: "GET downloads of A's programme answer E, invited, 403 FORBIDDEN PROGRAM_ROLE, and D, removed, 404 as an unknown id",
    async run(world) {
      const { app, a, invitee, removed } = world;
      for (const format of FORMATS) {
        const refused = await download(app, pathOf(a.programmes.led.id, format), invitee.token);
        expect(refusal(refused)).toMatchObject({ status: 403, errors: [{ extensions: { code: 'FORBIDDEN', reason: 'PROGRAM_ROLE' } }] });
        expectNothingOf(world, refused.body, invitee.organizationId);
        await expectDownloadAnsweredAsUnknown(world, format, removed.token);
      }
    },
  },
  {
    operation: 'programResultsCsv',
    description: "GET downloads of A's programme by F's people and F's API key hold aggregates only, as the fields do",
    async run(world) {
      const { app, a, f } = world;
      for (const token of [f.admin.token, f.apiKey.secret]) {
        for (const format of FORMATS) {
          const file = await download(app, pathOf(a.programmes.led.id, format), token);
          expect(file.status).toBe(200);
          expectNothingOf(world, file.body, f.admin.organizationId);
        }
      }
    },
  },
];
