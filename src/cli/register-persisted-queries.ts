import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { resolveOwnerConnection } from '../database/embedded';
import { createLogger } from '../logger';
import { registerPersistedQueries } from '../modules/operations/persisted-queries';

/**
 * `npm run persisted-queries -- manifest.json`: registers a front end's operations for allow-list
 * mode (PERSISTED_QUERIES_ONLY). The manifest is a JSON object of hash → query text, or an array of
 * query texts; hashes are recomputed, so a manifest cannot register text under another hash.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run persisted-queries -- <manifest.json>');
  const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const queries = Array.isArray(manifest) ? manifest : Object.values(manifest as Record<string, unknown>);
  if (!queries.every((query): query is string => typeof query === 'string')) throw new Error('The manifest must hold query texts');
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const owner = await resolveOwnerConnection(config, logger);
  try {
    const added = await registerPersistedQueries(owner.url, queries);
    logger.info({ added, total: queries.length }, 'persisted queries registered');
  } finally {
    await owner.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
