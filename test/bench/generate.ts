/**
 * Builds the benchmark's network in a database of its own, as the owner: the schema by the app's
 * migrations, then every table by COPY (pg-copy-streams) with the constraints and indexes dropped,
 * the rollups and the referral funnel by set-based SQL that mirrors the services that maintain them
 * on write, then constraints and indexes back (which checks every key and reference), VACUUM ANALYZE.
 * A marker row in bench.meta lets later runs reuse the database.
 */
import argon2 from 'argon2';
import { SingleBar, Presets } from 'cli-progress';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/bootstrap';
import { foldForSearch } from '../../src/common/search-text';
import { organizationSearchText } from '../../src/modules/organizations/organization.service';
import { receiverAccessEnd } from '../../src/modules/referrals/referral.lifecycle';
import { CopyWriter } from './copy';
import { COMMENTS, REFERRAL_NEEDS, REFERRAL_REASONS } from './names';
import type { Sizes } from './options';
import {
  buildPlan,
  clientOf,
  DAY,
  dateMs,
  enrollmentAttributes,
  HISTORY_START,
  iso,
  isoDate,
  type OrgPlan,
  type Plan,
  type ProgramPlan,
} from './plan';
import { pick, rnd, rndInt, T, uuid, weighted } from './random';

/** Bump when the generated data changes, so that old databases are rebuilt. */
export const GENERATOR_VERSION = 2;
export const BENCH_PASSWORD = 'bench-password-2026';

export interface Fixtures {
  password: string;
  /** Receiving organizations whose coordinators read their inbox and act on referrals. */
  tenants: {
    organizationId: string;
    name: string;
    email: string;
    userId: string;
    /** Members referrals get assigned to, back and forth. */
    assignees: string[];
    /** Referrals it is on (received and sent), for referral(id). */
    referralIds: string[];
    /** Referrals it received, for the write path. */
    writableReferralIds: string[];
  }[];
  /** Programmes whose funders read the dashboard with an API key. */
  dashboards: { programId: string; name: string; funderOrganizationId: string; apiKey: string; deliveries: number }[];
}

export interface BuildInfo {
  size: string;
  generatorVersion: number;
  builtAt: string;
  seconds: number;
  counts: Record<string, number>;
  databaseBytes: number;
}

const LOADED_TABLES = [
  'organizations', 'users', 'memberships', 'api_keys', 'services', 'locations', 'service_at_locations', 'partnerships',
  'partnership_events', 'clients', 'consents', 'referrals', 'referral_events', 'programs', 'program_members', 'program_results',
  'indicators', 'indicator_targets', 'program_enrollments', 'service_deliveries', 'reported_values', 'program_metric_cells',
  'program_member_metric_cells', 'program_person_periods', 'program_referral_facts', 'audit_events', 'auth_sessions', 'refresh_tokens',
  'invitations',
];

/** Lets timers run (the progress bar redraws on one) between batches of synchronous generation. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

function progressBar(label: string, total: number, unit: string): SingleBar {
  const bar = new SingleBar(
    {
      format: `  ${label.padEnd(28)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted} {note}`,
      hideCursor: true,
      etaBuffer: 50,
      noTTYOutput: !process.stdout.isTTY,
      notTTYSchedule: 10_000,
      barsize: 24,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '0', note: '' });
  const update = bar.update.bind(bar);
  bar.update = ((value: number, payload?: Record<string, unknown>) => {
    const seconds = (Date.now() - started) / 1000;
    update(value, { rate: seconds > 0 ? Math.round(value / seconds).toLocaleString('en') : '0', ...payload });
  }) as typeof bar.update;
  return bar;
}

/** Reads the marker of a finished build, or null. */
export async function readBuild(url: string): Promise<BuildInfo | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT value FROM bench.meta WHERE key = 'build' AND to_regclass('bench.meta') IS NOT NULL`,
    ).catch(() => ({ rows: [] as { value: BuildInfo }[] }));
    return rows[0]?.value ?? null;
  } finally {
    await client.end();
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'ngo-commons-bench-build' });
  client.on('error', () => undefined);
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET work_mem = '512MB'`);
  return client;
}

interface SchemaObjects {
  constraints: { table: string; name: string; type: string; def: string }[];
  indexes: { name: string; def: string }[];
}

/** Primary keys, unique constraints, foreign keys and indexes of the loaded tables, to drop before COPY and restore after. */
async function dropKeysAndIndexes(db: Client): Promise<SchemaObjects> {
  // Every table but the migrations' own and the category list the migration fills.
  const { rows: tables } = await db.query(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
        AND relname NOT IN ('schema_migrations', 'service_categories')`,
  );
  const loaded = tables.map((t) => t.name as string);
  const { rows: constraints } = await db.query(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'u', 'f')
        AND c.conrelid::regclass::text = ANY($1)
      ORDER BY c.contype = 'f' DESC, c.conname`,
    [loaded],
  );
  const { rows: indexes } = await db.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1`,
    [loaded],
  );
  // Foreign keys first, then keys, then indexes.
  for (const c of constraints) await db.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
  return { constraints, indexes };
}

async function restoreKeysAndIndexes(url: string, objects: SchemaObjects): Promise<void> {
  const keys = objects.constraints.filter((c) => c.type !== 'f');
  const foreign = objects.constraints.filter((c) => c.type === 'f');
  const statements = [
    ...keys.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`),
    ...objects.indexes.map((index) => index.def),
    ...foreign.map((c) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`),
  ];
  const bar = progressBar('keys, indexes, references', statements.length, 'statements');
  // Two connections share the two cores; keys come before indexes before references (a reference needs its key).
  const clients = [await connect(url), await connect(url)];
  const phases = [keys.length, objects.indexes.length, foreign.length];
  let done = 0;
  let failure: unknown = null;
  let phaseStart = 0;
  for (const phaseLength of phases) {
    const end = phaseStart + phaseLength;
    let next = phaseStart;
    await Promise.all(
      clients.map(async (client) => {
        while (next < end && !failure) {
          const statement = statements[next++];
          try {
            await client.query(statement);
          } catch (error) {
            failure = new Error(`${statement}: ${error instanceof Error ? error.message : error}`);
          }
          bar.update(++done, { note: statement.slice(0, 60) });
        }
      }),
    );
    phaseStart = end;
    if (failure) break;
  }
  bar.update(done, { note: '' });
  bar.stop();
  await Promise.all(clients.map((client) => client.end()));
  if (failure) throw failure;
}

/** Builds the network at `sizes` in the database at `url` (created empty by the caller). */
export async function buildDatabase(url: string, sizes: Sizes): Promise<BuildInfo> {
  const started = Date.now();
  const now = Date.now() - 3_600_000;
  console.log(`Building the ${sizes.name} network: ${sizes.organizations} organisations, ${sizes.clients} clients, ${sizes.referrals} referrals, ${sizes.programs} programmes, ${sizes.deliveries} deliveries`);

  const applied = await runMigrations(url);
  console.log(`  migrations applied: ${applied.join(', ')}`);
  const db = await connect(url);
  await db.query(`CREATE SCHEMA IF NOT EXISTS bench`);
  await db.query(`CREATE TABLE IF NOT EXISTS bench.meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  await db.query(`DELETE FROM bench.meta`);
  // The funders' API-key secrets (only their hashes are in api_keys), for the dashboard load.
  await db.query(`CREATE TABLE IF NOT EXISTS bench.api_key_secrets (organization_id uuid PRIMARY KEY, secret text NOT NULL)`);
  const objects = await dropKeysAndIndexes(db);

  const plan = buildPlan(sizes, now);
  // One argon2 hash for every account: hashing is slow on purpose, and the load test knows the password.
  const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2 });
  const counts: Record<string, number> = {};

  await writeDirectory(url, plan, passwordHash, counts);
  await writeClientsAndReferrals(url, plan, counts);
  await writePrograms(url, plan, counts);

  const steps: [string, string][] = ROLLUP_SQL.map((sql, i) => [`rollup ${i + 1}`, sql]);
  const bar = progressBar('rollups and funnel facts', steps.length, 'statements');
  for (const [i, [, sql]] of steps.entries()) {
    await db.query(sql);
    bar.update(i + 1);
  }
  bar.stop();
  await db.end();

  await restoreKeysAndIndexes(url, objects);

  const vacuum = await connect(url);
  const tables = [...LOADED_TABLES, 'service_categories'];
  const vbar = progressBar('vacuum analyze', tables.length, 'tables');
  for (const [i, table] of tables.entries()) {
    await vacuum.query(`VACUUM (ANALYZE) ${table}`);
    vbar.update(i + 1, { note: table });
  }
  vbar.update(tables.length, { note: '' });
  vbar.stop();
  await vacuum.query('CHECKPOINT').catch(() => undefined);

  for (const table of ['program_metric_cells', 'program_member_metric_cells', 'program_person_periods', 'program_referral_facts']) {
    const { rows } = await vacuum.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0].n;
  }
  const { rows: size } = await vacuum.query(`SELECT pg_database_size(current_database())::float8 AS bytes`);
  const info: BuildInfo = {
    size: sizes.name,
    generatorVersion: GENERATOR_VERSION,
    builtAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    counts,
    databaseBytes: size[0].bytes,
  };
  await vacuum.query(`INSERT INTO bench.meta (key, value) VALUES ('build', $1)`, [JSON.stringify(info)]);
  await vacuum.end();
  return info;
}

