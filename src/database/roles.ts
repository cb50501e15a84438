import { Client, escapeIdentifier, escapeLiteral } from 'pg';

/**
 * The group role that the migrations grant table privileges to and write policies for. The login
 * role the server uses is a member of it; see ensureAppLoginRole.
 */
export const APP_GROUP_ROLE = 'ngo_commons_app';

export interface AppLoginRole {
  name: string;
  password: string;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * Creates or updates the application's login role (name and password from config) as the owner,
 * and makes it a member of the group role. Runs at every start, after the migrations, so that a
 * changed password or timeout takes effect. It is never superuser, never BYPASSRLS, owns nothing.
 */
export async function ensureAppLoginRole(ownerUrl: string, role: AppLoginRole): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const name = escapeIdentifier(role.name);
  try {
    // Two servers or test workers can start at once; CREATE ROLE has no IF NOT EXISTS.
    await client.query(`DO $$ BEGIN
        CREATE ROLE ${name} LOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // A new role has no SUPERUSER or BYPASSRLS; changing those needs a superuser, which an owner
    // given by DATABASE_URL need not be. assertAppRoleIsBoundByRls refuses a role that has either.
    await client.query(`ALTER ROLE ${name} WITH LOGIN PASSWORD ${escapeLiteral(role.password)}`);
    await client.query(`ALTER ROLE ${name} SET statement_timeout = ${Number(role.statementTimeoutMs)}`);
    await client.query(
      `ALTER ROLE ${name} SET idle_in_transaction_session_timeout = ${Number(role.idleInTransactionTimeoutMs)}`,
    );
    await client.query(`GRANT ${escapeIdentifier(APP_GROUP_ROLE)} TO ${name}`);
  } finally {
    await client.end();
  }
}

/** Refuses to serve through a role that RLS would not bind. */
export async function assertAppRoleIsBoundByRls(appUrl: string): Promise<void> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      role: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      owned: string;
      member: boolean;
    }>(
      `SELECT r.rolname AS role, r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_class c
                 WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace)::text AS owned,
              pg_has_role(r.oid, $1, 'MEMBER') AS member
         FROM pg_roles r WHERE r.rolname = current_user`,
      [APP_GROUP_ROLE],
    );
    const me = rows[0];
    const problems: string[] = [];
    if (me.rolsuper) problems.push('is a superuser');
    if (me.rolbypassrls) problems.push('has BYPASSRLS');
    if (me.owned !== '0') problems.push(`owns ${me.owned} relations in schema public`);
    if (!me.member) problems.push(`is not a member of ${APP_GROUP_ROLE}`);
    if (problems.length > 0) {
      throw new Error(
        `The application role "${me.role}" ${problems.join(', ')}: row-level security would not isolate tenants. Use a separate, non-owner role.`,
      );
    }
  } finally {
    await client.end();
  }
}

/** The owner's URL with the application role's credentials in it: one DATABASE_URL is enough. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
