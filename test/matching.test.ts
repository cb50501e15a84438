import { SendReferralDocument, ClientRecordDocument, ConfirmClientMatchDocument, LookUpClientMatchesDocument, PossibleMatchesDocument, RecordConsentDocument, RejectClientMatchDocument, RevokeConsentDocument, type DataCategory, type RegisterClientInput, type Sex } from './generated/graphql';
import { dataOf, errorCodes, signUpOrganization, type SignedIn } from './factories';
import { ALL_CATEGORIES, partner, registerClient } from './factories/referrals';
import { stringsIn } from './isolation/harness';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
/** A shelter and a clinic whose partnership allows matching both ways. */
let shelter: SignedIn;
let clinic: SignedIn;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  shelter = await signUpOrganization(app, { name: 'Nhà tạm lánh Bình Minh' });
  clinic = await signUpOrganization(app, { name: 'Phòng khám Hy Vọng' });
  await partner(app, shelter, clinic, { proposerShares: MATCHING, partnerShares: MATCHING });
});
afterAll(() => app.close());

const MATCHING: DataCategory[] = [...ALL_CATEGORIES, 'CLIENT_MATCHING'];

let nextYear = 1950;
/** A birth date no other test uses, so that people of different tests never match each other. */
const freshBirthDate = () => `${nextYear++}-05-17`;

async function consentToMatch(by: SignedIn, clientId: string, recipient: SignedIn) {
  return dataOf(
    await app.request(
      RecordConsentDocument,
      { input: { clientId, recipientOrganizationId: recipient.organizationId, scope: 'MATCHING', purpose: 'Được đối chiếu hồ sơ với đối tác', sharedFields: [], method: 'VERBAL' } },
      { token: by.token },
    ),
  ).recordConsent;
}

/** A client of `by` who consented to matching with `recipient` (unless told not to). */
async function person(by: SignedIn, recipient: SignedIn, details: Partial<RegisterClientInput>, consent = true) {
  const client = await registerClient(app, by, details);
  if (consent) await consentToMatch(by, client.id, recipient);
  return client;
}

const lookUp = async (by: SignedIn, clientId: string) =>
  dataOf(await app.request(LookUpClientMatchesDocument, { input: { clientId } }, { token: by.token })).lookUpClientMatches.matches;
const listed = async (by: SignedIn, clientId: string) => dataOf(await app.request(PossibleMatchesDocument, { clientId }, { token: by.token })).possibleMatches;

