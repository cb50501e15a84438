import type { Role } from '../generated/graphql';
import { addMember, createApiKey, dataOf, signUpOrganization, type SignedIn } from '../factories';
import { InviteMemberDocument } from '../generated/graphql';
import type { TestApp } from '../setup/test-app';

/** One organization with data in every tenant table: a member of each role, a pending invitation, an API key. */
export interface Tenant {
  admin: SignedIn;
  members: Record<Exclude<Role, 'ADMIN'>, SignedIn & { membershipId: string }>;
  pendingInvitationId: string;
  apiKey: { id: string; secret: string };
}

export interface World {
  app: TestApp;
  /** The victim: every case tries to reach A's data. */
  a: Tenant;
  /** The attacker: every case acts as B (its admin unless the case says otherwise). */
  b: Tenant;
}

export async function buildTenant(app: TestApp, name: string): Promise<Tenant> {
  const admin = await signUpOrganization(app, { name });
  const members = {
    COORDINATOR: await addMember(app, admin, 'COORDINATOR'),
    CASEWORKER: await addMember(app, admin, 'CASEWORKER'),
    VIEWER: await addMember(app, admin, 'VIEWER'),
  };
  const invited = dataOf(
    await app.request(InviteMemberDocument, { input: { email: `pending-${admin.organizationId}@example.org`, role: 'VIEWER' } }, {
      token: admin.token,
    }),
  );
  const apiKey = await createApiKey(app, admin, ['DIRECTORY_READ', 'MEMBERS_READ', 'METRICS_READ']);
  return { admin, members, pendingInvitationId: invited.inviteMember.invitation.id, apiKey };
}

/**
 * A cross-tenant attempt: organization B uses an operation against organization A's ids and data,
 * and the case asserts that nothing of A's private data came back or changed. Data shared on purpose
 * (the public organization directory) is named in `shared`.
 */
export interface IsolationCase {
  /** The Query or Mutation field the case exercises; the harness checks every field has one. */
  operation: string;
  description: string;
  /** What of A's the operation may show B by design, if anything. */
  shared?: string;
  run(world: World): Promise<void>;
}

/** Tenant tables and how to read one organization's rows of each, for before/after comparison. */
export const TENANT_SNAPSHOT_QUERIES: Record<string, string> = {
  organizations: 'SELECT * FROM organizations WHERE id = $1',
  memberships: 'SELECT * FROM memberships WHERE organization_id = $1 ORDER BY id',
  auth_sessions: 'SELECT organization_id, id, user_id, revoked_at FROM auth_sessions WHERE organization_id = $1 ORDER BY id',
  refresh_tokens: 'SELECT * FROM refresh_tokens WHERE organization_id = $1 ORDER BY id',
  invitations: 'SELECT * FROM invitations WHERE organization_id = $1 ORDER BY id',
  api_keys: 'SELECT organization_id, id, name, scopes, revoked_at FROM api_keys WHERE organization_id = $1 ORDER BY id',
  users: `SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organization_id = $1 ORDER BY u.id`,
};

export async function snapshotTenant(app: TestApp, organizationId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(TENANT_SNAPSHOT_QUERIES)) {
    snapshot[table] = await app.ownerQuery(sql, [organizationId]);
  }
  return snapshot;
}

/** Every string in a response, flattened: to assert that none of A's ids, emails or names appear. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A's private identifiers: none may appear in any response to B (A's organization id is public). */
export function privateMarksOf(tenant: Tenant): string[] {
  return [
    tenant.admin.userId,
    tenant.admin.email,
    tenant.pendingInvitationId,
    tenant.apiKey.id,
    tenant.apiKey.secret,
    ...Object.values(tenant.members).flatMap((m) => [m.userId, m.membershipId, m.email]),
  ];
}

export function expectNoPrivateDataOf(tenant: Tenant, response: unknown): void {
  const seen = new Set(stringsIn(response));
  const leaked = privateMarksOf(tenant).filter((mark) => seen.has(mark));
  expect(leaked).toEqual([]);
}
