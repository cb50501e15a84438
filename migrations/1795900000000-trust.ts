import type { MigrationInterface, QueryRunner } from 'typeorm';
import { organizationSearchText } from '../src/modules/organizations/organization.service';
import { DEFAULT_RECEIVER_ACCESS_DAYS } from '../src/modules/referrals/referral.lifecycle';

/**
 * Trust (issue 12).
 * - The organization search folds accents as the service directory does, so that "trung tam cong
 *   tac xa hoi ha giang" finds "Trung tâm Công tác xã hội tỉnh Hà Giang". The folded text is the
 *   application's own fold (common/search-text.ts; a later change of the fold needs a migration that
 *   folds again), kept beside the name under a trigram index.
 * - A receiver's view of a referral's client follows the referral's life: each organization sets
 *   how long receivers keep it after a referral it sent is completed or closed
 *   (`receiver_access_days`, null for the platform's 90 days), and each referral records until when
 *   (`receiver_access_until`), backfilled from when it ended.
 */
export class Trust1795900000000 implements MigrationInterface {
  name = 'Trust1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN search_text text`);
    const organizations: { id: string; name: string; region: string | null }[] = await q.query(`SELECT id, name, region FROM organizations`);
    for (let start = 0; start < organizations.length; start += 1000) {
      const batch = organizations.slice(start, start + 1000);
      await q.query(
        `UPDATE organizations o SET search_text = folded.text FROM unnest($1::uuid[], $2::text[]) AS folded (id, text) WHERE o.id = folded.id`,
        [batch.map((organization) => organization.id), batch.map((organization) => organizationSearchText(organization))],
      );
    }
    await q.query(`ALTER TABLE organizations ALTER COLUMN search_text SET NOT NULL`);
    await q.query(`CREATE INDEX ix_organizations_search_text ON organizations USING gin (search_text gin_trgm_ops)`);

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
    await q.query(`DROP INDEX ix_organizations_search_text`);
    await q.query(`ALTER TABLE organizations DROP COLUMN search_text`);
  }
}
