import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators suspend and reinstate organizations (issue 12). A suspended organization's sessions end
 * when it is suspended, nobody can sign in as it, and its API keys stop working: the key opening
 * (app_open_api_key, from the read-path migration) now refuses a key whose organization is
 * suspended. Its records stay as they are; its partners still see the referrals they share.
 */
export class SuspendedOrganizations1796800000000 implements MigrationInterface {
  name = 'SuspendedOrganizations1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN suspended_at timestamptz(3), ADD COLUMN suspended_by text`);
    await q.query(apiKeyOpening(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(apiKeyOpening(false));
    await q.query(`ALTER TABLE organizations DROP COLUMN suspended_by, DROP COLUMN suspended_at`);
  }
}

/** The read-path migration's function, with (or without) the suspension check once the key's organization is set. */
function apiKeyOpening(refuseSuspended: boolean): string {
  return `CREATE OR REPLACE FUNCTION app_open_api_key(presented_hash text, touch_after_seconds integer)
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
        PERFORM set_config('app.organization_id', found.organization_id::text, true);${
          refuseSuspended
            ? `
        IF EXISTS (SELECT 1 FROM organizations o WHERE o.id = found.organization_id AND o.suspended_at IS NOT NULL) THEN
          PERFORM set_config('app.organization_id', '', true);
          RETURN;
        END IF;`
            : ''
        }
        IF found.last_used_at IS NULL OR found.last_used_at < now() - make_interval(secs => touch_after_seconds) THEN
          UPDATE api_keys k SET last_used_at = now() WHERE k.organization_id = found.organization_id AND k.id = found.id;
        END IF;
        key_id := found.id;
        key_organization_id := found.organization_id;
        key_scopes := found.scopes;
        RETURN NEXT;
      END $$`;
}
