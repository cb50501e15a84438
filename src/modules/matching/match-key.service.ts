import type { RequestContext } from '../../context/request-context';
import type { ClientRecord } from '../clients/client.entity';
import { ClientMatchKey } from './client-match-key.entity';
import { matchKeys } from './match-keys';

/**
 * Replaces a client's match keys with those of its record as it is now: called by the clients
 * module whenever a client is registered or changed, and before every lookup. The name and date
 * never reach the table, only their keyed hashes.
 */
export async function storeMatchKeys(ctx: RequestContext, record: Pick<ClientRecord, 'organizationId' | 'id' | 'fullName' | 'birthDate' | 'sex'>): Promise<ClientMatchKey[]> {
  const em = await ctx.db();
  const keys = matchKeys(ctx.config.matching.keySecret, record).map((key) =>
    em.create(ClientMatchKey, { organizationId: record.organizationId, clientId: record.id, kind: key.kind, keyHash: key.hash }),
  );
  await em.delete(ClientMatchKey, { organizationId: record.organizationId, clientId: record.id });
  if (keys.length) await em.insert(ClientMatchKey, keys);
  return keys;
}

/**
 * Deletes a client's match keys, when the client's details are erased (by request or by the
 * retention job): nobody can then be told they may hold the same person. Takes the caller's query
 * function, since erasure runs in a mutation's transaction or in the job's.
 */
export async function forgetMatchKeys(query: (text: string, values: unknown[]) => Promise<unknown>, organizationId: string, clientId: string): Promise<void> {
  await query(`DELETE FROM client_match_keys WHERE organization_id = $1 AND client_id = $2`, [organizationId, clientId]);
}
