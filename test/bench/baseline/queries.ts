/**
 * The baseline's hand-written SQL: for each read operation, one statement that authorizes, reads
 * everything the response needs (and writes the audit rows the app writes), sent with the
 * transaction's start, its RLS settings and its commit in one round trip. The same text runs as the
 * application role (under the RLS policies) and as a BYPASSRLS role, so the difference is the policies.
 */
import { randomUUID } from 'node:crypto';
import { escapeLiteral } from 'pg';
import { foldForSearch, containsPattern } from '../../../src/common/search-text';
import { ageBandOn } from '../../../src/modules/clients/client.enums';
import { Dimension, PeriodType } from '../../../src/modules/programs/program.enums';
import { periodStarts } from '../../../src/modules/programs/periods';
import { dashboardJson, type DashboardRows } from './metrics';

export type Principal =
  | { kind: 'user'; organizationId: string; userId: string; sessionId: string }
  | { kind: 'apiKey'; secretHash: string };

/**
 * A read: its statement (prepared once per connection under `name`) with its parameters, the
 * statements that open the transaction and apply the tenant settings before it, and how to shape
 * its rows into the response.
 */
export interface Plan {
  name: string;
  /** The data statement, with $n parameters cast to their types. */
  text: string;
  types: string[];
  values: unknown[];
  /** BEGIN and the RLS settings, as a string of statements. */
  opening: string;
  /** How many statements `opening` has. */
  openingStatements: number;
  shape(rows: Record<string, unknown>[]): unknown;
}

/** Collects a statement's parameters; `add` returns the placeholder, cast to the type. */
class Params {
  values: unknown[] = [];
  types: string[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    this.types.push(type);
    return `$${this.values.length}::${type}`;
  }
}

export class NotFound extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidLiteral(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new NotFound('not an id');
  return `'${value}'::uuid`;
}

const CLIENT_FIELDS = ['FULL_NAME', 'BIRTH_DATE', 'AGE_BAND', 'SEX_AND_GENDER', 'PREFERRED_LANGUAGE', 'PHONE', 'EMAIL', 'ADDRESS', 'REGION', 'VULNERABILITIES'];
const FHIR: Record<string, string> = {
  SENT: 'requested',
  ACCEPTED: 'accepted',
  DECLINED: 'rejected',
  CANCELLED: 'cancelled',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'completed',
  CLOSED: 'failed',
};
const OPEN = ['SENT', 'ACCEPTED', 'IN_PROGRESS'];

/** BEGIN and the tenant settings as the app applies them; an API key is looked up by its hash and sets its organization, in the same round trip. */
function opening(principal: Principal): { opening: string; openingStatements: number } {
  if (principal.kind === 'user') {
    return {
      opening: `BEGIN; SELECT set_config('app.organization_id', '${principal.organizationId}', true), set_config('app.user_id', '${principal.userId}', true), set_config('app.lookup_hash', '', true), set_config('app.login_email', '', true);`,
      openingStatements: 2,
    };
  }
  const hash = escapeLiteral(principal.secretHash);
  return {
    opening: `BEGIN; SELECT set_config('app.lookup_hash', ${hash}, true), set_config('app.user_id', '', true), set_config('app.login_email', '', true);
    SELECT set_config('app.organization_id', coalesce((SELECT organization_id::text FROM api_keys WHERE secret_hash = ${hash} AND revoked_at IS NULL AND 'METRICS_READ' = ANY(scopes)), ''), true);`,
    openingStatements: 3,
  };
}

/** The session check the app runs on every request with an access token (auth.service.ts verifyCredential). */
function session(principal: Extract<Principal, { kind: 'user' }>, params: Params): { cte: string; org: string; user: string } {
  const org = params.add(principal.organizationId, 'uuid');
  const user = params.add(principal.userId, 'uuid');
  const sid = params.add(principal.sessionId, 'uuid');
  return {
    cte: `me AS (SELECT m.role FROM memberships m JOIN auth_sessions s ON s.organization_id = m.organization_id AND s.user_id = m.user_id
     WHERE m.organization_id = ${org} AND m.user_id = ${user} AND s.id = ${sid} AND s.revoked_at IS NULL)`,
    org,
    user,
  };
}

/**
 * The columns a referral's response needs, joined by primary keys: both organizations, the service
 * and its category, the assignee, the client, its consent, and the agreement in force between the
 * viewer and the other side, with the client fields the viewer may see (client-field.ts, in SQL).
 */
