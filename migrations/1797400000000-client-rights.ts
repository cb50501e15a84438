import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's rights (issue 15): the history of a client's record (client_versions), erasure and a
 * retention period per organization.
 *
 * Erasure needs the application role to change text it otherwise may not: a referral's reason,
 * needs and override reason (fixed once sent) and a timeline note (append-only). It may change them
 * only to erase them, only as the sending organization, and only once the client's row says it was
 * erased: a policy for the timeline, a trigger for the referral (policies cannot compare old and new
 * rows). The idempotency key of a request about the person loses its hash of the request body,
 * an unsalted digest of their details that could confirm a guess.
 */
export class ClientRights1797400000000 implements MigrationInterface {
  name = 'ClientRights1797400000000';

  async up(q: QueryRunner): Promise<void> {
    const own = `organization_id = app_organization_id()`;
    await q.query(`ALTER TABLE clients ADD erased_at timestamptz(3), ADD erasure_reason text`);
    await q.query(`ALTER TABLE clients ADD CONSTRAINT ck_clients_erasure CHECK ((erased_at IS NULL) = (erasure_reason IS NULL))`);
    await q.query(`ALTER TABLE organizations ADD record_retention_days integer`);
    await q.query(`GRANT UPDATE (record_retention_days) ON organizations TO ngo_commons_app`);

    await q.query(`CREATE TABLE client_versions (
        organization_id uuid NOT NULL, id uuid NOT NULL, client_id uuid NOT NULL, version integer NOT NULL, action text NOT NULL,
        reason text, previous_values jsonb NOT NULL, changed_by_user_id uuid NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_client_versions PRIMARY KEY (organization_id, id))`);
    await q.query(`CREATE INDEX ix_client_versions_organization_client ON client_versions (organization_id, client_id, version)`);
    await q.query(`ALTER TABLE client_versions ADD CONSTRAINT fk_client_versions_client
        FOREIGN KEY (organization_id, client_id) REFERENCES clients(organization_id,id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE client_versions ADD CONSTRAINT fk_client_versions_changed_by_user FOREIGN KEY (changed_by_user_id) REFERENCES users(id)`);
    await q.query(`ALTER TABLE client_versions ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE client_versions FORCE ROW LEVEL SECURITY`);
    // Only the client's organization: the history is never shared. Rows are never edited; erasure deletes them.
    await q.query(`CREATE POLICY client_versions_own ON client_versions TO ngo_commons_app USING (${own}) WITH CHECK (${own})`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON client_versions TO ngo_commons_app`);

    const clientErased = (table: string) => `EXISTS (SELECT 1 FROM clients c WHERE c.organization_id = ${table}.organization_id
        AND c.id = ${table}.client_id AND c.erased_at IS NOT NULL)`;

    await q.query(`GRANT UPDATE (reason, needs, consent_override_reason) ON referrals TO ngo_commons_app`);
    await q.query(`CREATE FUNCTION referrals_text_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.reason, NEW.needs, NEW.consent_override_reason) IS DISTINCT FROM (OLD.reason, OLD.needs, OLD.consent_override_reason)
           AND NOT (NEW.organization_id = app_organization_id() AND NEW.reason = '[erased]' AND NEW.needs IS NULL
                    AND NEW.consent_override_reason IS NOT DISTINCT FROM CASE WHEN OLD.consent_override_reason IS NULL THEN NULL ELSE '[erased]' END
                    AND ${clientErased('NEW')}) THEN
          RAISE EXCEPTION 'a referral''s text changes only to erase it, by its sender, once its client was erased' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER referrals_text_erasure BEFORE UPDATE OF reason, needs, consent_override_reason ON referrals
        FOR EACH ROW EXECUTE FUNCTION referrals_text_erasure()`);

    await q.query(`GRANT UPDATE (note) ON referral_events TO ngo_commons_app`);
    await q.query(`CREATE POLICY referral_events_erase ON referral_events FOR UPDATE TO ngo_commons_app
        USING (${own} AND EXISTS (SELECT 1 FROM referrals r JOIN clients c ON c.organization_id = r.organization_id AND c.id = r.client_id
                WHERE r.organization_id = referral_events.organization_id AND r.id = referral_events.referral_id AND c.erased_at IS NOT NULL))
        WITH CHECK (${own} AND note IS NULL)`);

    await q.query(`GRANT UPDATE (request_hash) ON idempotency_keys TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (request_hash) ON idempotency_keys FROM ngo_commons_app`);
    await q.query(`DROP POLICY referral_events_erase ON referral_events`);
    await q.query(`REVOKE UPDATE (note) ON referral_events FROM ngo_commons_app`);
    await q.query(`DROP TRIGGER referrals_text_erasure ON referrals`);
    await q.query(`DROP FUNCTION referrals_text_erasure()`);
    await q.query(`REVOKE UPDATE (reason, needs, consent_override_reason) ON referrals FROM ngo_commons_app`);
    await q.query(`DROP TABLE client_versions`);
    await q.query(`REVOKE UPDATE (record_retention_days) ON organizations FROM ngo_commons_app`);
    await q.query(`ALTER TABLE organizations DROP COLUMN record_retention_days`);
    await q.query(`ALTER TABLE clients DROP CONSTRAINT ck_clients_erasure, DROP COLUMN erased_at, DROP COLUMN erasure_reason`);
  }
}
