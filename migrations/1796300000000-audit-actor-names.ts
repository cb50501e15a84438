import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events name who acted (issue 12), as referral timelines do: the person's display name or the
 * API key's name, kept on the event when it is written, so that it stays readable where the user is
 * not (another organization's reader of a client) and after the user or key is gone.
 */
export class AuditActorNames1796300000000 implements MigrationInterface {
  name = 'AuditActorNames1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN actor_name text`);
    await q.query(`UPDATE audit_events a SET actor_name = u.display_name FROM users u WHERE u.id = a.actor_user_id`);
    await q.query(`UPDATE audit_events a SET actor_name = 'API key "' || k.name || '"' FROM api_keys k
                    WHERE k.organization_id = a.organization_id AND k.id = a.actor_api_key_id`);
    await q.query(`UPDATE audit_events SET actor_name = 'Unknown' WHERE actor_name IS NULL`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN actor_name SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN actor_name`);
  }
}
