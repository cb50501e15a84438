import {
  AcceptReferralDocument,
  AuditEventsDocument,
  ClientDocument,
  ClientRecordDocument,
  ClientsDocument,
  CommentOnReferralDocument,
  CorrectClientDocument,
  EnrollClientDocument,
  EraseClientDocument,
  OrganizationEventsDocument,
  ProgramMetricsDocument,
  RecordConsentDocument,
  RecordServiceDeliveryDocument,
  ReferralDocument,
  RegisterClientDocument,
  UpdateClientDocument,
  UpdateOrganizationDocument,
} from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { createProgram } from './factories/programs';
import { partner, publishService, registerClient, sendReferral } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Doc = Record<string, any>;

/**
 * A person whose every detail is recognisable: each text holds the mark (letters no hex id holds).
 * Each test that scans uses a mark, phone and birth date of its own, since tests share the database.
 */
const personMarked = (mark: string, phone: string, birthDate: string) => {
  const swap = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('Zyxwq', mark).replaceAll('zyxwq', mark.toLowerCase()));
  return { PERSON: swap({ ...PERSON, phone, birthDate }), MARKS: [mark.toLowerCase(), phone.slice(4), birthDate], swap };
};
const PERSON = {
  fullName: 'Zyxwq Erasable-Name-7731',
  preferredName: 'Zyxwq-Pref',
  birthDate: '1951-07-31',
  sex: 'FEMALE' as const,
  genderIdentity: 'Zyxwq-gender',
  phone: '+84 999 773 1773',
  email: 'zyxwq.7731@example.org',
  address: 'Ngõ Zyxwq-Address, Bản Qua',
  region: 'Lào Cai',
  preferredLanguage: 'vi',
  vulnerabilities: ['OLDER_PERSON_LIVING_ALONE' as const, 'PERSON_WITH_DISABILITY' as const],
};

/**
 * A's client with everything a record can hold: a correction, a consent and a referral to partner
 * C (accepted, commented on by C, the client read by C), an enrolment in A's programme with a
 * delivery. Every free text names the person.
 */
async function buildPerson(marked = personMarked('Zyxwq', PERSON.phone, PERSON.birthDate)) {
  const { PERSON, swap } = marked;
  const a = await signUpOrganization(app, { name: 'Trung tâm CTXH A' });
  const c = await signUpOrganization(app, { name: 'Bệnh viện C' });
  const caseworker = await addMember(app, a, 'CASEWORKER');
  const coordinator = await addMember(app, a, 'COORDINATOR');
  await partner(app, a, c);
  const service = await publishService(app, a, { name: 'Chăm sóc tại nhà' });
  const idempotencyKey = `register-${a.organizationId}`;
  const registered = dataOf(
    await app.request(RegisterClientDocument, { input: { ...PERSON, fullName: swap('Zyxwq Old-Name'), idempotencyKey } }, { token: caseworker.token }),
  ).registerClient;
  const corrected = dataOf(
    await app.request(
      CorrectClientDocument,
      { input: { clientId: registered.id, expectedVersion: registered.version, fullName: PERSON.fullName, reason: swap('Zyxwq asked: name misspelt') } },
      { token: caseworker.token },
    ),
  ).correctClient;
  const consent = dataOf(
    await app.request(
      RecordConsentDocument,
      {
        input: {
          clientId: registered.id,
          recipientOrganizationId: c.organizationId,
          purpose: swap('Zyxwq-Purpose: rehabilitation'),
          sharedFields: ['FULL_NAME', 'PHONE', 'AGE_BAND', 'SEX_AND_GENDER', 'ADDRESS'],
          method: 'GUARDIAN',
          givenBy: swap('Zyxwq-Guardian, son'),
        },
      },
      { token: caseworker.token },
    ),
  ).recordConsent;
  const referral = await sendReferral(app, caseworker, {
    clientId: registered.id,
    receivingOrganizationId: c.organizationId,
    consentId: consent.id,
    reason: swap('Zyxwq-Reason: falls at home'),
    needs: swap('Zyxwq-Needs: a walking frame'),
  });
  const accepted = dataOf(
    await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: referral.version, note: swap('Zyxwq-Accept-note') } }, { token: c.token }),
  ).acceptReferral;
  dataOf(await app.request(CommentOnReferralDocument, { input: { referralId: referral.id, body: swap('Zyxwq-Comment: seen at home') } }, { token: c.token }));
  const seenByC = dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: c.token })).referral;
  expect(seenByC.client).toMatchObject({ erased: false, fullName: PERSON.fullName });

  const program = await createProgram(app, a, { endsOn: '2027-12-31' });
  const enrolment = dataOf(
    await app.request(EnrollClientDocument, { input: { programId: program.id, clientId: registered.id, enrolledOn: '2026-07-01' } }, { token: caseworker.token }),
  ).enrollClient;
  dataOf(
    await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrolment.id, serviceId: service.id, deliveredOn: '2026-07-02' } }, { token: caseworker.token }),
  );
  return { a, c, caseworker, coordinator, client: corrected, idempotencyKey, consent, referral: accepted, program, enrolment };
}

