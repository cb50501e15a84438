import { registerEnumType } from 'type-graphql';

/** A user's role in one organization. */
export enum Role {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
  CASEWORKER = 'CASEWORKER',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  description: "A person's role in one organization; the same person may hold different roles in different organizations.",
  valuesConfig: {
    ADMIN: { description: 'Manages the organization: its profile, members, invitations and API keys' },
    COORDINATOR: { description: 'Leads casework and partnerships; may override where a written reason is given' },
    CASEWORKER: { description: 'Works with clients and referrals day to day' },
    VIEWER: { description: 'Reads what the organization may see; changes nothing' },
  },
});

/** What a machine client (API key) may do; granted explicitly when the key is created. */
export enum ApiKeyScope {
  DIRECTORY_READ = 'DIRECTORY_READ',
  MEMBERS_READ = 'MEMBERS_READ',
  METRICS_READ = 'METRICS_READ',
}

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'A permission granted to an API key. A key can do only what its scopes allow.',
  valuesConfig: {
    DIRECTORY_READ: { description: 'Read the organization directory and the acting organization' },
    MEMBERS_READ: { description: "Read the acting organization's member list" },
    METRICS_READ: { description: 'Read aggregate programme metrics (never a person)' },
  },
});

/**
 * Operations declare the permission they need (`@Authorized(Permission.X)`); this table is the one
 * place that says which roles and API-key scopes grant it.
 */
export enum Permission {
  DIRECTORY_READ = 'DIRECTORY_READ',
  MEMBERS_READ = 'MEMBERS_READ',
  MEMBERS_MANAGE = 'MEMBERS_MANAGE',
  ORGANIZATION_MANAGE = 'ORGANIZATION_MANAGE',
  API_KEYS_MANAGE = 'API_KEYS_MANAGE',
  SERVICES_MANAGE = 'SERVICES_MANAGE',
  PARTNERSHIPS_READ = 'PARTNERSHIPS_READ',
  PARTNERSHIPS_MANAGE = 'PARTNERSHIPS_MANAGE',
  CLIENTS_READ = 'CLIENTS_READ',
  CLIENTS_WRITE = 'CLIENTS_WRITE',
  CLIENT_RECORD_EXPORT = 'CLIENT_RECORD_EXPORT',
  CLIENTS_ERASE = 'CLIENTS_ERASE',
  REFERRALS_READ = 'REFERRALS_READ',
  REFERRALS_WRITE = 'REFERRALS_WRITE',
  CONSENT_OVERRIDE = 'CONSENT_OVERRIDE',
  AUDIT_READ = 'AUDIT_READ',
  PROGRAMS_READ = 'PROGRAMS_READ',
  PROGRAMS_MANAGE = 'PROGRAMS_MANAGE',
  PROGRAM_ACTIVITY_WRITE = 'PROGRAM_ACTIVITY_WRITE',
  METRICS_READ = 'METRICS_READ',
  EVENTS_READ = 'EVENTS_READ',
  WEBHOOKS_MANAGE = 'WEBHOOKS_MANAGE',
}

const ALL_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.CASEWORKER, Role.VIEWER];
const CASEWORK_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.CASEWORKER];
const LEAD_ROLES = [Role.ADMIN, Role.COORDINATOR];

export const GRANTS: Record<Permission, { roles: readonly Role[]; scopes: readonly ApiKeyScope[] }> = {
  [Permission.DIRECTORY_READ]: { roles: ALL_ROLES, scopes: [ApiKeyScope.DIRECTORY_READ] },
  [Permission.MEMBERS_READ]: { roles: ALL_ROLES, scopes: [ApiKeyScope.MEMBERS_READ] },
  [Permission.MEMBERS_MANAGE]: { roles: [Role.ADMIN], scopes: [] },
  [Permission.ORGANIZATION_MANAGE]: { roles: [Role.ADMIN], scopes: [] },
  [Permission.API_KEYS_MANAGE]: { roles: [Role.ADMIN], scopes: [] },
  [Permission.SERVICES_MANAGE]: { roles: LEAD_ROLES, scopes: [] },
  [Permission.PARTNERSHIPS_READ]: { roles: ALL_ROLES, scopes: [] },
  [Permission.PARTNERSHIPS_MANAGE]: { roles: LEAD_ROLES, scopes: [] },
  // Personal data: people only, never an API key.
  [Permission.CLIENTS_READ]: { roles: ALL_ROLES, scopes: [] },
  [Permission.CLIENTS_WRITE]: { roles: CASEWORK_ROLES, scopes: [] },
  // A person's rights: the whole record in one document, and erasure, which cannot be undone.
  [Permission.CLIENT_RECORD_EXPORT]: { roles: LEAD_ROLES, scopes: [] },
  [Permission.CLIENTS_ERASE]: { roles: [Role.ADMIN], scopes: [] },
  [Permission.REFERRALS_READ]: { roles: ALL_ROLES, scopes: [] },
  [Permission.REFERRALS_WRITE]: { roles: CASEWORK_ROLES, scopes: [] },
  [Permission.CONSENT_OVERRIDE]: { roles: LEAD_ROLES, scopes: [] },
  [Permission.AUDIT_READ]: { roles: LEAD_ROLES, scopes: [] },
  // A programme's description, results and indicators hold no personal data; a funder's key reads them.
  [Permission.PROGRAMS_READ]: { roles: ALL_ROLES, scopes: [ApiKeyScope.METRICS_READ] },
  [Permission.PROGRAMS_MANAGE]: { roles: LEAD_ROLES, scopes: [] },
  [Permission.PROGRAM_ACTIVITY_WRITE]: { roles: CASEWORK_ROLES, scopes: [] },
  [Permission.METRICS_READ]: { roles: ALL_ROLES, scopes: [ApiKeyScope.METRICS_READ] },
  // Events carry ids and types, no personal data; everyone in the organization may be told.
  [Permission.EVENTS_READ]: { roles: ALL_ROLES, scopes: [] },
  [Permission.WEBHOOKS_MANAGE]: { roles: [Role.ADMIN], scopes: [] },
};

/** For checks that depend on the input (e.g. a consent override), made in a service rather than by decorator. */
export function roleGrants(role: Role, permission: Permission): boolean {
  return GRANTS[permission].roles.includes(role);
}

/** Whether every role of a person holds `permission`: then a person's role need not be known to allow it. */
export function grantedToEveryRole(permission: Permission): boolean {
  return ALL_ROLES.every((role) => GRANTS[permission].roles.includes(role));
}
