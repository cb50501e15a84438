import { randomUUID } from 'node:crypto';
import { notFound } from '../../common/errors';
import { paginate, type Page } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import type { Database, ScopedTransaction } from '../../database/database';
import type { OrganizationEventsArgs } from './dto/events.inputs';
import { EventSubjectType, OrganizationEventType } from './event.enums';
import { OrganizationEvent } from './organization-event.entity';

/** The PostgreSQL channel every instance listens on; a notification names one event and whom it is for, nothing else. */
export const EVENTS_CHANNEL = 'organization_events';

/**
 * Where an event goes, as an instance routes it to its subscribers: its id, type, record and the
 * organizations told. The notification itself carries the id only (any database role may LISTEN);
 * the rest is read by the instance (readEventRoute), and each subscriber then reads the event under
 * its own row-level security.
 */
export interface EventNotice {
  id: string;
  type: OrganizationEventType;
  subjectType: EventSubjectType;
  subjectId: string;
  organizationIds: string[];
}

export interface NewEvent {
  type: OrganizationEventType;
  subjectType: EventSubjectType;
  subjectId: string;
  subjectVersion: number | null;
  /** The record's owner; the row lives under its organization_id. */
  organizationId: string;
  /** The other organization told, if any. */
  partyOrganizationId: string | null;
}

/**
 * Writes an event in the request's transaction, and the notification with it: PostgreSQL delivers a
 * NOTIFY only when its transaction commits (and forgets it when a savepoint around it rolls back), so
 * subscribers hear of exactly the changes that happened. One statement.
 */
export async function publishEvent(ctx: RequestContext, event: NewEvent): Promise<void> {
  const { organizationId: actorOrganizationId } = await ctx.requirePrincipal();
  await writeEvent((text, values) => ctx.db().then((em) => em.query(text, values)), event, actorOrganizationId);
}

/**
 * An event nobody's action caused (a referral's due date passing, a retention period ending), written by a
 * platform job acting as the event's organization; an overdue referral is told once, however often a job finds it.
 */
export async function publishJobEvent(
  tx: ScopedTransaction,
  event: NewEvent & { type: OrganizationEventType.REFERRAL_OVERDUE | OrganizationEventType.CLIENT_ERASED },
): Promise<void> {
  await writeEvent((text, values) => tx.query(text, values), event, null, event.type === OrganizationEventType.REFERRAL_OVERDUE);
}

async function writeEvent(
  query: (text: string, values: unknown[]) => Promise<unknown>,
  event: NewEvent,
  actorOrganizationId: string | null,
  onlyOnce = false,
): Promise<void> {
  const id = randomUUID();
  // A lead reporting in its own programme is the only party: it is told once.
  const party = event.partyOrganizationId === event.organizationId ? null : event.partyOrganizationId;
  await query(
    `WITH written AS (
       INSERT INTO organization_events (organization_id, id, party_organization_id, type, subject_type, subject_id, subject_version, actor_organization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ${onlyOnce ? `ON CONFLICT (organization_id, subject_id) WHERE type = '${OrganizationEventType.REFERRAL_OVERDUE}' DO NOTHING` : ''}
       RETURNING id)
     SELECT pg_notify($9, $10) FROM written`,
    [event.organizationId, id, party, event.type, event.subjectType, event.subjectId, event.subjectVersion, actorOrganizationId, EVENTS_CHANNEL, id],
  );
}

/** Where an event goes (see EventNotice), read by an instance's hub in a worker transaction; null if there is no such event. */
export async function readEventRoute(database: Database, id: string): Promise<EventNotice | null> {
  const [row] = await database.platform('routeEvent', { worker: true }, (tx) =>
    tx.query<{ type: OrganizationEventType; subject_type: EventSubjectType; subject_id: string; organization_id: string; party_organization_id: string | null }>(
      `SELECT type, subject_type, subject_id, organization_id, party_organization_id FROM organization_events WHERE id = $1`,
      [id],
    ),
  );
  if (!row) return null;
  return {
    id,
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    organizationIds: [row.organization_id, ...(row.party_organization_id ? [row.party_organization_id] : [])],
  };
}

/** The event a notice names, read under the subscriber's own row-level security. */
export async function readNotifiedEvent(ctx: RequestContext, notice: EventNotice): Promise<OrganizationEvent> {
  const event = await (await ctx.db()).findOneBy(OrganizationEvent, { id: notice.id });
  if (!event) throw notFound('Event');
  return event;
}

/** The acting organization's events, newest first: those about its own records and those it was told as the other party. */
export async function listOrganizationEvents(ctx: RequestContext, args: OrganizationEventsArgs): Promise<Page<OrganizationEvent>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(OrganizationEvent, 'e')
    .where('(e.organization_id = :organizationId OR e.party_organization_id = :organizationId)', { organizationId });
  if (args.types?.length) query.andWhere('e.type IN (:...types)', { types: args.types });
  if (args.subjectId) query.andWhere('e.subject_id = :subjectId', { subjectId: args.subjectId });
  return paginate(
    query,
    args,
    [{ column: 'e.sequence', value: (e) => e.sequence, type: 'bigint' }],
    ctx.config.graphql.maxPageSize,
    'DESC',
  );
}
