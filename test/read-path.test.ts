import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isLeafType, parse, type GraphQLObjectType } from 'graphql';
import { DASHBOARD, DIRECTORY, INBOX, REFERRAL } from './bench/operations';
import { AddIndicatorDocument, AddProgramResultDocument, LogoutDocument, ReferralDocument, RemoveMemberDocument, ServiceCategoriesDocument } from './generated/graphql';
import { addMember, createApiKey, dataOf, signUpOrganization, type SignedIn } from './factories';
import { createProgram, joinProgram } from './factories/programs';
import { partner, publishService, referClient } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';
import { connectAppDatabase } from '../src/database/bootstrap';
import { createLogger } from '../src/logger';
import { ENTITIES } from '../src/modules';
import { Referral } from '../src/modules/referrals/referral.entity';

/**
 * The read path's shape, structurally: the benchmark's own operations (test/bench/operations.ts)
 * cost at most five SQL statements each, BEGIN and COMMIT included, whatever the page size. Speed
 * itself is measured by `npm run bench`, never here.
 */

type AnyDocument = TypedDocumentNode<Record<string, any>, Record<string, unknown>>;
const document = (text: string) => parse(text) as unknown as AnyDocument;

const MAX_STATEMENTS = 5;

let app: TestApp;
let hospital: SignedIn;
let caseworker: SignedIn;
let referralId: string;
let programId: string;
let funderKey: string;

beforeAll(async () => {
  app = await startTestApp();
  const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', kind: 'GOVERNMENT_AGENCY' });
  caseworker = await addMember(app, centre, 'CASEWORKER');
  hospital = await signUpOrganization(app, { name: 'Bệnh viện Đa khoa Hà Giang', kind: 'HOSPITAL' });
  await partner(app, centre, hospital);
  const services = [];
  for (const name of ['Khám sức khỏe định kỳ', 'Khám mắt cho người cao tuổi', 'Khám răng cho trẻ em']) {
    services.push(await publishService(app, hospital, { name, capacity: { unit: 'visits per week', available: 100, maximum: 100 } }));
  }
  for (let i = 0; i < 12; i += 1) {
    const { referral } = await referClient(app, caseworker, hospital, { serviceId: services[i % 3].id, client: { fullName: `Người được giới thiệu ${i}` } });
    referralId = referral.id;
  }
  const funder = await signUpOrganization(app, { name: 'Quỹ Bảo trợ Trẻ em', kind: 'FUNDER' });
  funderKey = (await createApiKey(app, funder, ['METRICS_READ'])).secret;
  const program = await createProgram(app, centre);
  programId = program.id;
  await joinProgram(app, centre, program.id, funder, 'FUNDER');
  const result = dataOf(await app.request(AddProgramResultDocument, { input: { programId, type: 'OUTCOME', title: 'Người cao tuổi được chăm sóc' } }, { token: centre.token }))
    .addProgramResult;
  dataOf(
    await app.request(
      AddIndicatorDocument,
      { input: { resultId: result.id, code: 'OC1', name: 'Người tham gia', aggregation: 'DISTINCT_PEOPLE', source: 'PEOPLE_ENROLLED', disaggregations: ['SEX'] } },
      { token: centre.token },
    ),
  );
});
afterAll(() => app.close());