function referralRows(from: string, viewer: string): string {
  return `rows AS (
    SELECT p.id, p.organization_id, p.receiving_organization_id, p.status, p.version, p.urgency, p.reason, p.needs, p.due_on::text AS due_on,
           p.created_at, p.client_id, p.consent_id, p.assigned_user_id,
           so.name AS sender_name, ro.name AS receiver_name, s.id AS service_id, s.name AS service_name, s.category_code, sc.name AS category_name,
           u.id AS assignee_id, u.display_name AS assignee_name,
           c.id AS c_id, c.full_name, c.preferred_name, c.birth_date::text AS birth_date, c.age_band, c.sex, c.region, c.vulnerabilities,
           co.id AS co_id, (co.revoked_at IS NULL AND (co.expires_at IS NULL OR co.expires_at > now())) AS consent_in_force,
           CASE WHEN p.organization_id = ${viewer} THEN ARRAY[${CLIENT_FIELDS.map((f) => `'${f}'`).join(', ')}]
                WHEN p.consent_id IS NOT NULL AND co.id IS NULL THEN ARRAY[]::text[]
                -- Declined or cancelled, or past the access window after completion (referral.lifecycle.ts).
                WHEN p.status IN ('DECLINED', 'CANCELLED')
                  OR (p.status IN ('COMPLETED', 'CLOSED') AND (p.receiver_access_until IS NULL OR p.receiver_access_until <= now())) THEN ARRAY[]::text[]
                ELSE ARRAY(SELECT f FROM unnest(ARRAY[${CLIENT_FIELDS.map((f) => `'${f}'`).join(', ')}]) WITH ORDINALITY AS x(f, n)
                            WHERE f = ANY(p.shared_fields)
                              AND (p.consent_id IS NULL OR (co.revoked_at IS NULL AND (co.expires_at IS NULL OR co.expires_at > now()) AND f = ANY(co.shared_fields)))
                              AND (CASE WHEN f = 'VULNERABILITIES' THEN 'HEALTH_AND_PROTECTION' ELSE 'IDENTITY_AND_CONTACT' END) = ANY(
                                    CASE WHEN pa.status IN ('ACTIVE', 'SUSPENDED') AND pa.starts_on <= (now() AT TIME ZONE 'UTC')::date
                                              AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE 'UTC')::date)
                                         THEN CASE WHEN pa.organization_id = p.organization_id THEN pa.proposer_shares ELSE pa.partner_shares END
                                         ELSE ARRAY[]::text[] END)
                            ORDER BY n)
           END AS visible_fields
      FROM ${from} p
      JOIN organizations so ON so.id = p.organization_id
      LEFT JOIN organizations ro ON ro.id = p.receiving_organization_id
      LEFT JOIN services s ON s.organization_id = p.receiving_organization_id AND s.id = p.service_id
      LEFT JOIN service_categories sc ON sc.code = s.category_code
      LEFT JOIN users u ON u.id = p.assigned_user_id AND p.receiving_organization_id = ${viewer}
      LEFT JOIN clients c ON c.organization_id = p.organization_id AND c.id = p.client_id
      LEFT JOIN consents co ON co.organization_id = p.organization_id AND co.id = p.consent_id
      LEFT JOIN LATERAL (
           SELECT x.status, x.starts_on, x.ends_on, x.organization_id, x.proposer_shares, x.partner_shares FROM partnerships x
            WHERE x.status IN ('ACTIVE', 'SUSPENDED') AND p.organization_id <> ${viewer}
              AND ((x.organization_id = ${viewer} AND x.partner_organization_id = p.organization_id)
                OR (x.partner_organization_id = ${viewer} AND x.organization_id = p.organization_id))
            LIMIT 1) pa ON true)`;
}

/** The app audits every read of a client's personal fields: one row per client per request. */
function auditRows(org: string, user: string, requestId: string): string {
  return `audit AS (
    INSERT INTO audit_events (organization_id, id, subject_organization_id, actor_user_id, actor_api_key_id, action, entity_type, entity_id, request_id, actor_name)
    SELECT DISTINCT ON (organization_id, c_id) ${org}, gen_random_uuid(), nullif(organization_id, ${org}), ${user}, NULL::uuid, 'readClient', 'Client', c_id, ${requestId},
           (SELECT u.display_name FROM users u WHERE u.id = ${user})
      FROM rows WHERE c_id IS NOT NULL AND cardinality(visible_fields) > 0
    RETURNING 1)`;
}

const today = () => new Date().toISOString().slice(0, 10);

