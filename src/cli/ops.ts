import 'reflect-metadata';
import { userInfo } from 'node:os';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { prepareDatabase } from '../database/bootstrap';
import { resolveOwnerConnection } from '../database/embedded';
import { createLogger } from '../logger';
import { Credentials } from '../modules/auth/credentials';
import { OPERATOR_USAGE, runOperatorCommand } from './operator-commands';

/**
 * `npm run ops -- <command>`: what platform operators do (they are not a tenant), as the schema owner
 * on the database the server uses (DATABASE_URL, or the embedded PostgreSQL, which must not be
 * running in another process). See docs/operating.md, "Platform operators".
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = argv.indexOf('--operator');
  const operator = (flag >= 0 ? argv[flag + 1] : undefined) ?? process.env.OPERATOR ?? userInfo().username;
  const args = flag >= 0 ? [...argv.slice(0, flag), ...argv.slice(flag + 2)] : argv;
  if (!args.length || args[0] === '--help') {
    console.log(OPERATOR_USAGE);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const owner = await resolveOwnerConnection(config, logger);
  const client = new Client({ connectionString: owner.url });
  try {
    // The same schema the server would run on: pending migrations run first, as at its start.
    await prepareDatabase(config, owner.url, logger);
    await client.connect();
    const credentials = new Credentials(config.auth);
    console.log(await runOperatorCommand(client, args, { operator, publicUrl: config.http.publicUrl, hashPassword: (password) => credentials.hashPassword(password) }));
  } finally {
    await client.end().catch(() => undefined);
    await owner.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
