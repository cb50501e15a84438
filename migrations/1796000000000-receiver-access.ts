import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_RECEIVER_ACCESS_DAYS } from '../src/modules/referrals/referral.lifecycle';

/**
 * A receiver's view of a referral's client follows the referral's life (issue 12): each
 * organization sets how long receivers keep it after a referral it sent is completed or closed
 * (`receiver_access_days`, null for the platform's default), and each referral records until when
 * (`receiver_access_until`), backfilled here from when it ended.
 */
export class ReceiverAccess1796000000000 implements MigrationInterface {
  name = 'ReceiverAccess1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN receiver_access_days integer`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT ck_organizations_receiver_access_days CHECK (receiver_access_days BETWEEN 0 AND 3650)`);
    await q.query(`ALTER TABLE referrals ADD COLUMN receiver_access_until timestamptz(3)`);
    await q.query(`UPDATE referrals r SET receiver_access_until = ended.at + interval '${DEFAULT_RECEIVER_ACCESS_DAYS} days'
                     FROM (SELECT organization_id, referral_id, max(created_at) AS at FROM referral_events
                            WHERE to_status IN ('COMPLETED', 'CLOSED') GROUP BY organization_id, referral_id) ended
                    WHERE r.organization_id = ended.organization_id AND r.id = ended.referral_id AND r.status IN ('COMPLETED', 'CLOSED')`);
    await q.query(`UPDATE referrals SET receiver_access_until = updated_at + interval '${DEFAULT_RECEIVER_ACCESS_DAYS} days'
                    WHERE status IN ('COMPLETED', 'CLOSED') AND receiver_access_until IS NULL`);
    await q.query(`GRANT UPDATE (receiver_access_until) ON referrals TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (receiver_access_until) ON referrals FROM ngo_commons_app`);
    await q.query(`ALTER TABLE referrals DROP COLUMN receiver_access_until`);
    await q.query(`ALTER TABLE organizations DROP COLUMN receiver_access_days`);
  }
}
