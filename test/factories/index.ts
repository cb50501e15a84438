import { randomBytes } from 'node:crypto';
import {
  AcceptInvitationDocument,
  CreateApiKeyDocument,
  InviteMemberDocument,
  SignUpDocument,
  type ApiKeyScope,
  type OrganizationKind,
  type Role,
} from '../generated/graphql';
import type { GraphQLResponse, TestApp } from '../setup/test-app';

/** The response's data, or a failure that shows the errors the server sent. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`Expected data, got errors: ${JSON.stringify(response.errors, null, 2)}`);
  }
  return response.data;
}

/** The codes of the errors in a response, e.g. ['NOT_FOUND']. */
export const errorCodes = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((error) => error.extensions?.code);

const unique = () => randomBytes(4).toString('hex');

export const TEST_PASSWORD = 'test-password-0123';

export interface SignedIn {
  token: string;
  refreshToken: string;
  organizationId: string;
  userId: string;
  email: string;
  password: string;
}

export async function signUpOrganization(
  app: TestApp,
  overrides: { name?: string; kind?: OrganizationKind; email?: string; password?: string } = {},
): Promise<SignedIn> {
  const email = overrides.email ?? `admin-${unique()}@example.org`;
  const password = overrides.password ?? TEST_PASSWORD;
  const { signUp } = dataOf(
    await app.request(SignUpDocument, {
      input: {
        organization: { name: overrides.name ?? `Organization ${unique()}`, kind: overrides.kind ?? 'NGO', countryCode: 'VN' },
        email,
        password,
        displayName: 'Test Admin',
      },
    }),
  );
  return {
    token: signUp.accessToken,
    refreshToken: signUp.refreshToken,
    organizationId: signUp.viewer.organization.id,
    userId: signUp.viewer.user!.id,
    email,
    password,
  };
}

/** Invites a new person with `role` into the admin's organization and signs them in. */
export async function addMember(
  app: TestApp,
  admin: SignedIn,
  role: Role,
  overrides: { email?: string; password?: string; displayName?: string } = {},
): Promise<SignedIn & { membershipId: string }> {
  const email = overrides.email ?? `${role.toLowerCase()}-${unique()}@example.org`;
  const password = overrides.password ?? TEST_PASSWORD;
  const { inviteMember } = dataOf(await app.request(InviteMemberDocument, { input: { email, role } }, { token: admin.token }));
  const { acceptInvitation } = dataOf(
    await app.request(AcceptInvitationDocument, {
      input: { token: inviteMember.token, password, displayName: overrides.displayName ?? `Test ${role}` },
    }),
  );
  const membership = acceptInvitation.viewer.memberships.find((m) => m.organization.id === admin.organizationId)!;
  return {
    token: acceptInvitation.accessToken,
    refreshToken: acceptInvitation.refreshToken,
    organizationId: admin.organizationId,
    userId: acceptInvitation.viewer.user!.id,
    membershipId: membership.id,
    email,
    password,
  };
}

export async function createApiKey(app: TestApp, admin: SignedIn, scopes: ApiKeyScope[]) {
  const { createApiKey: created } = dataOf(
    await app.request(CreateApiKeyDocument, { input: { name: `Key ${unique()}`, scopes } }, { token: admin.token }),
  );
  return { id: created.apiKey.id, secret: created.secret };
}
