import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedDemo } from '../src/cli/seed/demo';
import { startTestApp, type TestApp } from './setup/test-app';

/**
 * The curl walkthroughs of the docs, run block by block against a real server with the demo data,
 * as a reader pastes them into one shell: so they cannot drift from the API. The GraphQL documents
 * the docs show must be the files the blocks send. Needs bash, curl and jq (1.6 or newer).
 */

const ROOT = resolve(__dirname, '..');
const BLOCK_END = '::end of block::';

interface Block {
  /** The shell block as the docs show it. */
  script: string;
  /** What the docs show right after it as its output (a ```json or ```text block), if anything. */
  shownOutput: { language: string; text: string } | null;
}

/** The fenced blocks between `<!-- walkthrough: name -->` and `<!-- /walkthrough -->` of a page (the README's first query: the section). */
function walkthrough(file: string, name: string): { blocks: Block[]; graphql: { path: string; body: string }[] } {
  const page = readFileSync(join(ROOT, file), 'utf8');
  const start = page.indexOf(`<!-- walkthrough: ${name} -->`);
  const end = page.indexOf('<!-- /walkthrough -->', start);
  if (start === -1 || end === -1) throw new Error(`${file} has no walkthrough "${name}"`);
  const fences = [...page.slice(start, end).matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({ language: match[1], text: match[2] }));
  const blocks: Block[] = [];
  const graphql: { path: string; body: string }[] = [];
  for (const fence of fences) {
    if (fence.language === 'sh') blocks.push({ script: fence.text, shownOutput: null });
    else if (fence.language === 'graphql') {
      const [first, ...rest] = fence.text.split('\n');
      graphql.push({ path: first.replace(/^#\s*/, ''), body: rest.join('\n') });
    } else if (blocks.length) blocks[blocks.length - 1].shownOutput = fence;
  }
  return { blocks, graphql };
}

/** Runs the blocks in one bash, in the repository's folder, against `base` instead of localhost:4000; answers each block's output. */
function runBlocks(blocks: Block[], base: string): Promise<string[]> {
  const script = ['set -euo pipefail', ...blocks.map((block) => `${block.script}\necho '${BLOCK_END}'`)]
    .join('\n')
    .replaceAll('http://localhost:4000', base);
  return new Promise((resolvePromise, reject) => {
    const shell = spawn('bash', ['-c', script], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    shell.on('error', reject);
    shell.on('close', (code) => {
      const outputs = stdout.split(`${BLOCK_END}\n`);
      if (code !== 0) reject(new Error(`bash exited with ${code} in block ${outputs.length} of ${blocks.length}: ${stderr}\n${outputs.at(-1)}`));
      else resolvePromise(outputs.slice(0, blocks.length));
    });
  });
}

/** The JSON values a block printed with `jq .` (each starts with `{` on a line of its own). */
function jsonValues(output: string): unknown[] {
  return output.split(/\n(?=\{\n)/).filter((part) => part.trim()).map((part) => JSON.parse(part) as unknown);
}

let app: TestApp;
let base: string;

beforeAll(async () => {
  app = await startTestApp();
  base = new URL(app.url).origin;
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await seedDemo(app.url);
  } finally {
    log.mockRestore();
  }
}, 120_000);
afterAll(() => app?.close());

describe('the walkthroughs of the docs', () => {
  it("README's first query: sign up, sign in, ask who you are", async () => {
    const [output] = await runBlocks(walkthrough('README.md', 'first-query').blocks, base);
    expect(output).toContain('"email":"lan@example.org"');
    expect(output).toContain('"role":"ADMIN"');
  });

  it('docs/api-guide.md: the GraphQL documents shown are the files the blocks send', () => {
    for (const name of ['referral', 'funder']) {
      const { graphql } = walkthrough('docs/api-guide.md', name);
      expect(graphql.length).toBeGreaterThan(0);
      for (const document of graphql) expect(document.body).toBe(readFileSync(join(ROOT, document.path), 'utf8'));
    }
  });

  it('docs/api-guide.md: a referral round trip with curl', async () => {
    const outputs = await runBlocks(walkthrough('docs/api-guide.md', 'referral').blocks, base);
    expect(outputs.join('')).not.toContain('"errors"');
    // The stale version: the one block that shows errors.
    const stale = outputs.find((output) => output.includes('CONFLICT'));
    expect(stale).toContain('"current"');
    const [referral] = await app.ownerQuery<{ status: string; consent_revoked: boolean }>(
      `SELECT r.status, c.revoked_at IS NOT NULL AS consent_revoked FROM referrals r JOIN clients cl ON cl.organization_id = r.organization_id AND cl.id = r.client_id
         JOIN consents c ON c.organization_id = r.organization_id AND c.id = r.consent_id
        WHERE cl.full_name = 'Lục Thị Nhàn' ORDER BY r.created_at DESC LIMIT 1`,
    );
    expect(referral).toEqual({ status: 'COMPLETED', consent_revoked: true });
    const afterRevocation = jsonValues(outputs.at(-1)!).at(-1) as { data: { referral: unknown } };
    expect(afterRevocation.data.referral).toMatchObject({ status: 'COMPLETED', consentInForce: false, client: { visibleFields: [], fullName: null } });
  });

  it("docs/api-guide.md: a funder's first query with an API key, with the outputs it shows", async () => {
    const { blocks } = walkthrough('docs/api-guide.md', 'funder');
    const outputs = await runBlocks(blocks, base);
    const withOutputs = blocks.flatMap((block, i) => (block.shownOutput ? [{ shown: block.shownOutput, output: outputs[i] }] : []));
    expect(withOutputs.map(({ shown }) => shown.language)).toEqual(['json', 'text']);
    for (const { shown, output } of withOutputs) {
      if (shown.language === 'json') expect(targetsOf(JSON.parse(output))).toEqual(targetsOf(JSON.parse(shown.text)));
      else expect(tableTargets(output)).toEqual(tableTargets(shown.text));
    }
    const refusals = outputs.at(-2)!.trim().split('\n').map((line) => JSON.parse(line) as { code: string; reason: string | null });
    expect(refusals.map((refusal) => refusal.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    // A person's records are beyond the key's scopes; the reported values, beyond a funder's role in the programme.
    expect(refusals.map((refusal) => refusal.reason)).toEqual([null, null, 'PROGRAM_ROLE']);
    expect(JSON.parse(outputs.at(-1)!.trim().split('\n').at(-1)!)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

// The figures depend on the day the demo was seeded (activity after it is left out, and suppression
// looks across the year: docs/api-guide.md says so); the targets and the shape do not.

/** An indicator's targets, by value of the dimension. */
function targetsOf(indicator: { target: unknown; breakdown: { value: string; target: unknown }[] }) {
  return { target: indicator.target, breakdown: indicator.breakdown.map((cell) => ({ value: cell.value, target: cell.target })) };
}

/** The table's quarter, indicator and target columns. */
function tableTargets(table: string): string[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [quarter, indicator, , target] = line.trim().split(/\s+/);
      return `${quarter} ${indicator} ${target}`;
    });
}
