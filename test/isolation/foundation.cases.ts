import {
  ChangePasswordDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  AcceptInvitationDocument,
  ApiKeysDocument,
  CreateApiKeyDocument,
  InvitationsDocument,
  InviteMemberDocument,
  LoginDocument,
  LogoutDocument,
  MembersDocument,
  OrganizationDocument,
  OrganizationsDocument,
  RefreshTokenDocument,
  RemoveMemberDocument,
  RevokeApiKeyDocument,
  RevokeInvitationDocument,
  SignUpDocument,
  SwitchOrganizationDocument,
  UpdateMemberRoleDocument,
  UpdateOrganizationDocument,
  ViewerDocument,
} from '../generated/graphql';
import { dataOf, errorCodes } from '../factories';
import { expectNoPrivateDataOf, type IsolationCase } from './harness';

/** Cross-tenant cases for the foundation's operations (organizations, auth, members, API keys). */
export const foundationCases: IsolationCase[] = [
  {
    operation: 'viewer',
    description: "B's viewer shows B only, never A's memberships",
    async run({ app, a, b }) {
      for (const token of [b.admin.token, b.apiKey.secret]) {
        const res = await app.request(ViewerDocument, undefined, { token });
        expect(dataOf(res).viewer.organization.id).toBe(b.admin.organizationId);
        expectNoPrivateDataOf(a, res);
      }
    },
  },
  {
    operation: 'organization',
    description: "B reads A's public profile, and nothing else of A",
    shared: 'the public organization directory',
    async run({ app, a, b }) {
      for (const token of [b.admin.token, b.members.VIEWER.token, b.apiKey.secret]) {
        const res = await app.request(OrganizationDocument, { id: a.admin.organizationId }, { token });
        expect(dataOf(res).organization.id).toBe(a.admin.organizationId);
        expectNoPrivateDataOf(a, res);
      }
      const privateId = await app.request(OrganizationDocument, { id: a.members.CASEWORKER.membershipId }, { token: b.admin.token });
      expect(errorCodes(privateId)).toEqual(['NOT_FOUND']);
    },
  },
  {
    operation: 'organizations',
    description: "The directory lists A's public profile only",
    shared: 'the public organization directory',
    async run({ app, a, b }) {
      const res = await app.request(OrganizationsDocument, { first: 100 }, { token: b.admin.token });
      expect(dataOf(res).organizations.edges.map((e) => e.node.id)).toContain(a.admin.organizationId);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'updateOrganization',
    description: "B's admin can change only B's profile; the mutation takes no id to aim elsewhere",
    async run({ app, b }) {
      const res = await app.request(UpdateOrganizationDocument, { input: { description: 'B was here' } }, { token: b.admin.token });
      expect(dataOf(res).updateOrganization.id).toBe(b.admin.organizationId);
    },
  },
  {
    operation: 'members',
    description: "B's member list (as user and as API key) holds none of A's members",
    async run({ app, a, b }) {
      for (const token of [b.admin.token, b.members.VIEWER.token, b.apiKey.secret]) {
        const res = await app.request(MembersDocument, { first: 100 }, { token });
        expect(dataOf(res).members.edges).toHaveLength(4);
        expectNoPrivateDataOf(a, res);
      }
    },
  },
  {
    operation: 'invitations',
    description: "B's invitations hold none of A's",
    async run({ app, a, b }) {
      const res = await app.request(InvitationsDocument, { first: 100 }, { token: b.admin.token });
      expect(dataOf(res).invitations.edges.length).toBeGreaterThan(0);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'apiKeys',
    description: "B's API keys hold none of A's",
    async run({ app, a, b }) {
      const res = await app.request(ApiKeysDocument, { first: 100 }, { token: b.admin.token });
      expect(dataOf(res).apiKeys.edges.map((e) => e.node.id)).toContain(b.apiKey.id);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'inviteMember',
    description: "Inviting A's member into B neither touches A nor reveals that the email is A's member",
    async run({ app, a, b }) {
      const res = await app.request(InviteMemberDocument, { input: { email: a.members.VIEWER.email, role: 'VIEWER' } }, {
        token: b.admin.token,
      });
      expect(dataOf(res).inviteMember.invitation.email).toBe(a.members.VIEWER.email);
    },
  },
  {
    operation: 'revokeInvitation',
    description: "A's invitation id answers NOT_FOUND to B",
    async run({ app, a, b }) {
      const res = await app.request(RevokeInvitationDocument, { input: { invitationId: a.pendingInvitationId } }, { token: b.admin.token });
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    },
  },
  {
    operation: 'acceptInvitation',
    description: 'No token, no membership: a made-up token joins nobody to A',
    async run({ app }) {
      const res = await app.request(AcceptInvitationDocument, {
        input: { token: 'ngo_inv_made-up-token', password: 'whatever-password', displayName: 'Intruder' },
      });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    },
  },
  {
    operation: 'updateMemberRole',
    description: "A's membership id answers NOT_FOUND to B's admin",
    async run({ app, a, b }) {
      const res = await app.request(
        UpdateMemberRoleDocument,
        { input: { membershipId: a.members.CASEWORKER.membershipId, role: 'ADMIN' } },
        { token: b.admin.token },
      );
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    },
  },
  {
    operation: 'removeMember',
    description: "A's membership id answers NOT_FOUND to B's admin",
    async run({ app, a, b }) {
      const res = await app.request(RemoveMemberDocument, { input: { membershipId: a.members.VIEWER.membershipId } }, {
        token: b.admin.token,
      });
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    },
  },
  {
    operation: 'createApiKey',
    description: "A key B creates belongs to B and cannot read A's members",
    async run({ app, a, b }) {
      const created = dataOf(
        await app.request(CreateApiKeyDocument, { input: { name: 'B reader', scopes: ['MEMBERS_READ'] } }, { token: b.admin.token }),
      ).createApiKey;
      const res = await app.request(MembersDocument, { first: 100 }, { token: created.secret });
      expectNoPrivateDataOf(a, res);
      expect(dataOf(res).members.edges.every((e) => e.node.organization.id === b.admin.organizationId)).toBe(true);
    },
  },
  {
    operation: 'revokeApiKey',
    description: "A's API key id answers NOT_FOUND to B, and A's key keeps working",
    async run({ app, a, b }) {
      const res = await app.request(RevokeApiKeyDocument, { input: { apiKeyId: a.apiKey.id } }, { token: b.admin.token });
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
      expect(dataOf(await app.request(ViewerDocument, undefined, { token: a.apiKey.secret })).viewer.organization.id).toBe(
        a.admin.organizationId,
      );
    },
  },
  {
    operation: 'switchOrganization',
    description: "B's user cannot switch into A",
    async run({ app, a, b }) {
      const res = await app.request(SwitchOrganizationDocument, { input: { organizationId: a.admin.organizationId } }, {
        token: b.members.COORDINATOR.token,
      });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    },
  },
  {
    operation: 'login',
    description: "B's user cannot log in as A",
    async run({ app, a, b }) {
      const res = await app.request(LoginDocument, {
        input: { email: b.members.CASEWORKER.email, password: b.members.CASEWORKER.password, organizationId: a.admin.organizationId },
      });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    },
  },
  {
    operation: 'signUp',
    description: "Signing up with A's admin email and a wrong password is refused and adds nobody to A",
    async run({ app, a }) {
      const res = await app.request(SignUpDocument, {
        input: {
          organization: { name: 'Impostor', kind: 'NGO', countryCode: 'VN' },
          email: a.admin.email,
          password: 'not-the-admins-password',
          displayName: 'Impostor',
        },
      });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
    },
  },
  {
    operation: 'refreshToken',
    description: "Refreshing B's session yields B's tokens only",
    async run({ app, a, b }) {
      const res = await app.request(RefreshTokenDocument, { input: { refreshToken: b.members.VIEWER.refreshToken } });
      expect(dataOf(res).refreshToken.viewer.organization.id).toBe(b.admin.organizationId);
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'changePassword',
    description: "B's member changing their password ends none of A's sessions and changes no password of A's; the mutation takes no id to aim elsewhere",
    async run({ app, a, b }) {
      const caseworker = b.members.CASEWORKER;
      const hashOfA = () => app.ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [a.members.CASEWORKER.userId]);
      const before = await hashOfA();
      const changed = await app.request(ChangePasswordDocument, { input: { currentPassword: caseworker.password, newPassword: 'a-new-password-2026' } }, { token: caseworker.token });
      expect(typeof dataOf(changed).changePassword).toBe('number');
      expect(dataOf(await app.request(ViewerDocument, undefined, { token: a.members.CASEWORKER.token })).viewer.organization.id).toBe(a.admin.organizationId);
      expect(await hashOfA()).toEqual(before);
      // Back as it was, for the other cases (this session goes on after its own change).
      dataOf(await app.request(ChangePasswordDocument, { input: { currentPassword: 'a-new-password-2026', newPassword: caseworker.password } }, { token: caseworker.token }));
    },
  },
  {
    operation: 'requestPasswordReset',
    description: "B asking a reset for A's admin gets the answer anyone gets, and A's password and sessions stay as they were",
    async run({ app, a }) {
      const hash = () => app.ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [a.admin.userId]);
      const before = await hash();
      expect(dataOf(await app.request(RequestPasswordResetDocument, { input: { email: a.admin.email } })).requestPasswordReset).toBe(true);
      expect(await hash()).toEqual(before);
      expect((await app.request(ViewerDocument, undefined, { token: a.admin.token })).status).toBe(200);
    },
  },
  {
    operation: 'resetPassword',
    description: "No token, no new password: a made-up token changes nobody's password",
    async run({ app, a }) {
      const hash = () => app.ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [a.admin.userId]);
      const before = await hash();
      expect(errorCodes(await app.request(ResetPasswordDocument, { input: { token: 'ngo_reset_guess', newPassword: 'taken-over-account' } }))).toEqual(['BAD_USER_INPUT']);
      expect(await hash()).toEqual(before);
    },
  },
  {
    operation: 'logout',
    description: "B logging out everywhere ends none of A's sessions",
    async run({ app, a, b }) {
      const fresh = dataOf(await app.request(LoginDocument, { input: { email: b.members.CASEWORKER.email, password: b.members.CASEWORKER.password } })).login;
      expect(dataOf(await app.request(LogoutDocument, { input: { everywhere: true } }, { token: fresh.accessToken })).logout).toBe(true);
      expect(dataOf(await app.request(ViewerDocument, undefined, { token: a.members.CASEWORKER.token })).viewer.organization.id).toBe(
        a.admin.organizationId,
      );
    },
  },
];
