import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint programmes: members with roles, results, indicators and targets, enrolments and service
 * deliveries, reported values, and the rollups funder metrics read.
 *
 * Every programme row is stored under the lead's organization_id. Who sees what is decided by the
 * acting organization's ACTIVE membership, read through app_program_role() (a plain SQL function
 * over program_members, whose own policy does not use it, so there is no recursion):
 *   programs, program_results, indicators, indicator_targets, program_metric_cells
 *                            every member (lead, implementing partners, funders); invited ones see the programme row
 *   reported_values          the lead, the reporting member, and funders once approved
 *   program_enrollments, service_deliveries, program_person_periods
 *                            only the member that enrolled the client: row-level data about people
 *                            never leaves the organization that serves them, not even to the lead
 *   program_members          the lead sees all; a member sees its own membership
 */
export class Programs1795600000000 implements MigrationInterface {
  name = 'Programs1795600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE programs (organization_id uuid NOT NULL, id uuid NOT NULL, name text NOT NULL, description text, starts_on date NOT NULL, ends_on date, regions text array NOT NULL, target_populations text array NOT NULL, sdg_targets text array NOT NULL, suppression_threshold integer NOT NULL, created_by_user_id uuid NOT NULL, version integer NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_programs_threshold CHECK (suppression_threshold BETWEEN 2 AND 100), CONSTRAINT ck_programs_dates CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT pk_programs PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_programs_organization_created ON programs (organization_id, created_at)`,
      `CREATE TABLE program_results (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, type text NOT NULL, title text NOT NULL, description text, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_program_results_type CHECK (type IN ('OUTPUT', 'OUTCOME', 'IMPACT')), CONSTRAINT pk_program_results PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_program_results_organization_program ON program_results (organization_id, program_id, created_at)`,
      `CREATE TABLE indicators (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, result_id uuid NOT NULL, code text NOT NULL, name text NOT NULL, description text, measure text NOT NULL, aggregation text NOT NULL, direction text NOT NULL, source text NOT NULL, service_category_code text, baseline_value numeric, baseline_year integer, disaggregations text array NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT uq_indicators_program_code UNIQUE (organization_id, program_id, code), CONSTRAINT ck_indicators_source CHECK (source IN ('PEOPLE_ENROLLED', 'PEOPLE_SERVED', 'SERVICE_DELIVERIES', 'REPORTED')), CONSTRAINT ck_indicators_direction CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')), CONSTRAINT ck_indicators_aggregation CHECK (aggregation IN ('DISTINCT_PEOPLE', 'SUM', 'AVERAGE', 'RATIO')), CONSTRAINT ck_indicators_measure CHECK (measure IN ('UNIT', 'PERCENTAGE', 'NOMINAL', 'ORDINAL', 'QUALITATIVE')), CONSTRAINT pk_indicators PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_indicators_organization_program ON indicators (organization_id, program_id, result_id)`,
      `CREATE TABLE indicator_targets (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, indicator_id uuid NOT NULL, period_type text NOT NULL, period_start date NOT NULL, dimension text, dimension_value text, value numeric NOT NULL, CONSTRAINT ck_indicator_targets_dimension CHECK ((dimension IS NULL) = (dimension_value IS NULL)), CONSTRAINT ck_indicator_targets_period_type CHECK (period_type IN ('MONTH', 'QUARTER', 'YEAR')), CONSTRAINT pk_indicator_targets PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_indicator_targets_organization_indicator ON indicator_targets (organization_id, indicator_id, period_type, period_start)`,
      `CREATE TABLE program_enrollments (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, member_organization_id uuid NOT NULL, client_id uuid NOT NULL, enrolled_on date NOT NULL, sex text NOT NULL, age_band text NOT NULL, disability boolean NOT NULL, region text NOT NULL, population_groups text array NOT NULL, enrolled_by_user_id uuid NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT uq_program_enrollments_client UNIQUE (organization_id, program_id, member_organization_id, client_id), CONSTRAINT ck_program_enrollments_sex CHECK (sex IN ('FEMALE', 'MALE', 'INTERSEX', 'UNKNOWN')), CONSTRAINT pk_program_enrollments PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_program_enrollments_member_program ON program_enrollments (member_organization_id, program_id, enrolled_on)`,
      `CREATE TABLE service_deliveries (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, member_organization_id uuid NOT NULL, enrollment_id uuid NOT NULL, service_id uuid NOT NULL, category_code text NOT NULL, delivered_on date NOT NULL, recorded_by_user_id uuid NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT pk_service_deliveries PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_service_deliveries_organization_enrollment ON service_deliveries (organization_id, enrollment_id)`,
      `CREATE INDEX ix_service_deliveries_member_program ON service_deliveries (member_organization_id, program_id, delivered_on)`,
      `CREATE TABLE program_metric_cells (organization_id uuid NOT NULL, program_id uuid NOT NULL, metric text NOT NULL, category_code text NOT NULL, period_type text NOT NULL, period_start date NOT NULL, dimension text NOT NULL, dimension_value text NOT NULL, value bigint NOT NULL, CONSTRAINT pk_program_metric_cells PRIMARY KEY (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value))`,
      `CREATE TABLE program_person_periods (organization_id uuid NOT NULL, program_id uuid NOT NULL, enrollment_id uuid NOT NULL, metric text NOT NULL, category_code text NOT NULL, period_type text NOT NULL, period_start date NOT NULL, member_organization_id uuid NOT NULL, CONSTRAINT pk_program_person_periods PRIMARY KEY (organization_id, program_id, enrollment_id, metric, category_code, period_type, period_start))`,
      `CREATE TABLE program_members (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, member_organization_id uuid NOT NULL, role text NOT NULL, status text NOT NULL, version integer NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT uq_program_members_program_member UNIQUE (organization_id, program_id, member_organization_id), CONSTRAINT ck_program_members_status CHECK (status IN ('INVITED', 'ACTIVE', 'DECLINED', 'REMOVED')), CONSTRAINT ck_program_members_role CHECK (role IN ('LEAD', 'IMPLEMENTING_PARTNER', 'FUNDER')), CONSTRAINT pk_program_members PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_program_members_member ON program_members (member_organization_id, status)`,
      `CREATE TABLE reported_values (organization_id uuid NOT NULL, id uuid NOT NULL, program_id uuid NOT NULL, indicator_id uuid NOT NULL, reporter_organization_id uuid NOT NULL, period_type text NOT NULL, period_start date NOT NULL, dimension text, dimension_value text, value numeric NOT NULL, revision integer NOT NULL, status text NOT NULL, note text, submitted_by_user_id uuid NOT NULL, reviewed_by_user_id uuid, reviewed_at timestamptz(3), review_note text, created_at timestamptz(3) NOT NULL DEFAULT now(), CONSTRAINT ck_reported_values_dimension CHECK ((dimension IS NULL) = (dimension_value IS NULL)), CONSTRAINT ck_reported_values_period_type CHECK (period_type IN ('MONTH', 'QUARTER', 'YEAR')), CONSTRAINT ck_reported_values_status CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'SUPERSEDED')), CONSTRAINT pk_reported_values PRIMARY KEY (organization_id, id))`,
      `CREATE INDEX ix_reported_values_reporter ON reported_values (reporter_organization_id, indicator_id)`,
      `CREATE INDEX ix_reported_values_organization_indicator ON reported_values (organization_id, indicator_id, period_type, period_start)`,
      `CREATE TABLE program_referral_facts (organization_id uuid NOT NULL, referral_id uuid NOT NULL, program_id uuid NOT NULL, sender_organization_id uuid NOT NULL, receiving_organization_id uuid, sent_on date NOT NULL, accepted_on date, finished_on date, status text NOT NULL, outcome text, CONSTRAINT ck_program_referral_facts_status CHECK (status IN ('SENT', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED')), CONSTRAINT pk_program_referral_facts PRIMARY KEY (organization_id, referral_id))`,
      `CREATE INDEX ix_program_referral_facts_organization_program_sent ON program_referral_facts (organization_id, program_id, sent_on)`,
      `ALTER TABLE referrals ADD program_organization_id uuid`,
      `ALTER TABLE referrals ADD program_id uuid`,
    ]) {
      await q.query(statement);
    }
    // One target or reported value per cell; an overall one has no dimension, and NULLs must clash too.
    await q.query(`CREATE UNIQUE INDEX uq_indicator_targets_cell ON indicator_targets
        (organization_id, indicator_id, period_type, period_start, dimension, dimension_value) NULLS NOT DISTINCT`);
    await q.query(`CREATE UNIQUE INDEX uq_reported_values_version ON reported_values
        (organization_id, indicator_id, reporter_organization_id, period_type, period_start, dimension, dimension_value, revision) NULLS NOT DISTINCT`);

    for (const fk of [
      `programs ADD CONSTRAINT fk_programs_organization FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `programs ADD CONSTRAINT fk_programs_created_by_user FOREIGN KEY (created_by_user_id) REFERENCES users(id)`,
      `program_results ADD CONSTRAINT fk_program_results_program FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`,
      `indicators ADD CONSTRAINT fk_indicators_service_category FOREIGN KEY (service_category_code) REFERENCES service_categories(code)`,
      `indicators ADD CONSTRAINT fk_indicators_result FOREIGN KEY (organization_id, result_id) REFERENCES program_results(organization_id,id) ON DELETE CASCADE`,
      `indicator_targets ADD CONSTRAINT fk_indicator_targets_indicator FOREIGN KEY (organization_id, indicator_id) REFERENCES indicators(organization_id,id) ON DELETE CASCADE`,
      `program_enrollments ADD CONSTRAINT fk_program_enrollments_enrolled_by_user FOREIGN KEY (enrolled_by_user_id) REFERENCES users(id)`,
      `program_enrollments ADD CONSTRAINT fk_program_enrollments_client FOREIGN KEY (member_organization_id, client_id) REFERENCES clients(organization_id,id)`,
      `program_enrollments ADD CONSTRAINT fk_program_enrollments_program FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`,
      `service_deliveries ADD CONSTRAINT fk_service_deliveries_recorded_by_user FOREIGN KEY (recorded_by_user_id) REFERENCES users(id)`,
      `service_deliveries ADD CONSTRAINT fk_service_deliveries_service FOREIGN KEY (member_organization_id, service_id) REFERENCES services(organization_id,id)`,
      `service_deliveries ADD CONSTRAINT fk_service_deliveries_enrollment FOREIGN KEY (organization_id, enrollment_id) REFERENCES program_enrollments(organization_id,id)`,
      `program_metric_cells ADD CONSTRAINT fk_program_metric_cells_program FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`,
      `program_person_periods ADD CONSTRAINT fk_program_person_periods_program FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`,
      `program_members ADD CONSTRAINT fk_program_members_member_organization FOREIGN KEY (member_organization_id) REFERENCES organizations(id) ON DELETE CASCADE`,
      `program_members ADD CONSTRAINT fk_program_members_program FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`,
      `reported_values ADD CONSTRAINT fk_reported_values_reporter_organization FOREIGN KEY (reporter_organization_id) REFERENCES organizations(id)`,
      `reported_values ADD CONSTRAINT fk_reported_values_submitted_by_user FOREIGN KEY (submitted_by_user_id) REFERENCES users(id)`,
      `reported_values ADD CONSTRAINT fk_reported_values_reviewed_by_user FOREIGN KEY (reviewed_by_user_id) REFERENCES users(id)`,
      `program_referral_facts ADD CONSTRAINT fk_program_referral_facts_program FOREIGN KEY (organization_id, program_id) REFERENCES programs(organization_id,id) ON DELETE CASCADE`,
      `referrals ADD CONSTRAINT fk_referrals_program FOREIGN KEY (program_organization_id, program_id) REFERENCES programs(organization_id,id)`,
      `reported_values ADD CONSTRAINT fk_reported_values_indicator FOREIGN KEY (organization_id, indicator_id) REFERENCES indicators(organization_id,id) ON DELETE CASCADE`,
    ]) {
      await q.query(`ALTER TABLE ${fk}`);
    }

    await rowLevelSecurity(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT fk_referrals_program, DROP COLUMN program_organization_id, DROP COLUMN program_id`);
    for (const table of [
      'program_referral_facts',
      'program_person_periods', 'program_metric_cells', 'reported_values', 'service_deliveries', 'program_enrollments',
      'indicator_targets', 'indicators', 'program_results', 'program_members', 'programs',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION app_program_role(uuid, uuid)`);
    await q.query(`DROP FUNCTION program_members_member_update()`);
  }
}

/** Creates a table's policies and grants its privileges to the application group role. */
async function protect(q: QueryRunner, table: string, grants: string, policies: [name: string, rule: string][]): Promise<void> {
  for (const [name, rule] of policies) {
    await q.query(`CREATE POLICY ${table}_${name} ON ${table} ${rule}`);
  }
  await q.query(`GRANT ${grants} ON ${table} TO ngo_commons_app`);
}

async function rowLevelSecurity(q: QueryRunner): Promise<void> {
  // Enabled and forced table by table, written out so that every table's row-level security can be read (and grepped) here.
  await q.query(`ALTER TABLE programs ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE programs FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_members ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_members FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_results ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_results FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE indicators ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE indicators FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE indicator_targets ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE indicator_targets FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_enrollments ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_enrollments FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE service_deliveries ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE service_deliveries FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_person_periods ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_person_periods FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_metric_cells ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_metric_cells FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_referral_facts ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE program_referral_facts FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE reported_values ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE reported_values FORCE ROW LEVEL SECURITY`);

  await q.query(`CREATE FUNCTION app_program_role(program_organization_id uuid, program_id uuid) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT m.role FROM program_members m
         WHERE m.organization_id = program_organization_id AND m.program_id = app_program_role.program_id
           AND m.member_organization_id = app_organization_id() AND m.status = 'ACTIVE' $$`);

  const lead = `organization_id = app_organization_id()`;
  const member = `app_program_role(organization_id, program_id) IS NOT NULL`;
  const deliverer = `app_program_role(organization_id, program_id) IN ('LEAD', 'IMPLEMENTING_PARTNER')`;

  await protect(q, 'programs', 'SELECT, INSERT, UPDATE', [
    [
      'read',
      `FOR SELECT TO ngo_commons_app USING (${lead} OR EXISTS (
          SELECT 1 FROM program_members m WHERE m.organization_id = programs.organization_id AND m.program_id = programs.id
             AND m.member_organization_id = app_organization_id() AND m.status IN ('INVITED', 'ACTIVE')))`,
    ],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${lead})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING (${lead}) WITH CHECK (${lead})`],
  ]);

  const ownMembership = `(${lead} OR member_organization_id = app_organization_id())`;
  await protect(q, 'program_members', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING ${ownMembership}`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${lead})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING ${ownMembership} WITH CHECK ${ownMembership}`],
  ]);
  // The lead removes or re-invites members; a member only answers its own invitation. Policies cannot
  // compare old and new rows, so a trigger (running as the caller, not as a definer) holds the member to that.
  await q.query(`GRANT UPDATE (status, role, version, updated_at) ON program_members TO ngo_commons_app`);
  await q.query(`CREATE FUNCTION program_members_member_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.organization_id IS DISTINCT FROM app_organization_id()
           AND (NEW.role <> OLD.role OR OLD.status <> 'INVITED' OR NEW.status NOT IN ('ACTIVE', 'DECLINED')) THEN
          RAISE EXCEPTION 'a member may only accept or decline its own invitation' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
  await q.query(`CREATE TRIGGER program_members_member_update BEFORE UPDATE ON program_members
      FOR EACH ROW EXECUTE FUNCTION program_members_member_update()`);

  for (const table of ['program_results', 'indicators', 'indicator_targets']) {
    await protect(q, table, 'SELECT, INSERT, UPDATE', [
      ['read', `FOR SELECT TO ngo_commons_app USING (${member})`],
      ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${lead})`],
      ['update', `FOR UPDATE TO ngo_commons_app USING (${lead}) WITH CHECK (${lead})`],
    ]);
  }

  const ownPeople = `member_organization_id = app_organization_id()`;
  for (const table of ['program_enrollments', 'service_deliveries', 'program_person_periods']) {
    await protect(q, table, 'SELECT, INSERT', [
      ['read', `FOR SELECT TO ngo_commons_app USING (${ownPeople})`],
      ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${ownPeople} AND ${deliverer})`],
    ]);
  }

  await protect(q, 'program_metric_cells', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING (${member})`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (${deliverer})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING (${deliverer}) WITH CHECK (${deliverer})`],
  ]);
  await q.query(`GRANT UPDATE (value) ON program_metric_cells TO ngo_commons_app`);

  // Funders read the funnel from these; the two sides of the referral keep them in step with it.
  const referralSide = `(sender_organization_id = app_organization_id() OR receiving_organization_id = app_organization_id())`;
  await protect(q, 'program_referral_facts', 'SELECT, INSERT', [
    ['read', `FOR SELECT TO ngo_commons_app USING (${member} OR ${referralSide})`],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (sender_organization_id = app_organization_id() AND ${deliverer})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING ${referralSide} WITH CHECK ${referralSide}`],
  ]);
  await q.query(`GRANT UPDATE (status, accepted_on, finished_on, outcome) ON program_referral_facts TO ngo_commons_app`);
  // referrals.program_id gets no UPDATE grant: a referral is placed in a programme when sent, and stays.

  await protect(q, 'reported_values', 'SELECT, INSERT', [
    [
      'read',
      `FOR SELECT TO ngo_commons_app USING (${lead} OR reporter_organization_id = app_organization_id()
          OR (status IN ('APPROVED', 'SUPERSEDED') AND ${member}))`,
    ],
    ['create', `FOR INSERT TO ngo_commons_app WITH CHECK (reporter_organization_id = app_organization_id() AND ${deliverer})`],
    ['update', `FOR UPDATE TO ngo_commons_app USING (${lead}) WITH CHECK (${lead})`],
  ]);
  // Reviewing changes the state only: a reported figure is never edited, a correction is a new row.
  await q.query(`GRANT UPDATE (status, reviewed_by_user_id, reviewed_at, review_note) ON reported_values TO ngo_commons_app`);
}