function clientJson(row: Record<string, unknown>, viewer: string, fields: readonly string[]) {
  if (!row.c_id) return null;
  // A receiver that cannot see the consent the referral rests on sees no client (client.views.ts).
  if (row.organization_id !== viewer && row.consent_id && !row.co_id) return null;
  const visible = row.visible_fields as string[];
  const show = (field: string, value: unknown) => (visible.includes(field) ? value : null);
  const ageBand = row.birth_date ? ageBandOn(row.birth_date as string, new Date()) : row.age_band;
  const all: Record<string, unknown> = {
    id: row.c_id,
    visibleFields: visible,
    fullName: show('FULL_NAME', row.full_name),
    preferredName: show('FULL_NAME', row.preferred_name),
    ageBand: show('AGE_BAND', ageBand),
    sex: show('SEX_AND_GENDER', row.sex),
    region: show('REGION', row.region),
    vulnerabilities: show('VULNERABILITIES', row.vulnerabilities),
  };
  return Object.fromEntries(fields.map((field) => [field, all[field]]));
}

const overdue = (row: Record<string, unknown>) => row.due_on !== null && (row.due_on as string) < today() && OPEN.includes(row.status as string);
const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function inbox(principal: Principal, variables: Record<string, unknown>): Plan {
  if (principal.kind !== 'user') throw new NotFound('people only');
  const first = Number(variables.first);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new NotFound('first');
  const params = new Params();
  const me = session(principal, params);
  const text = `WITH ${me.cte},
    page AS (SELECT r.* FROM referrals r WHERE r.receiving_organization_id = ${me.org} AND EXISTS (SELECT 1 FROM me)
              ORDER BY r.created_at DESC, r.id DESC LIMIT ${params.add(first + 1, 'int')}),
    ${referralRows('page', me.org)},
    ${auditRows(me.org, me.user, params.add(randomUUID(), 'uuid'))}
    SELECT rows.*, (SELECT count(*) FROM audit) AS audited, (SELECT count(*) FROM me) AS signed_in FROM rows ORDER BY created_at DESC, id DESC`;
  return {
    name: 'bench_inbox',
    text,
    types: params.types,
    values: params.values,
    ...opening(principal),
    shape(rows) {
      const edges = rows.slice(0, first).map((row) => ({
        cursor: cursor([(row.created_at as Date).toISOString(), row.id]),
        node: {
          id: row.id,
          status: row.status,
          version: row.version,
          urgency: row.urgency,
          reason: row.reason,
          dueOn: row.due_on,
          createdAt: (row.created_at as Date).toISOString(),
          overdue: overdue(row),
          fhirTaskStatus: FHIR[row.status as string],
          sender: { id: row.organization_id, name: row.sender_name },
          receiver: row.receiving_organization_id ? { id: row.receiving_organization_id, name: row.receiver_name } : null,
          service: row.service_id ? { id: row.service_id, name: row.service_name, category: { code: row.category_code, name: row.category_name } } : null,
          assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name } : null,
          client: clientJson(row, principal.organizationId, ['id', 'visibleFields', 'fullName', 'preferredName', 'ageBand', 'sex', 'region', 'vulnerabilities']),
        },
      }));
      return { referralInbox: { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } } };
    },
  };
}

export function referral(principal: Principal, variables: Record<string, unknown>): Plan {
  if (principal.kind !== 'user') throw new NotFound('people only');
  uuidLiteral(variables.id);
  const params = new Params();
  const me = session(principal, params);
  const id = params.add(variables.id, 'uuid');
  const text = `WITH ${me.cte},
    ref AS (SELECT r.* FROM referrals r WHERE r.id = ${id} AND (r.organization_id = ${me.org} OR r.receiving_organization_id = ${me.org}) AND EXISTS (SELECT 1 FROM me)),
    ${referralRows('ref', me.org)},
    ${auditRows(me.org, me.user, params.add(randomUUID(), 'uuid'))}
    SELECT rows.*, (SELECT count(*) FROM audit) AS audited,
           (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'note', e.note,
                     'actorName', e.actor_name, 'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                     'actorOrganization', json_build_object('id', ao.id, 'name', ao.name)) ORDER BY e.created_at, e.id), '[]')
              FROM referral_events e JOIN organizations ao ON ao.id = e.actor_organization_id
             WHERE e.organization_id = rows.organization_id AND e.referral_id = rows.id) AS timeline
      FROM rows`;
  return {
    name: 'bench_referral',
    text,
    types: params.types,
    values: params.values,
    ...opening(principal),
    shape(rows) {
      const row = rows[0];
      if (!row) throw new NotFound('Referral');
      const side = row.organization_id === principal.organizationId ? 'SENDER' : 'RECEIVER';
      return {
        referral: {
          id: row.id,
          status: row.status,
          version: row.version,
          urgency: row.urgency,
          reason: row.reason,
          needs: row.needs,
          dueOn: row.due_on,
          createdAt: (row.created_at as Date).toISOString(),
          overdue: overdue(row),
          viewerSide: side,
          fhirTaskStatus: FHIR[row.status as string],
          consentInForce: row.consent_id ? Boolean(row.co_id) && (row.consent_in_force as boolean) : null,
          sender: { id: row.organization_id, name: row.sender_name },
          receiver: row.receiving_organization_id ? { id: row.receiving_organization_id, name: row.receiver_name } : null,
          service: row.service_id ? { id: row.service_id, name: row.service_name } : null,
          assignee: side === 'RECEIVER' && row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name } : null,
          client: clientJson(row, principal.organizationId, ['id', 'visibleFields', 'fullName', 'ageBand', 'sex', 'region']),
          timeline: row.timeline,
        },
      };
    },
  };
}

