import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators create an organization and its first admin (`npm run ops -- create-organization`,
 * issue 12), for deployments with SIGN_UP_ENABLED=false: as the schema owner, which needs a policy of
 * its own on memberships (FORCE ROW LEVEL SECURITY; organizations and users have theirs).
 */
export class OperatorOrganizations1796700000000 implements MigrationInterface {
  name = 'OperatorOrganizations1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE POLICY memberships_operator ON memberships TO CURRENT_USER USING (true) WITH CHECK (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY memberships_operator ON memberships`);
  }
}
