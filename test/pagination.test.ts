import { AuditEventsDocument, ClientsDocument, ReferralInboxDocument, ReferralOutboxDocument, ServicesDocument } from './generated/graphql';
import { addMember, dataOf, signUpOrganization, type SignedIn } from './factories';
import { partner, publishService, referClient, registerClient } from './factories/referrals';
import { startTestApp, type GraphQLResponse, type TestApp } from './setup/test-app';

/**
 * Relay connections in both directions: the lists a front end pages back (inbox, outbox, clients,
 * directory, audit trail) take `last` and `before`, and count themselves when asked.
 */

let app: TestApp;
let centre: SignedIn;
let caseworker: SignedIn;
let hospital: SignedIn;
let other: SignedIn;
const REFERRALS = 7;

beforeAll(async () => {
  app = await startTestApp();
  centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Yên Bái', kind: 'GOVERNMENT_AGENCY' });
  caseworker = await addMember(app, centre, 'CASEWORKER');
  hospital = await signUpOrganization(app, { name: 'Bệnh viện Đa khoa tỉnh Yên Bái', kind: 'HOSPITAL' });
  await partner(app, centre, hospital);
  const service = await publishService(app, hospital, { name: 'Khám sức khỏe tại nhà' });
  for (let i = 0; i < REFERRALS; i += 1) {
    await referClient(app, caseworker, hospital, { serviceId: service.id, client: { fullName: `Người được giới thiệu số ${i}` } });
  }
  for (const name of ['Vật lý trị liệu', 'Tư vấn dinh dưỡng', 'Chăm sóc giảm nhẹ', 'Khám mắt']) await publishService(app, hospital, { name });
  // Another pair of organizations with referrals, clients and services of their own, none of which may be counted above.
  other = await signUpOrganization(app, { name: 'Hội Chữ thập đỏ huyện Văn Chấn', kind: 'NGO' });
  const clinic = await signUpOrganization(app, { name: 'Phòng khám Nghĩa Lộ', kind: 'HOSPITAL' });
  await partner(app, other, clinic);
  const theirs = await publishService(app, clinic, { name: 'Khám sức khỏe người cao tuổi' });
  for (let i = 0; i < 3; i += 1) await referClient(app, other, clinic, { serviceId: theirs.id, client: { fullName: `Khách hàng khác ${i}` } });
});
afterAll(() => app.close());

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
  totalCount?: number | null;
}
type PageVariables = { first?: number; after?: string; last?: number; before?: string };

const idsOf = (page: Connection) => page.edges.map((edge) => edge.node.id);

/**
 * Pages a list forward to its end, then back from its end to its start, `size` at a time, checking
 * `pageInfo` at every step; answers the ids each way, each in the list's order.
 */
async function bothWays(read: (variables: PageVariables) => Promise<Connection>, size: number) {
  const forward: string[] = [];
  let page = await read({ first: size });
  expect(page.pageInfo.hasPreviousPage).toBe(false);
  forward.push(...idsOf(page));
  while (page.pageInfo.hasNextPage) {
    page = await read({ first: size, after: page.pageInfo.endCursor! });
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    forward.push(...idsOf(page));
  }

  // `last` alone: the last page, with nothing after it.
  page = await read({ last: size });
  expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: forward.length > size, startCursor: page.edges[0]?.cursor ?? null });
  expect(idsOf(page)).toEqual(forward.slice(-size));
  const pages = [idsOf(page)];
  while (page.pageInfo.hasPreviousPage) {
    page = await read({ last: size, before: page.pageInfo.startCursor! });
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges.length).toBeGreaterThan(0);
    pages.unshift(idsOf(page));
  }
  return { forward, backward: pages.flat() };
}

const inbox = async (variables: Record<string, unknown>, token = hospital.token) =>
  dataOf(await app.request(ReferralInboxDocument, variables, { token })).referralInbox;
const outbox = async (variables: Record<string, unknown>, token = caseworker.token) =>
  dataOf(await app.request(ReferralOutboxDocument, variables, { token })).referralOutbox;
const clients = async (variables: Record<string, unknown>, token = caseworker.token) =>
  dataOf(await app.request(ClientsDocument, variables, { token })).clients;
const services = async (variables: Record<string, unknown>, token = caseworker.token) =>
  dataOf(await app.request(ServicesDocument, variables, { token })).services;
