/**
 * `--explain`: EXPLAIN (ANALYZE, BUFFERS) of the hot queries, as the application role with a
 * tenant's settings (so the plans include the RLS policies), each in a transaction rolled back:
 * the statements the server sends for each operation (as TypeORM builds them, with real values), the
 * baseline's single statements, and the server's top statements by database time in each run.
 */
import { Client } from 'pg';
import { containsPattern, foldForSearch } from '../../src/common/search-text';
import { dashboard, directory, inbox, referral, type Principal } from './baseline/queries';
import type { Fixtures } from './generate';
import type { RunResult } from './load';
import { DASHBOARD_YEAR, DIRECTORY_PAGE_SIZE, INBOX_PAGE_SIZE } from './operations';

interface HotQuery {
  title: string;
  organizationId: string;
  userId: string | null;
  sql: string;
  params: unknown[];
}

function claimsOf(token: string): { sub: string; org: string; sid: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export async function explainHotQueries(
  appUrl: string,
  fixtures: Fixtures,
  session: { tenant: Fixtures['tenants'][number]; token: string } | undefined,
  results: RunResult[],
): Promise<string> {
  const out: string[] = ['', '='.repeat(100), 'EXPLAIN (ANALYZE, BUFFERS) of the hot queries, as the application role under RLS', '='.repeat(100)];
  if (!session) return out.join('\n');
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  const tenant = session.tenant;
  const claims = claimsOf(session.token);
  const user: Principal = { kind: 'user', organizationId: tenant.organizationId, userId: tenant.userId, sessionId: claims.sid };
  const funder = fixtures.dashboards[0];

  const run = async (query: HotQuery): Promise<void> => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [query.organizationId, query.userId ?? '']);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      out.push('', `--- ${query.title}`, query.sql.replace(/\s+/g, ' ').slice(0, 300), ...rows.map((row) => `    ${row['QUERY PLAN']}`));
    } catch (error) {
      out.push('', `--- ${query.title}: ${error instanceof Error ? error.message : error}`);
    } finally {
      await client.query('ROLLBACK');
    }
  };

  // The page, to give the loaders' queries real keys.
  await client.query('BEGIN');
  await client.query(`SELECT set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [tenant.organizationId, tenant.userId]);
  const { rows: page } = await client.query(
    `SELECT organization_id, id, client_id FROM referrals WHERE receiving_organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${INBOX_PAGE_SIZE + 1}`,
    [tenant.organizationId],
  );
  await client.query('ROLLBACK');
  const referralId = tenant.referralIds[0];
  const senders = [...new Set(page.map((row) => row.organization_id))];

  const own = (title: string, sql: string, params: unknown[]): HotQuery => ({ title, organizationId: tenant.organizationId, userId: tenant.userId, sql, params });
  const queries: HotQuery[] = [
    own(
      'every request: session and membership check (verifyCredential)',
      `SELECT m.role FROM memberships m JOIN auth_sessions s ON s.organization_id = m.organization_id AND s.user_id = m.user_id
        WHERE m.organization_id = $1 AND m.user_id = $2 AND s.id = $3 AND s.revoked_at IS NULL`,
      [tenant.organizationId, tenant.userId, claims.sid],
    ),
    own('inbox: the page (listReferrals)', `SELECT r.* FROM referrals r WHERE r.receiving_organization_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT ${INBOX_PAGE_SIZE + 1}`, [tenant.organizationId]),
    own('inbox: the clients of the page (clientRecordLoader)', `SELECT * FROM clients WHERE organization_id = ANY($1) AND id = ANY($2)`, [senders, page.map((row) => row.client_id)]),
    own('inbox: the agreements with the senders (sharingPartnershipLoader)',
      `SELECT * FROM partnerships p WHERE p.status IN ('ACTIVE', 'SUSPENDED')
          AND ((p.organization_id = $1 AND p.partner_organization_id = ANY($2)) OR (p.partner_organization_id = $1 AND p.organization_id = ANY($2)))`,
      [tenant.organizationId, senders]),
    own('referral(id) and the write path: the referral by id alone (getReferral, lockReferral)', `SELECT * FROM referrals WHERE id = $1 LIMIT 1`, [referralId]),
    own('referral(id): the timeline (referralTimelineLoader)', `SELECT * FROM referral_events WHERE organization_id = ANY($1) AND referral_id = ANY($2) ORDER BY created_at, id`, [senders.length ? senders : [tenant.organizationId], [referralId]]),
    own(
      'directory: the search (searchServices)',
      `SELECT * FROM services s WHERE s.status = 'ACTIVE' AND s.search_text LIKE $1 ESCAPE '\\' ORDER BY s.search_name, s.id LIMIT ${DIRECTORY_PAGE_SIZE + 1}`,
      [containsPattern(foldForSearch('tư vấn'))],
    ),
  ];
  if (funder) {
    const asFunder = (title: string, sql: string, params: unknown[]): HotQuery => ({ title, organizationId: funder.funderOrganizationId, userId: null, sql, params });
    queries.push(
      asFunder('dashboard: the programme by id alone (getProgram)', `SELECT * FROM programs WHERE id = $1 LIMIT 1`, [funder.programId]),
      asFunder(
        'dashboard: the rollup cells (programMetrics)',
        `SELECT metric, category_code, period_type, period_start, dimension, dimension_value, value::float8 FROM program_metric_cells
          WHERE organization_id = (SELECT organization_id FROM programs WHERE id = $1) AND program_id = $1
            AND period_start BETWEEN $2 AND $3 AND dimension = ANY($4)`,
        [funder.programId, `${DASHBOARD_YEAR}-01-01`, `${DASHBOARD_YEAR}-12-31`, ['TOTAL', 'SEX']],
      ),
    );
  }
  const baselines: HotQuery[] = [];
  const baseline = (title: string, plan: { text: string; values: unknown[] }, organizationId: string, userId: string | null) =>
    baselines.push({ title, sql: plan.text, params: plan.values, organizationId, userId });
  baseline('baseline: inbox (one statement)', inbox(user, { first: INBOX_PAGE_SIZE }), tenant.organizationId, tenant.userId);
  baseline('baseline: referral(id) (one statement)', referral(user, { id: referralId }), tenant.organizationId, tenant.userId);
  baseline('baseline: directory (one statement)', directory(user, { search: 'tư vấn', first: DIRECTORY_PAGE_SIZE }), tenant.organizationId, tenant.userId);
  if (funder) {
    const asFunder: Principal = { kind: 'user', organizationId: funder.funderOrganizationId, userId: tenant.userId, sessionId: claims.sid };
    baseline(
      'baseline: dashboard (one statement)',
      dashboard(asFunder, { programId: funder.programId, from: `${DASHBOARD_YEAR}-01-01`, to: `${DASHBOARD_YEAR}-12-31` }),
      funder.funderOrganizationId,
      null,
    );
  }
  for (const query of queries) await run(query);
  for (const query of baselines) await run(query);
  await client.end();

  out.push('', '='.repeat(100), "The server's top statements by database time in each GraphQL run (pg_stat_statements)", '='.repeat(100));
  for (const result of results.filter((r) => r.target.startsWith('graphql') && r.topStatements.length)) {
    out.push('', `--- ${result.operation} (${result.target}): ${result.requests} requests`);
    out.push(`    ${'calls/req'.padStart(9)} ${'mean ms'.padStart(8)} ${'total ms'.padStart(9)}  statement`);
    for (const s of result.topStatements) {
      out.push(`    ${(s.calls / Math.max(1, result.requests)).toFixed(2).padStart(9)} ${s.meanMs.toFixed(3).padStart(8)} ${String(s.totalMs).padStart(9)}  ${s.query.slice(0, 150)}`);
    }
  }
  return out.join('\n');
}
