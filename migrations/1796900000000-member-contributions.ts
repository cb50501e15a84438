import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's view of programme metrics is suppressed against what it knows itself (issue 12): each
 * request counts the member's own people in the rollup periods. Its RLS policy finds them by
 * member, so they are indexed by member; a funder's request finds none in one index probe.
 */
export class MemberContributions1796900000000 implements MigrationInterface {
  name = 'MemberContributions1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_program_person_periods_member_program ON program_person_periods (member_organization_id, program_id, period_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_program_person_periods_member_program`);
  }
}