const auditEvents = async (variables: Record<string, unknown>, token = centre.token) =>
  dataOf(await app.request(AuditEventsDocument, variables, { token })).auditEvents;

const ownerCount = async (sql: string, values: unknown[]) => (await app.ownerQuery<{ n: number }>(sql, values))[0].n;

describe('paging back', () => {
  it('gives the inbox and outbox in the same order both ways, in every sort, and the last page for `last` alone', async () => {
    for (const sort of ['NEWEST_FIRST', 'OLDEST_FIRST', 'DUE_SOONEST'] as const) {
      for (const size of [1, 3, REFERRALS]) {
        const received = await bothWays((variables) => inbox({ ...variables, sort }), size);
        expect(received.forward).toHaveLength(REFERRALS);
        expect(received.backward).toEqual(received.forward);
        const sent = await bothWays((variables) => outbox({ ...variables, sort }), size);
        expect(sent.backward).toEqual(sent.forward);
      }
    }
    // Filters narrow a backward page as they narrow a forward one.
    const one = (await outbox({ first: 1 })).edges[0].node;
    const filtered = await outbox({ last: 5, filter: { clientId: one.client!.id } });
    expect(idsOf(filtered)).toEqual([one.id]);
    expect(filtered.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('gives clients, the directory and the audit trail in the same order both ways', async () => {
    const own = await bothWays((variables) => clients(variables), 3);
    expect(own.forward).toHaveLength(REFERRALS);
    expect(own.backward).toEqual(own.forward);
    const directory = await bothWays((variables) => services({ ...variables, organizationId: hospital.organizationId }), 2);
    expect(directory.forward).toHaveLength(5);
    expect(directory.backward).toEqual(directory.forward);
    const trail = await bothWays((variables) => auditEvents({ ...variables, action: 'registerClient' }), 3);
    expect(trail.forward).toHaveLength(REFERRALS);
    expect(trail.backward).toEqual(trail.forward);
  });

  it('answers an empty list the same either way', async () => {
    const nobody = await signUpOrganization(app, { name: 'Quỹ Từ thiện Mù Cang Chải' });
    for (const variables of [{ first: 5 }, { last: 5 }]) {
      expect(await clients({ ...variables, counted: true }, nobody.token)).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false, startCursor: null },
        totalCount: 0,
      });
    }
  });

  it('applies the default page size when neither `first` nor `last` is given, and to `before` alone', async () => {
    const all = await inbox({});
    expect(all.edges).toHaveLength(REFERRALS);
    expect(idsOf(await inbox({ first: null, last: null }))).toEqual(idsOf(all));
    const before = await inbox({ before: all.edges[REFERRALS - 1].cursor });
    expect(idsOf(before)).toEqual(idsOf(all).slice(0, REFERRALS - 1));
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });
});

