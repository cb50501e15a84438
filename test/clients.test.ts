import {
  AuditEventsDocument,
  ClientDocument,
  ClientsDocument,
  RecordConsentDocument,
  RegisterClientDocument,
  RevokeConsentDocument,
  UpdateClientDocument,
  type RecordConsentInput,
} from './generated/graphql';
import { addMember, createApiKey, dataOf, errorCodes, signUpOrganization } from './factories';
import { publishService, recordConsent, registerClient } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const auditCount = async (organizationId: string, action: string) =>
  (await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = $2', [organizationId, action]))[0].n;

describe('clients', () => {
  it('are registered with names in any script, an age from a birth date or band, and found without accents', async () => {
    const admin = await signUpOrganization(app);
    const caseworker = await addMember(app, admin, 'CASEWORKER');
    const child = await registerClient(app, caseworker, {
      fullName: 'Lù Thị Mỷ',
      birthDate: null,
      ageBand: 'AGE_12_17',
      sex: 'FEMALE',
      vulnerabilities: ['CHILD_WITHOUT_PARENTAL_CARE', 'ETHNIC_MINORITY'],
    });
    expect(child).toMatchObject({ ageBand: 'AGE_12_17', birthDate: null, version: 1, consents: [] });
    const elder = await registerClient(app, caseworker, { fullName: 'Đặng Văn Lợi', birthDate: '1950-01-01' });
    expect(elder.ageBand).toBe('AGE_60_PLUS');
    await registerClient(app, caseworker, { fullName: 'فاطمة الزهراء', birthDate: '1990-05-05' });

    const search = async (text: string) =>
      dataOf(await app.request(ClientsDocument, { search: text }, { token: caseworker.token })).clients.edges.map((e) => e.node.fullName);
    expect(await search('dang van loi')).toEqual(['Đặng Văn Lợi']);
    expect(await search('LU THI')).toEqual(['Lù Thị Mỷ']);
    expect(await search('فاطمه')).toEqual(['فاطمة الزهراء']);
  });

  it('refuse bad input with the field at fault, and change nothing', async () => {
    const admin = await signUpOrganization(app);
    const register = (input: Record<string, unknown>) =>
      app.request(RegisterClientDocument, { input: { fullName: 'Test', sex: 'UNKNOWN', ...input } as never }, { token: admin.token });
    const noAge = await register({});
    expect([errorCodes(noAge), noAge.errors?.[0].extensions?.argumentPath]).toEqual([['BAD_USER_INPUT'], ['input', 'birthDate']]);
    expect(errorCodes(await register({ birthDate: '2999-01-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await register({ birthDate: '1990-13-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await register({ ageBand: 'AGE_18_59', fullName: '   ' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await register({ ageBand: 'AGE_18_59', email: 'not-an-email' }))).toEqual(['BAD_USER_INPUT']);
    const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM clients WHERE organization_id = $1', [admin.organizationId]);
    expect(n).toBe(0);
  });

  it('are people-only personal data: viewers read, cannot write; API keys get nothing', async () => {
    const admin = await signUpOrganization(app);
    const viewer = await addMember(app, admin, 'VIEWER');
    const key = await createApiKey(app, admin, ['DIRECTORY_READ', 'MEMBERS_READ', 'METRICS_READ']);
    const client = await registerClient(app, admin);
    expect(dataOf(await app.request(ClientDocument, { id: client.id }, { token: viewer.token })).client.id).toBe(client.id);
    expect(errorCodes(await app.request(RegisterClientDocument, { input: { fullName: 'X', sex: 'MALE', ageBand: 'AGE_18_59' } }, { token: viewer.token }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await app.request(ClientDocument, { id: client.id }, { token: key.secret }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.request(ClientsDocument, {}, { token: key.secret }))).toEqual(['FORBIDDEN']);
  });

  it('are registered once per idempotency key, however often the request is retried', async () => {
    const admin = await signUpOrganization(app);
    const input = { fullName: 'Thào Thị Dế', sex: 'FEMALE' as const, ageBand: 'AGE_18_59' as const, idempotencyKey: `register-${admin.organizationId}` };
    const attempts = await Promise.all([0, 1, 2].map(() => app.request(RegisterClientDocument, { input }, { token: admin.token })));
    expect(new Set(attempts.map((res) => dataOf(res).registerClient.id)).size).toBe(1);
    const [{ n }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM clients WHERE organization_id = $1', [admin.organizationId]);
    expect(n).toBe(1);
  });

  it('are updated with a version check', async () => {
    const admin = await signUpOrganization(app);
    const client = await registerClient(app, admin);
    const update = (expectedVersion: number, phone: string | null) =>
      app.request(UpdateClientDocument, { input: { clientId: client.id, expectedVersion, phone, vulnerabilities: ['LIVING_IN_POVERTY'] } }, { token: admin.token });
    const updated = dataOf(await update(client.version, null)).updateClient;
    expect(updated).toMatchObject({ phone: null, vulnerabilities: ['LIVING_IN_POVERTY'], version: client.version + 1, fullName: client.fullName });
    const stale = await update(client.version, '+84 1');
    expect([errorCodes(stale), stale.errors?.[0].extensions?.current]).toEqual([['CONFLICT'], { version: client.version + 1 }]);
  });
});

describe('consent', () => {
  it('is recorded per recipient and fields, validated, and revoked once', async () => {
    const admin = await signUpOrganization(app);
    const partnerOrg = await signUpOrganization(app);
    const otherOrg = await signUpOrganization(app);
    const otherService = await publishService(app, otherOrg);
    const client = await registerClient(app, admin);
    const record = (input: Partial<RecordConsentInput>) =>
      app.request(
        RecordConsentDocument,
        { input: { clientId: client.id, recipientOrganizationId: partnerOrg.organizationId, purpose: 'Referral', sharedFields: ['FULL_NAME'], method: 'VERBAL', ...input } },
        { token: admin.token },
      );
    expect(errorCodes(await record({ method: 'GUARDIAN' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await record({ recipientOrganizationId: admin.organizationId }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await record({ recipientServiceId: otherService.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await record({ expiresAt: '2020-01-01T00:00:00Z' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await record({ sharedFields: ['FULL_NAME', 'FULL_NAME'] }))).toEqual(['BAD_USER_INPUT']);

    const guardian = dataOf(await record({ method: 'GUARDIAN', givenBy: 'Lù Văn Chư, grandfather', expiresAt: '2030-01-01T00:00:00.000Z' })).recordConsent;
    expect(guardian).toMatchObject({ inForce: true, givenBy: 'Lù Văn Chư, grandfather', recipientOrganization: { id: partnerOrg.organizationId } });
    const revoked = dataOf(await app.request(RevokeConsentDocument, { input: { consentId: guardian.id, reason: 'Withdrawn' } }, { token: admin.token }))
      .revokeConsent;
    expect(revoked).toMatchObject({ inForce: false, revocationReason: 'Withdrawn', recordedBy: { id: admin.userId }, revokedBy: { id: admin.userId } });
    expect(errorCodes(await app.request(RevokeConsentDocument, { input: { consentId: guardian.id, reason: 'Again' } }, { token: admin.token }))).toEqual(['CONFLICT']);
    const consents = dataOf(await app.request(ClientDocument, { id: client.id }, { token: admin.token })).client.consents;
    expect(consents.map((c) => c.id)).toEqual([guardian.id]);
  });
});

describe('the audit trail', () => {
  it('records every mutation and every read of personal fields, one INSERT per page, and cannot be changed by the application', async () => {
    const admin = await signUpOrganization(app);
    const caseworker = await addMember(app, admin, 'CASEWORKER');
    const clients: Awaited<ReturnType<typeof registerClient>>[] = [];
    for (let i = 0; i < 12; i += 1) clients.push(await registerClient(app, caseworker, { fullName: `Người ${i}` }));
    await recordConsent(app, caseworker, clients[0].id, (await signUpOrganization(app)).organizationId);
    expect(await auditCount(admin.organizationId, 'signUp')).toBe(1);
    expect(await auditCount(admin.organizationId, 'acceptInvitation')).toBe(1);
    expect(await auditCount(admin.organizationId, 'registerClient')).toBe(12);
    expect(await auditCount(admin.organizationId, 'recordConsent')).toBe(1);

    const before = await auditCount(admin.organizationId, 'readClient');
    const small = await app.request(ClientsDocument, { first: 2 }, { token: caseworker.token });
    const large = await app.request(ClientsDocument, { first: 12 }, { token: caseworker.token });
    expect(large.statements).toBe(small.statements);
    expect(dataOf(large).clients.edges.find((edge) => edge.node.id === clients[0].id)?.node.consents).toHaveLength(1);
    expect(await auditCount(admin.organizationId, 'readClient')).toBe(before + 14);

    const trail = dataOf(await app.request(AuditEventsDocument, { entityId: clients[0].id }, { token: admin.token })).auditEvents.edges.map((e) => e.node);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['registerClient', 'readClient']));
    expect(trail.every((e) => e.actorUserId === caseworker.userId && e.actorName === 'Test CASEWORKER')).toBe(true);
    expect(errorCodes(await app.request(AuditEventsDocument, {}, { token: caseworker.token }))).toEqual(['FORBIDDEN']);

    const [grants] = await app.ownerQuery<{ update: boolean; delete: boolean; truncate: boolean }>(
      `SELECT has_table_privilege('ngo_commons_app', 'audit_events', 'UPDATE') AS update,
              has_table_privilege('ngo_commons_app', 'audit_events', 'DELETE') AS delete,
              has_table_privilege('ngo_commons_app', 'audit_events', 'TRUNCATE') AS truncate`,
    );
    expect(grants).toEqual({ update: false, delete: false, truncate: false });
  });
});
