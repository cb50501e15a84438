import { randomUUID } from 'node:crypto';
import { UpdateServiceDocument } from './generated/graphql';
import { createApiKey, dataOf, signUpOrganization, type SignedIn } from './factories';
import { publishService } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';
import { expectValidHsds, getHsds, hsdsErrorCodes } from './support/hsds';

let app: TestApp;
let publisher: SignedIn;
let reader: SignedIn;
let key: string;
const get = (path: string, token: string | null = key) => getHsds(app.url, path, token);

beforeAll(async () => {
  app = await startTestApp();
  publisher = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', kind: 'GOVERNMENT_AGENCY' });
  reader = await signUpOrganization(app, { name: 'Directory partner' });
  key = (await createApiKey(app, reader, ['DIRECTORY_READ'])).secret;
});
afterAll(() => app.close());

describe('the HSDS 3.0 feed', () => {
  it('describes itself at GET /hsds/, and the server links it from GET /', async () => {
    const res = await get('/hsds/');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expectValidHsds(res.body, 'api');
    expect(res.body).toMatchObject({ version: '3.0', profile: expect.stringMatching(/^https:\/\//) });
    const root = (await (await fetch(new URL('/', app.url))).json()) as { hsds: string };
    expect(root.hsds).toBe('/hsds/');
  });

  it('needs an API key with DIRECTORY_READ or a signed-in person: 401 without or with a bad credential, 403 without the scope', async () => {
    const membersOnly = (await createApiKey(app, reader, ['MEMBERS_READ'])).secret;
    for (const path of ['/hsds/', '/hsds/services', `/hsds/services/${randomUUID()}`, '/hsds/organizations', '/hsds/taxonomies', '/hsds/taxonomy_terms']) {
      const anonymous = await get(path, null);
      expect([anonymous.status, hsdsErrorCodes(anonymous)]).toEqual([401, ['UNAUTHENTICATED']]);
      expect(anonymous.contentType).toMatch(/^application\/json/);
      const forged = await get(path, 'ngo_sk_not-a-real-key');
      expect([forged.status, hsdsErrorCodes(forged)]).toEqual([401, ['UNAUTHENTICATED']]);
      const expired = await get(path, 'not.a.jwt');
      expect([expired.status, hsdsErrorCodes(expired)]).toEqual([401, ['UNAUTHENTICATED']]);
      const unscoped = await get(path, membersOnly);
      expect([unscoped.status, hsdsErrorCodes(unscoped)]).toEqual([403, ['FORBIDDEN']]);
    }
    const malformed = await getHsds(app.url, '/hsds/services', null, { authorization: 'Basic abc' });
    expect([malformed.status, hsdsErrorCodes(malformed)]).toEqual([401, ['UNAUTHENTICATED']]);
    // A person's token works too, on every endpoint (its session is checked with the endpoint's one read).
    for (const path of ['/hsds/', '/hsds/services', '/hsds/organizations', '/hsds/taxonomies', '/hsds/taxonomy_terms']) {
      expect([path, (await get(path, reader.token)).status]).toEqual([path, 200]);
    }
  });

  it('serves a service fully nested by id, its listing, minimal and full listings, each valid against the HSDS schemas', async () => {
    const service = await publishService(app, publisher, {
      name: 'Phục hồi chức năng tại nhà',
      description: 'Vật lý trị liệu tại nhà cho người cao tuổi',
      eligibilityDescription: 'Người cao tuổi sống một mình',
      languages: ['vi', 'hmn'],
      scheduleDescription: 'Thứ Hai – Thứ Sáu 7:30–16:30',
      locations: [
        {
          name: 'Cơ sở 2',
          address1: '12 Nguyễn Trãi',
          city: 'Hà Giang',
          region: 'Hà Giang',
          postalCode: '310000',
          country: 'VN',
          latitude: 22.8233,
          longitude: 104.9836,
        },
        { address1: 'Thôn Lũng Cú', region: 'Hà Giang', country: 'VN' },
      ],
    });

    const named = service.locations.find((place) => place.name === 'Cơ sở 2')!;
    const bare = service.locations.find((place) => place.name === null)!;
    const namedPlace = {
      id: expect.any(String),
      service_id: service.id,
      location_id: named.id,
      location: {
        id: named.id,
        location_type: 'physical',
        organization_id: publisher.organizationId,
        name: 'Cơ sở 2',
        latitude: 22.8233,
        longitude: 104.9836,
        addresses: [
          {
            id: expect.any(String),
            location_id: named.id,
            address_1: '12 Nguyễn Trãi',
            city: 'Hà Giang',
            state_province: 'Hà Giang',
            postal_code: '310000',
            country: 'VN',
            address_type: 'physical',
          },
        ],
      },
    };
    const barePlace = {
      id: expect.any(String),
      service_id: service.id,
      location_id: bare.id,
      location: {
        id: bare.id,
        location_type: 'physical',
        organization_id: publisher.organizationId,
        addresses: [expect.objectContaining({ address_1: 'Thôn Lũng Cú', city: '', state_province: 'Hà Giang', postal_code: '' })],
      },
    };
    const one = await get(`/hsds/services/${service.id}`);
    expect(one.status).toBe(200);
    expectValidHsds(one.body, 'service');
    const term = (await get('/hsds/taxonomy_terms?search=PHYSICAL_REHABILITATION')).body.contents[0];
    expect(one.body).toEqual({
      id: service.id,
      organization_id: publisher.organizationId,
      name: 'Phục hồi chức năng tại nhà',
      description: 'Vật lý trị liệu tại nhà cho người cao tuổi',
      eligibility_description: 'Người cao tuổi sống một mình',
      status: 'active',
      organization: { id: publisher.organizationId, name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', description: '' },
      // Places come in the order the directory shows them (the order they were linked), as GraphQL gives them.
      service_at_locations: service.locations.map((place) => (place.id === named.id ? namedPlace : barePlace)),
      languages: [
        { id: expect.any(String), service_id: service.id, code: 'vi' },
        { id: expect.any(String), service_id: service.id, code: 'hmn' },
      ],
      schedules: [{ id: expect.any(String), service_id: service.id, description: 'Thứ Hai – Thứ Sáu 7:30–16:30' }],
      attributes: [
        {
          id: expect.any(String),
          link_id: service.id,
          link_type: 'service_category',
          link_entity: 'service',
          taxonomy_term_id: term.id,
          taxonomy_term: { ...term, taxonomy: (await get(`/hsds/taxonomies/${term.taxonomy_id}`)).body },
        },
      ],
    });
    // Derived ids are stable from one read to the next.
    expect((await get(`/hsds/services/${service.id}`)).body).toEqual(one.body);

    const byOrganization = `/hsds/services?organization_id=${publisher.organizationId}&search=phuc%20hoi%20chuc%20nang%20tai%20nha`;
    const listing = await get(byOrganization);
    expectValidHsds(listing.body, 'service_list', { page: true });
    const { service_at_locations: _places, languages: _languages, schedules: _schedules, attributes: _attributes, ...oneToOne } = one.body;
    expect(listing.body.contents).toEqual([oneToOne]);

    const minimal = await get(`${byOrganization}&minimal=true`);
    expectValidHsds(minimal.body, 'service_list', { page: true });
    const { organization: _organization, ...own } = oneToOne;
    expect(minimal.body.contents).toEqual([own]);

    const full = await get(`${byOrganization}&full=true`);
    expectValidHsds(full.body, 'service', { page: true });
    expect(full.body.contents).toEqual([one.body]);
  });

  it("pages with page and per_page and HSDS's envelope: first, middle, last and past the end", async () => {
    const owner = await signUpOrganization(app);
    for (const name of ['Tư vấn A', 'Tư vấn B', 'Tư vấn C', 'Tư vấn D', 'Tư vấn E']) await publishService(app, owner, { name, categoryCode: 'COUNSELING' });
    const page = async (n: number) => (await get(`/hsds/services?organization_id=${owner.organizationId}&per_page=2&page=${n}`)).body;
    const envelope = ({ contents, ...rest }: { contents: { name: string }[] }) => ({ ...rest, names: contents.map((s) => s.name) });
    const base = { total_items: 5, total_pages: 3 };
    expect(envelope(await page(1))).toEqual({
      ...base,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
      names: ['Tư vấn A', 'Tư vấn B'],
    });
    expect(envelope(await page(2))).toEqual({
      ...base,
      page_number: 2,
      size: 2,
      first_page: false,
      last_page: false,
      empty: false,
      names: ['Tư vấn C', 'Tư vấn D'],
    });
    expect(envelope(await page(3))).toEqual({ ...base, page_number: 3, size: 1, first_page: false, last_page: true, empty: false, names: ['Tư vấn E'] });
    expect(envelope(await page(4))).toEqual({ ...base, page_number: 4, size: 0, first_page: false, last_page: true, empty: true, names: [] });
    for (const n of [1, 4]) expectValidHsds(await page(n), 'service_list', { page: true });

    const nothing = (await get(`/hsds/services?organization_id=${randomUUID()}`)).body;
    expect(nothing).toEqual({ total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [] });
    // per_page defaults to 50.
    expect((await get(`/hsds/services?organization_id=${owner.organizationId}`)).body).toMatchObject({ size: 5, total_pages: 1 });
  });

  it('reads a page, its count and its nested records in one statement, however long the page', async () => {
    const owner = await signUpOrganization(app);
    for (const name of ['Số 1', 'Số 2', 'Số 3', 'Số 4']) await publishService(app, owner, { name });
    const statements = async (perPage: number) =>
      (await get(`/hsds/services?organization_id=${owner.organizationId}&full=true&per_page=${perPage}`)).statements;
    const one = await statements(1);
    expect(await statements(4)).toBe(one);
    // BEGIN with the key's check, the read, COMMIT: nothing per service.
    expect(one).toBeLessThanOrEqual(4);
  });

  it('searches as the GraphQL directory does, ignoring case and accents', async () => {
    const owner = await signUpOrganization(app);
    const shelter = await publishService(app, owner, { name: 'Nhà tạm lánh Hà Giang', categoryCode: 'SHELTER' });
    await publishService(app, owner, { name: 'Nhà tạm lánh Lào Cai', categoryCode: 'SHELTER' });
    const found = async (search: string) =>
      (await get(`/hsds/services?organization_id=${owner.organizationId}&search=${encodeURIComponent(search)}`)).body.contents.map((s: { id: string }) => s.id);
    expect(await found('Hà Giang')).toEqual([shelter.id]);
    expect(await found('ha giang')).toEqual([shelter.id]);
    expect(await found('HA GIANG')).toEqual([shelter.id]);
    expect(await found('100%')).toEqual([]);
    const organizations = (await get(`/hsds/organizations?search=${encodeURIComponent('trung tam cong tac xa hoi tinh ha giang')}`)).body;
    expectValidHsds(organizations, 'organization', { page: true });
    expect(organizations.contents.map((o: { id: string }) => o.id)).toEqual([publisher.organizationId]);
  });

  it('filters by taxonomy term, taxonomy and modification time, and counts under the same filters', async () => {
    const owner = await signUpOrganization(app);
    const legal = await publishService(app, owner, { name: 'Trợ giúp pháp lý', categoryCode: 'LEGAL_AID_AND_ADVOCACY' });
    const food = await publishService(app, owner, { name: 'Bữa ăn', categoryCode: 'FOOD' });
    const terms = (await get('/hsds/taxonomy_terms?per_page=100')).body;
    expectValidHsds(terms, 'taxonomy_term', { page: true });
    expect(terms.total_items).toBe(16);
    const termOf = (code: string) => terms.contents.find((t: { code: string }) => t.code === code);
    const ids = async (query: string) => {
      const page = (await get(`/hsds/services?organization_id=${owner.organizationId}&${query}`)).body;
      expect(page.total_items).toBe(page.contents.length);
      return page.contents.map((s: { id: string }) => s.id);
    };
    expect(await ids(`taxonomy_term_id=${termOf('LEGAL_AID_AND_ADVOCACY').id}`)).toEqual([legal.id]);
    expect(await ids(`taxonomy_id=${termOf('LEGAL_AID_AND_ADVOCACY').taxonomy_id}`)).toEqual([food.id, legal.id]);
    expect(await ids(`taxonomy_id=${randomUUID()}`)).toEqual([]);
    expect(await ids(`taxonomy_term_id=${randomUUID()}`)).toEqual([]);
    expect((await get(`/hsds/taxonomy_terms/${termOf('FOOD').id}`)).body).toMatchObject({ code: 'FOOD', taxonomy: { id: terms.contents[0].taxonomy_id } });
    const withLegal = (await get(`/hsds/organizations?taxonomy_term_id=${termOf('LEGAL_AID_AND_ADVOCACY').id}&per_page=100`)).body;
    expect(withLegal.contents.map((o: { id: string }) => o.id)).toContain(owner.organizationId);

    // Both were last changed in March 2001 (before any clock this runs on); then the food service changes now.
    await app.ownerQuery(`UPDATE services SET updated_at = '2001-03-01T00:00:00Z' WHERE organization_id = $1`, [owner.organizationId]);
    await app.ownerQuery(`UPDATE organizations SET updated_at = '2001-03-01T00:00:00Z' WHERE id = $1`, [owner.organizationId]);
    expect(await ids('modified_after=2001-03-01T00:00:00Z')).toEqual([food.id, legal.id]);
    expect(await ids('modified_after=2001-03-01T00:00:00.001Z')).toEqual([]);
    const version = (await app.ownerQuery<{ version: number }>('SELECT version FROM services WHERE id = $1', [food.id]))[0].version;
    dataOf(
      await app.request(UpdateServiceDocument, { input: { serviceId: food.id, expectedVersion: version, acceptingReferrals: false } }, { token: owner.token }),
    );
    expect(await ids('modified_after=2001-04-01')).toEqual([food.id]);
    expect(await ids('modified_after=2001-04-01T07:00:00%2B07:00')).toEqual([food.id]);
    // The listing nests the organization: a change of its profile is a change of its services.
    await app.ownerQuery(`UPDATE organizations SET updated_at = now() WHERE id = $1`, [owner.organizationId]);
    expect(await ids('modified_after=2001-04-01')).toEqual([food.id, legal.id]);
  });

  it('publishes every status, and a stopped service as HSDS names it', async () => {
    const owner = await signUpOrganization(app);
    const service = await publishService(app, owner, { name: 'Tạm dừng' });
    dataOf(
      await app.request(
        UpdateServiceDocument,
        { input: { serviceId: service.id, expectedVersion: service.version, status: 'TEMPORARILY_CLOSED' } },
        { token: owner.token },
      ),
    );
    expect((await get(`/hsds/services?organization_id=${owner.organizationId}`)).body.contents.map((s: { status: string }) => s.status)).toEqual([
      'temporarily closed',
    ]);
  });

  it('serves organizations, with their services by id, and the taxonomy', async () => {
    const owner = await signUpOrganization(app, { name: 'Hội Liên hiệp Phụ nữ' });
    const service = await publishService(app, owner, { name: 'Tư vấn gia đình', categoryCode: 'COUNSELING' });
    const organization = await get(`/hsds/organizations/${owner.organizationId}`);
    expectValidHsds(organization.body, 'organization');
    expect(organization.body).toMatchObject({
      id: owner.organizationId,
      name: 'Hội Liên hiệp Phụ nữ',
      services: [{ id: service.id, name: 'Tư vấn gia đình', status: 'active' }],
    });
    expect(organization.body.services[0].organization).toBeUndefined();
    const list = await get('/hsds/organizations?per_page=100');
    expectValidHsds(list.body, 'organization', { page: true });
    expect(list.body.contents.every((o: { services?: unknown }) => o.services === undefined)).toBe(true);

    const taxonomies = await get('/hsds/taxonomies');
    expectValidHsds(taxonomies.body, 'taxonomy', { page: true });
    expect(taxonomies.body).toMatchObject({ total_items: 1, size: 1, empty: false });
    const taxonomy = await get(`/hsds/taxonomies/${taxonomies.body.contents[0].id}`);
    expectValidHsds(taxonomy.body, 'taxonomy');
    const term = await get(`/hsds/taxonomy_terms/${(await get('/hsds/taxonomy_terms?search=counseling')).body.contents[0].id}`);
    expectValidHsds(term.body, 'taxonomy_term');
    expect(term.body).toMatchObject({ code: 'COUNSELING', taxonomy_id: taxonomy.body.id, taxonomy: taxonomy.body });
    expect((await get(`/hsds/taxonomy_terms?taxonomy_id=${randomUUID()}`)).body.total_items).toBe(0);
    expect((await get(`/hsds/taxonomy_terms?parent_id=${term.body.id}`)).body.total_items).toBe(0);
  });

  it('answers 404 NOT_FOUND for unknown ids, ids that are no UUID, and paths it does not serve', async () => {
    for (const path of [
      `/hsds/services/${randomUUID()}`,
      '/hsds/services/not-an-id',
      `/hsds/organizations/${randomUUID()}`,
      `/hsds/taxonomies/${randomUUID()}`,
      `/hsds/taxonomy_terms/${randomUUID()}`,
      '/hsds/taxonomy_terms/COUNSELING',
      '/hsds/service_at_locations',
    ]) {
      const res = await get(path);
      expect([path, res.status, hsdsErrorCodes(res)]).toEqual([path, 404, ['NOT_FOUND']]);
      expect(res.contentType).toMatch(/^application\/json/);
    }
  });

  it('refuses bad parameters with 400 BAD_USER_INPUT naming the parameter', async () => {
    for (const [query, parameter] of [
      ['per_page=101', 'per_page'],
      ['per_page=0', 'per_page'],
      ['page=0', 'page'],
      ['page=two', 'page'],
      ['page=1&page=2', 'page'],
      ['organization_id=abc', 'organization_id'],
      ['taxonomy_term_id=COUNSELING', 'taxonomy_term_id'],
      ['modified_after=yesterday', 'modified_after'],
      ['modified_after=2026-03-01T00:00:00', 'modified_after'],
      ['minimal=yes', 'minimal'],
      ['minimal=true&full=true', 'minimal'],
      ['format=ndjson', 'format'],
      ['postcode=310000', 'postcode'],
    ]) {
      const res = await get(`/hsds/services?${query}`);
      expect([query, res.status, hsdsErrorCodes(res)]).toEqual([query, 400, ['BAD_USER_INPUT']]);
      expect(res.body.errors[0].extensions.argumentPath).toEqual([parameter]);
      expect(res.body.errors[0].message).toContain(parameter);
    }
    expect(hsdsErrorCodes(await get('/hsds/organizations?per_page=1000'))).toEqual(['BAD_USER_INPUT']);
    expect(hsdsErrorCodes(await get('/hsds/taxonomy_terms?page=-1'))).toEqual(['BAD_USER_INPUT']);
    expect(hsdsErrorCodes(await get(`/hsds/services/${randomUUID()}?full=true`))).toEqual(['BAD_USER_INPUT']);
  });
});