describe('matching across organizations', () => {
  it.each<[string, string, string, Sex]>([
    ['Vietnamese without tone marks', 'Nguyễn Thị Lan', 'nguyen thi lan', 'FEMALE'],
    ['Vietnamese, given name first', 'Nguyễn Thị Lan', 'Lan Nguyễn Thị', 'FEMALE'],
    ['Vietnamese đ in capitals', 'Đặng Văn Đức', 'DANG VAN DUC', 'MALE'],
    ['Hmong, clan name last', 'Vaj Pov Lis', 'Lis Vaj Pov', 'MALE'],
    ['Arabic with and without tashkeel', 'فَاطِمَة الزَّهْرَاء', 'فاطمة الزهراء', 'FEMALE'],
    ['Arabic alef with hamza or without', 'أحمد مصطفى', 'احمد مصطفى', 'MALE'],
  ])('finds the same person written two ways (%s), naming the organization and nothing of its record', async (_case, atShelter, atClinic, sex) => {
    const birthDate = freshBirthDate();
    const sheltered = await person(shelter, clinic, { fullName: atShelter, birthDate, sex });
    // The shelter registers first and finds nothing; its keys wait, and the clinic's lookup finds them.
    expect(await lookUp(shelter, sheltered.id)).toEqual([]);
    const patient = await person(clinic, shelter, { fullName: atClinic, birthDate, sex });
    const [match, ...more] = await lookUp(clinic, patient.id);
    expect(more).toEqual([]);
    expect(match).toMatchObject({
      clientId: patient.id,
      organization: { id: shelter.organizationId, name: 'Nhà tạm lánh Bình Minh' },
      strength: 'EXACT_DATE',
      status: 'PROPOSED',
      confirmedByYourOrganization: false,
      confirmedByOtherOrganization: false,
    });
    // The shelter is told too, about its own client, naming the clinic.
    expect(await listed(shelter, sheltered.id)).toEqual([{ ...match, clientId: sheltered.id, organization: { id: clinic.organizationId, name: 'Phòng khám Hy Vọng' } }]);
    // Neither side's answer holds the other's client id, name or any key.
    const keys = (await app.ownerQuery<{ key_hash: string }>('SELECT key_hash FROM client_match_keys')).map((row) => row.key_hash);
    const seenByClinic = stringsIn(match);
    const seenByShelter = stringsIn(await listed(shelter, sheltered.id));
    for (const secret of [sheltered.id, atShelter, ...keys]) expect(seenByClinic).not.toContain(secret);
    for (const secret of [patient.id, atClinic, ...keys]) expect(seenByShelter).not.toContain(secret);
  });

  it('says BIRTH_YEAR when only the year agrees, and folds tone marks on purpose ("Lân" is "Lan")', async () => {
    const year = nextYear++;
    const a = await person(shelter, clinic, { fullName: 'Trần Thị Lân', birthDate: `${year}-01-02`, sex: 'FEMALE' });
    const b = await person(clinic, shelter, { fullName: 'Tran Thi Lan', birthDate: `${year}-02-01`, sex: 'FEMALE' });
    expect(a.id).not.toBe(b.id);
    expect((await lookUp(clinic, b.id)).map((m) => m.strength)).toEqual(['BIRTH_YEAR']);
  });

  it.each<[string, Partial<RegisterClientInput>]>([
    ['another birth year', { birthDate: '1931-05-17' }],
    ['another sex', { sex: 'MALE' }],
    ['one letter different', { fullName: 'Phạm Thị Lam' }],
    ['one Hmong tone letter different', { fullName: 'Phạm Thị Lanj' }],
    ['a name missing', { fullName: 'Phạm Lan' }],
    ['only an age band', { birthDate: null, ageBand: 'AGE_60_PLUS' }],
  ])('finds nothing for a near miss: %s', async (_case, difference) => {
    await person(shelter, clinic, { fullName: 'Phạm Thị Lan', birthDate: '1930-05-17', sex: 'FEMALE' });
    const other = await person(clinic, shelter, { fullName: 'Phạm Thị Lan', birthDate: '1930-05-17', sex: 'FEMALE', ...difference });
    expect(await lookUp(clinic, other.id)).toEqual([]);
  });

  it('says nothing without a partnership, without CLIENT_MATCHING both ways, or without consent on either record', async () => {
    const stranger = await signUpOrganization(app);
    const oneWay = await signUpOrganization(app);
    await partner(app, shelter, oneWay, { proposerShares: MATCHING, partnerShares: ALL_CATEGORIES });
    const birthDate = freshBirthDate();
    const details = { fullName: 'Lò Văn Chiến', birthDate, sex: 'MALE' as const };
    const atShelter = await registerClient(app, shelter, details);
    for (const other of [stranger, oneWay]) {
      await consentToMatch(shelter, atShelter.id, other);
      const theirs = await person(other, shelter, details);
      expect(await lookUp(other, theirs.id)).toEqual([]);
      expect(await lookUp(shelter, atShelter.id)).toEqual([]);
    }
    // With the clinic: consent on one side only, then the other only.
    const atClinic = await person(clinic, shelter, details);
    expect(await lookUp(clinic, atClinic.id)).toEqual([]);
    const onlyShelterConsents = await registerClient(app, clinic, { ...details, fullName: 'Chiến Lò Văn' });
    await consentToMatch(shelter, atShelter.id, clinic);
    expect(await lookUp(clinic, onlyShelterConsents.id)).toEqual([]);
    expect((await lookUp(shelter, atShelter.id)).map((m) => m.organization.id)).toEqual([clinic.organizationId]);
  });

  it('stops offering a proposal once a consent is revoked, to both sides, and a sharing consent is no consent to matching', async () => {
    const birthDate = freshBirthDate();
    const atShelter = await registerClient(app, shelter, { fullName: 'Sùng Thị Mai', birthDate, sex: 'FEMALE' });
    const sharing = await app.request(
      RecordConsentDocument,
      { input: { clientId: atShelter.id, recipientOrganizationId: clinic.organizationId, purpose: 'Referral', sharedFields: ['FULL_NAME'], method: 'WRITTEN' } },
      { token: shelter.token },
    );
    dataOf(sharing);
    const atClinic = await person(clinic, shelter, { fullName: 'Sung Thi Mai', birthDate, sex: 'FEMALE' });
    expect(await lookUp(clinic, atClinic.id)).toEqual([]);
    const consent = await consentToMatch(shelter, atShelter.id, clinic);
    expect(await lookUp(clinic, atClinic.id)).toHaveLength(1);
    dataOf(await app.request(RevokeConsentDocument, { input: { consentId: consent.id, reason: 'Withdrew by phone' } }, { token: shelter.token }));
    expect(await listed(clinic, atClinic.id)).toEqual([]);
    expect(await listed(shelter, atShelter.id)).toEqual([]);
  });

  it('refuses a consent to matching that shares fields, and a referral resting on one', async () => {
    const client = await registerClient(app, shelter, { birthDate: freshBirthDate() });
    const res = await app.request(
      RecordConsentDocument,
      { input: { clientId: client.id, recipientOrganizationId: clinic.organizationId, scope: 'MATCHING', purpose: 'x', sharedFields: ['FULL_NAME'], method: 'WRITTEN' } },
      { token: shelter.token },
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const matching = await consentToMatch(shelter, client.id, clinic);
    const referral = await app.request(
      SendReferralDocument,
      { input: { clientId: client.id, receivingOrganizationId: clinic.organizationId, consentId: matching.id, reason: 'Needs a check-up' } },
      { token: shelter.token },
    );
    expect(errorCodes(referral)).toEqual(['FORBIDDEN']);
  });

  it('stores only keyed hashes: no name, date or folded name in the table', async () => {
    const birthDate = freshBirthDate();
    const client = await registerClient(app, shelter, { fullName: 'Hoàng Thị Nguyệt Ánh', birthDate, sex: 'FEMALE' });
    const rows = await app.ownerQuery<Record<string, unknown>>('SELECT * FROM client_match_keys WHERE client_id = $1 ORDER BY kind', [client.id]);
    expect(rows.map((row) => row.kind)).toEqual(['BIRTH_YEAR', 'EXACT_DATE']);
    for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const [{ dump }] = await app.ownerQuery<{ dump: string }>(`SELECT string_agg(t::text, ' ') AS dump FROM client_match_keys t`);
    for (const clear of ['Hoàng', 'hoang', 'anh hoang nguyet thi', birthDate, birthDate.slice(0, 4)]) expect(dump.toLowerCase()).not.toContain(clear);
  });

  it('audits every lookup and every listing, found or not', async () => {
    const client = await registerClient(app, shelter, { fullName: 'Người Không Ai Biết', birthDate: freshBirthDate() });
    expect(await lookUp(shelter, client.id)).toEqual([]);
    expect(await listed(shelter, client.id)).toEqual([]);
    const events = await app.ownerQuery<{ action: string; entity_type: string }>(
      'SELECT action, entity_type FROM audit_events WHERE organization_id = $1 AND entity_id = $2 ORDER BY created_at',
      [shelter.organizationId, client.id],
    );
    expect(events.filter((event) => event.action !== 'registerClient' && event.action !== 'readClient')).toEqual([
      { action: 'lookUpClientMatches', entity_type: 'ClientMatchLookup' },
      { action: 'possibleMatches', entity_type: 'Client' },
    ]);
  });

  it('is confirmed once both sides confirm, refuses a stale version, and once rejected is not proposed again', async () => {
    const birthDate = freshBirthDate();
    const atShelter = await person(shelter, clinic, { fullName: 'Vaj Ntxhi Yaj', birthDate, sex: 'FEMALE' });
    const atClinic = await person(clinic, shelter, { fullName: 'Yaj Vaj Ntxhi', birthDate, sex: 'FEMALE' });
    const [proposed] = await lookUp(clinic, atClinic.id);
    const confirm = (by: SignedIn, expectedVersion: number) =>
      app.request(ConfirmClientMatchDocument, { input: { matchId: proposed.id, expectedVersion } }, { token: by.token });
    const half = dataOf(await confirm(clinic, proposed.version)).confirmClientMatch;
    expect(half).toMatchObject({ status: 'PROPOSED', confirmedByYourOrganization: true, confirmedByOtherOrganization: false });
    expect(errorCodes(await confirm(clinic, half.version))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await confirm(shelter, proposed.version))).toEqual(['CONFLICT']);
    const [seenByShelter] = await listed(shelter, atShelter.id);
    expect(seenByShelter).toMatchObject({ confirmedByYourOrganization: false, confirmedByOtherOrganization: true });
    const confirmed = dataOf(await confirm(shelter, seenByShelter.version)).confirmClientMatch;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedByYourOrganization: true, confirmedByOtherOrganization: true });
    // An organization on neither side cannot see, confirm or reject it.
    const stranger = await signUpOrganization(app);
    expect(errorCodes(await confirm(stranger, confirmed.version))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.request(PossibleMatchesDocument, { clientId: atShelter.id }, { token: stranger.token }))).toEqual(['NOT_FOUND']);
    const rejected = dataOf(
      await app.request(RejectClientMatchDocument, { input: { matchId: proposed.id, expectedVersion: confirmed.version } }, { token: shelter.token }),
    ).rejectClientMatch;
    expect(rejected.status).toBe('REJECTED');
    expect(await listed(clinic, atClinic.id)).toEqual([]);
    expect(await lookUp(shelter, atShelter.id)).toEqual([]);
    expect(await lookUp(clinic, atClinic.id)).toEqual([]);
  });

  it('stops showing a confirmed link once either consent is revoked: naming the other organization says something about the person', async () => {
    const birthDate = freshBirthDate();
    const atShelter = await registerClient(app, shelter, { fullName: 'Giàng Thị Dợ', birthDate, sex: 'FEMALE' });
    const consent = await consentToMatch(shelter, atShelter.id, clinic);
    const atClinic = await person(clinic, shelter, { fullName: 'Giang Thi Do', birthDate, sex: 'FEMALE' });
    const [proposed] = await lookUp(clinic, atClinic.id);
    const confirm = async (by: SignedIn, expectedVersion: number) =>
      dataOf(await app.request(ConfirmClientMatchDocument, { input: { matchId: proposed.id, expectedVersion } }, { token: by.token })).confirmClientMatch;
    const confirmed = await confirm(shelter, (await confirm(clinic, proposed.version)).version);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(await listed(clinic, atClinic.id)).toHaveLength(1);
    // The link is part of what the shelter holds about the person: their copy of it says so.
    const record = dataOf(await app.request(ClientRecordDocument, { id: atShelter.id }, { token: shelter.token })).clientRecord as { matches: unknown[] };
    expect(record.matches).toEqual([expect.objectContaining({ otherOrganization: { id: clinic.organizationId, name: expect.any(String) }, status: 'CONFIRMED' })]);
    expect(JSON.stringify(record)).not.toContain(atClinic.id);
    // ...and its access log, that the clinic's lookup compared them and proposed the link.
    expect(JSON.stringify((record as { accessLog?: unknown }).accessLog)).toContain('clientMatchProposed');

    dataOf(await app.request(RevokeConsentDocument, { input: { consentId: consent.id, reason: 'Withdrew by phone' } }, { token: shelter.token }));
    expect(await listed(clinic, atClinic.id)).toEqual([]);
    expect(await listed(shelter, atShelter.id)).toEqual([]);
  });

  it('caps lookups per organization and hour, so that nobody tries name after name against partners\' records', async () => {
    const prober = await signUpOrganization(app);
    const client = await registerClient(app, prober, { fullName: 'Nguyễn Văn Thử', birthDate: freshBirthDate(), sex: 'MALE' });
    const limit = app.config.matching.lookupsPerHour;
    // The hour's count as if `limit` lookups were made already (a counter shared by every instance).
    await app.ownerQuery(
      `INSERT INTO rate_limit_counters (organization_id, bucket, window_start, count) VALUES ($1, 'match-lookup', date_trunc('hour', now()), $2)
       ON CONFLICT (organization_id, bucket) DO UPDATE SET window_start = EXCLUDED.window_start, count = EXCLUDED.count`,
      [prober.organizationId, limit],
    );
    const refused = await app.request(LookUpClientMatchesDocument, { input: { clientId: client.id } }, { token: prober.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit });
    expect(refused.status).toBe(429);
  });
});