export function directory(principal: Principal, variables: Record<string, unknown>): Plan {
  if (principal.kind !== 'user') throw new NotFound('people only');
  const first = Number(variables.first);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new NotFound('first');
  const search = foldForSearch(String(variables.search ?? ''));
  const params = new Params();
  const me = session(principal, params);
  const filter = search ? `AND s.search_text LIKE ${params.add(containsPattern(search), 'text')} ESCAPE '\\'` : '';
  const text = `WITH ${me.cte},
    page AS (SELECT s.* FROM services s WHERE s.status = 'ACTIVE' ${filter} AND EXISTS (SELECT 1 FROM me)
              ORDER BY s.search_name, s.id LIMIT ${params.add(first + 1, 'int')})
    SELECT p.id, p.organization_id, p.name, p.languages, p.accepting_referrals, p.search_name, o.name AS organization_name,
           p.category_code, sc.name AS category_name, p.capacity_unit, p.capacity_available, p.capacity_maximum, p.capacity_updated_at,
           (SELECT coalesce(json_agg(json_build_object('id', l.id, 'city', l.city, 'region', l.region, 'country', l.country) ORDER BY sal.created_at, sal.id), '[]')
              FROM service_at_locations sal JOIN locations l ON l.organization_id = sal.organization_id AND l.id = sal.location_id
             WHERE sal.organization_id = p.organization_id AND sal.service_id = p.id) AS locations
      FROM page p JOIN organizations o ON o.id = p.organization_id JOIN service_categories sc ON sc.code = p.category_code
     ORDER BY p.search_name, p.id`;
  return {
    name: search ? 'bench_directory_search' : 'bench_directory_all',
    text,
    types: params.types,
    values: params.values,
    ...opening(principal),
    shape(rows) {
      const edges = rows.slice(0, first).map((row) => {
        const available = row.capacity_available as number | null;
        const maximum = row.capacity_maximum as number | null;
        const capacity =
          row.capacity_unit === null || available === null || row.capacity_updated_at === null
            ? null
            : { unit: row.capacity_unit, available, maximum, low: maximum ? available <= maximum * 0.1 : available <= 1 };
        return {
          cursor: cursor([row.search_name, row.id]),
          node: {
            id: row.id,
            name: row.name,
            languages: row.languages,
            acceptingReferrals: row.accepting_referrals,
            organization: { id: row.organization_id, name: row.organization_name },
            category: { code: row.category_code, name: row.category_name },
            locations: row.locations,
            capacity,
          },
        };
      });
      return { services: { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } } };
    },
  };
}

