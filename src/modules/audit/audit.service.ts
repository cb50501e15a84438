import { randomUUID } from 'node:crypto';
import { COUNT_CAP, paginate, type Page } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import type { ScopedTransaction } from '../../database/database';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventsArgs } from './dto/audit.inputs';

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** The organization whose record was touched, when it is not the acting one. */
  subjectOrganizationId?: string | null;
}

/**
 * Who acted, named as the event is written, in SQL: the caller's own user row and its
 * organization's API keys are what RLS lets a request see of them.
 */
export const actorNameSql = (organization: string, user: string, apiKey: string) =>
  `coalesce((SELECT u.display_name FROM users u WHERE u.id = ${user}),
            (SELECT 'API key "' || k.name || '"' FROM api_keys k WHERE k.organization_id = ${organization} AND k.id = ${apiKey}), 'Unknown')`;

/** Appends one event to the acting organization's trail, in the request's transaction. */
export async function recordAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const principal = await ctx.requirePrincipal();
  await (await ctx.db()).query(
    `INSERT INTO audit_events (organization_id, id, subject_organization_id, actor_user_id, actor_api_key_id, action, entity_type, entity_id, request_id, actor_name)
     SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6, $7, $8::uuid, $9::uuid, ${actorNameSql('$1::uuid', '$4::uuid', '$5::uuid')}`,
    [
      principal.organizationId,
      randomUUID(),
      entry.subjectOrganizationId === principal.organizationId ? null : (entry.subjectOrganizationId ?? null),
      principal.kind === 'user' ? principal.userId : null,
      principal.kind === 'apiKey' ? principal.apiKeyId : null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      ctx.requestId,
    ],
  );
}

/**
 * The clients whose personal fields a response shows, each once: written as one INSERT sent with
 * the request's COMMIT in one round trip. If it fails, the transaction does not commit and the
 * response fails: no personal field leaves unrecorded.
 */
const clientReads = (ctx: RequestContext) => {
  const principal = ctx.verifiedPrincipal;
  if (!principal) throw new Error('Client reads are recorded for a verified principal only');
  const reads = new Map<string, { organizationId: string; id: string }>();
  ctx.beforeCommit(() => {
    if (!reads.size) return null;
    const clients = [...reads.values()];
    return {
      // One text whatever the number of clients, so it is prepared once per connection.
      text: `INSERT INTO audit_events (organization_id, actor_user_id, actor_api_key_id, id, subject_organization_id, action, entity_type, entity_id, request_id, actor_name)
             SELECT $1::uuid, $2::uuid, $3::uuid, gen_random_uuid(), read.subject, 'readClient', 'Client', read.client, $4::uuid, actor.name
             FROM unnest($5::uuid[], $6::uuid[]) AS read (subject, client)
             CROSS JOIN (SELECT ${actorNameSql('$1::uuid', '$2::uuid', '$3::uuid')} AS name) actor`,
      values: [
        principal.organizationId,
        principal.kind === 'user' ? principal.userId : null,
        principal.kind === 'apiKey' ? principal.apiKeyId : null,
        ctx.requestId,
        clients.map((client) => (client.organizationId === principal.organizationId ? null : client.organizationId)),
        clients.map((client) => client.id),
      ],
    };
  });
  return reads;
};

/** Records that the response shows personal fields of `client` (once per client per request). */
export function auditClientRead(ctx: RequestContext, client: { organizationId: string; id: string }): void {
  const reads = ctx.loader(clientReads);
  const key = `${client.organizationId}:${client.id}`;
  if (!reads.has(key)) reads.set(key, { organizationId: client.organizationId, id: client.id });
}

/** The acting organization's trail, and events of other organizations that touched its records; newest first. Counted (up to COUNT_CAP) when `counted`. */
export async function listAuditEvents(ctx: RequestContext, args: AuditEventsArgs, counted = false): Promise<Page<AuditEvent>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(AuditEvent, 'e')
    .where('(e.organization_id = :organizationId OR e.subject_organization_id = :organizationId)', { organizationId });
  if (args.entityId) query.andWhere('e.entity_id = :entityId', { entityId: args.entityId });
  if (args.action) query.andWhere('e.action = :action', { action: args.action });
  return paginate(
    query,
    args,
    [
      { column: 'e.created_at', value: (e) => e.createdAt, type: 'timestamptz' },
      { column: 'e.id', value: (e) => e.id, type: 'uuid' },
    ],
    ctx.config.graphql.maxPageSize,
    'DESC',
    counted ? { cap: COUNT_CAP } : undefined,
  );
}

/** Appends one event to an organization's trail for work the platform did as it (a job): no person or key acted. */
export async function recordJobAudit(tx: ScopedTransaction, organizationId: string, entry: AuditEntry & { actorName: string }): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (organization_id, id, action, entity_type, entity_id, request_id, actor_name)
     VALUES ($1, gen_random_uuid(), $2, $3, $4, gen_random_uuid(), $5)`,
    [organizationId, entry.action, entry.entityType ?? null, entry.entityId ?? null, entry.actorName],
  );
}
