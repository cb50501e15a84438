import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A way back in (issue 12): one-time, expiring password-reset tokens, stored hashed. A person asks
 * for one by email (requestPasswordReset, which answers the same whether the email has an account),
 * or an operator issues one (`npm run ops -- reset-password`). Not tenant data: like a credential, a
 * row is reachable only by its token's hash (app.lookup_hash); the operator, as the schema owner,
 * has a policy of its own.
 */
export class PasswordResets1796600000000 implements MigrationInterface {
  name = 'PasswordResets1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE password_resets (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        requested_by text NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_password_resets PRIMARY KEY (id),
        CONSTRAINT uq_password_resets_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX ix_password_resets_user ON password_resets (user_id)`);
    await q.query(`ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE password_resets FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY password_resets_by_token ON password_resets TO ngo_commons_app
        USING (token_hash = app_lookup_hash()) WITH CHECK (token_hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY password_resets_operator ON password_resets TO CURRENT_USER USING (true) WITH CHECK (true)`);
    await q.query(`GRANT SELECT, INSERT ON password_resets TO ngo_commons_app`);
    await q.query(`GRANT UPDATE (used_at) ON password_resets TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
  }
}
