import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching across organizations (issue 15): an organization may learn that a partner may hold a
 * record of the same person, without either seeing the other's record.
 *
 *   consents.scope       SHARING (fields with a recipient, as before) or MATCHING: the person agrees
 *                        to be matched with the recipient organization; it shares no field.
 *   client_match_keys    a client's keys, HMAC-SHA256 of the folded name, birth date or year and sex
 *                        under the platform's secret (src/modules/matching/match-keys.ts). Never a
 *                        name or date in clear. Erasing a client deletes them by client_id.
 *   client_matches       a proposed link between a client of each of two organizations, ids only;
 *                        both read it, both confirm it.
 *
 * The one way to another organization's keys is the lookup policy: like the sign-in throttle's
 * keys, a transaction sees only the key rows whose hashes it names (`app.match_keys`), and of those
 * only the ones of an organization with which an ACTIVE partnership in date lets CLIENT_MATCHING
 * flow both ways, of a client whose consent to matching with the looking organization is in force.
 * The looking side's own consent is checked by the lookup itself (its own rows). No SECURITY
 * DEFINER function: the partner's consent is a row the looking organization reads as its recipient.
 */
export class ClientMatching1797500000000 implements MigrationInterface {
  name = 'ClientMatching1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consents ADD COLUMN scope text NOT NULL DEFAULT 'SHARING'`);
    await q.query(`ALTER TABLE consents ALTER COLUMN scope DROP DEFAULT`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT ck_consents_scope CHECK (scope IN ('SHARING', 'MATCHING'))`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT ck_consents_matching_shares_nothing CHECK (scope <> 'MATCHING' OR cardinality(shared_fields) = 0)`);

    await q.query(`CREATE TABLE client_match_keys (
        organization_id uuid NOT NULL, client_id uuid NOT NULL, kind text NOT NULL, key_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_client_match_keys_kind CHECK (kind IN ('EXACT_DATE', 'BIRTH_YEAR')),
        CONSTRAINT ck_client_match_keys_key_hash CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT pk_client_match_keys PRIMARY KEY (organization_id, client_id, kind))`);
    await q.query(`ALTER TABLE client_match_keys ADD CONSTRAINT fk_client_match_keys_client
        FOREIGN KEY (organization_id, client_id) REFERENCES clients(organization_id, id) ON DELETE CASCADE`);
    // Looked up by hash across organizations, under the lookup policy below.
    await q.query(`CREATE INDEX ix_client_match_keys_key_hash ON client_match_keys (key_hash)`);

    await q.query(`CREATE TABLE client_matches (
        organization_id uuid NOT NULL, id uuid NOT NULL, client_id uuid NOT NULL,
        partner_organization_id uuid NOT NULL, partner_client_id uuid NOT NULL,
        strength text NOT NULL, status text NOT NULL,
        organization_confirmed_at timestamptz(3), partner_confirmed_at timestamptz(3), rejected_by_organization_id uuid,
        version integer NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_client_matches_strength CHECK (strength IN ('EXACT_DATE', 'BIRTH_YEAR')),
        CONSTRAINT ck_client_matches_status CHECK (status IN ('PROPOSED', 'CONFIRMED', 'REJECTED')),
        CONSTRAINT ck_client_matches_not_self CHECK (organization_id <> partner_organization_id),
        CONSTRAINT ck_client_matches_rejected_by CHECK (rejected_by_organization_id IS NULL OR rejected_by_organization_id IN (organization_id, partner_organization_id)),
        CONSTRAINT pk_client_matches PRIMARY KEY (organization_id, id))`);
    await q.query(`ALTER TABLE client_matches ADD CONSTRAINT fk_client_matches_client
        FOREIGN KEY (organization_id, client_id) REFERENCES clients(organization_id, id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE client_matches ADD CONSTRAINT fk_client_matches_partner_client
        FOREIGN KEY (partner_organization_id, partner_client_id) REFERENCES clients(organization_id, id) ON DELETE CASCADE`);
    await q.query(`CREATE UNIQUE INDEX ux_client_matches_pair ON client_matches (organization_id, client_id, partner_organization_id, partner_client_id)`);
    await q.query(`CREATE INDEX ix_client_matches_partner_client ON client_matches (partner_organization_id, partner_client_id)`);

    await q.query(`ALTER TABLE client_match_keys ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE client_match_keys FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE client_matches ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE client_matches FORCE ROW LEVEL SECURITY`);

    const own = `organization_id = app_organization_id()`;
    const today = `(now() AT TIME ZONE 'UTC')::date`;
    await q.query(`CREATE POLICY client_match_keys_own ON client_match_keys TO ngo_commons_app USING (${own}) WITH CHECK (${own})`);
    await q.query(`CREATE POLICY client_match_keys_lookup ON client_match_keys FOR SELECT TO ngo_commons_app USING (
        key_hash = ANY (string_to_array(current_setting('app.match_keys', true), ','))
        AND organization_id <> app_organization_id()
        AND EXISTS (SELECT 1 FROM partnerships p
                     WHERE p.status = 'ACTIVE'
                       AND ((p.organization_id = app_organization_id() AND p.partner_organization_id = client_match_keys.organization_id)
                         OR (p.partner_organization_id = app_organization_id() AND p.organization_id = client_match_keys.organization_id))
                       AND 'CLIENT_MATCHING' = ANY (p.proposer_shares) AND 'CLIENT_MATCHING' = ANY (p.partner_shares)
                       AND p.starts_on <= ${today} AND (p.ends_on IS NULL OR p.ends_on >= ${today}))
        AND EXISTS (SELECT 1 FROM consents c
                     WHERE c.organization_id = client_match_keys.organization_id AND c.client_id = client_match_keys.client_id
                       AND c.recipient_organization_id = app_organization_id() AND c.scope = 'MATCHING'
                       AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now()) AND c.given_at <= now()))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON client_match_keys TO ngo_commons_app`);

    const side = `(${own} OR partner_organization_id = app_organization_id())`;
    await q.query(`CREATE POLICY client_matches_read ON client_matches FOR SELECT TO ngo_commons_app USING ${side}`);
    // A proposal names the partner's client only while the lookup that found it shows that client's key.
    await q.query(`CREATE POLICY client_matches_create ON client_matches FOR INSERT TO ngo_commons_app WITH CHECK (${own}
        AND EXISTS (SELECT 1 FROM client_match_keys k
                     WHERE k.organization_id = client_matches.partner_organization_id AND k.client_id = client_matches.partner_client_id))`);
    await q.query(`CREATE POLICY client_matches_update ON client_matches FOR UPDATE TO ngo_commons_app USING ${side} WITH CHECK ${side}`);
    await q.query(`GRANT SELECT, INSERT ON client_matches TO ngo_commons_app`);
    // Either side may change a link's state only, never whom it links.
    await q.query(`GRANT UPDATE (status, organization_confirmed_at, partner_confirmed_at, rejected_by_organization_id, version, updated_at)
        ON client_matches TO ngo_commons_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_matches`);
    await q.query(`DROP TABLE client_match_keys`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT ck_consents_matching_shares_nothing`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT ck_consents_scope`);
    await q.query(`ALTER TABLE consents DROP COLUMN scope`);
  }
}
