import { ServiceCategoriesDocument, ServiceDocument, ServicesDocument, UpdateServiceCapacityDocument, UpdateServiceDocument } from './generated/graphql';
import { addMember, createApiKey, dataOf, errorCodes, signUpOrganization } from './factories';
import { publishService } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the service directory', () => {
  it('offers the shared taxonomy of social-work services', async () => {
    const admin = await signUpOrganization(app);
    const codes = dataOf(await app.request(ServiceCategoriesDocument, {}, { token: admin.token })).serviceCategories.map((c) => c.code);
    expect(codes).toHaveLength(16);
    expect(codes).toEqual(expect.arrayContaining(['CASE_MANAGEMENT', 'PHYSICAL_REHABILITATION', 'LEGAL_AID_AND_ADVOCACY', 'ELDERLY_CARE', 'DISABILITY_SUPPORT']));
  });

  it('finds services by text in any script, ignoring case and accents, and by category, region and language', async () => {
    const hospital = await signUpOrganization(app, { kind: 'HOSPITAL' });
    const amman = await signUpOrganization(app, { kind: 'INTERNATIONAL_NGO' });
    const searcher = await signUpOrganization(app);
    const rehab = await publishService(app, hospital, {
      name: 'Phục hồi chức năng tại nhà',
      languages: ['vi-VN', 'hmn'],
      locations: [{ address1: '12 Hoàng Liên', region: 'Lào Cai', country: 'VN', latitude: 22.4856, longitude: 103.9707 }],
    });
    const legal = await publishService(app, amman, {
      name: 'المساعدة القانونية للاجئين',
      description: 'استشارات قانونية مجانية',
      categoryCode: 'LEGAL_AID_AND_ADVOCACY',
      languages: ['ar', 'en'],
      locations: [{ address1: 'Jabal Al-Weibdeh', region: 'Amman', country: 'JO' }],
    });
    const search = async (variables: Record<string, unknown>) =>
      dataOf(await app.request(ServicesDocument, { first: 100, ...variables }, { token: searcher.token })).services.edges.map((e) => e.node.id);

    expect(await search({ search: 'PHUC HOI' })).toEqual([rehab.id]);
    expect(await search({ search: 'tai nha' })).toEqual([rehab.id]);
    expect(await search({ search: 'القانونيه' })).toEqual([legal.id]);
    expect(await search({ search: 'المُساعدة' })).toEqual([legal.id]);
    expect(await search({ search: 'قانونية مجانية' })).toEqual([legal.id]);
    expect(await search({ search: '100%' })).toEqual([]);
    expect(await search({ region: 'lao cai' })).toEqual([rehab.id]);
    expect(await search({ language: 'vi' })).toEqual([rehab.id]);
    expect(await search({ language: 'ar' })).toEqual([legal.id]);
    expect(await search({ categoryCode: 'LEGAL_AID_AND_ADVOCACY' })).toEqual([legal.id]);
    expect(await search({ organizationId: hospital.organizationId })).toEqual([rehab.id]);

    const one = dataOf(await app.request(ServiceDocument, { id: rehab.id }, { token: searcher.token })).service;
    expect(one).toMatchObject({
      organization: { id: hospital.organizationId },
      category: { code: 'PHYSICAL_REHABILITATION' },
      languages: ['vi-VN', 'hmn'],
      locations: [{ address1: '12 Hoàng Liên', region: 'Lào Cai', country: 'VN', latitude: 22.4856, longitude: 103.9707 }],
      capacity: null,
    });
  });

  it('shows each service its own places, also where services share one', async () => {
    const admin = await signUpOrganization(app);
    const other = await signUpOrganization(app);
    const first = await publishService(app, admin, { name: 'Chung địa điểm A', locations: [{ address1: 'Số 1', region: 'Hà Giang', country: 'VN' }] });
    const second = await publishService(app, admin, { name: 'Chung địa điểm B', locations: [{ address1: 'Số 2', region: 'Hà Giang', country: 'VN' }] });
    const elsewhere = await publishService(app, other, { name: 'Nơi khác', locations: [{ address1: 'Số 3', region: 'Hà Giang', country: 'VN' }] });
    // The API creates a place per service; a place shared by two services comes from an import.
    await app.ownerQuery(
      `INSERT INTO service_at_locations (organization_id, id, service_id, location_id) VALUES ($1, gen_random_uuid(), $2, $3)`,
      [admin.organizationId, second.id, first.locations[0].id],
    );
    const found = dataOf(await app.request(ServicesDocument, { region: 'ha giang', first: 10 }, { token: other.token })).services.edges.map((e) => e.node);
    const placesOf = (id: string) => found.find((s) => s.id === id)!.locations.map((l) => l.address1).sort();
    expect([placesOf(first.id), placesOf(second.id), placesOf(elsewhere.id)]).toEqual([['Số 1'], ['Số 1', 'Số 2'], ['Số 3']]);
  });

  it('pages through results with cursors, and API keys with the directory scope can search', async () => {
    const admin = await signUpOrganization(app);
    for (const name of ['Tư vấn A', 'Tư vấn B', 'Tư vấn C']) await publishService(app, admin, { name, categoryCode: 'COUNSELING' });
    const key = await createApiKey(app, admin, ['DIRECTORY_READ']);
    const page = async (after?: string | null) =>
      dataOf(await app.request(ServicesDocument, { organizationId: admin.organizationId, first: 2, after }, { token: key.secret })).services;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    expect([...first.edges, ...second.edges].map((e) => e.node.name)).toEqual(['Tư vấn A', 'Tư vấn B', 'Tư vấn C']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('lets only the organization change its services, with version checks, and hides inactive ones by default', async () => {
    const admin = await signUpOrganization(app);
    const caseworker = await addMember(app, admin, 'CASEWORKER');
    const other = await signUpOrganization(app);
    const service = await publishService(app, admin, { name: 'Nhà tạm lánh', categoryCode: 'SHELTER' });

    const update = (token: string, input: Record<string, unknown>) =>
      app.request(UpdateServiceDocument, { input: { serviceId: service.id, expectedVersion: service.version, ...input } as never }, { token });
    expect(errorCodes(await update(caseworker.token, { acceptingReferrals: false }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await update(other.token, { acceptingReferrals: false }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await update(admin.token, { categoryCode: 'NOT_A_CATEGORY' }))).toEqual(['BAD_USER_INPUT']);
    const paused = dataOf(await update(admin.token, { status: 'TEMPORARILY_CLOSED' })).updateService;
    expect(paused).toMatchObject({ status: 'TEMPORARILY_CLOSED', version: service.version + 1 });
    expect(errorCodes(await update(admin.token, { name: 'Stale' }))).toEqual(['CONFLICT']);

    const listed = async (includeInactive: boolean) =>
      dataOf(await app.request(ServicesDocument, { organizationId: admin.organizationId, includeInactive }, { token: other.token })).services.edges.length;
    expect([await listed(false), await listed(true)]).toEqual([0, 1]);
    const [row] = await app.ownerQuery<{ name: string; status: string }>('SELECT name, status FROM services WHERE id = $1', [service.id]);
    expect(row).toEqual({ name: 'Nhà tạm lánh', status: 'TEMPORARILY_CLOSED' });
  });

  it('publishes capacity, flags it when low, and refuses impossible figures', async () => {
    const admin = await signUpOrganization(app);
    const service = await publishService(app, admin, { name: 'Giường tạm trú', categoryCode: 'SHELTER' });
    const publish = (available: number, maximum: number | null) =>
      app.request(UpdateServiceCapacityDocument, { input: { serviceId: service.id, unit: 'beds', available, maximum } }, { token: admin.token });
    expect(dataOf(await publish(12, 20)).updateServiceCapacity.capacity).toMatchObject({ unit: 'beds', available: 12, maximum: 20, low: false });
    expect(dataOf(await publish(1, 20)).updateServiceCapacity.capacity?.low).toBe(true);
    const impossible = await publish(21, 20);
    expect(errorCodes(impossible)).toEqual(['BAD_USER_INPUT']);
    expect(impossible.errors?.[0].extensions?.argumentPath).toEqual(['input', 'available']);
    expect(errorCodes(await publish(-1, null))).toEqual(['BAD_USER_INPUT']);
    const [row] = await app.ownerQuery<{ capacity_available: number }>('SELECT capacity_available FROM services WHERE id = $1', [service.id]);
    expect(row.capacity_available).toBe(1);
  });
});
