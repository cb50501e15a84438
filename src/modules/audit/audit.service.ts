import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { QueryDeepPartialEntity } from 'typeorm';
import { paginate, type Page } from '../../common/pagination';
import type { Principal, RequestContext } from '../../context/request-context';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventsArgs } from './dto/audit.inputs';

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** The organization whose record was touched, when it is not the acting one. */
  subjectOrganizationId?: string | null;
}

function rowOf(ctx: RequestContext, principal: Principal, entry: AuditEntry): QueryDeepPartialEntity<AuditEvent> {
  return {
    organizationId: principal.organizationId,
    id: randomUUID(),
    subjectOrganizationId: entry.subjectOrganizationId === principal.organizationId ? null : (entry.subjectOrganizationId ?? null),
    actorUserId: principal.kind === 'user' ? principal.userId : null,
    actorApiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    requestId: ctx.requestId,
  };
}

/** Appends one event to the acting organization's trail, in the request's transaction. */
export async function recordAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const principal = await ctx.requirePrincipal();
  await (await ctx.db()).insert(AuditEvent, rowOf(ctx, principal, entry));
}

/**
 * Records reads of clients' personal fields: once per client per request, and one INSERT for all
 * the clients a response shows, so that a page of 50 costs one statement, not 50. Plain SQL with
 * arrays: the ORM's multi-row insert cost more CPU than the rest of the page's reading.
 */
export const clientReadAudit = (ctx: RequestContext) =>
  new DataLoader<string, true, string>(async (keys) => {
    const principal = await ctx.requirePrincipal();
    const clients = keys.map((key) => key.split(':'));
    await ctx.sql(
      `INSERT INTO audit_events (organization_id, id, subject_organization_id, actor_user_id, actor_api_key_id, action, entity_type, entity_id, request_id)
       SELECT $1::uuid, gen_random_uuid(), nullif(subject, $1::uuid), $2::uuid, $3::uuid, 'readClient', 'Client', client, $4::uuid
         FROM unnest($5::uuid[], $6::uuid[]) AS read (subject, client)`,
      [
        principal.organizationId,
        principal.kind === 'user' ? principal.userId : null,
        principal.kind === 'apiKey' ? principal.apiKeyId : null,
        ctx.requestId,
        clients.map(([organizationId]) => organizationId),
        clients.map(([, clientId]) => clientId),
      ],
    );
    return keys.map(() => true as const);
  });

export function auditClientRead(ctx: RequestContext, client: { organizationId: string; id: string }): Promise<true> {
  return ctx.loader(clientReadAudit).load(`${client.organizationId}:${client.id}`);
}

/** The acting organization's trail, and events of other organizations that touched its records; newest first. */
export async function listAuditEvents(ctx: RequestContext, args: AuditEventsArgs): Promise<Page<AuditEvent>> {
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
      { column: 'e.created_at', value: (e) => e.createdAt },
      { column: 'e.id', value: (e) => e.id },
    ],
    ctx.config.graphql.maxPageSize,
    'DESC',
  );
}
