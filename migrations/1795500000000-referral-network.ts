import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partnerships with data-sharing agreements, the shared service directory (HSDS), clients and
 * consent, closed-loop referrals with their timeline, and the audit trail.
 *
 * Policies follow the foundation's settings (app.organization_id, app.user_id). Rows that two
 * organizations share carry both ids, so that each policy is a plain column comparison:
 *   partnerships, partnership_events  proposer (organization_id) and partner_organization_id
 *   referrals, referral_events        sender (organization_id) and receiving_organization_id
 *   consents                          client's organization and recipient_organization_id
 *   clients                           owner, and a receiver of one of the client's referrals
 *                                     (rows only: which fields it sees is decided in code)
 *   audit_events                      acting organization and subject_organization_id
 * The directory (service_categories, services, locations, service_at_locations) is readable by every
 * signed-in organization, like the organizations table.
 */
export class ReferralNetwork1795500000000 implements MigrationInterface {
  name = 'ReferralNetwork1795500000000';

  async up(q: QueryRunner): Promise<void> {
    // Trusted extension: a database owner without superuser can create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    for (const statement of [
      `CREATE TABLE audit_events (organization_id uuid NOT NULL, id uuid NOT NULL, subject_organization_id uuid, actor_user_id uuid, actor_api_key_id uuid, action text NOT NULL, entity_type text, entity_id uuid, request_id uuid NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT pk_audit_events PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_audit_events_organization_entity ON audit_events (organization_id, entity_id)`,
      `CREATE INDEX ix_audit_events_subject_created ON audit_events (subject_organization_id, created_at, id)`,
      `CREATE INDEX ix_audit_events_organization_created ON audit_events (organization_id, created_at, id)`,
      `CREATE TABLE clients (organization_id uuid NOT NULL, id uuid NOT NULL, full_name text NOT NULL, preferred_name text, birth_date date, age_band text, sex text NOT NULL, gender_identity text, preferred_language text, phone text, email text, address text, region text, vulnerabilities text array NOT NULL, search_name text NOT NULL, created_by_user_id uuid NOT NULL, version integer NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_clients_age CHECK (birth_date IS NOT NULL OR age_band IS NOT NULL), CONSTRAINT ck_clients_age_band CHECK (age_band IN ('AGE_0_5', 'AGE_6_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS')), CONSTRAINT ck_clients_sex CHECK (sex IN ('FEMALE', 'MALE', 'INTERSEX', 'UNKNOWN')), CONSTRAINT pk_clients PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_clients_organization_search_name ON clients (organization_id, search_name, id)`,
      `CREATE INDEX ix_clients_organization_created ON clients (organization_id, created_at)`,
      `CREATE TABLE service_categories (code text NOT NULL, name text NOT NULL, description text NOT NULL, CONSTRAINT pk_service_categories PRIMARY KEY (code))`,
      `CREATE TABLE services (organization_id uuid NOT NULL, id uuid NOT NULL, name text NOT NULL, description text, category_code text NOT NULL, eligibility_description text, languages text array NOT NULL, schedule_description text, status text NOT NULL, accepting_referrals boolean NOT NULL, capacity_unit text, capacity_available integer, capacity_maximum integer, capacity_description text, capacity_updated_at timestamptz(3), search_name text NOT NULL, search_text text NOT NULL, version integer NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_services_capacity CHECK (capacity_available >= 0 AND capacity_maximum >= 0), CONSTRAINT ck_services_status CHECK (status IN ('ACTIVE', 'INACTIVE', 'TEMPORARILY_CLOSED')), CONSTRAINT pk_services PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_services_directory ON services (category_code, search_name, id)`,
      `CREATE INDEX ix_services_organization_created ON services (organization_id, created_at)`,
      `CREATE TABLE consents (organization_id uuid NOT NULL, id uuid NOT NULL, client_id uuid NOT NULL, recipient_organization_id uuid NOT NULL, recipient_service_id uuid, purpose text NOT NULL, shared_fields text array NOT NULL, method text NOT NULL, given_by text, given_at timestamptz(3) NOT NULL, expires_at timestamptz(3), recorded_by_user_id uuid NOT NULL, revoked_at timestamptz(3), revoked_by_user_id uuid, revocation_reason text, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_consents_guardian CHECK (method <> 'GUARDIAN' OR given_by IS NOT NULL), CONSTRAINT ck_consents_method CHECK (method IN ('WRITTEN', 'VERBAL', 'GUARDIAN')), CONSTRAINT pk_consents PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_consents_recipient_organization ON consents (recipient_organization_id, organization_id)`,
      `CREATE INDEX ix_consents_organization_client ON consents (organization_id, client_id, created_at)`,
      `CREATE TABLE locations (organization_id uuid NOT NULL, id uuid NOT NULL, name text, address1 text NOT NULL, city text, region text NOT NULL, postal_code text, country text NOT NULL, latitude numeric(9,6), longitude numeric(9,6), search_region text NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT pk_locations PRIMARY KEY (organization_id, id))`,
      `CREATE TABLE service_at_locations (organization_id uuid NOT NULL, id uuid NOT NULL, service_id uuid NOT NULL, location_id uuid NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT pk_service_at_locations PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_service_at_locations_organization_location ON service_at_locations (organization_id, location_id)`,
      `CREATE INDEX ix_service_at_locations_organization_service ON service_at_locations (organization_id, service_id)`,
      `CREATE TABLE partnerships (organization_id uuid NOT NULL, id uuid NOT NULL, partner_organization_id uuid NOT NULL, status text NOT NULL, purpose text NOT NULL, legal_basis text NOT NULL, starts_on date NOT NULL, ends_on date, agreement_reference text, proposer_shares text array NOT NULL, partner_shares text array NOT NULL, proposed_by_user_id uuid NOT NULL, suspended_by_organization_id uuid, version integer NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_partnerships_dates CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT ck_partnerships_not_self CHECK (organization_id <> partner_organization_id), CONSTRAINT ck_partnerships_status CHECK (status IN ('PROPOSED', 'ACTIVE', 'DECLINED', 'SUSPENDED', 'ENDED')), CONSTRAINT pk_partnerships PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_partnerships_partner_created ON partnerships (partner_organization_id, created_at)`,
      `CREATE INDEX ix_partnerships_organization_created ON partnerships (organization_id, created_at)`,
      `CREATE TABLE partnership_events (organization_id uuid NOT NULL, id uuid NOT NULL, partner_organization_id uuid NOT NULL, partnership_id uuid NOT NULL, from_status text, to_status text NOT NULL, note text, actor_organization_id uuid NOT NULL, actor_user_id uuid NOT NULL, actor_name text NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT pk_partnership_events PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_partnership_events_organization_partnership ON partnership_events (organization_id, partnership_id, created_at)`,
      `CREATE TABLE referrals (organization_id uuid NOT NULL, id uuid NOT NULL, receiving_organization_id uuid, external_receiver_name text, service_id uuid, client_id uuid NOT NULL, consent_id uuid, consent_override_reason text, shared_fields text array NOT NULL, reason text NOT NULL, needs text, urgency text NOT NULL, due_on date, status text NOT NULL, version integer NOT NULL, sent_by_user_id uuid NOT NULL, assigned_user_id uuid, outcome text, outcome_reason text, service_delivered boolean, forwarded_from_organization_id uuid, forwarded_from_referral_id uuid, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_referrals_consent CHECK (receiving_organization_id IS NULL OR consent_id IS NOT NULL OR consent_override_reason IS NOT NULL), CONSTRAINT ck_referrals_not_self CHECK (receiving_organization_id <> organization_id), CONSTRAINT ck_referrals_receiver CHECK ((receiving_organization_id IS NULL) <> (external_receiver_name IS NULL)), CONSTRAINT ck_referrals_urgency CHECK (urgency IN ('ROUTINE', 'URGENT', 'EMERGENCY')), CONSTRAINT ck_referrals_status CHECK (status IN ('SENT', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED')), CONSTRAINT pk_referrals PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_referrals_organization_forwarded_from ON referrals (organization_id, forwarded_from_referral_id)`,
      `CREATE INDEX ix_referrals_receiver_assignee ON referrals (receiving_organization_id, assigned_user_id, status)`,
      `CREATE INDEX ix_referrals_receiver_status_created ON referrals (receiving_organization_id, status, created_at, id)`,
      `CREATE INDEX ix_referrals_receiver_created ON referrals (receiving_organization_id, created_at, id)`,
      `CREATE INDEX ix_referrals_organization_client ON referrals (organization_id, client_id)`,
      `CREATE INDEX ix_referrals_organization_status_created ON referrals (organization_id, status, created_at, id)`,
      `CREATE INDEX ix_referrals_organization_created ON referrals (organization_id, created_at, id)`,
      `CREATE TABLE referral_events (organization_id uuid NOT NULL, id uuid NOT NULL, receiving_organization_id uuid, referral_id uuid NOT NULL, kind text NOT NULL, from_status text, to_status text, note text, actor_organization_id uuid NOT NULL, actor_user_id uuid NOT NULL, actor_name text NOT NULL, related_id uuid, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT pk_referral_events PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_referral_events_organization_referral ON referral_events (organization_id, referral_id, created_at)`,
    ]) {
      await q.query(statement);
    }
    // The directory's text search: folded text (see src/common/search-text.ts) under a trigram index,
    // so a contains-search of any script uses the index. Not led by organization_id: the directory
    // is searched across organizations by design.
    await q.query(`CREATE INDEX ix_services_search_text ON services USING gin (search_text gin_trgm_ops)`);

    for (const fk of [
      `audit_events ADD CONSTRAINT fk_audit_events_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `audit_events ADD CONSTRAINT fk_audit_events_subject_organization FOREIGN KEY (subject_organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `clients ADD CONSTRAINT fk_clients_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `clients ADD CONSTRAINT fk_clients_created_by_user FOREIGN KEY (created_by_user_id) REFERENCES users(id)`,
      `services ADD CONSTRAINT fk_services_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `services ADD CONSTRAINT fk_services_category FOREIGN KEY (category_code) REFERENCES service_categories(code)`,
      `consents ADD CONSTRAINT fk_consents_recipient_organization FOREIGN KEY (recipient_organization_id) REFERENCES organizations(id)`,
      `consents ADD CONSTRAINT fk_consents_recorded_by_user FOREIGN KEY (recorded_by_user_id) REFERENCES users(id)`,
      `consents ADD CONSTRAINT fk_consents_revoked_by_user FOREIGN KEY (revoked_by_user_id) REFERENCES users(id)`,
      `consents ADD CONSTRAINT fk_consents_recipient_service FOREIGN KEY (recipient_organization_id, recipient_service_id) REFERENCES services(organization_id,id)`,
      `consents ADD CONSTRAINT fk_consents_client FOREIGN KEY (organization_id, client_id) REFERENCES clients(organization_id,id) ON DELETE CASCADE`,
      `locations ADD CONSTRAINT fk_locations_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `service_at_locations ADD CONSTRAINT fk_service_at_locations_location FOREIGN KEY (organization_id, location_id) REFERENCES locations(organization_id,id) ON DELETE CASCADE`,
      `service_at_locations ADD CONSTRAINT fk_service_at_locations_service FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id,id) ON DELETE CASCADE`,
      `partnerships ADD CONSTRAINT fk_partnerships_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `partnerships ADD CONSTRAINT fk_partnerships_partner_organization FOREIGN KEY (partner_organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `partnerships ADD CONSTRAINT fk_partnerships_proposed_by_user FOREIGN KEY (proposed_by_user_id) REFERENCES users(id)`,
      `partnerships ADD CONSTRAINT fk_partnerships_suspended_by_organization FOREIGN KEY (suspended_by_organization_id) REFERENCES organizations(id)`,
      `partnership_events ADD CONSTRAINT fk_partnership_events_actor_organization FOREIGN KEY (actor_organization_id) REFERENCES organizations(id)`,
      `partnership_events ADD CONSTRAINT fk_partnership_events_actor_user FOREIGN KEY (actor_user_id) REFERENCES users(id)`,
      `partnership_events ADD CONSTRAINT fk_partnership_events_partnership FOREIGN KEY (organization_id, partnership_id) REFERENCES partnerships(organization_id,id) ON DELETE CASCADE`,
      `referrals ADD CONSTRAINT fk_referrals_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `referrals ADD CONSTRAINT fk_referrals_receiving_organization FOREIGN KEY (receiving_organization_id) REFERENCES organizations(id)`,
      `referrals ADD CONSTRAINT fk_referrals_sent_by_user FOREIGN KEY (sent_by_user_id) REFERENCES users(id)`,
      `referrals ADD CONSTRAINT fk_referrals_assigned_user FOREIGN KEY (assigned_user_id) REFERENCES users(id)`,
      `referrals ADD CONSTRAINT fk_referrals_forwarded_from FOREIGN KEY (forwarded_from_organization_id, forwarded_from_referral_id) REFERENCES referrals(organization_id,id)`,
      `referrals ADD CONSTRAINT fk_referrals_service FOREIGN KEY (receiving_organization_id, service_id) REFERENCES services(organization_id,id)`,
      `referrals ADD CONSTRAINT fk_referrals_consent FOREIGN KEY (organization_id, consent_id) REFERENCES consents(organization_id,id)`,
      `referrals ADD CONSTRAINT fk_referrals_client FOREIGN KEY (organization_id, client_id) REFERENCES clients(organization_id,id)`,
      `referral_events ADD CONSTRAINT fk_referral_events_actor_organization FOREIGN KEY (actor_organization_id) REFERENCES organizations(id)`,
      `referral_events ADD CONSTRAINT fk_referral_events_actor_user FOREIGN KEY (actor_user_id) REFERENCES users(id)`,
      `referral_events ADD CONSTRAINT fk_referral_events_referral FOREIGN KEY (organization_id, referral_id) REFERENCES referrals(organization_id,id) ON DELETE CASCADE`,
    ]) {
      await q.query(`ALTER TABLE ${fk}`);
    }

    await q.query(`INSERT INTO service_categories (code, name, description) VALUES ${SERVICE_CATEGORIES.map(
      (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`,
    ).join(', ')}`, SERVICE_CATEGORIES.flat());

    await rowLevelSecurity(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events', 'referral_events', 'referrals', 'consents', 'clients', 'partnership_events', 'partnerships',
      'service_at_locations', 'locations', 'services', 'service_categories',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

/** The shared taxonomy the directory starts with: the services social-work bodies deliver. */
const SERVICE_CATEGORIES: [code: string, name: string, description: string][] = [
  ['CASE_MANAGEMENT', 'Case management', 'Assessing needs, planning and coordinating services for a person over time'],
  ['COUNSELING', 'Counseling', 'Individual or group counseling and psychosocial support'],
  ['CRISIS_PSYCHOLOGICAL_SUPPORT', 'Crisis psychological support', 'Immediate psychological first aid after violence, loss or disaster'],
  ['EMERGENCY_RELIEF', 'Emergency relief', 'Cash, goods or care in an emergency'],
  ['SHELTER', 'Shelter', 'Emergency or temporary accommodation, including safe houses'],
  ['FOOD', 'Food', 'Meals, food parcels and nutrition support'],
  ['HEALTH_CHECKS', 'Health checks', 'Regular health checks and primary care'],
  ['PHYSICAL_REHABILITATION', 'Physical rehabilitation', 'Physiotherapy, mobility aids and rehabilitation after illness or injury'],
  ['MENTAL_HEALTH_CARE', 'Mental-health care', 'Diagnosis, treatment and community care for mental illness'],
  ['SUBSTANCE_USE_TREATMENT', 'Substance-use treatment', 'Treatment and recovery support for drug and alcohol use'],
  ['FAMILY_THERAPY', 'Family therapy', 'Work with families to resolve conflict and strengthen care'],
  ['LEGAL_AID_AND_ADVOCACY', 'Legal aid and advocacy', 'Legal advice, representation and help claiming entitlements'],
  ['EDUCATION_AND_VOCATIONAL_TRAINING', 'Education and vocational training', 'Schooling support, literacy and training for work'],
  ['CHILD_PROTECTION', 'Child protection', 'Protecting children from abuse, neglect and exploitation; alternative care'],
  ['ELDERLY_CARE', 'Elderly care', 'Home care, day care and residential care for older people'],
  ['DISABILITY_SUPPORT', 'Disability support', 'Support, assistive devices and inclusion for people with disabilities'],
];

/** Creates a table's policies and grants its privileges to the application group role. */
async function protect(q: QueryRunner, table: string, grants: string, policies: [name: string, rule: string][]): Promise<void> {
  for (const [name, rule] of policies) {
    await q.query(`CREATE POLICY ${table}_${name} ON ${table} ${rule}`);
  }
  await q.query(`GRANT ${grants} ON ${table} TO ngo_commons_app`);
}

async function rowLevelSecurity(q: QueryRunner): Promise<void> {
  // Enabled and forced table by table, written out so that every table's row-level security can be read (and grepped) here.
  await q.query(`ALTER TABLE service_categories ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE service_categories FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE services ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE services FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE locations ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE locations FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE service_at_locations ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE service_at_locations FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE partnerships ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE partnerships FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE partnership_events ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE partnership_events FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE clients ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE clients FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE consents ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE consents FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE referrals ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE referrals FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE referral_events ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE referral_events FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE audit_events FORCE ROW LEVEL SECURITY`);

  const signedIn = `(app_organization_id() IS NOT NULL OR app_user_id() IS NOT NULL)`;
  const own = `organization_id = app_organization_id()`;

  await protect(q, 'service_categories', 'SELECT', [['read', `FOR SELECT TO ngo_commons_app USING ${signedIn}`]]);
  for (const table of ['services', 'locations', 'service_at_locations']) {
    await protect(q, table, 'SELECT, INSERT, UPDATE', [
      ['read', `FOR SELECT TO ngo_commons_app USING ${signedIn}`],
      ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${own})`],
      ['update', `FOR UPDATE TO ngo_commons_app USING (${own}) WITH CHECK (${own})`],
    ]);
  }

  const partnershipSide = `(${own} OR partner_organization_id = app_organization_id())`;
  await protect(q, 'partnerships', 'SELECT, INSERT, UPDATE', [
    ['read', `FOR SELECT TO ngo_commons_app USING ${partnershipSide}`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${own})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING ${partnershipSide} WITH CHECK ${partnershipSide}`],
  ]);
  await protect(q, 'partnership_events', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING ${partnershipSide}`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${partnershipSide} AND actor_organization_id = app_organization_id())`],
  ]);

  // A receiving organization sees the row of a client it holds a referral for; which fields it
  // sees is the field rule in src/modules/clients/client.views.ts.
  await protect(q, 'clients', 'SELECT, INSERT, UPDATE', [
    [
      'read',
      `FOR SELECT TO ngo_commons_app USING (${own} OR EXISTS (
          SELECT 1 FROM referrals r WHERE r.organization_id = clients.organization_id AND r.client_id = clients.id
             AND r.receiving_organization_id = app_organization_id()))`,
    ],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${own})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING (${own}) WITH CHECK (${own})`],
  ]);
  await protect(q, 'consents', 'SELECT, INSERT, UPDATE', [
    ['read', `FOR SELECT TO ngo_commons_app USING (${own} OR recipient_organization_id = app_organization_id())`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${own})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING (${own}) WITH CHECK (${own})`],
  ]);

  const referralSide = `(${own} OR receiving_organization_id = app_organization_id())`;
  await protect(q, 'referrals', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING ${referralSide}`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${own})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING ${referralSide} WITH CHECK ${referralSide}`],
  ]);
  // Once sent, what a referral is about (client, receiver, reason, consent, shared fields) is fixed:
  // either side may change only its state.
  await q.query(`GRANT UPDATE (status, version, assigned_user_id, outcome, outcome_reason, service_delivered, updated_at)
      ON referrals TO ngo_commons_app`);
  await protect(q, 'referral_events', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING ${referralSide}`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${referralSide} AND actor_organization_id = app_organization_id())`],
  ]);

  await protect(q, 'audit_events', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING (${own} OR subject_organization_id = app_organization_id())`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${own})`],
  ]);
}
