import { OrganizationDocument, OrganizationsDocument, UpdateOrganizationDocument } from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('organization directory', () => {
  it('lists public profiles by name and finds names in any script', async () => {
    const viewer = await signUpOrganization(app, { name: 'Mekong Children’s Fund', kind: 'FUNDER' });
    await signUpOrganization(app, { name: 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai', kind: 'COMMUNITY_GROUP' });
    await signUpOrganization(app, { name: 'جمعية الأمل للإغاثة', kind: 'INTERNATIONAL_NGO' });

    const all = dataOf(await app.request(OrganizationsDocument, {}, { token: viewer.token })).organizations;
    expect(all.edges.map((e) => e.node.name)).toEqual(
      expect.arrayContaining(['Mekong Children’s Fund', 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai', 'جمعية الأمل للإغاثة']),
    );
    for (const [search, expected] of [
      ['phụ nữ', 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai'],
      ['الأمل', 'جمعية الأمل للإغاثة'],
      ['CHILDREN', 'Mekong Children’s Fund'],
    ]) {
      const found = dataOf(await app.request(OrganizationsDocument, { search }, { token: viewer.token })).organizations;
      expect(found.edges.map((e) => e.node.name)).toEqual([expected]);
    }
    const funders = dataOf(await app.request(OrganizationsDocument, { kind: 'FUNDER' }, { token: viewer.token })).organizations;
    expect(funders.edges.map((e) => e.node.id)).toEqual([viewer.organizationId]);
    const literal = dataOf(await app.request(OrganizationsDocument, { search: '%' }, { token: viewer.token })).organizations;
    expect(literal.edges).toEqual([]);
  });

  it('finds organizations without their accents, by name and region, and by their new name after a rename', async () => {
    const viewer = await signUpOrganization(app, { name: 'Quỹ Hỗ trợ Cộng đồng Mê Kông', kind: 'FUNDER' });
    const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang', kind: 'GOVERNMENT_AGENCY' });
    const union = await signUpOrganization(app, { name: 'Đoàn Thanh niên xã Lũng Cú', kind: 'COMMUNITY_GROUP' });
    dataOf(await app.request(UpdateOrganizationDocument, { input: { region: 'Hà Giang' } }, { token: union.token }));
    const names = async (search: string) =>
      dataOf(await app.request(OrganizationsDocument, { search }, { token: viewer.token })).organizations.edges.map((e) => e.node.name);

    expect(await names('trung tam cong tac xa hoi')).toEqual(['Trung tâm Công tác xã hội tỉnh Hà Giang']);
    expect(await names('TRUNG TÂM công tác')).toEqual(['Trung tâm Công tác xã hội tỉnh Hà Giang']);
    // "đ" folds to "d"; the region is searched with the name.
    expect(await names('doan thanh nien')).toEqual(['Đoàn Thanh niên xã Lũng Cú']);
    expect((await names('ha giang')).sort()).toEqual(['Trung tâm Công tác xã hội tỉnh Hà Giang', 'Đoàn Thanh niên xã Lũng Cú'].sort());

    dataOf(await app.request(UpdateOrganizationDocument, { input: { name: 'Trung tâm Bảo trợ xã hội tỉnh Hà Giang' } }, { token: centre.token }));
    expect(await names('bao tro xa hoi')).toEqual(['Trung tâm Bảo trợ xã hội tỉnh Hà Giang']);
    expect(await names('cong tac xa hoi')).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const admin = await signUpOrganization(app);
    const unknown = await app.request(OrganizationDocument, { id: '00000000-0000-4000-8000-000000000000' }, { token: admin.token });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    const malformed = await app.request(OrganizationDocument, { id: "1' OR '1'='1" }, { token: admin.token });
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('updateOrganization', () => {
  it("lets an admin change the acting organization's profile, and nobody else", async () => {
    const admin = await signUpOrganization(app);
    const updated = dataOf(
      await app.request(
        UpdateOrganizationDocument,
        { input: { description: 'Chăm sóc trẻ em mồ côi', region: 'Lào Cai', website: 'https://example.org' } },
        { token: admin.token },
      ),
    ).updateOrganization;
    expect(updated).toMatchObject({ id: admin.organizationId, description: 'Chăm sóc trẻ em mồ côi', region: 'Lào Cai' });

    const coordinator = await addMember(app, admin, 'COORDINATOR');
    const refused = await app.request(UpdateOrganizationDocument, { input: { name: 'Taken over' } }, { token: coordinator.token });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const badUrl = await app.request(UpdateOrganizationDocument, { input: { website: 'javascript:alert(1)' } }, { token: admin.token });
    expect(errorCodes(badUrl)).toEqual(['BAD_USER_INPUT']);
    expect(badUrl.errors?.[0].extensions?.argumentPath).toEqual(['input', 'website']);
    const [row] = await app.ownerQuery<{ name: string; website: string }>('SELECT name, website FROM organizations WHERE id = $1', [
      admin.organizationId,
    ]);
    expect(row.website).toBe('https://example.org');
    expect(row.name).not.toBe('Taken over');
  });
});
