import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEnumType } from 'graphql';
import { LABEL_LOCALES } from '../src/common/locale';
import { APOLLO_ERROR_CODES, ErrorCode } from '../src/common/errors';
import { CATALOGS } from '../src/modules/labels/labels';
import { buildAppSchema } from '../src/schema';
import { CodeListsDocument, ReferralLabelsDocument, ServiceCategoryLabelsDocument } from './generated/graphql';
import { dataOf, errorCodes, signUpOrganization } from './factories';
import { partner, recordConsent, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** The refusal reasons the docs promise front ends (docs/errors.md's table of `extensions.reason`). */
function documentedReasons(): string[] {
  const docs = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
  const table = docs.slice(docs.indexOf('| `extensions.reason` |'));
  return [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
}

describe('labels in every language the platform speaks', () => {
  it('exist for every value of every enum, every service category, every error code and every documented reason, in English, Vietnamese and Arabic', async () => {
    const schema = await buildAppSchema();
    const enums = Object.values(schema.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith('__'));
    const categories = (await app.ownerQuery<{ code: string }>('SELECT code FROM service_categories')).map((row) => row.code);
    const missing: string[] = [];
    for (const locale of LABEL_LOCALES) {
      const catalog = CATALOGS[locale];
      const need = (section: string, key: string, label: string | undefined) => {
        if (!label?.trim()) missing.push(`${locale}: ${section}.${key}`);
      };
      for (const type of enums) {
        if (!isEnumType(type)) continue;
        for (const value of type.getValues()) need(`enums.${type.name}`, value.name, catalog.enums[type.name]?.[value.name]);
      }
      for (const code of categories) need('serviceCategories', code, catalog.serviceCategories[code]);
      for (const code of [...Object.values(ErrorCode), ...APOLLO_ERROR_CODES]) need('errors', code, catalog.errors[code]);
      for (const reason of documentedReasons()) need('errorReasons', reason, catalog.errorReasons[reason]);
    }
    expect(missing).toEqual([]);
    expect(documentedReasons().length).toBeGreaterThan(5);
  });

  it('has no label a translator would keep for a code that no longer exists', async () => {
    const schema = await buildAppSchema();
    const stale: string[] = [];
    for (const locale of LABEL_LOCALES) {
      for (const [name, values] of Object.entries(CATALOGS[locale].enums)) {
        const type = schema.getType(name);
        for (const value of Object.keys(values)) {
          if (!isEnumType(type) || !type.getValue(value)) stale.push(`${locale}: enums.${name}.${value}`);
        }
      }
    }
    expect(stale).toEqual([]);
  });
});

describe('labels in answers', () => {
  async function referralSetup() {
    const centre = await signUpOrganization(app, { name: 'Trung tâm Công tác xã hội tỉnh Hà Giang' });
    const ngo = await signUpOrganization(app, { name: 'Amman Family Care' });
    await partner(app, centre, ngo);
    const person = await registerClient(app, centre, { fullName: 'Vàng Thị Mai', vulnerabilities: ['OLDER_PERSON_LIVING_ALONE'] });
    await recordConsent(app, centre, person.id, ngo.organizationId);
    const referral = await sendReferral(app, centre, { clientId: person.id, receivingOrganizationId: ngo.organizationId });
    return { ngo, referral };
  }

  it("answer each enum field's label next to its code, in the language of Accept-Language, English otherwise", async () => {
    const { ngo, referral } = await referralSetup();
    const read = async (acceptLanguage?: string) =>
      dataOf(await app.request(ReferralLabelsDocument, { id: referral.id }, { token: ngo.token, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} }))
        .referral;

    const vi = await read('vi-VN,vi;q=0.9,en;q=0.5');
    expect(vi).toMatchObject({ status: 'SENT', statusLabel: CATALOGS.vi.enums.ReferralStatus.SENT, urgencyLabel: CATALOGS.vi.enums.Urgency[vi.urgency] });
    expect(vi.availableActionsLabel).toEqual(vi.availableActions.map((action) => CATALOGS.vi.enums.ReferralAction[action]));
    expect(vi.client?.vulnerabilitiesLabel).toEqual([CATALOGS.vi.enums.Vulnerability.OLDER_PERSON_LIVING_ALONE]);

    const ar = await read('ar-JO');
    expect(ar.statusLabel).toBe(CATALOGS.ar.enums.ReferralStatus.SENT);
    expect(ar.statusLabel).toMatch(/[\u0600-\u06FF]/);
    expect((await read('fr-FR,fr;q=0.9')).statusLabel).toBe('Sent');
    expect((await read()).statusLabel).toBe('Sent');
  });

  it('answer the code lists with labels in the language asked for, the argument before the header', async () => {
    const res = await app.request(CodeListsDocument, { names: ['ReferralStatus', 'ServiceCategory'], locale: 'ar' }, { headers: { 'accept-language': 'vi' } });
    const [status, categories] = dataOf(res).codeLists;
    expect(status).toMatchObject({ name: 'ReferralStatus', locale: 'ar' });
    expect(status.values.find((value) => value.code === 'IN_PROGRESS')?.label).toBe(CATALOGS.ar.enums.ReferralStatus.IN_PROGRESS);
    expect(categories.values.find((value) => value.code === 'SHELTER')?.label).toBe(CATALOGS.ar.serviceCategories.SHELTER);

    const byHeader = await app.request(CodeListsDocument, { names: ['Urgency'] }, { headers: { 'accept-language': 'vi' } });
    expect(dataOf(byHeader).codeLists[0].values.map((value) => value.label)).toEqual(
      dataOf(byHeader).codeLists[0].values.map((value) => CATALOGS.vi.enums.Urgency[value.code]),
    );
    expect(errorCodes(await app.request(CodeListsDocument, { names: ['NoSuchList'] }))).toEqual(['BAD_USER_INPUT']);
  });

  it("answer service categories' labels, and error labels by reason or code, in the request's language", async () => {
    const { ngo } = await referralSetup();
    const categories = dataOf(await app.request(ServiceCategoryLabelsDocument, undefined, { token: ngo.token, headers: { 'accept-language': 'vi' } })).serviceCategories;
    const shelter = categories.find((category) => category.code === 'SHELTER')!;
    expect(shelter).toMatchObject({ name: 'Shelter', label: CATALOGS.vi.serviceCategories.SHELTER });

    const unknown = await app.request(ReferralLabelsDocument, { id: '00000000-0000-4000-8000-000000000000' }, { token: ngo.token, headers: { 'accept-language': 'ar' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', label: CATALOGS.ar.errors.NOT_FOUND });
    const anonymous = await app.request(ReferralLabelsDocument, { id: '00000000-0000-4000-8000-000000000000' }, { headers: { 'accept-language': 'vi' } });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', label: CATALOGS.vi.errors.UNAUTHENTICATED });
  });
});