/** Organizations, people, API keys, the directory, partnerships. */
async function writeDirectory(url: string, plan: Plan, passwordHash: string, counts: Record<string, number>): Promise<void> {
  const client = await connect(url);
  const total = plan.orgs.length;
  const bar = progressBar('organisations and directory', total, 'organisations');
  const writers = {
    organizations: new CopyWriter(client, 'organizations', ['id', 'name', 'kind', 'description', 'country_code', 'region', 'website', 'search_text', 'created_at', 'updated_at']),
  };
  for (const org of plan.orgs) {
    writers.organizations.add([
      org.id,
      org.name,
      org.kind,
      org.language === 'vi' ? `${org.name}: hỗ trợ người dân ${org.region}` : org.language === 'ar' ? `${org.name}: خدمات اجتماعية في ${org.region}` : `${org.name}: social services in ${org.region}`,
      org.country.code,
      org.region,
      rnd(T.organization, org.index, 12) < 0.6 ? `https://org${org.index}.example.org` : null,
      organizationSearchText(org),
      iso(org.createdAt),
      iso(org.createdAt),
    ]);
  }
  counts.organizations = await writers.organizations.end();

  const users = new CopyWriter(client, 'users', ['id', 'email', 'display_name', 'password_hash', 'created_at', 'updated_at']);
  for (const user of plan.users) users.add([user.id, user.email, user.displayName, passwordHash, iso(user.createdAt), iso(user.createdAt)]);
  counts.users = await users.end();

  const memberships = new CopyWriter(client, 'memberships', ['organization_id', 'id', 'user_id', 'role', 'version', 'created_at', 'updated_at']);
  for (const m of plan.memberships) {
    memberships.add([plan.orgs[m.organization].id, uuid(T.membership, m.index), plan.users[m.user].id, m.role, 1, iso(m.createdAt), iso(m.createdAt)]);
  }
  counts.memberships = await memberships.end();

  // Each funder has a key for its dashboard; the secret is derived so that the load test knows it.
  const apiKeys = new CopyWriter(client, 'api_keys', ['organization_id', 'id', 'name', 'prefix', 'secret_hash', 'scopes', 'created_by_user_id', 'created_at']);
  const secrets = new CopyWriter(await connect(url), 'bench.api_key_secrets', ['organization_id', 'secret'], true);
  for (const org of plan.orgs.filter((o) => o.kind === 'FUNDER')) {
    const secret = apiKeySecret(org);
    secrets.add([org.id, secret]);
    apiKeys.add([org.id, uuid(T.apiKey, org.index), 'Dashboard (bench)', secret.slice(0, 12), sha256(secret), ['METRICS_READ'], plan.users[org.admin].id, iso(org.createdAt + 30 * DAY)]);
  }
  counts.api_keys = await apiKeys.end();
  await secrets.end();

  const services = new CopyWriter(client, 'services', [
    'organization_id', 'id', 'name', 'description', 'category_code', 'eligibility_description', 'languages', 'schedule_description', 'status',
    'accepting_referrals', 'capacity_unit', 'capacity_available', 'capacity_maximum', 'capacity_description', 'capacity_updated_at',
    'search_name', 'search_text', 'version', 'created_at', 'updated_at',
  ]);
  const locations = new CopyWriter(await connect(url), 'locations', [
    'organization_id', 'id', 'name', 'address1', 'city', 'region', 'postal_code', 'country', 'latitude', 'longitude', 'search_region', 'created_at',
  ], true);
  const serviceAtLocations = new CopyWriter(await connect(url), 'service_at_locations', ['organization_id', 'id', 'service_id', 'location_id', 'created_at'], true);
  let locationIndex = 0;
  let salIndex = 0;
  for (const org of plan.orgs) {
    if (!org.services.length) {
      bar.increment();
      continue;
    }
    const count = org.services.length > 3 ? 2 : 1;
    const locationIds: string[] = [];
    for (let l = 0; l < count; l++) {
      const index = locationIndex++;
      const id = uuid(T.location, index);
      locationIds.push(id);
      const region = l === 0 ? org.region : pick(org.country.regions, T.location, index, 1);
      const address = org.language === 'vi' ? `Số ${rndInt(T.location, index, 2, 1, 300)} đường Hoàng Liên, ${org.city}` : org.language === 'ar' ? `شارع الملكة رانيا ${rndInt(T.location, index, 2, 1, 300)}، ${org.city}` : `${rndInt(T.location, index, 2, 1, 300)} High Street, ${org.city}`;
      locations.add([
        org.id, id, l === 0 ? null : `${org.city} ${l + 1}`, address, org.city, region, rnd(T.location, index, 3) < 0.5 ? String(rndInt(T.location, index, 4, 10000, 99999)) : null,
        org.country.code, (10 + rnd(T.location, index, 5) * 20).toFixed(6), (100 + rnd(T.location, index, 6) * 8).toFixed(6), foldForSearch(region), iso(org.createdAt + DAY),
      ]);
    }
    for (const service of org.services) {
      const texts = { description: '', eligibility: '' };
      const language = org.language;
      const description = language === 'vi' ? 'Dịch vụ miễn phí' : language === 'ar' ? 'خدمة مجانية' : 'Free service';
      texts.description = `${description}. ${service.name}`;
      texts.eligibility = language === 'vi' ? `Người dân ${org.region}` : language === 'ar' ? `سكان ${org.region}` : `People living in ${org.region}`;
      const hasCapacity = rnd(T.service, service.index, 3) < 0.35;
      const maximum = rndInt(T.service, service.index, 4, 8, 60);
      const languages = org.country.code === 'VN' ? (rnd(T.service, service.index, 5) < 0.4 ? ['vi', 'hmn'] : ['vi']) : org.language === 'ar' ? (rnd(T.service, service.index, 5) < 0.3 ? ['ar', 'en'] : ['ar']) : ['en'];
      const createdAt = org.createdAt + rndInt(T.service, service.index, 6, 2, 60) * DAY;
      services.add([
        org.id, service.id, service.name, texts.description, service.category, texts.eligibility, languages,
        language === 'vi' ? 'Thứ Hai – Thứ Sáu, 7:30–16:30' : language === 'ar' ? 'الأحد – الخميس، ٨:٠٠–١٥:٠٠' : 'Mon–Fri 8:00–17:00',
        service.status, service.accepting,
        hasCapacity ? pick(['beds', 'places', 'sessions a week', 'open cases'], T.service, service.index, 7) : null,
        hasCapacity ? rndInt(T.service, service.index, 8, 0, maximum) : null,
        hasCapacity ? maximum : null,
        null,
        hasCapacity ? iso(plan.now - rndInt(T.service, service.index, 9, 0, 60) * DAY) : null,
        foldForSearch(service.name),
        foldForSearch([service.name, texts.description, texts.eligibility].join(' ')),
        1, iso(createdAt), iso(createdAt),
      ]);
      const at = [locationIds[0], ...(locationIds.length > 1 && rnd(T.service, service.index, 10) < 0.3 ? [locationIds[1]] : [])];
      for (const locationId of at) {
        serviceAtLocations.add([org.id, uuid(T.serviceAtLocation, salIndex++), service.id, locationId, iso(createdAt)]);
      }
    }
    await Promise.all([services.pump(), locations.pump(), serviceAtLocations.pump()]);
    await breathe();
    bar.increment();
  }
  counts.services = await services.end();
  counts.locations = await locations.end();
  counts.service_at_locations = await serviceAtLocations.end();
  bar.stop();

  const partnerships = new CopyWriter(client, 'partnerships', [
    'organization_id', 'id', 'partner_organization_id', 'status', 'purpose', 'legal_basis', 'starts_on', 'ends_on', 'agreement_reference',
    'proposer_shares', 'partner_shares', 'proposed_by_user_id', 'suspended_by_organization_id', 'version', 'created_at', 'updated_at',
  ]);
  const events = new CopyWriter(await connect(url), 'partnership_events', [
    'organization_id', 'id', 'partner_organization_id', 'partnership_id', 'from_status', 'to_status', 'note', 'actor_organization_id',
    'actor_user_id', 'actor_name', 'created_at',
  ], true);
  let eventIndex = 0;
  const actorOf = (org: OrgPlan) => plan.users[org.coordinators[0] ?? org.admin];
  for (const p of plan.partnerships) {
    const proposer = plan.orgs[p.proposer];
    const partner = plan.orgs[p.partner];
    const last = p.history.at(-1);
    const suspendedBy = p.status === 'SUSPENDED' ? plan.orgs[last![1]].id : null;
    partnerships.add([
      proposer.id, p.id, partner.id, p.status,
      proposer.language === 'vi' ? 'Chuyển gửi và hỗ trợ người dân cần dịch vụ xã hội' : proposer.language === 'ar' ? 'إحالة ودعم الأشخاص المحتاجين للخدمات' : 'Referrals between our services',
      weighted([['CONSENT', 40], ['PUBLIC_TASK', 30], ['VITAL_INTERESTS', 10], ['LEGITIMATE_INTERESTS', 10], ['CONTRACT', 5], ['LEGAL_OBLIGATION', 5]] as const, rnd(T.partnership, p.index, 30)),
      p.startsOn, null, rnd(T.partnership, p.index, 31) < 0.5 ? `HĐ-${p.startsOn.slice(0, 4)}/${p.index}` : null,
      p.proposerShares, p.partnerShares, actorOf(proposer).id, suspendedBy, 1 + p.history.length, iso(p.createdAt), iso(last?.[2] ?? p.createdAt),
    ]);
    let from: string | null = null;
    for (const [to, by, at] of [['PROPOSED', p.proposer, p.createdAt] as const, ...p.history]) {
      const actor = plan.orgs[by];
      const user = actorOf(actor);
      events.add([proposer.id, uuid(T.partnershipEvent, eventIndex++), partner.id, p.id, from, to, null, actor.id, user.id, user.displayName, iso(at)]);
      from = to;
    }
    await Promise.all([partnerships.pump(), events.pump()]);
  }
  counts.partnerships = await partnerships.end();
  counts.partnership_events = await events.end();
  await client.end();
}

