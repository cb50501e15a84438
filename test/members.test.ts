import {
  AcceptInvitationDocument,
  InvitationsDocument,
  InviteMemberDocument,
  MembersDocument,
  RemoveMemberDocument,
  RevokeInvitationDocument,
  UpdateMemberRoleDocument,
  ViewerDocument,
} from './generated/graphql';
import { addMember, dataOf, errorCodes, signUpOrganization, TEST_PASSWORD } from './factories';
import { startTestApp, type TestApp } from './setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('members and invitations', () => {
  it('invites a person who accepts with the one-time token and joins with the invited role', async () => {
    const admin = await signUpOrganization(app);
    const { inviteMember } = dataOf(
      await app.request(InviteMemberDocument, { input: { email: 'Mai@Example.org', role: 'CASEWORKER' } }, { token: admin.token }),
    );
    expect(inviteMember.invitation).toMatchObject({ email: 'mai@example.org', role: 'CASEWORKER', acceptedAt: null });
    const [stored] = await app.ownerQuery<{ token_hash: string }>('SELECT token_hash FROM invitations WHERE id = $1', [
      inviteMember.invitation.id,
    ]);
    expect(stored.token_hash).not.toContain(inviteMember.token);

    const accepted = dataOf(
      await app.request(AcceptInvitationDocument, { input: { token: inviteMember.token, password: TEST_PASSWORD, displayName: 'Lò Thị Mai' } }),
    ).acceptInvitation;
    expect(accepted.viewer).toMatchObject({ role: 'CASEWORKER', organization: { id: admin.organizationId } });
    const again = await app.request(AcceptInvitationDocument, { input: { token: inviteMember.token, password: TEST_PASSWORD } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const invitations = dataOf(await app.request(InvitationsDocument, {}, { token: admin.token })).invitations;
    expect(invitations.edges[0].node.acceptedAt).not.toBeNull();
  });

  it('lets only admins manage members: other roles get FORBIDDEN and change nothing', async () => {
    const admin = await signUpOrganization(app);
    const caseworker = await addMember(app, admin, 'CASEWORKER');
    const res = await app.request(InviteMemberDocument, { input: { email: 'x@example.org', role: 'ADMIN' } }, { token: caseworker.token });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    const promote = await app.request(
      UpdateMemberRoleDocument,
      { input: { membershipId: caseworker.membershipId, role: 'ADMIN' } },
      { token: caseworker.token },
    );
    expect(errorCodes(promote)).toEqual(['FORBIDDEN']);
    const [row] = await app.ownerQuery<{ role: string }>('SELECT role FROM memberships WHERE id = $1', [caseworker.membershipId]);
    expect(row.role).toBe('CASEWORKER');
  });

  it('changes a role with a version check: a stale version gets CONFLICT', async () => {
    const admin = await signUpOrganization(app);
    const member = await addMember(app, admin, 'VIEWER');
    const updated = dataOf(
      await app.request(
        UpdateMemberRoleDocument,
        { input: { membershipId: member.membershipId, role: 'COORDINATOR', expectedVersion: 1 } },
        { token: admin.token },
      ),
    ).updateMemberRole;
    expect(updated).toMatchObject({ role: 'COORDINATOR', version: 2 });
    const stale = await app.request(
      UpdateMemberRoleDocument,
      { input: { membershipId: member.membershipId, role: 'VIEWER', expectedVersion: 1 } },
      { token: admin.token },
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    // The new role applies at once, without a new token.
    expect(dataOf(await app.request(ViewerDocument, undefined, { token: member.token })).viewer.role).toBe('COORDINATOR');
  });

  it('never leaves an organization without an admin, even when two admins demote each other at once', async () => {
    const admin = await signUpOrganization(app);
    const [own] = dataOf(await app.request(MembersDocument, {}, { token: admin.token })).members.edges;
    const alone = await app.request(UpdateMemberRoleDocument, { input: { membershipId: own.node.id, role: 'VIEWER' } }, {
      token: admin.token,
    });
    expect(errorCodes(alone)).toEqual(['CONFLICT']);

    const second = await addMember(app, admin, 'ADMIN');
    const results = await Promise.all([
      app.request(UpdateMemberRoleDocument, { input: { membershipId: second.membershipId, role: 'VIEWER' } }, { token: admin.token }),
      app.request(UpdateMemberRoleDocument, { input: { membershipId: own.node.id, role: 'VIEWER' } }, { token: second.token }),
    ]);
    // One change wins. The other is refused: CONFLICT if it reached the admin check, FORBIDDEN if
    // its caller had already lost the admin role when the request began.
    const refused = results.flatMap(errorCodes);
    expect(refused).toHaveLength(1);
    expect(['CONFLICT', 'FORBIDDEN']).toContain(refused[0]);
    const [{ n }] = await app.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND role = 'ADMIN'`,
      [admin.organizationId],
    );
    expect(n).toBe(1);
  });

  it('removing a member ends their access at once', async () => {
    const admin = await signUpOrganization(app);
    const member = await addMember(app, admin, 'CASEWORKER');
    dataOf(await app.request(RemoveMemberDocument, { input: { membershipId: member.membershipId } }, { token: admin.token }));
    expect(errorCodes(await app.request(ViewerDocument, undefined, { token: member.token }))).toEqual(['UNAUTHENTICATED']);
    const rows = await app.ownerQuery('SELECT 1 FROM memberships WHERE id = $1', [member.membershipId]);
    expect(rows).toHaveLength(0);
  });

  it('revokes a pending invitation so its token stops working', async () => {
    const admin = await signUpOrganization(app);
    const { inviteMember } = dataOf(
      await app.request(InviteMemberDocument, { input: { email: 'late@example.org', role: 'VIEWER' } }, { token: admin.token }),
    );
    dataOf(await app.request(RevokeInvitationDocument, { input: { invitationId: inviteMember.invitation.id } }, { token: admin.token }));
    const res = await app.request(AcceptInvitationDocument, {
      input: { token: inviteMember.token, password: TEST_PASSWORD, displayName: 'Late' },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0].extensions?.argumentPath).toEqual(['input', 'token']);
  });
});

describe('member list pagination', () => {
  it('pages with cursors, bounds `first`, rejects a forged cursor, and sends as many SQL statements for 2 rows as for 10', async () => {
    const admin = await signUpOrganization(app);
    for (let i = 0; i < 10; i += 1) await addMember(app, admin, 'VIEWER');

    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = dataOf(await app.request(MembersDocument, { first: 4, after }, { token: admin.token })).members;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);

    for (const first of [0, 101]) {
      const res = await app.request(MembersDocument, { first }, { token: admin.token });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0].extensions?.argumentPath).toEqual(['first']);
    }
    expect(errorCodes(await app.request(MembersDocument, { after: 'not-a-cursor' }, { token: admin.token }))).toEqual(['BAD_USER_INPUT']);

    const statements = async (first: number) => {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ query: `{ members(first: ${first}) { edges { node { id role user { email } organization { name } } } } }` }),
      });
      return Number(response.headers.get('x-sql-statements'));
    };
    expect(await statements(2)).toBeGreaterThan(0);
    expect(await statements(10)).toBe(await statements(2));
  });
});