describe('page arguments', () => {
  const cases: [string, (cursor: string) => Record<string, unknown>, string, RegExp][] = [
    ['first with last', () => ({ first: 2, last: 2 }), 'last', /`first` or `last`, not both/],
    ['after with last', (cursor) => ({ last: 2, after: cursor }), 'after', /`after` pages forward: pass it with `first`/],
    ['before with first', (cursor) => ({ first: 2, before: cursor }), 'before', /`before` pages back: pass it with `last`/],
    ['after with before', (cursor) => ({ after: cursor, before: cursor }), 'before', /`after` or `before`, not both/],
    ['last of 0', () => ({ last: 0 }), 'last', /`last` must be between 1 and 100/],
    ['last past the maximum', () => ({ last: 101 }), 'last', /`last` must be between 1 and 100/],
    ['a forged before', () => ({ last: 2, before: Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url') }), 'before', /`before` is not a cursor from this list/],
    ['a foreign before', () => ({ before: 'not base64 json' }), 'before', /`before` is not a cursor from this list/],
  ];

  it.each(cases)('refuse %s as BAD_USER_INPUT naming the argument, on lists read by either path', async (_name, variablesFor, argument, message) => {
    const cursor = (await inbox({ first: 1 })).edges[0].cursor;
    const auditCursor = (await auditEvents({ first: 1 })).edges[0].cursor;
    const answers: GraphQLResponse<unknown>[] = [
      await app.request(ReferralInboxDocument, variablesFor(cursor), { token: hospital.token }),
      await app.request(AuditEventsDocument, variablesFor(auditCursor), { token: centre.token }),
    ];
    for (const res of answers) {
      expect(res.errors?.map((error) => [error.extensions?.code, error.extensions?.argumentPath])).toEqual([['BAD_USER_INPUT', [argument]]]);
      expect(res.errors?.[0].message).toMatch(message);
    }
  });

  it('take a cursor from a page read either way in either direction', async () => {
    const all = idsOf(await clients({ first: 100 }));
    const middle = (await clients({ last: 3 })).edges[1].cursor;
    expect(idsOf(await clients({ first: 100, after: middle }))).toEqual(all.slice(-1));
    expect(idsOf(await clients({ last: 100, before: middle }))).toEqual(all.slice(0, -2));
  });
});

describe('totalCount', () => {
  it("counts the inbox and outbox under the filters, whatever the cursor, and none of another organization's referrals", async () => {
    const received = await inbox({ first: 2, counted: true });
    expect(received.totalCount).toBe(REFERRALS);
    expect((await inbox({ last: 2, before: received.edges[1].cursor, counted: true })).totalCount).toBe(REFERRALS);
    expect((await inbox({ first: 2, after: received.pageInfo.endCursor, counted: true })).totalCount).toBe(REFERRALS);
    expect((await outbox({ first: 1, counted: true })).totalCount).toBe(REFERRALS);
    expect((await inbox({ first: 1, filter: { statuses: ['ACCEPTED'] }, counted: true })).totalCount).toBe(0);
    expect((await inbox({ first: 1, filter: { statuses: ['SENT'] }, counted: true })).totalCount).toBe(REFERRALS);
    // The other network's referrals are there, and not counted; its sender counts its own.
    expect(await ownerCount('SELECT count(*)::int AS n FROM referrals', [])).toBe(REFERRALS + 3);
    expect((await outbox({ first: 1, counted: true }, other.token)).totalCount).toBe(3);
    expect((await inbox({ first: 1, counted: true }, other.token)).totalCount).toBe(0);
  });

  it('counts clients under the search, and the directory under its filters', async () => {
    expect((await clients({ first: 1, counted: true })).totalCount).toBe(REFERRALS);
    expect((await clients({ first: 1, search: 'so 3', counted: true })).totalCount).toBe(1);
    expect((await clients({ first: 1, counted: true }, other.token)).totalCount).toBe(3);
    await registerClient(app, caseworker, { fullName: 'Hà Thị Duyên' });
    expect((await clients({ last: 1, counted: true })).totalCount).toBe(REFERRALS + 1);

    const everyService = await ownerCount(`SELECT count(*)::int AS n FROM services WHERE status = 'ACTIVE'`, []);
    expect((await services({ first: 1, counted: true })).totalCount).toBe(everyService);
    expect((await services({ first: 1, organizationId: hospital.organizationId, counted: true })).totalCount).toBe(5);
    expect((await services({ first: 1, search: 'kham suc khoe', counted: true })).totalCount).toBe(2);
  });

  it('counts the audit trail the organization may read, under its filters', async () => {
    const trail = `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 OR subject_organization_id = $1`;
    // Paging through reads clients of the centre's, and the hospital's reads are on the centre's trail: the count is of the trail as it stands.
    expect((await auditEvents({ last: 1, counted: true })).totalCount).toBe(await ownerCount(trail, [centre.organizationId]));
    expect((await auditEvents({ first: 1, action: 'sendReferral', counted: true })).totalCount).toBe(REFERRALS);
    expect((await auditEvents({ first: 1, action: 'sendReferral', counted: true }, other.token)).totalCount).toBe(3);
  });

  it('is read only when selected: one more statement when asked, none otherwise', async () => {
    for (const [read, variables] of [
      [ReferralInboxDocument, { first: 3 }],
      [ClientsDocument, { first: 3 }],
      [ServicesDocument, { first: 3 }],
    ] as const) {
      const plain = await app.request(read as typeof ClientsDocument, variables, { token: hospital.token });
      const counted = await app.request(read as typeof ClientsDocument, { ...variables, counted: true }, { token: hospital.token });
      expect(plain.errors).toBeUndefined();
      expect(counted.errors).toBeUndefined();
      expect(counted.statements).toBe(plain.statements + 1);
    }
  });
});
