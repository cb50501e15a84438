import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events (issue 13): the outbox of changes that matter to another party. A row is written in the
 * transaction of the change it tells of, and names the organizations told: the record's owner
 * (organization_id) and the other party, if any. Both read it; it carries ids and types only.
 * An organization writes only events of its own actions about records it is a party to, and nobody
 * changes or deletes one.
 */
export class OrganizationEvents1797000000000 implements MigrationInterface {
  name = 'OrganizationEvents1797000000000';

  async up(q: QueryRunner): Promise<void> {
    // Events of one transaction share its now(): the sequence keeps them in the order they were written.
    await q.query(`CREATE SEQUENCE organization_events_sequence`);
    await q.query(`CREATE TABLE organization_events (
        organization_id uuid NOT NULL, id uuid NOT NULL, sequence bigint NOT NULL DEFAULT nextval('organization_events_sequence'),
        party_organization_id uuid, type text NOT NULL, subject_type text NOT NULL, subject_id uuid NOT NULL, subject_version integer,
        actor_organization_id uuid, occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_organization_events PRIMARY KEY (organization_id, id))`);
    await q.query(`ALTER SEQUENCE organization_events_sequence OWNED BY organization_events.sequence`);
    await q.query(`GRANT USAGE ON SEQUENCE organization_events_sequence TO ngo_commons_app`);
    await q.query(`CREATE INDEX ix_organization_events_organization_sequence ON organization_events (organization_id, sequence)`);
    await q.query(`CREATE INDEX ix_organization_events_party_sequence ON organization_events (party_organization_id, sequence)`);
    for (const [name, column] of [
      ['organization', 'organization_id'],
      ['party_organization', 'party_organization_id'],
      ['actor_organization', 'actor_organization_id'],
    ]) {
      await q.query(`ALTER TABLE organization_events ADD CONSTRAINT fk_organization_events_${name}
          FOREIGN KEY (${column}) REFERENCES organizations(id) ON DELETE CASCADE`);
    }
    await q.query(`ALTER TABLE organization_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE organization_events FORCE ROW LEVEL SECURITY`);
    const party = `(organization_id = app_organization_id() OR party_organization_id = app_organization_id())`;
    await q.query(`CREATE POLICY organization_events_read ON organization_events FOR SELECT TO ngo_commons_app USING ${party}`);
    await q.query(`CREATE POLICY organization_events_create ON organization_events FOR INSERT TO ngo_commons_app
        WITH CHECK (actor_organization_id = app_organization_id() AND ${party})`);
    await q.query(`GRANT SELECT, INSERT ON organization_events TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organization_events`);
  }
}
