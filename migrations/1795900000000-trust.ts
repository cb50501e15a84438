import type { MigrationInterface, QueryRunner } from 'typeorm';
import { organizationSearchText } from '../src/modules/organizations/organization.service';

/**
 * Trust (issue 12): the organization search folds accents as the service directory does, so that
 * "trung tam cong tac xa hoi ha giang" finds "Trung tâm Công tác xã hội tỉnh Hà Giang". The folded
 * text is computed by the application's own fold (common/search-text.ts) and kept beside the name,
 * under a trigram index.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_organizations_search_text`);
    await q.query(`ALTER TABLE organizations DROP COLUMN search_text`);
  }
}
