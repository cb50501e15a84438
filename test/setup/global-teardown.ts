import { rmSync } from 'node:fs';
import type { EmbeddedCluster } from '../../src/database/embedded';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __EMBEDDED_PG__?: { cluster: EmbeddedCluster; dir: string } }).__EMBEDDED_PG__;
  if (!embedded) return;
  await embedded.cluster.stop();
  rmSync(embedded.dir, { recursive: true, force: true });
}