export function dashboard(principal: Principal, variables: Record<string, unknown>): Plan {
  uuidLiteral(variables.programId);
  const from = String(variables.from);
  const to = String(variables.to);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) throw new NotFound('dates');
  const dimension = Dimension.SEX;
  const starts = periodStarts(from, to, PeriodType.QUARTER);
  const yearsFrom = `${starts[0].slice(0, 4)}-01-01`;
  const yearsTo = `${starts.at(-1)!.slice(0, 4)}-12-31`;
  const params = new Params();
  const me = principal.kind === 'user' ? params.add(principal.organizationId, 'uuid') : 'app_organization_id()';
  const programParam = params.add(variables.programId, 'uuid');
  const yearsFromParam = params.add(yearsFrom, 'date');
  const yearsToParam = params.add(yearsTo, 'date');
  const firstStart = params.add(starts[0], 'date');
  const lastStart = params.add(starts.at(-1), 'date');
  const dimensionParam = params.add(dimension, 'text');
  const text = `WITH prog AS (
      SELECT p.* FROM programs p WHERE p.id = ${programParam}
         AND EXISTS (SELECT 1 FROM program_members m WHERE m.organization_id = p.organization_id AND m.program_id = p.id
                        AND m.member_organization_id = ${me} AND m.status = 'ACTIVE'))
    SELECT json_build_object(
      'program', (SELECT json_build_object('id', id, 'name', name, 'threshold', suppression_threshold, 'regions', regions) FROM prog),
      'cells', (SELECT coalesce(json_agg(json_build_array(c.metric, c.category_code, c.period_type, to_char(c.period_start, 'YYYY-MM-DD'), c.dimension, c.dimension_value, c.value::float8)), '[]')
                  FROM program_metric_cells c JOIN prog ON c.organization_id = prog.organization_id AND c.program_id = prog.id
                 WHERE c.period_start BETWEEN ${yearsFromParam} AND ${yearsToParam} AND c.dimension IN ('TOTAL', ${dimensionParam})),
      'funnel', (SELECT coalesce(json_agg(f), '[]') FROM (
                  SELECT CASE WHEN GROUPING(month) = 0 THEN 'MONTH' WHEN GROUPING(quarter) = 0 THEN 'QUARTER' ELSE 'YEAR' END AS period_type,
                         to_char(coalesce(month, quarter, year), 'YYYY-MM-DD') AS period_start,
                         count(*)::int AS sent, count(accepted_on)::int AS accepted,
                         count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
                         count(*) FILTER (WHERE status = 'COMPLETED' AND outcome = 'SUCCESSFUL')::int AS successful,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY accepted_on - sent_on) AS median_accept,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY finished_on - sent_on) FILTER (WHERE status = 'COMPLETED') AS median_complete
                    FROM (SELECT f.*, date_trunc('month', sent_on)::date AS month, date_trunc('quarter', sent_on)::date AS quarter, date_trunc('year', sent_on)::date AS year
                            FROM program_referral_facts f JOIN prog ON f.organization_id = prog.organization_id AND f.program_id = prog.id
                           WHERE f.sent_on BETWEEN ${yearsFromParam} AND ${yearsToParam}) facts
                   GROUP BY GROUPING SETS ((month), (quarter), (year))) f),
      'results', (SELECT coalesce(json_agg(r.id ORDER BY r.created_at, r.id), '[]') FROM program_results r JOIN prog ON r.organization_id = prog.organization_id AND r.program_id = prog.id),
      'indicators', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'code', i.code, 'resultId', i.result_id, 'source', i.source, 'aggregation', i.aggregation,
                       'direction', i.direction, 'category', i.service_category_code, 'baseline', i.baseline_value::float8, 'disaggregations', i.disaggregations)), '[]')
                       FROM indicators i JOIN prog ON i.organization_id = prog.organization_id AND i.program_id = prog.id),
      'targets', (SELECT coalesce(json_agg(json_build_array(t.indicator_id, to_char(t.period_start, 'YYYY-MM-DD'), t.dimension, t.dimension_value, t.value::float8)), '[]')
                    FROM indicator_targets t JOIN prog ON t.organization_id = prog.organization_id AND t.program_id = prog.id
                   WHERE t.period_type = 'QUARTER' AND t.period_start BETWEEN ${firstStart} AND ${lastStart}),
      'reported', (SELECT coalesce(json_agg(json_build_array(v.indicator_id, to_char(v.period_start, 'YYYY-MM-DD'), v.dimension, v.dimension_value, v.value::float8)), '[]')
                     FROM reported_values v JOIN prog ON v.organization_id = prog.organization_id AND v.program_id = prog.id
                    WHERE v.period_type = 'QUARTER' AND v.period_start BETWEEN ${firstStart} AND ${lastStart} AND v.status = 'APPROVED')
    ) AS dashboard`;
  return {
    name: principal.kind === 'user' ? 'bench_dashboard_user' : 'bench_dashboard_key',
    text,
    types: params.types,
    values: params.values,
    ...opening(principal),
    shape(rows) {
      const data = rows[0].dashboard as DashboardRows;
      if (!data.program) throw new NotFound('Program');
      return { programMetrics: dashboardJson(data, PeriodType.QUARTER, from, to, dimension) };
    },
  };
}