const metrics = async (lead: SignedIn, programId: string) =>
  dataOf(await app.request(ProgramMetricsDocument, { programId, periodType: 'MONTH', from: '2026-01-01', to: '2026-12-31', disaggregateBy: 'SEX' }, { token: lead.token }))
    .programMetrics;

/** Every table of the public schema, each row as text, that holds any of the marks. Read as the owner: nothing is hidden. */
async function tablesHolding(marks: string[]): Promise<string[]> {
  const tables = await app.ownerQuery<{ table: string }>(
    `SELECT table_name AS table FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const found: string[] = [];
  for (const { table } of tables) {
    const [{ n }] = await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text ILIKE ANY($1)`, [marks.map((m) => `%${m}%`)]);
    if (n) found.push(table);
  }
  return found;
}

describe("a person's rights", () => {
  it('clientRecord answers everything the organization holds about the person as one document, and is audited', async () => {
    const { a, c, caseworker, coordinator, client, consent, referral, program, enrolment } = await buildPerson();
    const res = await app.request(ClientRecordDocument, { id: client.id }, { token: coordinator.token });
    const doc = dataOf(res).clientRecord as Doc;
    expect(doc).toMatchObject({
      format: 'ngo-commons/client-record/1',
      organization: { id: a.organizationId, name: 'Trung tâm CTXH A' },
      client: { id: client.id, fullName: PERSON.fullName, phone: PERSON.phone, birthDate: PERSON.birthDate, erasedAt: null },
      history: [{ version: 1, action: 'correctClient', reason: 'Zyxwq asked: name misspelt', previousValues: { fullName: 'Zyxwq Old-Name' } }],
      consents: [{ id: consent.id, purpose: 'Zyxwq-Purpose: rehabilitation', givenBy: 'Zyxwq-Guardian, son', recipientOrganization: { id: c.organizationId } }],
      referrals: [{ id: referral.id, reason: 'Zyxwq-Reason: falls at home', needs: 'Zyxwq-Needs: a walking frame', status: 'ACCEPTED' }],
      enrolments: [{ id: enrolment.id, program: { id: program.id }, enrolledOn: '2026-07-01', deliveries: [{ deliveredOn: '2026-07-02' }] }],
    });
    expect(Date.parse(doc.generatedAt)).not.toBeNaN();
    expect(doc.referrals[0].timeline.map((e: Doc) => [e.toStatus, e.note, e.actorOrganization.id])).toEqual([
      ['SENT', null, a.organizationId],
      ['ACCEPTED', 'Zyxwq-Accept-note', c.organizationId],
      [null, 'Zyxwq-Comment: seen at home', c.organizationId],
    ]);
    // Who read the record: A's own people, and C through the referral.
    const readers = doc.accessLog.filter((e: Doc) => e.action === 'readClient').map((e: Doc) => e.actorOrganization.id);
    expect(readers).toEqual(expect.arrayContaining([a.organizationId, c.organizationId]));

    // The export is itself in the trail.
    const trail = dataOf(await app.request(AuditEventsDocument, { entityId: client.id, action: 'clientRecord' }, { token: a.token })).auditEvents;
    expect(trail.edges).toHaveLength(1);

    // Caseworkers and viewers may not export; another organization, even the partner, does not find the client.
    expect(errorCodes(await app.request(ClientRecordDocument, { id: client.id }, { token: caseworker.token }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.request(ClientRecordDocument, { id: client.id }, { token: c.token }))).toEqual(['NOT_FOUND']);
  });

  it('correctClient and updateClient keep the previous values in the history, under the version check', async () => {
    const admin = await signUpOrganization(app);
    const client = await registerClient(app, admin, { fullName: 'Hoàng Văn Nam', birthDate: '1980-01-01' });
    const stale = await app.request(
      CorrectClientDocument,
      { input: { clientId: client.id, expectedVersion: client.version + 1, birthDate: '1981-01-01', reason: 'Wrong year' } },
      { token: admin.token },
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const corrected = dataOf(
      await app.request(CorrectClientDocument, { input: { clientId: client.id, expectedVersion: client.version, birthDate: '1981-01-01', reason: 'Wrong year' } }, { token: admin.token }),
    ).correctClient;
    expect(corrected).toMatchObject({ birthDate: '1981-01-01', version: client.version + 1 });
    const updated = dataOf(
      await app.request(UpdateClientDocument, { input: { clientId: client.id, expectedVersion: corrected.version, phone: '+84 1' } }, { token: admin.token }),
    ).updateClient;
    const doc = dataOf(await app.request(ClientRecordDocument, { id: client.id }, { token: admin.token })).clientRecord as Doc;
    expect(doc.history).toMatchObject([
      { version: 1, action: 'correctClient', reason: 'Wrong year', previousValues: { birthDate: '1980-01-01' } },
      { version: 2, action: 'updateClient', reason: null, previousValues: { phone: '+84 912 000 111' } },
    ]);
    expect(doc.client.version).toBe(updated.version);
    expect(
      errorCodes(await app.request(CorrectClientDocument, { input: { clientId: client.id, expectedVersion: updated.version, birthDate: null, ageBand: null, reason: 'x' } }, { token: admin.token })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('eraseClient removes every personal value from every table, tells the partner, keeps programme figures, and is audited', async () => {
    const marked = personMarked('Wqzyx', '+84 999 555 2468', '1949-02-13');
    const { PERSON, MARKS } = marked;
    const { a, c, caseworker, coordinator, client, idempotencyKey, referral, program } = await buildPerson(marked);
    expect(await tablesHolding(MARKS)).not.toEqual([]);
    const matchKeysOf = async () => (await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM client_match_keys WHERE client_id = $1`, [client.id]))[0].n;
    expect(await matchKeysOf()).toBeGreaterThan(0);
    const figuresBefore = await metrics(a, program.id);
    const cellsBefore = await app.ownerQuery(
      `SELECT * FROM program_member_metric_cells WHERE organization_id = $1 ORDER BY metric, category_code, period_type, period_start, dimension, dimension_value`,
      [a.organizationId],
    );

    const erase = (token: string, expectedVersion?: number) =>
      app.request(EraseClientDocument, { input: { clientId: client.id, reason: 'SUBJECT_REQUEST', expectedVersion } }, { token });
    expect(errorCodes(await erase(caseworker.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await erase(coordinator.token))).toEqual(['FORBIDDEN']);
    // The partner's admin holds the permission, for its own clients: A's is unknown to it.
    expect(errorCodes(await erase(c.token))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await erase(a.token, client.version - 1))).toEqual(['CONFLICT']);
    expect(errorCodes(await app.request(EraseClientDocument, { input: { clientId: client.id, reason: 'RETENTION_PERIOD' } }, { token: a.token }))).toEqual([
      'BAD_USER_INPUT',
    ]);

    const erased = dataOf(await erase(a.token, client.version)).eraseClient;
    expect(erased).toMatchObject({ id: client.id, fullName: '[erased]', phone: null, birthDate: null, ageBand: 'AGE_60_PLUS', sex: 'FEMALE', vulnerabilities: [] });
    expect(erased.erasedAt).not.toBeNull();

    // No table holds anything of the person any more, nor their match keys (hashes, which the scan cannot see).
    expect(await tablesHolding(MARKS)).toEqual([]);
    expect(await matchKeysOf()).toBe(0);

    // Programme figures are what they were.
    expect(await metrics(a, program.id)).toEqual(figuresBefore);
    expect(
      await app.ownerQuery(
        `SELECT * FROM program_member_metric_cells WHERE organization_id = $1 ORDER BY metric, category_code, period_type, period_start, dimension, dimension_value`,
        [a.organizationId],
      ),
    ).toEqual(cellsBefore);

    // The partner sees the client as erased, and was told.
    const seenByC = dataOf(await app.request(ReferralDocument, { id: referral.id }, { token: c.token })).referral;
    expect(seenByC.client).toMatchObject({ erased: true, visibleFields: [], fullName: null, phone: null, address: null });
    expect(seenByC.reason).toBe('[erased]');
    const told = dataOf(await app.request(OrganizationEventsDocument, { types: ['CLIENT_ERASED'] }, { token: c.token })).organizationEvents.edges;
    expect(told.map((e) => [e.node.subjectType, e.node.subjectId, e.node.organizationId])).toEqual([['CLIENT', client.id, a.organizationId]]);

    // Audited with ids only.
    const trail = dataOf(await app.request(AuditEventsDocument, { entityId: client.id, action: 'eraseClient' }, { token: a.token })).auditEvents.edges;
    expect(trail.map((e) => e.node.actorName)).toHaveLength(1);

    // The record takes no more changes; a retried registration with the old key is refused, not replayed.
    expect(errorCodes(await app.request(UpdateClientDocument, { input: { clientId: client.id, expectedVersion: erased.version, phone: '1' } }, { token: a.token }))).toEqual([
      'CONFLICT',
    ]);
    expect(errorCodes(await erase(a.token))).toEqual(['CONFLICT']);
    expect(
      errorCodes(await app.request(RegisterClientDocument, { input: { ...PERSON, fullName: 'Wqzyx Old-Name', idempotencyKey } }, { token: caseworker.token })),
    ).toEqual(['CONFLICT']);
    expect(dataOf(await app.request(ClientsDocument, {}, { token: a.token })).clients.edges).toEqual([]);
    expect(dataOf(await app.request(ClientDocument, { id: client.id }, { token: a.token })).client.erasedAt).toBe(erased.erasedAt);
    const doc = dataOf(await app.request(ClientRecordDocument, { id: client.id }, { token: a.token })).clientRecord as Doc;
    expect(doc).toMatchObject({ client: { erasureReason: 'SUBJECT_REQUEST' }, history: [] });
    expect(await tablesHolding(MARKS)).toEqual([]);
  });

  it('erases records closed for longer than the retention period, through the job runner, and leaves open ones', async () => {
    const admin = await signUpOrganization(app);
    const partnerOrg = await signUpOrganization(app);
    await partner(app, admin, partnerOrg);
    expect(
      errorCodes(await app.request(UpdateOrganizationDocument, { input: { recordRetentionDays: 5 } }, { token: admin.token })),
    ).toEqual(['BAD_USER_INPUT']);
    const organization = dataOf(await app.request(UpdateOrganizationDocument, { input: { recordRetentionDays: 365 } }, { token: admin.token })).updateOrganization;
    expect(organization.recordRetentionDays).toBe(365);
    const closed = await registerClient(app, admin, { fullName: 'Zyxwq Closed-Record' });
    const open = await registerClient(app, admin, { fullName: 'Lò Văn Mở' });
    const consent = dataOf(
      await app.request(
        RecordConsentDocument,
        { input: { clientId: open.id, recipientOrganizationId: partnerOrg.organizationId, purpose: 'Care', sharedFields: ['FULL_NAME'], method: 'VERBAL' } },
        { token: admin.token },
      ),
    ).recordConsent;
    await sendReferral(app, admin, { clientId: open.id, receivingOrganizationId: partnerOrg.organizationId, consentId: consent.id });

    // Within the period nothing happens; past it, the closed record is erased and the one with an open referral stays.
    await app.jobs.tick(new Date(Date.now() + 100 * 86_400_000));
    expect(dataOf(await app.request(ClientDocument, { id: closed.id }, { token: admin.token })).client.erasedAt).toBeNull();
    await app.jobs.tick(new Date(Date.now() + 400 * 86_400_000));
    const after = (id: string) => app.request(ClientDocument, { id }, { token: admin.token }).then((res) => dataOf(res).client);
    expect(await after(closed.id)).toMatchObject({ fullName: '[erased]', erasedAt: expect.any(String) });
    expect(await after(open.id)).toMatchObject({ fullName: 'Lò Văn Mở', erasedAt: null });
    const [{ n }] = await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM clients t WHERE organization_id = $1 AND t::text ILIKE '%zyxwq%'`, [
      admin.organizationId,
    ]);
    expect(n).toBe(0);
    const trail = dataOf(await app.request(AuditEventsDocument, { entityId: closed.id, action: 'eraseClient' }, { token: admin.token })).auditEvents.edges;
    expect(trail.map((e) => e.node.actorName)).toEqual(['Record retention (platform)']);
  });
});
