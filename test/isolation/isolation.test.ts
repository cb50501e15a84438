import { buildAppSchema } from '../../src/schema';
import { HSDS_ENDPOINTS } from '../../src/modules/hsds/hsds.router';
import { startTestApp, type TestApp } from '../setup/test-app';
import { readdirSync } from 'node:fs';
import { buildWorld, snapshotTenant, TENANT_SNAPSHOT_QUERIES, type IsolationCase, type World } from './harness';

/** Every `*.cases.ts` file here, each exporting arrays of cases: a new module adds a file, no list to edit. */
const CASES: IsolationCase[] = readdirSync(__dirname)
  .filter((file) => file.endsWith('.cases.ts'))
  .sort()
  .flatMap((file) => Object.values(require(`./${file}`) as Record<string, unknown>).filter(Array.isArray).flat() as IsolationCase[]);

let app: TestApp;
let world: World;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  app = await startTestApp();
  // A and B, and C: A's partner on the other side of A's referrals (and B's partner too). A leads a
  // joint programme that C delivers in and F funds; B leads one of its own.
  world = await buildWorld(app);
  before = await snapshotTenant(app, world.a.admin.organizationId);
});
afterAll(() => app.close());

describe('tenant isolation: organization B against organization A', () => {
  it.each(CASES.map((c) => [c.operation, c.description, c] as const))('%s: %s', async (_operation, _description, isolationCase) => {
    await isolationCase.run(world);
  });

  it("leaves every row of A's exactly as it was", async () => {
    expect(await snapshotTenant(app, world.a.admin.organizationId)).toEqual(before);
  });

  it('watches every table that holds tenant data', async () => {
    const tables = await app.ownerQuery<{ table: string }>(
      `SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id'`,
    );
    // Request bookkeeping rather than records: stored answers to retried mutations, and rate-limit counters.
    const bookkeeping = ['idempotency_keys', 'rate_limit_counters'];
    expect(tables.map(({ table }) => table).filter((table) => !(table in TENANT_SNAPSHOT_QUERIES) && !bookkeeping.includes(table))).toEqual([]);
  });

  it('has a case for every query, mutation and subscription in the schema', async () => {
    const schema = await buildAppSchema();
    const operations = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
      ...Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).map((name) => `subscription ${name}`),
    ];
    const covered = new Set(CASES.map((c) => c.operation));
    expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
  });

  it('has a case for every endpoint of the HSDS feed', () => {
    const covered = new Set(CASES.map((c) => c.operation));
    expect(HSDS_ENDPOINTS.filter((endpoint) => !covered.has(endpoint))).toEqual([]);
  });
});