export function apiKeySecret(org: { index: number }): string {
  return `ngo_key_bench${org.index}_${createHash('sha256').update(`bench api key ${org.index}`).digest('base64url').slice(0, 32)}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Status = 'SENT' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED';

function statusFor(ageDays: number, u: number): Status {
  if (ageDays < 3) return weighted([['SENT', 60], ['ACCEPTED', 25], ['IN_PROGRESS', 10], ['DECLINED', 5]] as const, u);
  if (ageDays < 30) return weighted([['SENT', 15], ['ACCEPTED', 20], ['IN_PROGRESS', 35], ['DECLINED', 8], ['CANCELLED', 4], ['COMPLETED', 15], ['CLOSED', 3]] as const, u);
  return weighted([['SENT', 2], ['ACCEPTED', 3], ['IN_PROGRESS', 8], ['DECLINED', 9], ['CANCELLED', 5], ['COMPLETED', 63], ['CLOSED', 10]] as const, u);
}

const CONSENT_FIELDS_BASE = ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER', 'PREFERRED_LANGUAGE', 'PHONE', 'REGION'];
const OUTCOME_REASONS = ['CLIENT_REFUSED_SERVICES', 'LACK_OF_CAPACITY', 'SERVICES_NO_LONGER_NEEDED', 'UNABLE_TO_CONTACT_CLIENT'];

/**
 * One pass over every client: the client, the consents its referrals rest on, the referrals and
 * their timelines, on four COPY streams at once.
 */
async function writeClientsAndReferrals(url: string, plan: Plan, counts: Record<string, number>): Promise<void> {
  const clients = new CopyWriter(await connect(url), 'clients', [
    'organization_id', 'id', 'full_name', 'preferred_name', 'birth_date', 'age_band', 'sex', 'gender_identity', 'preferred_language', 'phone',
    'email', 'address', 'region', 'vulnerabilities', 'search_name', 'created_by_user_id', 'version', 'created_at', 'updated_at',
  ], true);
  const consents = new CopyWriter(await connect(url), 'consents', [
    'organization_id', 'id', 'client_id', 'recipient_organization_id', 'recipient_service_id', 'purpose', 'shared_fields', 'method', 'given_by',
    'given_at', 'expires_at', 'recorded_by_user_id', 'revoked_at', 'revoked_by_user_id', 'revocation_reason', 'created_at', 'scope',
  ], true);
  const referrals = new CopyWriter(await connect(url), 'referrals', [
    'organization_id', 'id', 'receiving_organization_id', 'external_receiver_name', 'service_id', 'client_id', 'consent_id', 'consent_override_reason',
    'shared_fields', 'reason', 'needs', 'urgency', 'due_on', 'status', 'version', 'sent_by_user_id', 'assigned_user_id', 'outcome', 'outcome_reason',
    'service_delivered', 'forwarded_from_organization_id', 'forwarded_from_referral_id', 'created_at', 'updated_at', 'program_organization_id', 'program_id',
    'receiver_access_until',
  ], true);
  const events = new CopyWriter(await connect(url), 'referral_events', [
    'organization_id', 'id', 'receiving_organization_id', 'referral_id', 'kind', 'from_status', 'to_status', 'note', 'actor_organization_id',
    'actor_user_id', 'actor_name', 'related_id', 'created_at',
  ], true);
  const writers = [clients, consents, referrals, events];
  const bar = progressBar('clients, referrals, timelines', plan.sizes.clients, 'clients');
  const { now } = plan;
  let referralIndex = 0;
  let consentIndex = 0;
  let eventIndex = 0;
  let done = 0;

  for (const org of plan.orgs) {
    if (!org.clientCount) continue;
    const staff = [...org.coordinators, ...org.caseworkers];
    // Each client's share of the organization's referrals: exponential weights, rounded so that the total is exact.
    const weights: number[] = [];
    for (let c = 0; c < org.clientCount; c++) weights.push(-Math.log(1 - rnd(T.clientPlan, org.clientStart + c, 1)));
    const sum = weights.reduce((a, b) => a + b, 0);
    let carried = 0;
    let given = 0;

    for (let c = 0; c < org.clientCount; c++) {
      const ci = org.clientStart + c;
      carried += sum ? (org.referralQuota * weights[c]) / sum : 0;
      const k = Math.round(carried) - given;
      given += k;
      const client = clientOf(org, ci, now);
      const creator = plan.users[staff[ci % staff.length]];

      const times: number[] = [];
      for (let j = 0; j < k; j++) times.push(HISTORY_START + Math.floor((now - HISTORY_START) * Math.sqrt(rnd(T.referralPlan, referralIndex + j, 1))));
      times.sort((a, b) => a - b);
      const firstAt = times[0] ?? HISTORY_START + rnd(T.clientPlan, ci, 2) * (now - HISTORY_START);
      const createdAt = Math.max(Date.parse('2023-06-01T00:00:00Z'), firstAt - Math.floor(rnd(T.clientPlan, ci, 3) * 120) * DAY - 3_600_000);
      clients.add([
        org.id, client.id, client.fullName, client.preferredName, client.birthDate, client.ageBand, client.sex,
        rnd(T.clientPlan, ci, 4) < 0.01 ? 'non-binary' : null, client.language, client.phone, client.email, client.address, client.region,
        client.vulnerabilities, client.searchName, creator.id, 1, iso(createdAt), iso(createdAt),
      ]);

      const consentFor = new Map<number, { id: string; fields: string[]; revokedAt: number | null; expiresAt: number | null }>();
      for (let j = 0; j < k; j++) {
        const r = referralIndex++;
        const u = (field: number) => rnd(T.referral, r, field);
        const createdAtMs = times[j] + j;
        const sender = plan.users[staff[Math.floor(u(1) * staff.length)]];
        const logged = u(2) < 0.03;
        const receiver = logged ? null : plan.orgs[org.receivers[Math.floor(u(3) * org.receivers.length)]];
        const service = receiver && u(4) < 0.85 ? receiver.services[Math.floor(u(5) * receiver.services.length)] : null;
        const override = !logged && u(6) < 0.05;
        let consent: { id: string; fields: string[]; revokedAt: number | null; expiresAt: number | null } | null = null;
        if (receiver && !override) {
          consent = consentFor.get(receiver.index) ?? null;
          const lapsed = consent && ((consent.revokedAt !== null && consent.revokedAt < createdAtMs) || (consent.expiresAt !== null && consent.expiresAt < createdAtMs));
          if (!consent || lapsed) {
            const index = consentIndex++;
            const fields = [...CONSENT_FIELDS_BASE];
            if (rnd(T.consent, index, 1) < 0.6) fields.push('VULNERABILITIES');
            if (rnd(T.consent, index, 2) < 0.4) fields.push('ADDRESS');
            if (rnd(T.consent, index, 3) < 0.5) fields.push('BIRTH_DATE');
            const givenAt = createdAtMs - Math.floor(rnd(T.consent, index, 4) * 2 * DAY) - 60_000;
            const revokedAt = rnd(T.consent, index, 5) < 0.03 ? createdAtMs + Math.floor((now - createdAtMs) * rnd(T.consent, index, 6)) : null;
            const expired = rnd(T.consent, index, 7) < 0.05;
            const guardian = client.birthDate !== null && client.birthDate > isoDate(now - 18 * 365 * DAY) && rnd(T.consent, index, 8) < 0.7;
            const method = guardian ? 'GUARDIAN' : rnd(T.consent, index, 9) < 0.7 ? 'WRITTEN' : 'VERBAL';
            const expiresAt = expired ? createdAtMs + 180 * DAY : null;
            consent = { id: uuid(T.consent, index), fields, revokedAt, expiresAt };
            consentFor.set(receiver.index, consent);
            consents.add([
              org.id, consent.id, client.id, receiver.id, service && rnd(T.consent, index, 10) < 0.3 ? service.id : null,
              org.language === 'vi' ? 'Chuyển gửi để nhận dịch vụ' : org.language === 'ar' ? 'الإحالة لتلقي الخدمة' : 'Referral for services',
              fields, method, guardian ? (org.language === 'vi' ? 'Người giám hộ' : org.language === 'ar' ? 'الوصي' : 'Guardian') : null,
              iso(givenAt), expiresAt === null ? null : iso(expiresAt), sender.id,
              revokedAt === null ? null : iso(revokedAt), revokedAt === null ? null : sender.id,
              revokedAt === null ? null : org.language === 'vi' ? 'Người dân rút lại đồng ý' : 'Consent withdrawn', iso(givenAt), 'SHARING',
            ]);
          }
        }

        const ageDays = (now - createdAtMs) / DAY;
        const status = statusFor(ageDays, u(7));
        const age = now - createdAtMs;
        const receiverStaff = receiver ? [...receiver.coordinators, ...receiver.caseworkers] : [];
        const receiverUser = receiver ? plan.users[receiverStaff[Math.floor(u(8) * receiverStaff.length)]] : sender;
        const actingOrg = receiver ?? org;
        const steps: { kind: string; from: string | null; to: string | null; note: string | null; org: OrgPlan; user: (typeof plan.users)[number]; at: number; related: string | null }[] = [];
        steps.push({ kind: 'SENT', from: null, to: 'SENT', note: override ? 'Sent without consent: nguy cơ bị bạo lực ngay lập tức' : null, org, user: sender, at: createdAtMs, related: null });
        let at = createdAtMs;
        const advance = (lo: number, spread: number, field: number) => {
          at = Math.min(now - 1000, at + Math.floor(age * (lo + spread * u(field))) + 1000);
          return at;
        };
        let assignee: string | null = null;
        const change = (from: Status, to: Status, note: string | null, by: 'receiver' | 'sender', field: number, lo: number, spread: number) => {
          steps.push({ kind: 'STATUS_CHANGED', from, to, note, org: by === 'sender' ? org : actingOrg, user: by === 'sender' ? sender : receiverUser, at: advance(lo, spread, field), related: null });
        };
        if (status === 'DECLINED') change('SENT', 'DECLINED', pick(REFERRAL_REASONS[actingOrg.language], T.referral, r, 40), 'receiver', 10, 0.02, 0.2);
        if (status === 'CANCELLED') change('SENT', 'CANCELLED', null, 'sender', 10, 0.01, 0.2);
        if (['ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED'].includes(status)) {
          change('SENT', 'ACCEPTED', null, 'receiver', 11, 0.02, 0.1);
          if (receiver && u(12) < 0.7) {
            const assigneeIndex = receiverStaff[Math.floor(u(13) * receiverStaff.length)];
            assignee = plan.users[assigneeIndex].id;
            const by = plan.users[receiver.coordinators[0] ?? receiver.admin];
            steps.push({ kind: 'ASSIGNED', from: null, to: null, note: `Assigned to ${plan.users[assigneeIndex].displayName}`, org: receiver, user: by, at: advance(0, 0.01, 14), related: assignee });
          }
          const started = status === 'IN_PROGRESS' || status === 'COMPLETED' || (status === 'CLOSED' && u(15) < 0.5);
          if (started) change('ACCEPTED', 'IN_PROGRESS', null, 'receiver', 16, 0.05, 0.15);
          if (status === 'COMPLETED') change('IN_PROGRESS', 'COMPLETED', null, 'receiver', 17, 0.1, 0.4);
          if (status === 'CLOSED') change(started ? 'IN_PROGRESS' : 'ACCEPTED', 'CLOSED', null, 'receiver', 17, 0.1, 0.3);
        }
        const comments = u(18) < 0.5 ? 0 : u(19) < 0.7 ? 1 : 2;
        for (let m = 0; m < comments; m++) {
          const bySender = !receiver || u(20 + m) < 0.5;
          const commentAt = createdAtMs + Math.floor((Math.min(at, now - 1000) - createdAtMs) * u(22 + m)) + 500 + m;
          const author = bySender ? org : actingOrg;
          steps.push({ kind: 'COMMENTED', from: null, to: null, note: pick(COMMENTS[author.language], T.referral, r, 24 + m), org: author, user: bySender ? sender : receiverUser, at: commentAt, related: null });
        }
        steps.sort((a, b) => a.at - b.at);
        for (let s = 1; s < steps.length; s++) if (steps[s].at <= steps[s - 1].at) steps[s].at = steps[s - 1].at + 1;
        const bumps = steps.filter((s) => s.kind === 'STATUS_CHANGED' || s.kind === 'ASSIGNED').length;
        const lastBump = [...steps].reverse().find((s) => s.kind === 'STATUS_CHANGED' || s.kind === 'ASSIGNED');

        const ended = status === 'COMPLETED' || status === 'CLOSED' ? steps.find((step) => step.to === status) : undefined;
        const completed = status === 'COMPLETED';
        const successful = completed && u(30) < 0.8;
        const outcome = completed ? (successful ? 'SUCCESSFUL' : 'NOT_SUCCESSFUL') : status === 'CLOSED' ? 'NOT_SUCCESSFUL' : null;
        const outcomeReason = outcome === 'NOT_SUCCESSFUL' ? pick(OUTCOME_REASONS, T.referral, r, 31) : null;
        const program = receiver ? programFor(plan, org, createdAtMs, u(32), u(33)) : null;
        const dueOn = u(34) < 0.7 ? isoDate(createdAtMs + rndInt(T.referral, r, 35, 3, 30) * DAY) : null;
        const id = uuid(T.referral, r);
        referrals.add([
          org.id, id, receiver?.id ?? null,
          logged ? (org.language === 'vi' ? 'Ngôi nhà Bình yên (Hà Nội)' : org.language === 'ar' ? 'دار الأمان – عمّان' : 'City Council Housing Office') : null,
          service?.id ?? null, client.id, consent?.id ?? null, override ? 'Nguy cơ bị bạo lực ngay lập tức, không liên lạc được với người giám hộ' : null,
          consent ? consent.fields : override ? ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER'] : [],
          pick(REFERRAL_REASONS[org.language], T.referral, r, 36), u(37) < 0.4 ? pick(REFERRAL_NEEDS[org.language], T.referral, r, 38) : null,
          weighted([['ROUTINE', 75], ['URGENT', 20], ['EMERGENCY', 5]] as const, u(39)), dueOn, status, 1 + bumps, sender.id, assignee,
          outcome, outcomeReason, completed ? successful : status === 'CLOSED' ? false : null, null, null,
          iso(createdAtMs), iso(lastBump?.at ?? createdAtMs), program ? plan.orgs[program.lead].id : null, program?.id ?? null,
          ended ? iso(receiverAccessEnd(new Date(ended.at), null).getTime()) : null,
        ]);
        for (const step of steps) {
          events.add([
            org.id, uuid(T.referralEvent, eventIndex++), receiver?.id ?? null, id, step.kind, step.from, step.to, step.note, step.org.id,
            step.user.id, step.user.displayName, step.related, iso(step.at),
          ]);
        }
      }
      if (++done % 500 === 0) {
        await Promise.all(writers.map((writer) => writer.pump()));
        await breathe();
        bar.update(done, { note: `${referralIndex.toLocaleString('en')} referrals` });
      }
    }
  }
  bar.update(done, { note: `${referralIndex.toLocaleString('en')} referrals` });
  counts.clients = await clients.end();
  counts.consents = await consents.end();
  counts.referrals = await referrals.end();
  counts.referral_events = await events.end();
  bar.stop();
}

/** A programme the sender delivers in and that had started, for some of its referrals. */
function programFor(plan: Plan, org: OrgPlan, at: number, u1: number, u2: number): ProgramPlan | null {
  if (!org.delivers.length || u1 >= 0.4) return null;
  const program = plan.programs[org.delivers[Math.floor(u2 * org.delivers.length)]];
  return dateMs(program.startsOn) <= at ? program : null;
}

/** Programmes, members, results framework, reported values, enrolments and deliveries. */
async function writePrograms(url: string, plan: Plan, counts: Record<string, number>): Promise<void> {
  const client = await connect(url);
  const { now } = plan;
  const programs = new CopyWriter(client, 'programs', [
    'organization_id', 'id', 'name', 'description', 'starts_on', 'ends_on', 'regions', 'target_populations', 'sdg_targets', 'suppression_threshold',
    'created_by_user_id', 'version', 'created_at', 'updated_at',
  ]);
  for (const p of plan.programs) {
    const lead = plan.orgs[p.lead];
    const createdAt = dateMs(p.startsOn) - 30 * DAY;
    programs.add([
      lead.id, p.id, p.name, null, p.startsOn, p.endsOn, p.regions, ['SURVIVOR_OF_VIOLENCE', 'CHILD_WITHOUT_PARENTAL_CARE'], ['5.2', '16.2'],
      p.threshold, plan.users[lead.admin].id, 1, iso(createdAt), iso(createdAt),
    ]);
  }
  counts.programs = await programs.end();

  const members = new CopyWriter(client, 'program_members', ['organization_id', 'id', 'program_id', 'member_organization_id', 'role', 'status', 'version', 'created_at', 'updated_at']);
  let memberIndex = 0;
  for (const p of plan.programs) {
    const createdAt = dateMs(p.startsOn) - 20 * DAY;
    for (const m of p.members) {
      members.add([plan.orgs[p.lead].id, uuid(T.programMember, memberIndex++), p.id, plan.orgs[m.organization].id, m.role, m.status, m.status === 'ACTIVE' && m.role !== 'LEAD' ? 2 : m.status === 'REMOVED' ? 3 : 1, iso(createdAt), iso(createdAt)]);
    }
  }
  counts.program_members = await members.end();

  const results = new CopyWriter(client, 'program_results', ['organization_id', 'id', 'program_id', 'type', 'title', 'description', 'created_at']);
  for (const p of plan.programs) {
    const lead = plan.orgs[p.lead];
    const vi = lead.language === 'vi';
    const createdAt = dateMs(p.startsOn) - 25 * DAY;
    results.add([lead.id, p.resultIds[0], p.id, 'OUTPUT', vi ? 'Người bị ảnh hưởng được hỗ trợ kịp thời' : 'People affected get timely support', null, iso(createdAt)]);
    results.add([lead.id, p.resultIds[1], p.id, 'OUTCOME', vi ? 'Cộng đồng phòng ngừa, phát hiện và chuyển gửi' : 'Communities prevent, detect and refer', null, iso(createdAt + 1000)]);
  }
  counts.program_results = await results.end();

  const indicators = new CopyWriter(client, 'indicators', [
    'organization_id', 'id', 'program_id', 'result_id', 'code', 'name', 'description', 'measure', 'aggregation', 'direction', 'source',
    'service_category_code', 'baseline_value', 'baseline_year', 'disaggregations', 'created_at',
  ]);
  const targets = new CopyWriter(await connect(url), 'indicator_targets', ['organization_id', 'id', 'program_id', 'indicator_id', 'period_type', 'period_start', 'dimension', 'dimension_value', 'value'], true);
  const reported = new CopyWriter(await connect(url), 'reported_values', [
    'organization_id', 'id', 'program_id', 'indicator_id', 'reporter_organization_id', 'period_type', 'period_start', 'dimension', 'dimension_value',
    'value', 'revision', 'status', 'note', 'submitted_by_user_id', 'reviewed_by_user_id', 'reviewed_at', 'review_note', 'created_at',
  ], true);
  let targetIndex = 0;
  let reportedIndex = 0;
  for (const p of plan.programs) {
    const lead = plan.orgs[p.lead];
    const deliverers = p.members.filter((m) => m.status === 'ACTIVE' && m.role !== 'FUNDER');
    const quarters: string[] = [];
    for (let year = Number(p.startsOn.slice(0, 4)); year <= 2027; year++) for (const month of ['01', '04', '07', '10']) quarters.push(`${year}-${month}-01`);
    for (const indicator of p.indicators) {
      indicators.add([
        lead.id, indicator.id, p.id, p.resultIds[indicator.result], indicator.code, indicator.name, null, 'UNIT', indicator.aggregation, 'HIGHER_IS_BETTER',
        indicator.source, indicator.category, indicator.baseline, indicator.baseline === null ? null : 2024, indicator.disaggregations, iso(dateMs(p.startsOn) - 24 * DAY),
      ]);
      const scale = indicator.source === 'SERVICE_DELIVERIES' ? 200 : indicator.source === 'REPORTED' ? 12 : 100;
      for (const quarter of quarters) {
        const value = Math.round(scale * (0.5 + rnd(T.indicatorTarget, targetIndex, 1)));
        targets.add([lead.id, uuid(T.indicatorTarget, targetIndex++), p.id, indicator.id, 'QUARTER', quarter, null, null, value]);
        if (indicator.disaggregations.includes('SEX') && indicator.source !== 'REPORTED') {
          targets.add([lead.id, uuid(T.indicatorTarget, targetIndex++), p.id, indicator.id, 'QUARTER', quarter, 'SEX', 'FEMALE', Math.round(value * 0.6)]);
          targets.add([lead.id, uuid(T.indicatorTarget, targetIndex++), p.id, indicator.id, 'QUARTER', quarter, 'SEX', 'MALE', Math.round(value * 0.4)]);
        }
      }
      if (indicator.source !== 'REPORTED') continue;
      // Each partner reports its figure for every finished quarter; the lead approves, sometimes after a correction.
      for (const quarter of quarters.filter((q) => dateMs(q) + 92 * DAY < now)) {
        for (const member of deliverers.slice(0, 2)) {
          const reporter = plan.orgs[member.organization];
          const submitter = plan.users[reporter.coordinators[0] ?? reporter.admin];
          const reviewer = plan.users[lead.coordinators[0] ?? lead.admin];
          const submittedAt = dateMs(quarter) + 95 * DAY;
          const cells: [string | null, string | null, number][] =
            indicator.disaggregations.includes('SEX')
              ? (() => {
                  const female = rndInt(T.reportedValue, reportedIndex, 1, 0, 14);
                  const male = rndInt(T.reportedValue, reportedIndex, 2, 0, 9);
                  return [[null, null, female + male], ['SEX', 'FEMALE', female], ['SEX', 'MALE', male]];
                })()
              : [[null, null, rndInt(T.reportedValue, reportedIndex, 1, 4, 20)]];
          const corrected = rnd(T.reportedValue, reportedIndex, 3) < 0.1;
          const pending = submittedAt > now - 20 * DAY;
          for (const [dimension, value, amount] of cells) {
            const revisions: [number, string, number][] = corrected ? [[1, 'SUPERSEDED', amount - 1], [2, pending ? 'SUBMITTED' : 'APPROVED', amount]] : [[1, pending ? 'SUBMITTED' : 'APPROVED', amount]];
            for (const [revision, status, figure] of revisions) {
              const reviewed = status !== 'SUBMITTED';
              reported.add([
                lead.id, uuid(T.reportedValue, reportedIndex++), p.id, indicator.id, reporter.id, 'QUARTER', quarter, dimension, value, Math.max(0, figure), revision, status,
                null, submitter.id, reviewed ? reviewer.id : null, reviewed ? iso(submittedAt + revision * DAY) : null, null, iso(submittedAt + (revision - 1) * DAY),
              ]);
            }
          }
        }
      }
    }
  }
  counts.indicators = await indicators.end();
  counts.indicator_targets = await targets.end();
  counts.reported_values = await reported.end();

  // Enrolments and deliveries: each delivering member enrols some of its own clients and records their services.
  const enrollments = new CopyWriter(await connect(url), 'program_enrollments', [
    'organization_id', 'id', 'program_id', 'member_organization_id', 'client_id', 'enrolled_on', 'sex', 'age_band', 'disability', 'region',
    'population_groups', 'enrolled_by_user_id', 'created_at',
  ], true);
  const deliveries = new CopyWriter(await connect(url), 'service_deliveries', [
    'organization_id', 'id', 'program_id', 'member_organization_id', 'enrollment_id', 'service_id', 'category_code', 'delivered_on', 'recorded_by_user_id', 'created_at',
  ], true);
  const seats = plan.programs.reduce((sum, p) => sum + p.members.filter((m) => m.status === 'ACTIVE' && m.role !== 'FUNDER').length, 0);
  const perEnrollment = 4;
  const quota = Math.max(1, Math.round(plan.sizes.deliveries / perEnrollment / seats));

  const bar = progressBar('enrolments and deliveries', plan.sizes.deliveries, 'deliveries');
  let enrollmentIndex = 0;
  let deliveryIndex = 0;
  // Deliveries per enrolment are scaled as we go, so that the total lands on the requested size.
  const plannedEnrollments = plan.programs.reduce(
    (sum, p) => sum + p.members.filter((m) => m.status === 'ACTIVE' && m.role !== 'FUNDER').reduce((s, m) => s + Math.min(quota, plan.orgs[m.organization].clientCount), 0),
    0,
  );
  let carried = 0;
  for (const p of plan.programs) {
    const lead = plan.orgs[p.lead];
    const startMs = dateMs(p.startsOn);
    const endMs = Math.min(now - DAY, dateMs(p.endsOn));
    for (const m of p.members.filter((member) => member.status === 'ACTIVE' && member.role !== 'FUNDER')) {
      const member = plan.orgs[m.organization];
      const count = Math.min(quota, member.clientCount);
      const first = Math.floor(rnd(T.programPlan, p.index * 1000 + m.organization, 1) * member.clientCount);
      const staff = [...member.caseworkers, ...member.coordinators];
      for (let k = 0; k < count; k++) {
        const e = enrollmentIndex++;
        const ci = member.clientStart + ((first + k) % member.clientCount);
        const client = clientOf(member, ci, now);
        const enrolledMs = startMs + Math.floor(rnd(T.enrollment, e, 1) * (endMs - startMs) / DAY) * DAY;
        const enrolledOn = isoDate(enrolledMs);
        const attributes = enrollmentAttributes(client, enrolledOn, p.regions);
        const by = plan.users[staff[e % staff.length]];
        const enrollmentId = uuid(T.enrollment, e);
        enrollments.add([
          lead.id, enrollmentId, p.id, member.id, client.id, enrolledOn, attributes.sex, attributes.ageBand, attributes.disability, attributes.region,
          attributes.populationGroups, by.id, iso(enrolledMs + 9 * 3_600_000),
        ]);
        // An exponential share of the deliveries (mean 1), carried so that the total lands on the requested size.
        carried += (plan.sizes.deliveries / plannedEnrollments) * -Math.log(1 - rnd(T.enrollment, e, 2));
        const n = Math.max(0, Math.round(carried) - deliveryIndex);
        for (let d = 0; d < n; d++) {
          const di = deliveryIndex++;
          const service = member.services[Math.floor(rnd(T.delivery, di, 1) * member.services.length)];
          const deliveredMs = enrolledMs + Math.floor(rnd(T.delivery, di, 2) * (endMs - enrolledMs) / DAY) * DAY;
          deliveries.add([lead.id, uuid(T.delivery, di), p.id, member.id, enrollmentId, service.id, service.category, isoDate(deliveredMs), by.id, iso(deliveredMs + 10 * 3_600_000)]);
        }
        if (e % 200 === 0) {
          await Promise.all([enrollments.pump(), deliveries.pump()]);
          await breathe();
          bar.update(Math.min(deliveryIndex, plan.sizes.deliveries));
        }
      }
    }
  }
  bar.update(deliveryIndex);
  counts.program_enrollments = await enrollments.end();
  counts.service_deliveries = await deliveries.end();
  bar.stop();
  await client.end();
}

/**
 * The rollups, as `rollUp` in src/modules/programs/activity.service.ts keeps them on every write,
 * computed over all rows at once: each person counts once per period and category in
 * program_person_periods; program_metric_cells counts people enrolled, people served and deliveries
 * for the TOTAL cell and every dimension value of the person, and program_member_metric_cells the
 * same per member. Then the referral funnel facts, as
 * sendReferral and syncProgramFact keep them: sent, accepted and finished on the days of those steps.
 */
const ROLLUP_SQL = [
  `INSERT INTO program_person_periods (organization_id, program_id, enrollment_id, metric, category_code, period_type, period_start, member_organization_id)
   SELECT e.organization_id, e.program_id, e.id, 'PEOPLE_ENROLLED', '', p.kind, date_trunc(lower(p.kind), e.enrolled_on)::date, e.member_organization_id
     FROM program_enrollments e CROSS JOIN unnest(ARRAY['MONTH', 'QUARTER', 'YEAR']) AS p(kind)`,
  `INSERT INTO program_person_periods (organization_id, program_id, enrollment_id, metric, category_code, period_type, period_start, member_organization_id)
   SELECT DISTINCT d.organization_id, d.program_id, d.enrollment_id, 'PEOPLE_SERVED', c.category_code, p.kind, date_trunc(lower(p.kind), d.delivered_on)::date, d.member_organization_id
     FROM service_deliveries d
    CROSS JOIN LATERAL (VALUES (''), (d.category_code)) AS c(category_code)
    CROSS JOIN unnest(ARRAY['MONTH', 'QUARTER', 'YEAR']) AS p(kind)`,
  `CREATE TEMP TABLE bench_cells AS
   SELECT e.organization_id, e.id AS enrollment_id, x.dimension, x.dimension_value
     FROM program_enrollments e
    CROSS JOIN LATERAL (
          SELECT 'TOTAL', '' UNION ALL SELECT 'SEX', e.sex UNION ALL SELECT 'AGE_BAND', e.age_band
          UNION ALL SELECT 'DISABILITY', CASE WHEN e.disability THEN 'YES' ELSE 'NO' END UNION ALL SELECT 'REGION', e.region
          UNION ALL SELECT 'POPULATION_GROUP', g FROM unnest(e.population_groups) AS g) AS x(dimension, dimension_value)`,
  `ANALYZE bench_cells`,
  `INSERT INTO program_metric_cells (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
   SELECT pp.organization_id, pp.program_id, pp.metric, pp.category_code, pp.period_type, pp.period_start, c.dimension, c.dimension_value, count(*)
     FROM program_person_periods pp
     JOIN bench_cells c ON c.organization_id = pp.organization_id AND c.enrollment_id = pp.enrollment_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  `INSERT INTO program_metric_cells (organization_id, program_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
   SELECT d.organization_id, d.program_id, 'SERVICE_DELIVERIES', k.category_code, p.kind, date_trunc(lower(p.kind), d.delivered_on)::date, c.dimension, c.dimension_value, count(*)
     FROM service_deliveries d
    CROSS JOIN LATERAL (VALUES (''), (d.category_code)) AS k(category_code)
    CROSS JOIN unnest(ARRAY['MONTH', 'QUARTER', 'YEAR']) AS p(kind)
     JOIN bench_cells c ON c.organization_id = d.organization_id AND c.enrollment_id = d.enrollment_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  `INSERT INTO program_member_metric_cells
          (organization_id, program_id, member_organization_id, metric, category_code, period_type, period_start, dimension, dimension_value, value)
   SELECT organization_id, program_id, member_organization_id, metric, category_code, period_type, period_start, dimension, dimension_value, sum(n)
     FROM (SELECT pp.organization_id, pp.program_id, pp.member_organization_id, pp.metric, pp.category_code, pp.period_type, pp.period_start,
                  c.dimension, c.dimension_value, count(*) AS n
             FROM program_person_periods pp
             JOIN bench_cells c ON c.organization_id = pp.organization_id AND c.enrollment_id = pp.enrollment_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
           UNION ALL
           SELECT d.organization_id, d.program_id, d.member_organization_id, 'SERVICE_DELIVERIES', k.category_code, p.kind,
                  date_trunc(lower(p.kind), d.delivered_on)::date, c.dimension, c.dimension_value, count(*)
             FROM service_deliveries d
            CROSS JOIN LATERAL (VALUES (''), (d.category_code)) AS k(category_code)
            CROSS JOIN unnest(ARRAY['MONTH', 'QUARTER', 'YEAR']) AS p(kind)
             JOIN bench_cells c ON c.organization_id = d.organization_id AND c.enrollment_id = d.enrollment_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) counted
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  `DROP TABLE bench_cells`,
  `INSERT INTO program_referral_facts (organization_id, referral_id, program_id, sender_organization_id, receiving_organization_id, sent_on, accepted_on, finished_on, status, outcome)
   SELECT r.program_organization_id, r.id, r.program_id, r.organization_id, r.receiving_organization_id, (r.created_at AT TIME ZONE 'UTC')::date,
          steps.accepted_on, steps.finished_on, r.status, r.outcome
     FROM referrals r
     LEFT JOIN (
          SELECT ev.organization_id, ev.referral_id,
                 min((ev.created_at AT TIME ZONE 'UTC')::date) FILTER (WHERE ev.to_status = 'ACCEPTED') AS accepted_on,
                 max((ev.created_at AT TIME ZONE 'UTC')::date) FILTER (WHERE ev.to_status IN ('DECLINED', 'CANCELLED', 'COMPLETED', 'CLOSED')) AS finished_on
            FROM referral_events ev
           WHERE ev.kind = 'STATUS_CHANGED'
             AND (ev.organization_id, ev.referral_id) IN (SELECT organization_id, id FROM referrals WHERE program_id IS NOT NULL)
           GROUP BY 1, 2) steps ON steps.organization_id = r.organization_id AND steps.referral_id = r.id
    WHERE r.program_id IS NOT NULL`,
];

/**
 * Who the load test acts as, read from the database on each run (so that changing the choice needs
 * no rebuild): organizations near the 75th percentile of received referrals, signed in as their
 * first coordinator, and the funders of programmes near the 75th percentile of deliveries.
 */
export async function chooseFixtures(db: Client): Promise<Fixtures> {
  const { rows: inbox } = await db.query(
    `SELECT r.receiving_organization_id AS id, o.name, count(*)::int AS n FROM referrals r JOIN organizations o ON o.id = r.receiving_organization_id
      GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
  );
  const skip = Math.floor(inbox.length * 0.25);
  const tenants: Fixtures['tenants'] = [];
  for (const org of inbox.slice(skip)) {
    const { rows: staff } = await db.query(
      `SELECT u.id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.role IN ('COORDINATOR', 'CASEWORKER') ORDER BY m.created_at, m.id`,
      [org.id],
    );
    const coordinator = staff.find((m) => m.role === 'COORDINATOR');
    const caseworkers = staff.filter((m) => m.role === 'CASEWORKER');
    if (!coordinator || caseworkers.length < 2) continue;
    const { rows: detail } = await db.query(
      `(SELECT id FROM referrals WHERE receiving_organization_id = $1 ORDER BY md5(id::text) LIMIT 40)
       UNION ALL (SELECT id FROM referrals WHERE organization_id = $1 ORDER BY md5(id::text) LIMIT 40)`,
      [org.id],
    );
    const { rows: writable } = await db.query(`SELECT id FROM referrals WHERE receiving_organization_id = $1 ORDER BY md5(id::text || 'w') LIMIT 250`, [org.id]);
    tenants.push({
      organizationId: org.id,
      name: org.name,
      email: coordinator.email,
      userId: coordinator.id,
      assignees: caseworkers.slice(0, 2).map((m) => m.id),
      referralIds: detail.map((r) => r.id),
      writableReferralIds: writable.map((r) => r.id),
    });
    if (tenants.length === 8) break;
  }

  const { rows: busy } = await db.query(
    `SELECT d.program_id AS id, p.name, count(*)::int AS n FROM service_deliveries d JOIN programs p ON p.organization_id = d.organization_id AND p.id = d.program_id
      GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
  );
  const dashboards: Fixtures['dashboards'] = [];
  for (const program of busy.slice(Math.floor(busy.length * 0.25))) {
    const { rows: funders } = await db.query(
      `SELECT m.member_organization_id AS id, k.secret FROM program_members m JOIN bench.api_key_secrets k ON k.organization_id = m.member_organization_id
        WHERE m.program_id = $1 AND m.role = 'FUNDER' AND m.status = 'ACTIVE' ORDER BY m.created_at, m.id LIMIT 1`,
      [program.id],
    );
    if (!funders.length) continue;
    dashboards.push({ programId: program.id, name: program.name, funderOrganizationId: funders[0].id, apiKey: funders[0].secret, deliveries: program.n });
    if (dashboards.length === 4) break;
  }
  return { password: BENCH_PASSWORD, tenants, dashboards };
}
