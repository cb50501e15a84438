import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic persisted queries cost an anonymous caller nothing lasting (issue 12): each registered
 * query names the organization that registered it (`registered_by`, signed-in callers only; not the
 * row's tenant: a query text is shared by whoever knows its hash), an organization keeps
 * at most a quota of them, and entries unused for a while are evicted. Entries an operator
 * registered for allow-list mode are pinned and never evicted. Rows registered before this (by
 * anyone) are unpinned, belong to no organization, and go once unused for the eviction period.
 */
export class PersistedQueryQuota1796200000000 implements MigrationInterface {
  name = 'PersistedQueryQuota1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE persisted_queries
        ADD COLUMN registered_by uuid,
        ADD COLUMN pinned boolean NOT NULL DEFAULT false,
        ADD COLUMN last_used_at timestamptz(3) NOT NULL DEFAULT now()`);
    await q.query(`UPDATE persisted_queries SET last_used_at = created_at`);
    await q.query(`ALTER TABLE persisted_queries ADD CONSTRAINT fk_persisted_queries_organization
        FOREIGN KEY (registered_by) REFERENCES organizations(id) ON DELETE CASCADE`);
    await q.query(`CREATE INDEX ix_persisted_queries_registered_used ON persisted_queries (registered_by, last_used_at) WHERE NOT pinned`);
    await q.query(`CREATE INDEX ix_persisted_queries_used ON persisted_queries (last_used_at) WHERE NOT pinned`);
    await q.query(`DROP POLICY persisted_queries_lookup ON persisted_queries`);
    await q.query(`DROP POLICY persisted_queries_register ON persisted_queries`);
    await q.query(`CREATE POLICY persisted_queries_read ON persisted_queries FOR SELECT TO ngo_commons_app
        USING (hash = app_lookup_hash() OR registered_by = app_organization_id())`);
    await q.query(`CREATE POLICY persisted_queries_register ON persisted_queries FOR INSERT TO ngo_commons_app
        WITH CHECK (hash = app_lookup_hash() AND registered_by = app_organization_id() AND NOT pinned)`);
    await q.query(`CREATE POLICY persisted_queries_use ON persisted_queries FOR UPDATE TO ngo_commons_app
        USING (hash = app_lookup_hash()) WITH CHECK (hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY persisted_queries_evict ON persisted_queries FOR DELETE TO ngo_commons_app
        USING (NOT pinned AND (registered_by = app_organization_id() OR (registered_by IS NULL AND hash = app_lookup_hash())))`);
    await q.query(`GRANT UPDATE (last_used_at), DELETE ON persisted_queries TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (last_used_at), DELETE ON persisted_queries FROM ngo_commons_app`);
    for (const policy of ['persisted_queries_read', 'persisted_queries_register', 'persisted_queries_use', 'persisted_queries_evict']) {
      await q.query(`DROP POLICY ${policy} ON persisted_queries`);
    }
    await q.query(`CREATE POLICY persisted_queries_lookup ON persisted_queries FOR SELECT TO ngo_commons_app USING (hash = app_lookup_hash())`);
    await q.query(`CREATE POLICY persisted_queries_register ON persisted_queries FOR INSERT TO ngo_commons_app WITH CHECK (hash = app_lookup_hash())`);
    await q.query(`ALTER TABLE persisted_queries DROP COLUMN last_used_at, DROP COLUMN pinned, DROP COLUMN registered_by`);
  }
}
