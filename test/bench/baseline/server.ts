/**
 * The baseline endpoint: node's http module and pg, nothing else. POST /<role>/<operation> with the
 * same JSON body and Authorization header as the GraphQL request; answers the same JSON. <role> is
 * `app` (the application role, under RLS) or `bypass` (a BYPASSRLS role with the same grants).
 * Run as a child process by the bench (BASELINE_APP_URL, BASELINE_BYPASS_URL, TOKEN_SECRET, PORT).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeLiteral, Pool, type PoolClient, type QueryResult } from 'pg';
import type { Config } from '../../../src/config';
import { API_KEY_PREFIX, Credentials } from '../../../src/modules/auth/credentials';
import { dashboard, directory, inbox, NotFound, referral, type Plan, type Principal } from './queries';

const preparedOn = new WeakMap<PoolClient, Set<string>>();
function prepared(client: PoolClient): Set<string> {
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  return names;
}

const OPERATIONS: Record<string, (principal: Principal, variables: Record<string, unknown>) => Plan> = { inbox, referral, directory, dashboard };

async function main(): Promise<void> {
  const poolSize = Number(process.env.POOL_SIZE ?? 10);
  // Prepared statements keep their generic plan under both roles: PostgreSQL's plan-cache heuristic
  // otherwise re-plans on every execution for one role and not the other, which is not what RLS costs.
  const options = '-c plan_cache_mode=force_generic_plan';
  const pools: Record<string, Pool> = {
    app: new Pool({ connectionString: process.env.BASELINE_APP_URL, max: poolSize, application_name: 'bench-baseline-app', options }),
  };
  if (process.env.BASELINE_BYPASS_URL) {
    pools.bypass = new Pool({ connectionString: process.env.BASELINE_BYPASS_URL, max: poolSize, application_name: 'bench-baseline-bypass', options });
  }
  for (const pool of Object.values(pools)) pool.on('error', () => undefined);
  const credentials = new Credentials({ tokenSecret: process.env.TOKEN_SECRET! } as Config['auth']);

  const principalOf = async (header: string | undefined): Promise<Principal | null> => {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return null;
    if (token.startsWith(API_KEY_PREFIX)) return { kind: 'apiKey', secretHash: createHash('sha256').update(token).digest('hex') };
    const claims = await credentials.verifyAccessToken(token);
    return claims && { kind: 'user', organizationId: claims.organizationId, userId: claims.userId, sessionId: claims.sessionId };
  };

  const server = http.createServer((req, res) => {
    if (req.url === '/healthz') {
      res.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let statements = 0;
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        // Statements sent, all in one round trip (a simple-protocol query string).
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-sql-statements': String(statements) });
        res.end(text);
      };
      const [, role, operation] = (req.url ?? '').split('/');
      const pool = pools[role];
      const build = OPERATIONS[operation];
      if (req.method !== 'POST' || !pool || !build) return send(404, { errors: [{ message: 'Unknown endpoint' }] });
      void (async () => {
        const principal = await principalOf(req.headers.authorization);
        if (!principal) return send(401, { errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { variables?: Record<string, unknown> };
        const plan = build(principal, body.variables ?? {});
        const client = await pool.connect();
        // One round trip: the statement is prepared on the connection's first use, then executed.
        const prepare = !prepared(client).has(plan.name);
        const args = plan.values.map((value) => escapeLiteral(String(value))).join(', ');
        const sql =
          (prepare ? `PREPARE ${plan.name} (${plan.types.join(', ')}) AS ${plan.text}; ` : '') +
          `${plan.opening} EXECUTE ${plan.name} (${args}); COMMIT;`;
        const index = (prepare ? 1 : 0) + plan.openingStatements;
        statements = index + 2;
        let results: QueryResult[];
        try {
          results = (await client.query(sql)) as unknown as QueryResult[];
          if (prepare) prepared(client).add(plan.name);
        } catch (error) {
          // A failed multi-statement string leaves the transaction (and maybe the prepared statement) behind: drop the connection.
          client.release(true);
          throw error;
        }
        client.release();
        const rows = results[index].rows;
        if (principal.kind === 'user' && rows.length && rows[0].signed_in === '0') {
          return send(401, { errors: [{ message: 'Session ended', extensions: { code: 'UNAUTHENTICATED' } }] });
        }
        send(200, { data: plan.shape(rows) });
      })().catch((error: unknown) => {
        if (error instanceof NotFound) return send(200, { errors: [{ message: error.message, extensions: { code: 'NOT_FOUND' } }], data: null });
        console.error(error);
        send(500, { errors: [{ message: String(error) }] });
      });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'baseline listening', url: `http://127.0.0.1:${port}` }));

  const stop = () => {
    server.close();
    void Promise.all(Object.values(pools).map((pool) => pool.end())).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