describe('the read path', () => {
  it('reads an inbox page with its client, service, category, organizations and assignee in at most five statements, for 2 rows as for 12', async () => {
    const two = await app.request(document(INBOX), { first: 2 }, { token: hospital.token });
    const twelve = await app.request(document(INBOX), { first: 12 }, { token: hospital.token });
    expect(dataOf(twelve).referralInbox.edges).toHaveLength(12);
    expect(dataOf(twelve).referralInbox.edges[0].node).toMatchObject({
      sender: { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang' },
      service: { category: { code: expect.any(String) } },
      client: { fullName: 'Người được giới thiệu 11' },
    });
    expect(twelve.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(twelve.statements).toBe(two.statements);
    // The audit trail still records the reads of personal fields: one row per client shown.
    const audited = await app.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'readClient'`,
      [hospital.organizationId],
    );
    expect(audited[0].n).toBe(14);
  });

  it('reads a backward page (`last`, `before`) in as many statements as a forward one, and a count in one more, for 2 rows as for 12', async () => {
    const backward = document(INBOX.replace('query BenchInbox($first: Int!)', 'query BenchInboxBack($last: Int!, $before: String)').replace('referralInbox(first: $first)', 'referralInbox(last: $last, before: $before)'));
    const counted = document(INBOX.replace('query BenchInbox', 'query BenchInboxCounted').replace('pageInfo {', 'totalCount pageInfo {'));
    const forward = await app.request(document(INBOX), { first: 12 }, { token: hospital.token });
    const two = await app.request(backward, { last: 2 }, { token: hospital.token });
    const twelve = await app.request(backward, { last: 12 }, { token: hospital.token });
    expect(dataOf(twelve).referralInbox.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
      dataOf(forward).referralInbox.edges.map((e: { node: { id: string } }) => e.node.id),
    );
    const before = await app.request(backward, { last: 2, before: dataOf(two).referralInbox.edges[0].cursor }, { token: hospital.token });
    expect(dataOf(before).referralInbox.edges).toHaveLength(2);
    for (const response of [two, twelve, before]) expect(response.statements).toBe(forward.statements);
    const countedTwo = await app.request(counted, { first: 2 }, { token: hospital.token });
    const countedTwelve = await app.request(counted, { first: 12 }, { token: hospital.token });
    expect(dataOf(countedTwelve).referralInbox.totalCount).toBe(12);
    expect(countedTwelve.statements).toBe(countedTwo.statements);
    expect(countedTwelve.statements).toBe(forward.statements + 1);
  });

  it('reads every field a page asks of a joined record, through aliases and fragments, and the same record in full elsewhere', async () => {
    const query = document(`query Aliased {
      referralInbox(first: 3) { edges { node { sender { id } again: sender { ...Named } service { id category { code } } } } }
      viewer { organization { id name description website } }
    }
    fragment Named on Organization { name countryCode kind }`);
    const response = dataOf(await app.request(query, {}, { token: hospital.token }));
    expect(response.referralInbox.edges[0].node).toEqual({
      sender: { id: expect.any(String) },
      again: { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', countryCode: expect.any(String), kind: 'GOVERNMENT_AGENCY' },
      service: { id: expect.any(String), category: { code: expect.any(String) } },
    });
    expect(response.viewer.organization).toEqual({ id: hospital.organizationId, name: 'Bệnh viện Đa khoa Hà Giang', description: null, website: null });
  });

  it('reads one referral with its timeline in at most five statements, on either side', async () => {
    for (const viewer of [hospital, caseworker]) {
      const response = await app.request(document(REFERRAL), { id: referralId }, { token: viewer.token });
      expect(dataOf(response).referral).toMatchObject({ id: referralId, timeline: [{ actorOrganization: { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang' } }] });
      expect(response.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
    }
    // The generic operations answer the same through the same path.
    expect(dataOf(await app.request(ReferralDocument, { id: referralId }, { token: hospital.token })).referral.timeline).toHaveLength(1);
  });

  it('searches the directory in at most five statements, for 1 result as for 3', async () => {
    const one = await app.request(document(DIRECTORY), { search: 'kham', first: 1 }, { token: caseworker.token });
    const three = await app.request(document(DIRECTORY), { search: 'kham', first: 3 }, { token: caseworker.token });
    expect(dataOf(three).services.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      'Khám mắt cho người cao tuổi',
      'Khám răng cho trẻ em',
      'Khám sức khỏe định kỳ',
    ]);
    expect(three.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(three.statements).toBe(one.statements);
    // The search answers everything the query shows and records nothing: BEGIN, the opening, the page
    // and COMMIT travel together, and the connection goes back to the pool before the rows are used.
    expect(three.roundTrips).toBe(1);
  });

  it('keeps a page whose personal fields are audited, or a query of two fields, in a transaction that commits after the response is built', async () => {
    const inbox = await app.request(document(INBOX), { first: 3 }, { token: hospital.token });
    expect(inbox.roundTrips).toBe(2);
    const twoFields = await app.request(
      document(`query Two($search: String) { services(search: $search, first: 3) { edges { node { name } } } viewer { role } }`),
      { search: 'kham' },
      { token: caseworker.token },
    );
    expect(dataOf(twoFields).services.edges).toHaveLength(3);
    expect(twoFields.roundTrips).toBeGreaterThan(1);
  });

  it('opens a transaction again, with its check, for a statement that follows a read that ended its own', async () => {
    const database = await connectAppDatabase(app.config, app.appUrl, createLogger('silent'), ENTITIES);
    try {
      const tx = database.openScope({ organizationId: hospital.organizationId });
      const setting = `SELECT current_setting('app.organization_id', true) AS organization_id, pg_current_xact_id()::text AS xact`;
      const first = await tx.openWith<{ organization_id: string; xact: string }>(`${setting} WHERE $1::int = 1`, [1], true);
      expect(first.rows).toEqual([{ organization_id: hospital.organizationId, xact: expect.any(String) }]);
      expect(tx.roundTrips).toBe(1);
      const checked: Record<string, unknown>[][] = [];
      tx.verifyReopening = (rows) => checked.push(rows);
      // The next statement runs in a new transaction with the same settings, once its opening was checked.
      const [next] = await tx.query<{ organization_id: string; xact: string }>(setting, []);
      expect(next.organization_id).toBe(hospital.organizationId);
      expect(next.xact).not.toBe(first.rows[0].xact);
      expect(checked).toHaveLength(1);
      await tx.finish('commit');
      expect(tx.roundTrips).toBe(4);

      const refused = database.openScope({ organizationId: hospital.organizationId });
      await refused.openWith(`${setting} WHERE $1::int = 1`, [1], true);
      refused.verifyReopening = () => {
        throw new Error('the session has ended');
      };
      await expect(refused.query(setting, [])).rejects.toThrow('the session has ended');
      await refused.finish('commit');
    } finally {
      await database.close();
    }
  });

  it("answers a funder's dashboard by API key in at most five statements, the key's lookup included", async () => {
    const response = await app.request(document(DASHBOARD), { programId, from: '2026-01-01', to: '2026-12-31' }, { token: funderKey });
    expect(dataOf(response).programMetrics.periods).toHaveLength(4);
    expect(response.statements).toBeGreaterThanOrEqual(3);
    expect(response.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});

/** Every field of a type without arguments: leaves as they are, the others by their __typename. */
function everyField(typeName: string): string {
  const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((field) => field.args.length === 0)
    .map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`))
    .join(' ');
}

describe('reads narrowed to their selection', () => {
  it('answer every field of a referral and of a service, each read fetching only the columns its selection needs', async () => {
    // A field resolver that reads a column its FieldReads entry does not list fails here: the
    // instances of a narrowed read throw on a property they were not given.
    const referrals = await app.request(document(`query AllReferralFields { referralInbox(first: 3) { edges { node { ${everyField('Referral')} service { ${everyField('Service')} } } } } }`), {}, { token: hospital.token });
    expect(referrals.errors).toBeUndefined();
    const node = dataOf(referrals).referralInbox.edges[0].node;
    expect(node).toMatchObject({ id: expect.any(String), status: 'SENT', statusLabel: expect.any(String), overdue: false, viewerSide: 'RECEIVER', sender: { __typename: 'Organization' } });
    expect(node.service).toMatchObject({ name: expect.any(String), capacity: { __typename: 'ServiceCapacity' }, category: { __typename: 'ServiceCategory' } });
    const one = await app.request(document(`query AllReferralFieldsOne($id: ID!) { referral(id: $id) { ${everyField('Referral')} } }`), { id: referralId }, { token: caseworker.token });
    expect(one.errors).toBeUndefined();
    expect(dataOf(one).referral).toMatchObject({ id: referralId, viewerSide: 'SENDER', sentBy: { __typename: 'User' } });
    const services = await app.request(document(`query AllServiceFields { services(search: "kham", first: 3) { edges { node { ${everyField('Service')} } } } }`), {}, { token: caseworker.token });
    expect(services.errors).toBeUndefined();
    expect(dataOf(services).services.edges).toHaveLength(3);
  });

  it('make instances that refuse to answer a column they did not read, and take one that is set', async () => {
    const database = await connectAppDatabase(app.config, app.appUrl, createLogger('silent'), ENTITIES);
    try {
      const reader = database.rows(Referral).only(['status'])!;
      expect(reader.list('r')).toBe('r.organization_id, r.id, r.status');
      const referral = reader.read({ organization_id: hospital.organizationId, id: referralId, status: 'SENT' });
      expect(referral).toBeInstanceOf(Referral);
      expect(referral.status).toBe('SENT');
      expect(() => referral.reason).toThrow('Referral.reason was not read by this hot read');
      referral.reason = 'set later';
      expect(referral.reason).toBe('set later');
    } finally {
      await database.close();
    }
  });
});

describe('compiled queries', () => {
  it('answer the first time (graphql-js) and every time after (compiled by graphql-jit) with the same JSON, for every hot read', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [INBOX, { first: 12 }, hospital.token],
      [REFERRAL, { id: referralId }, caseworker.token],
      [DIRECTORY, { search: 'kham', first: 3 }, caseworker.token],
      [DIRECTORY.replace('query BenchServices', 'query BenchServicesCounted').replace('pageInfo {', 'totalCount pageInfo {'), { search: 'kham', first: 3 }, caseworker.token],
      [INBOX.replace('query BenchInbox($first: Int!)', 'query BenchInboxBackCounted($first: Int!)').replace('referralInbox(first: $first)', 'referralInbox(last: $first)').replace('pageInfo {', 'totalCount pageInfo {'), { first: 5 }, hospital.token],
      [DASHBOARD, { programId, from: '2026-01-01', to: '2026-12-31' }, funderKey],
    ];
    for (const [text, variables, token] of cases) {
      const answers = [];
      for (let i = 0; i < 3; i += 1) {
        const { data, errors, status } = await app.request(document(text), variables, { token });
        answers.push({ data, errors, status });
      }
      expect(answers[0].errors).toBeUndefined();
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    }
  });

  it('refuse a null for a non-null argument as BAD_USER_INPUT, the same before and after compiling', async () => {
    // A list that pages forward only: its `first` is non-null, with a default (lists that page back take a null `first`).
    const query = document('query NullFirst($first: Int) { partnerships(first: $first) { edges { node { id } } } }');
    for (let i = 0; i < 3; i += 1) {
      const response = await app.request(query, { first: null }, { token: hospital.token });
      expect(response.errors).toEqual([
        expect.objectContaining({ message: 'Argument "first" of non-null type "Int!" must not be null.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
    }
  });
});

describe('a person\'s first read opens the transaction in the same round trip', () => {
  it('refuses every read of a session that ended, and of a member removed, with no data, though the read travelled with the check', async () => {
    const centre = await signUpOrganization(app, { name: 'Trung tâm Bảo trợ xã hội tỉnh Cao Bằng', kind: 'GOVERNMENT_AGENCY' });
    await partner(app, centre, hospital);
    const leaving = await addMember(app, centre, 'CASEWORKER');
    const loggedOut = await addMember(app, centre, 'COORDINATOR');
    const { referral } = await referClient(app, loggedOut, hospital, { serviceId: (await publishService(app, hospital, { name: 'Khám tai mũi họng' })).id });
    dataOf(await app.request(LogoutDocument, {}, { token: loggedOut.token }));
    dataOf(await app.request(RemoveMemberDocument, { input: { membershipId: leaving.membershipId } }, { token: centre.token }));
    for (const token of [loggedOut.token, leaving.token]) {
      for (const [query, variables] of [
        [document(INBOX), { first: 5 }],
        [document(REFERRAL), { id: referral.id }],
        [document(DIRECTORY), { search: 'kham', first: 5 }],
        [ServiceCategoriesDocument, {}],
      ] as const) {
        const response = await app.request(query as AnyDocument, variables, { token });
        expect(response.status).toBe(401);
        expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        expect(response.data ?? null).toBeNull();
      }
    }
    // Allowed on the token's claims, refused before any statement (a malformed id): the session is
    // still checked before the response leaves, and the ended session is what the client hears of.
    const malformed = await app.request(document(REFERRAL), { id: 'not-an-id' }, { token: loggedOut.token });
    expect(malformed.status).toBe(401);
    expect(malformed.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await app.request(document(REFERRAL), { id: 'not-an-id' }, { token: centre.token })).errors?.map((e) => e.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
    ]);
    // The same reads by a member whose session stands.
    expect(dataOf(await app.request(document(REFERRAL), { id: referral.id }, { token: centre.token })).referral.id).toBe(referral.id);
  });
});

describe('a statement prepared with the opening', () => {
  it('can be prepared again on the same connection after its first execution failed (PREPARE outlives the rolled-back transaction)', async () => {
    // A pool of one connection, so that both transactions run on the connection that prepared the statement.
    const database = await connectAppDatabase({ ...app.config, database: { ...app.config.database, poolSize: 1 } }, app.appUrl, createLogger('silent'), ENTITIES);
    try {
      const text = 'SELECT 100 / $1::int AS share';
      const failing = database.openScope({});
      await expect(failing.openWith(text, [0])).rejects.toThrow(/division by zero/);
      await failing.finish('rollback');
      const next = database.openScope({});
      expect((await next.openWith<{ share: number }>(text, [4])).rows).toEqual([{ share: 25 }]);
      await next.finish('commit');
    } finally {
      await database.close();
    }
  });
});

describe('without prepared statements (behind a transaction-mode pooler)', () => {
  it('reads the same pages, opening first, and still refuses an ended session', async () => {
    const pooled = await startTestApp({ DB_PREPARED_STATEMENTS: 'false' });
    try {
      const clinic = await signUpOrganization(pooled, { name: 'Phòng khám Đa khoa Mèo Vạc', kind: 'HOSPITAL' });
      await publishService(pooled, clinic, { name: 'Khám sức khỏe người cao tuổi' });
      const reader = await addMember(pooled, clinic, 'VIEWER');
      for (let i = 0; i < 2; i += 1) {
        const found = await pooled.request(document(DIRECTORY), { search: 'kham suc khoe', first: 5 }, { token: reader.token });
        expect(dataOf(found).services.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Khám sức khỏe người cao tuổi']);
        expect(found.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
      }
      // The audit of the clients an inbox shows travels in a round trip of its own before COMMIT.
      const centre = await signUpOrganization(pooled, { name: 'Trung tâm Công tác xã hội huyện Mèo Vạc', kind: 'GOVERNMENT_AGENCY' });
      await partner(pooled, centre, clinic);
      const service = await publishService(pooled, clinic, { name: 'Khám mắt' });
      await referClient(pooled, centre, clinic, { serviceId: service.id, client: { fullName: 'Bà Lò Thị Mai' } });
      const inbox = await pooled.request(document(INBOX), { first: 5 }, { token: clinic.token });
      expect(dataOf(inbox).referralInbox.edges[0].node.client.fullName).toBe('Bà Lò Thị Mai');
      const [audited] = await pooled.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'readClient' AND request_id IS NOT NULL`,
        [clinic.organizationId],
      );
      expect(audited.n).toBe(1);
      dataOf(await pooled.request(LogoutDocument, {}, { token: reader.token }));
      const refused = await pooled.request(document(DIRECTORY), { search: 'kham', first: 5 }, { token: reader.token });
      expect(refused.status).toBe(401);
      expect(refused.data ?? null).toBeNull();
    } finally {
      await pooled.close();
    }
  });
});
