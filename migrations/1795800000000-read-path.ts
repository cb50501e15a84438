import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read path (issue 9): a request's transaction is begun, its tenant settings applied and its
 * credential verified in one round trip, by one function per kind of credential.
 */
export class ReadPath1795800000000 implements MigrationInterface {
  name = 'ReadPath1795800000000';

  async up(q: QueryRunner): Promise<void> {
    // Runs as the caller (not SECURITY DEFINER): the lookups below are under the policies of the
    // settings just applied. Settings stay only when the session is live and its membership stands;
    // otherwise they are cleared and the function answers NULL.
    await q.query(`CREATE FUNCTION app_open_session(acting_organization uuid, acting_user uuid, session uuid) RETURNS text
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        found_role text;
      BEGIN
        PERFORM set_config('app.organization_id', acting_organization::text, true), set_config('app.user_id', acting_user::text, true),
                set_config('app.lookup_hash', '', true), set_config('app.login_email', '', true);
        SELECT m.role INTO found_role FROM memberships m
          JOIN auth_sessions s ON s.organization_id = m.organization_id AND s.user_id = m.user_id
         WHERE m.organization_id = acting_organization AND m.user_id = acting_user AND s.id = session AND s.revoked_at IS NULL;
        IF found_role IS NULL THEN
          PERFORM set_config('app.organization_id', '', true), set_config('app.user_id', '', true);
        END IF;
        RETURN found_role;
      END $$`);

    // The key is found by its hash (the api_keys policy's lookup), then the transaction acts as its
    // organization; lookup_hash is cleared either way. last_used_at is refreshed at most once per
    // touch_after_seconds, so that a busy integration does not write on every request.
    await q.query(`CREATE FUNCTION app_open_api_key(presented_hash text, touch_after_seconds integer)
        RETURNS TABLE (key_id uuid, key_organization_id uuid, key_scopes text[])
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        found api_keys%ROWTYPE;
      BEGIN
        PERFORM set_config('app.lookup_hash', presented_hash, true), set_config('app.organization_id', '', true),
                set_config('app.user_id', '', true), set_config('app.login_email', '', true);
        SELECT * INTO found FROM api_keys k WHERE k.secret_hash = presented_hash AND k.revoked_at IS NULL;
        PERFORM set_config('app.lookup_hash', '', true);
        IF found.id IS NULL THEN
          RETURN;
        END IF;
        PERFORM set_config('app.organization_id', found.organization_id::text, true);
        IF found.last_used_at IS NULL OR found.last_used_at < now() - make_interval(secs => touch_after_seconds) THEN
          UPDATE api_keys k SET last_used_at = now() WHERE k.organization_id = found.organization_id AND k.id = found.id;
        END IF;
        key_id := found.id;
        key_organization_id := found.organization_id;
        key_scopes := found.scopes;
        RETURN NEXT;
      END $$`);
    for (const fn of ['app_open_session(uuid, uuid, uuid)', 'app_open_api_key(text, integer)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ngo_commons_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_open_api_key(text, integer)`);
    await q.query(`DROP FUNCTION app_open_session(uuid, uuid, uuid)`);
  }
}
