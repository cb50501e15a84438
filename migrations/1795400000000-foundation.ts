import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: organizations, users, memberships, sessions, invitations, API keys, and the
 * row-level security that isolates tenants.
 *
 * The server connects as a login role that is a member of ngo_commons_app (created at start-up by
 * ensureAppLoginRole), never as the owner that runs this migration. Every table below has RLS
 * enabled AND forced, and its policies read transaction-local settings that the server applies
 * with set_config(..., true) at the start of each transaction:
 *   app.organization_id  the organization a request acts as
 *   app.user_id          the signed-in user
 *   app.lookup_hash      a credential hash (refresh token, invitation, API key) looked up before the tenant is known
 *   app.login_email      the email a sign-in or sign-up looks up
 * A transaction without settings sees no rows in any table.
 */
export class Foundation1795400000000 implements MigrationInterface {
  name = 'Foundation1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
        CREATE ROLE ngo_commons_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ngo_commons_app`);

    // Once a local setting has ended, current_setting(..., true) returns '' rather than NULL.
    for (const [fn, setting, type] of [
      ['app_organization_id', 'app.organization_id', 'uuid'],
      ['app_user_id', 'app.user_id', 'uuid'],
      ['app_lookup_hash', 'app.lookup_hash', 'text'],
      ['app_login_email', 'app.login_email', 'text'],
    ]) {
      await q.query(`CREATE FUNCTION ${fn}() RETURNS ${type} LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT nullif(current_setting('${setting}', true), '')::${type} $$`);
    }

    // organizations: the public directory, not tenant data. Every signed-in context reads it; only
    // the organization itself may create (at sign-up) or change its row; nobody deletes.
    await q.query(`CREATE TABLE organizations (
        id uuid NOT NULL, name text NOT NULL, kind text NOT NULL, description text,
        country_code text NOT NULL, region text, website text,
        created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_organizations_country_code CHECK (country_code ~ '^[A-Z]{2}$'),
        CONSTRAINT ck_organizations_kind CHECK (kind IN ('NGO', 'INTERNATIONAL_NGO', 'GOVERNMENT_AGENCY', 'COMMUNITY_GROUP', 'HOSPITAL', 'SCHOOL', 'FUNDER', 'UN_AGENCY', 'OTHER')),
        CONSTRAINT pk_organizations PRIMARY KEY (id))`);

    // users: global identities, not tenant data. A user row is visible to the user, to the
    // organization they are a member of (its member list), and to the sign-in lookup of its email.
    await q.query(`CREATE TABLE users (
        id uuid NOT NULL, email text NOT NULL, display_name text NOT NULL, password_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT pk_users PRIMARY KEY (id))`);

    await q.query(`CREATE TABLE memberships (
        organization_id uuid NOT NULL, id uuid NOT NULL, user_id uuid NOT NULL, role text NOT NULL,
        version integer NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_memberships_organization_user UNIQUE (organization_id, user_id),
        CONSTRAINT ck_memberships_role CHECK (role IN ('ADMIN', 'COORDINATOR', 'CASEWORKER', 'VIEWER')),
        CONSTRAINT pk_memberships PRIMARY KEY (organization_id, id))`);
    // The one index not led by organization_id: a user's own memberships across organizations
    // (sign-in, switchOrganization), which the policy exposes to that user only.
    await q.query(`CREATE INDEX ix_memberships_user ON memberships (user_id)`);

    await q.query(`CREATE TABLE auth_sessions (
        organization_id uuid NOT NULL, id uuid NOT NULL, user_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(), revoked_at timestamptz(3), revoked_reason text,
        CONSTRAINT pk_auth_sessions PRIMARY KEY (organization_id, id))`);
    await q.query(`CREATE INDEX ix_auth_sessions_organization_user ON auth_sessions (organization_id, user_id)`);

    await q.query(`CREATE TABLE refresh_tokens (
        organization_id uuid NOT NULL, id uuid NOT NULL, session_id uuid NOT NULL, user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(), expires_at timestamptz(3) NOT NULL, used_at timestamptz(3),
        CONSTRAINT pk_refresh_tokens PRIMARY KEY (organization_id, id))`);
    await q.query(`CREATE INDEX ix_refresh_tokens_organization_session ON refresh_tokens (organization_id, session_id)`);
    // Credential-hash indexes (here, invitations, api_keys) serve the lookup that happens before the
    // tenant is known. They are not unique: 256-bit random secrets do not collide, and a unique
    // constraint across tenants is exactly what RLS cannot hide.
    await q.query(`CREATE INDEX ix_refresh_tokens_token_hash ON refresh_tokens (token_hash)`);

    await q.query(`CREATE TABLE invitations (
        organization_id uuid NOT NULL, id uuid NOT NULL, email text NOT NULL, role text NOT NULL,
        token_hash text NOT NULL, invited_by_user_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(), expires_at timestamptz(3) NOT NULL,
        accepted_at timestamptz(3), accepted_by_user_id uuid, revoked_at timestamptz(3),
        CONSTRAINT ck_invitations_role CHECK (role IN ('ADMIN', 'COORDINATOR', 'CASEWORKER', 'VIEWER')),
        CONSTRAINT pk_invitations PRIMARY KEY (organization_id, id))`);
    await q.query(`CREATE UNIQUE INDEX uq_invitations_organization_pending_email ON invitations (organization_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX ix_invitations_token_hash ON invitations (token_hash)`);
    await q.query(`CREATE INDEX ix_invitations_organization_created ON invitations (organization_id, created_at)`);

    await q.query(`CREATE TABLE api_keys (
        organization_id uuid NOT NULL, id uuid NOT NULL, name text NOT NULL, prefix text NOT NULL,
        secret_hash text NOT NULL, scopes text array NOT NULL, created_by_user_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(), last_used_at timestamptz(3), revoked_at timestamptz(3),
        CONSTRAINT pk_api_keys PRIMARY KEY (organization_id, id))`);
    await q.query(`CREATE INDEX ix_api_keys_secret_hash ON api_keys (secret_hash)`);
    await q.query(`CREATE INDEX ix_api_keys_organization_created ON api_keys (organization_id, created_at)`);

    for (const fk of [
      `api_keys ADD CONSTRAINT fk_api_keys_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `api_keys ADD CONSTRAINT fk_api_keys_created_by_user FOREIGN KEY (created_by_user_id) REFERENCES users(id)`,
      `auth_sessions ADD CONSTRAINT fk_auth_sessions_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `auth_sessions ADD CONSTRAINT fk_auth_sessions_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
      `invitations ADD CONSTRAINT fk_invitations_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `invitations ADD CONSTRAINT fk_invitations_invited_by_user FOREIGN KEY (invited_by_user_id) REFERENCES users(id)`,
      `invitations ADD CONSTRAINT fk_invitations_accepted_by_user FOREIGN KEY (accepted_by_user_id) REFERENCES users(id)`,
      `memberships ADD CONSTRAINT fk_memberships_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `memberships ADD CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
      `refresh_tokens ADD CONSTRAINT fk_refresh_tokens_session FOREIGN KEY (organization_id, session_id) REFERENCES auth_sessions(organization_id, id) ON DELETE CASCADE`,
    ]) {
      await q.query(`ALTER TABLE ${fk}`);
    }

    await q.query(`ALTER TABLE organizations ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE organizations FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY organizations_read ON organizations FOR SELECT TO ngo_commons_app
        USING (app_organization_id() IS NOT NULL OR app_user_id() IS NOT NULL)`);
    await q.query(`CREATE POLICY organizations_create ON organizations FOR INSERT TO ngo_commons_app
        WITH CHECK (id = app_organization_id())`);
    await q.query(`CREATE POLICY organizations_update ON organizations FOR UPDATE TO ngo_commons_app
        USING (id = app_organization_id()) WITH CHECK (id = app_organization_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON organizations TO ngo_commons_app`);

    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY users_read ON users FOR SELECT TO ngo_commons_app
        USING (id = app_user_id() OR email = app_login_email()
               OR EXISTS (SELECT 1 FROM memberships m
                           WHERE m.organization_id = app_organization_id() AND m.user_id = users.id))`);
    await q.query(`CREATE POLICY users_create ON users FOR INSERT TO ngo_commons_app WITH CHECK (id = app_user_id())`);
    await q.query(`CREATE POLICY users_update ON users FOR UPDATE TO ngo_commons_app
        USING (id = app_user_id()) WITH CHECK (id = app_user_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON users TO ngo_commons_app`);

    await q.query(`ALTER TABLE memberships ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE memberships FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY memberships_read ON memberships FOR SELECT TO ngo_commons_app
        USING (organization_id = app_organization_id() OR user_id = app_user_id())`);
    await q.query(`CREATE POLICY memberships_create ON memberships FOR INSERT TO ngo_commons_app
        WITH CHECK (organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY memberships_update ON memberships FOR UPDATE TO ngo_commons_app
        USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY memberships_delete ON memberships FOR DELETE TO ngo_commons_app
        USING (organization_id = app_organization_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO ngo_commons_app`);

    await q.query(`ALTER TABLE auth_sessions ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE auth_sessions FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY auth_sessions_read ON auth_sessions FOR SELECT TO ngo_commons_app
        USING (user_id = app_user_id() OR organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY auth_sessions_create ON auth_sessions FOR INSERT TO ngo_commons_app
        WITH CHECK (user_id = app_user_id() AND organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY auth_sessions_update ON auth_sessions FOR UPDATE TO ngo_commons_app
        USING (user_id = app_user_id() OR organization_id = app_organization_id())
        WITH CHECK (user_id = app_user_id() OR organization_id = app_organization_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON auth_sessions TO ngo_commons_app`);

    await q.query(`ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY refresh_tokens_read ON refresh_tokens FOR SELECT TO ngo_commons_app
        USING (user_id = app_user_id() OR token_hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY refresh_tokens_create ON refresh_tokens FOR INSERT TO ngo_commons_app
        WITH CHECK (user_id = app_user_id() AND organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY refresh_tokens_update ON refresh_tokens FOR UPDATE TO ngo_commons_app
        USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON refresh_tokens TO ngo_commons_app`);

    await q.query(`ALTER TABLE invitations ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE invitations FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY invitations_read ON invitations FOR SELECT TO ngo_commons_app
        USING (organization_id = app_organization_id() OR token_hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY invitations_create ON invitations FOR INSERT TO ngo_commons_app
        WITH CHECK (organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY invitations_update ON invitations FOR UPDATE TO ngo_commons_app
        USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON invitations TO ngo_commons_app`);

    await q.query(`ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE api_keys FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY api_keys_read ON api_keys FOR SELECT TO ngo_commons_app
        USING (organization_id = app_organization_id() OR secret_hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY api_keys_create ON api_keys FOR INSERT TO ngo_commons_app
        WITH CHECK (organization_id = app_organization_id())`);
    await q.query(`CREATE POLICY api_keys_update ON api_keys FOR UPDATE TO ngo_commons_app
        USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON api_keys TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'invitations', 'refresh_tokens', 'auth_sessions', 'memberships', 'users', 'organizations']) {
      await q.query(`DROP TABLE ${table}`);
    }
    for (const fn of ['app_organization_id', 'app_user_id', 'app_lookup_hash', 'app_login_email']) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }
    // The group role is shared by every database in the cluster, so it stays.
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ngo_commons_app`);
  }
}
