import argon2 from 'argon2';
import { Client } from 'pg';
import { OperatorCommandError, runOperatorCommand } from '../src/cli/operator-commands';
import { AcceptInvitationDocument, InviteMemberDocument, LoginDocument, OrganizationDocument, ResetPasswordDocument, ProposePartnershipDocument, ServicesDocument, SignUpDocument, UpdateOrganizationDocument, ViewerDocument } from './generated/graphql';
import { addMember, createApiKey, dataOf, errorCodes, signUpOrganization, TEST_PASSWORD, type SignedIn } from './factories';
import { publishService } from './factories/referrals';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * Platform operators (issue 12) verify organizations with `npm run ops` (the same commands, run here
 * on the schema owner's connection as the CLI does): the API shows who is verified, nobody can sign
 * up or rename into a verified organization's identity, and every command is in the platform trail.
 */

let app: TestApp;
let owner: Client;
let centre: SignedIn;
const CENTRE = { name: 'Trung tâm Công tác xã hội tỉnh Lào Cai', kind: 'GOVERNMENT_AGENCY' as const };

const ops = (...args: string[]) =>
  runOperatorCommand(owner, args, { operator: 'ops-nguyen', publicUrl: 'https://commons.example.org/', hashPassword: (password) => argon2.hash(password) });

beforeAll(async () => {
  app = await startTestApp();
  owner = new Client({ connectionString: app.ownerUrl });
  await owner.connect();
  centre = await signUpOrganization(app, CENTRE);
  dataOf(await app.request(UpdateOrganizationDocument, { input: { region: 'Lào Cai' } }, { token: centre.token }));
});
afterAll(async () => {
  await owner.end();
  await app.close();
});

function signUpAs(name: string, kind: 'GOVERNMENT_AGENCY' | 'NGO', region?: string) {
  return app.request(SignUpDocument, {
    input: { organization: { name, kind, countryCode: 'VN', region }, email: `someone-${Math.random().toString(36).slice(2)}@example.org`, password: TEST_PASSWORD, displayName: 'Someone' },
  });
}

describe('platform operators', () => {
  it('verify an organization: the API shows by whom and when, the directory and partnership proposals show it, and the command is in the platform trail', async () => {
    const before = dataOf(await app.request(OrganizationDocument, { id: centre.organizationId }, { token: centre.token })).organization;
    expect(before).toMatchObject({ verified: false, verifiedAt: null, verifiedBy: null });

    expect(await ops('verify-organization', centre.organizationId)).toBe(`${CENTRE.name} (${centre.organizationId}) is verified.`);
    const after = dataOf(await app.request(OrganizationDocument, { id: centre.organizationId }, { token: centre.token })).organization;
    expect(after).toMatchObject({ verified: true, verifiedBy: 'ops-nguyen', verifiedAt: expect.any(String) });

    await publishService(app, centre, { name: 'Tư vấn tâm lý cho trẻ em' });
    const found = dataOf(await app.request(ServicesDocument, { search: 'tu van tam ly' }, { token: centre.token })).services.edges;
    expect(found.map((edge) => edge.node.organization)).toEqual([{ id: centre.organizationId, name: CENTRE.name, verified: true }]);

    const ngo = await signUpOrganization(app, { name: 'Hội Bảo trợ người khuyết tật Lào Cai', kind: 'NGO' });
    const proposal = dataOf(
      await app.request(
        ProposePartnershipDocument,
        { input: { partnerOrganizationId: centre.organizationId, purpose: 'Referrals', legalBasis: 'PUBLIC_TASK', startsOn: '2026-01-01', proposerShares: [], partnerShares: [] } },
        { token: ngo.token },
      ),
    ).proposePartnership;
    expect([proposal.proposer.verified, proposal.partner.verified]).toEqual([false, true]);

    const trail = await app.ownerQuery<{ operator: string; command: string; subject_organization_id: string }>(
      `SELECT operator, command, subject_organization_id FROM platform_audit_events WHERE command = 'verify-organization'`,
    );
    expect(trail).toEqual([{ operator: 'ops-nguyen', command: 'verify-organization', subject_organization_id: centre.organizationId }]);
  });

  it("refuse to let anyone sign up as a verified organization, or rename into one, whatever the accents and case; another kind or region may", async () => {
    for (const name of [CENTRE.name, 'TRUNG TAM CONG TAC XA HOI TINH LAO CAI', '  Trung tâm công tác xã hội tỉnh Lào Cai ']) {
      expect(errorCodes(await signUpAs(name, 'GOVERNMENT_AGENCY', 'lao cai'))).toEqual(['CONFLICT']);
    }
    const [count] = await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE search_text LIKE 'trung tam cong tac xa hoi tinh lao cai%'`);
    expect(count.n).toBe(1);
    expect(dataOf(await signUpAs(CENTRE.name, 'NGO', 'Lào Cai')).signUp.accessToken).toEqual(expect.any(String));
    expect(dataOf(await signUpAs(CENTRE.name, 'GOVERNMENT_AGENCY', 'Hà Giang')).signUp.accessToken).toEqual(expect.any(String));

    const other = await signUpOrganization(app, { name: 'Trung tâm Bảo trợ xã hội', kind: 'GOVERNMENT_AGENCY' });
    const renamed = await app.request(UpdateOrganizationDocument, { input: { name: CENTRE.name, region: 'Lào Cai' } }, { token: other.token });
    expect(errorCodes(renamed)).toEqual(['CONFLICT']);
    // The verified organization itself may still change its profile.
    expect(dataOf(await app.request(UpdateOrganizationDocument, { input: { description: 'Trung tâm của tỉnh' } }, { token: centre.token })).updateOrganization).toMatchObject({
      verified: true,
    });
  });

  it('list organizations with their verification, withdraw it, and refuse unknown commands and ids with a message that says what to do', async () => {
    const listed = await ops('list-organizations', 'cong tac xa hoi tinh lao cai');
    expect(listed).toContain(centre.organizationId);
    expect(listed).toMatch(/verified .* by ops-nguyen/);

    expect(await ops('unverify-organization', centre.organizationId)).toContain('is no longer verified');
    expect(dataOf(await app.request(OrganizationDocument, { id: centre.organizationId }, { token: centre.token })).organization.verified).toBe(false);

    await expect(ops('verify-organization', 'not-an-id')).rejects.toThrow(OperatorCommandError);
    await expect(ops('verify-organization', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(/No organization has the id/);
    await expect(ops('delete-everything')).rejects.toThrow(/Unknown command "delete-everything"[\s\S]*Usage/);
    const commands = await app.ownerQuery<{ command: string }>(`SELECT command FROM platform_audit_events ORDER BY created_at`);
    expect(commands.map((row) => row.command)).toEqual(['verify-organization', 'list-organizations', 'unverify-organization']);
  });

  it("disable an account: its sessions end at once and its right password is refused with ACCOUNT_DISABLED; enabled again, it signs in", async () => {
    const person = await addMember(app, centre, 'CASEWORKER');
    const second = dataOf(await app.request(LoginDocument, { input: { email: person.email, password: person.password } })).login;

    expect(await ops('disable-user', person.email.toUpperCase())).toBe(`${person.email.toUpperCase()} is disabled; 2 session(s) ended.`);
    for (const token of [person.token, second.accessToken]) expect((await app.request(ViewerDocument, undefined, { token })).status).toBe(401);
    const refused = await app.request(LoginDocument, { input: { email: person.email, password: person.password } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors?.[0].extensions?.reason).toBe('ACCOUNT_DISABLED');
    // A wrong password answers as for anyone: nothing says the account exists or is disabled.
    expect(errorCodes(await app.request(LoginDocument, { input: { email: person.email, password: 'not-the-password' } }))).toEqual(['UNAUTHENTICATED']);
    const joining = await app.request(SignUpDocument, {
      input: { organization: { name: 'Nhóm tự lực', kind: 'NGO', countryCode: 'VN' }, email: person.email, password: person.password, displayName: 'X' },
    });
    expect(joining.errors?.[0].extensions?.reason).toBe('ACCOUNT_DISABLED');
    const inviter = await signUpOrganization(app, { name: 'Hội Cựu chiến binh xã Lũng Cú', kind: 'COMMUNITY_GROUP' });
    const { token } = dataOf(await app.request(InviteMemberDocument, { input: { email: person.email, role: 'VIEWER' } }, { token: inviter.token })).inviteMember;
    const accepting = await app.request(AcceptInvitationDocument, { input: { token, password: person.password } });
    expect(accepting.errors?.[0].extensions?.reason).toBe('ACCOUNT_DISABLED');

    expect(await ops('enable-user', person.email)).toBe(`${person.email} can sign in again.`);
    expect(dataOf(await app.request(LoginDocument, { input: { email: person.email, password: person.password } })).login.accessToken).toEqual(expect.any(String));
    await expect(ops('disable-user', 'nobody@example.org')).rejects.toThrow(/No account has the email/);
    const trail = await app.ownerQuery<{ command: string }>(`SELECT command FROM platform_audit_events WHERE command LIKE '%-user' ORDER BY created_at`);
    expect(trail.map((row) => row.command)).toEqual(['disable-user', 'enable-user']);
  });

  it('issue a one-time reset link: it sets a new password once, within the hour, and ends every session of the person', async () => {
    const person = await addMember(app, centre, 'COORDINATOR');
    const output = await ops('reset-password', person.email);
    const link = /https:\/\/commons\.example\.org\/reset-password#token=(\S+)/.exec(output);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]);

    expect(dataOf(await app.request(ResetPasswordDocument, { input: { token, newPassword: 'chosen-after-reset' } })).resetPassword).toBe(true);
    expect((await app.request(ViewerDocument, undefined, { token: person.token })).status).toBe(401);
    expect(errorCodes(await app.request(LoginDocument, { input: { email: person.email, password: person.password } }))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await app.request(LoginDocument, { input: { email: person.email, password: 'chosen-after-reset' } })).login.accessToken).toEqual(expect.any(String));

    // Once only; a made-up or expired token changes nothing.
    const again = await app.request(ResetPasswordDocument, { input: { token, newPassword: 'another-new-password' } });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors?.[0].extensions?.argumentPath).toEqual(['input', 'token']);
    expect(errorCodes(await app.request(ResetPasswordDocument, { input: { token: 'ngo_reset_made-up', newPassword: 'another-new-password' } }))).toEqual(['BAD_USER_INPUT']);
    const expired = /#token=(\S+)/.exec(await ops('reset-password', person.email))![1];
    await app.ownerQuery(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect(errorCodes(await app.request(ResetPasswordDocument, { input: { token: decodeURIComponent(expired), newPassword: 'another-new-password' } }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await app.request(LoginDocument, { input: { email: person.email, password: 'chosen-after-reset' } })).login.accessToken).toEqual(expect.any(String));
  });

  it("create an organization and its first admin, who chooses a password through a one-time link; an existing account just joins as admin", async () => {
    const output = await ops('create-organization', '--name', 'Hội Liên hiệp Phụ nữ xã Lũng Cú', '--kind', 'COMMUNITY_GROUP', '--country', 'VN', '--region', 'Hà Giang', '--admin-email', 'Chu.Thi.Ly@example.org', '--admin-name', 'Chu Thị Lý', '--verify');
    const created = /\(([0-9a-f-]{36})\) is created and verified; chu\.thi\.ly@example\.org is its admin\./i.exec(output);
    expect(created).not.toBeNull();
    const token = decodeURIComponent(/#token=(\S+)/.exec(output)![1]);
    dataOf(await app.request(ResetPasswordDocument, { input: { token, newPassword: 'lung-cu-2026-password' } }));
    const login = dataOf(await app.request(LoginDocument, { input: { email: 'chu.thi.ly@example.org', password: 'lung-cu-2026-password' } })).login;
    expect(login.viewer).toMatchObject({ role: 'ADMIN', organization: { id: created![1] } });
    expect(dataOf(await app.request(OrganizationDocument, { id: created![1] }, { token: login.accessToken })).organization).toMatchObject({
      name: 'Hội Liên hiệp Phụ nữ xã Lũng Cú',
      kind: 'COMMUNITY_GROUP',
      region: 'Hà Giang',
      verified: true,
      verifiedBy: 'ops-nguyen',
    });

    // An existing account becomes admin of a second organization, with no link; an operator may create a lookalike of a verified one.
    const second = await ops('create-organization', '--name', 'Hội Liên hiệp Phụ nữ xã Lũng Cú', '--kind', 'COMMUNITY_GROUP', '--country', 'VN', '--region', 'Hà Giang', '--admin-email', centre.email, '--admin-name', 'X');
    expect(second).toContain('already had an account');
    const secondId = /\(([0-9a-f-]{36})\)/.exec(second)![1];
    const switched = await app.request(LoginDocument, { input: { email: centre.email, password: TEST_PASSWORD, organizationId: secondId } });
    expect(dataOf(switched).login.viewer).toMatchObject({ role: 'ADMIN', organization: { id: secondId } });

    for (const [args, message] of [
      [['--name', 'X', '--kind', 'CLUB', '--country', 'VN', '--admin-email', 'a@example.org', '--admin-name', 'A'], /--kind must be one of/],
      [['--name', 'X', '--kind', 'NGO', '--country', 'vn', '--admin-email', 'a@example.org', '--admin-name', 'A'], /--country must be two upper-case letters/],
      [['--kind', 'NGO', '--country', 'VN', '--admin-email', 'a@example.org', '--admin-name', 'A'], /needs --name/],
    ] as const) {
      await expect(ops('create-organization', ...args)).rejects.toThrow(message);
    }
    const [count] = await app.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE name = 'X'`);
    expect(count.n).toBe(0);
  });

  it("suspend an organization: its sessions end, nobody signs in as it, its API keys stop; its people keep their other organizations; reinstated, it works again", async () => {
    const shelter = await signUpOrganization(app, { name: 'Nhà tạm lánh Hoa Sen', kind: 'NGO' });
    const key = await createApiKey(app, shelter, ['MEMBERS_READ']);
    const elsewhere = await signUpOrganization(app, { email: shelter.email, password: TEST_PASSWORD, name: 'Nhóm tình nguyện Hoa Sen' });
    expect((await app.request(ViewerDocument, undefined, { token: key.secret })).status).toBe(200);

    expect(await ops('suspend-organization', shelter.organizationId)).toMatch(/Nhà tạm lánh Hoa Sen \(.+\) is suspended; \d+ session\(s\) ended\./);
    for (const token of [shelter.token, key.secret]) expect((await app.request(ViewerDocument, undefined, { token })).status).toBe(401);
    const refused = await app.request(LoginDocument, { input: { email: shelter.email, password: TEST_PASSWORD, organizationId: shelter.organizationId } });
    expect([errorCodes(refused), refused.errors?.[0].extensions?.reason]).toEqual([['FORBIDDEN'], 'ORGANIZATION_SUSPENDED']);
    const other = await app.request(LoginDocument, { input: { email: shelter.email, password: TEST_PASSWORD, organizationId: elsewhere.organizationId } });
    expect(dataOf(other).login.viewer.organization.id).toBe(elsewhere.organizationId);

    expect(await ops('reinstate-organization', shelter.organizationId)).toContain('is reinstated');
    expect((await app.request(ViewerDocument, undefined, { token: key.secret })).status).toBe(200);
    const back = await app.request(LoginDocument, { input: { email: shelter.email, password: TEST_PASSWORD, organizationId: shelter.organizationId } });
    expect(dataOf(back).login.viewer.organization.id).toBe(shelter.organizationId);
  });

  it('keep their trail from every request: the application role reads none of it', async () => {
    const app2 = new Client({ connectionString: app.appUrl });
    await app2.connect();
    try {
      const { rows } = await app2.query(`SELECT count(*)::int AS n FROM platform_audit_events`);
      expect(rows[0].n).toBe(0);
      await expect(app2.query(`UPDATE organizations SET verified_at = now() WHERE id = $1`, [centre.organizationId])).rejects.toThrow(/permission denied/);
      await expect(app2.query(`UPDATE users SET disabled_at = NULL`)).rejects.toThrow(/permission denied/);
    } finally {
      await app2.end();
    }
  });
});
