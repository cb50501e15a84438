import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform operators disable and re-enable user accounts (issue 12): a disabled person cannot sign
 * in, sign up or accept an invitation, and their sessions end when they are disabled. The application
 * role may no longer change those columns (an account cannot re-enable itself). Operators act as the
 * schema owner, which needs policies of its own on the tables it changes (FORCE ROW LEVEL SECURITY).
 */
export class DisabledUsers1796500000000 implements MigrationInterface {
  name = 'DisabledUsers1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz(3), ADD COLUMN disabled_by text`);
    await q.query(`REVOKE UPDATE ON users FROM ngo_commons_app`);
    await q.query(`GRANT UPDATE (display_name, password_hash, updated_at) ON users TO ngo_commons_app`);
    await q.query(`CREATE POLICY users_operator ON users TO CURRENT_USER USING (true) WITH CHECK (true)`);
    await q.query(`CREATE POLICY auth_sessions_operator ON auth_sessions TO CURRENT_USER USING (true) WITH CHECK (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY auth_sessions_operator ON auth_sessions`);
    await q.query(`DROP POLICY users_operator ON users`);
    await q.query(`REVOKE UPDATE ON users FROM ngo_commons_app`);
    await q.query(`GRANT UPDATE ON users TO ngo_commons_app`);
    await q.query(`ALTER TABLE users DROP COLUMN disabled_by, DROP COLUMN disabled_at`);
  }
}
