import { notFound } from '../../common/errors';
import { readJoined, readJoinedPage, SqlParams, type FieldReads, type Join } from '../../common/hot-read';
import type { ConnectionSelection, Page, SortKey } from '../../common/pagination';
import type { Selection } from '../../common/selection';
import type { RequestContext } from '../../context/request-context';
import { User } from '../auth/user.entity';
import { ClientRecord } from '../clients/client.entity';
import { Consent } from '../clients/consent.entity';
import { SERVICE_CATEGORY_JOIN, SERVICE_READS } from '../directory/directory.reads';
import { Service } from '../directory/service.entity';
import { Organization } from '../organizations/organization.entity';
import { Partnership } from '../partnerships/partnership.entity';
import { SHARING_PARTNERSHIP_STATUSES } from '../partnerships/partnership.lifecycle';
import { today } from '../../common/dates';
import { ReferralSort, type ReferralListArgs } from './dto/referral.inputs';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { ReferralStatus } from './referral.lifecycle';
import { ReferralBox } from './referral.types';

/*
 * The referral pages (inbox, outbox, one referral) read in one statement: the referrals with every
 * record the page shows of them, attached for their field resolvers. The client's fields still
 * leave the server through client.views.ts alone, from the client, consent and partnership read here.
 */

export const OPEN_STATUSES = [ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS];

const organizations = (ctx: RequestContext) => ctx.services.database.rows(Organization);
const users = (ctx: RequestContext) => ctx.services.database.rows(User, ['passwordHash']);

const organization = (field: string, column: string): Join => ({
  field,
  narrow: true,
  rows: organizations,
  from: (parent, self) => `organizations ${self} WHERE ${self}.id = ${parent}.${column}`,
});

const user = (field: string, column: string): Join => ({
  field,
  narrow: true,
  rows: users,
  from: (parent, self) => `users ${self} WHERE ${self}.id = ${parent}.${column}`,
});

/** What clientView reads of a client: its personal fields and keys. */
const CLIENT_VIEW_COLUMNS = [
  'organizationId',
  'id',
  'fullName',
  'preferredName',
  'birthDate',
  'ageBand',
  'sex',
  'genderIdentity',
  'preferredLanguage',
  'phone',
  'email',
  'address',
  'region',
  'vulnerabilities',
  'erasedAt',
];

const SIDES = ['organizationId', 'receivingOrganizationId'];

/** What the field resolvers in referral.resolver.ts read of the referral: a page reads only these columns and those of the plain fields it selects. */
const REFERRAL_READS: FieldReads = {
  sender: ['organizationId'],
  receiver: ['receivingOrganizationId'],
  service: ['serviceId', 'receivingOrganizationId'],
  // The ReferralSharing that client.views.ts decides the client's fields from.
  client: [...SIDES, 'clientId', 'consentId', 'sharedFields', 'status', 'receiverAccessUntil'],
  consentInForce: ['organizationId', 'consentId'],
  timeline: ['organizationId'],
  assignee: [...SIDES, 'assignedUserId'],
  sentBy: [...SIDES, 'sentByUserId'],
  fhirTaskStatus: ['status'],
  overdue: ['dueOn', 'status'],
  viewerSide: SIDES,
  availableActions: [...SIDES, 'status'],
  forwardedFrom: ['forwardedFromOrganizationId', 'forwardedFromReferralId'],
  forwards: ['receivingOrganizationId'],
};

/** Agreements in a status that lets client fields flow, as `self`. */
const sharingAgreements = (self: string, params: SqlParams) => `partnerships ${self} WHERE ${self}.status = ANY(${params.add(SHARING_PARTNERSHIP_STATUSES, 'text[]')})`;

/** Joins of a referral row, attached for the resolvers in referral.resolver.ts under the names they read. */
const REFERRAL_JOINS: Join[] = [
  organization('sender', 'organization_id'),
  organization('receiver', 'receiving_organization_id'),
  {
    field: 'service',
    narrow: true,
    reads: SERVICE_READS,
    rows: (ctx) => ctx.services.database.rows(Service, ['searchName', 'searchText']),
    from: (parent, self) => `services ${self} WHERE ${self}.organization_id = ${parent}.receiving_organization_id AND ${self}.id = ${parent}.service_id`,
    nested: [SERVICE_CATEGORY_JOIN],
  },
  user('assignee', 'assigned_user_id'),
  user('sentBy', 'sent_by_user_id'),
  // What the client's view is decided from (client.views.ts): the client, the consent and the agreement.
  {
    field: 'client',
    name: 'clientRecord',
    // Its personal fields are audited at commit (auditClientRead).
    recorded: true,
    rows: (ctx) => ctx.services.database.rows(ClientRecord),
    columns: CLIENT_VIEW_COLUMNS,
    from: (parent, self) => `clients ${self} WHERE ${self}.organization_id = ${parent}.organization_id AND ${self}.id = ${parent}.client_id`,
  },
  {
    field: ['client', 'consentInForce'],
    name: 'consent',
    rows: (ctx) => ctx.services.database.rows(Consent),
    columns: ['organizationId', 'id', 'sharedFields', 'revokedAt', 'expiresAt'],
    from: (parent, self) => `consents ${self} WHERE ${self}.organization_id = ${parent}.organization_id AND ${self}.id = ${parent}.consent_id`,
  },
  {
    field: 'client',
    name: 'partnership',
    rows: (ctx) => ctx.services.database.rows(Partnership),
    columns: ['organizationId', 'id', 'partnerOrganizationId', 'status', 'startsOn', 'endsOn', 'proposerShares', 'partnerShares'],
    // The same choice as sharingPartnershipLoader: the latest agreement in a sharing status between the viewer and the sender.
    from: (parent, self, params) =>
      `${sharingAgreements(self, params)}
         AND ((${self}.organization_id = app_organization_id() AND ${self}.partner_organization_id = ${parent}.organization_id)
           OR (${self}.partner_organization_id = app_organization_id() AND ${self}.organization_id = ${parent}.organization_id))`,
    // In a page, read once for every partner of the viewer: many rows share a sender.
    shared: {
      from: (self, params) =>
        `${sharingAgreements(self, params)} AND (${self}.organization_id = app_organization_id() OR ${self}.partner_organization_id = app_organization_id())`,
      key: (self) => `CASE WHEN ${self}.organization_id = app_organization_id() THEN ${self}.partner_organization_id ELSE ${self}.organization_id END`,
      parentKey: (parent) => `${parent}.organization_id`,
    },
    order: (self) => `${self}.created_at DESC, ${self}.id DESC`,
  },
  {
    field: 'timeline',
    many: true,
    rows: (ctx) => ctx.services.database.rows(ReferralEvent),
    from: (parent, self) => `referral_events ${self} WHERE ${self}.organization_id = ${parent}.organization_id AND ${self}.referral_id = ${parent}.id`,
    order: (self) => `${self}.created_at, ${self}.id`,
    nested: [organization('actorOrganization', 'actor_organization_id')],
  },
];

const SORT_KEYS: Record<ReferralSort, { keys: SortKey<Referral>[]; direction: 'ASC' | 'DESC' }> = {
  [ReferralSort.NEWEST_FIRST]: {
    keys: [
      { column: 'r.created_at', value: (r) => r.createdAt, type: 'timestamptz' },
      { column: 'r.id', value: (r) => r.id, type: 'uuid' },
    ],
    direction: 'DESC',
  },
  [ReferralSort.OLDEST_FIRST]: {
    keys: [
      { column: 'r.created_at', value: (r) => r.createdAt, type: 'timestamptz' },
      { column: 'r.id', value: (r) => r.id, type: 'uuid' },
    ],
    direction: 'ASC',
  },
  [ReferralSort.DUE_SOONEST]: {
    keys: [
      { column: `coalesce(r.due_on, 'infinity'::date)`, value: (r) => r.dueOn ?? 'infinity', type: 'date' },
      { column: 'r.id', value: (r) => r.id, type: 'uuid' },
    ],
    direction: 'ASC',
  },
};

/** A page of the inbox (received) or outbox (sent), and its count when asked; each box's filter leads with its own index column. */
export async function listReferrals(ctx: RequestContext, box: ReferralBox, args: ReferralListArgs, selection: ConnectionSelection): Promise<Page<Referral>> {
  const acting = await ctx.acting();
  const params = new SqlParams();
  const me = params.add(acting.organizationId, 'uuid');
  const where = [box === ReferralBox.INBOX ? `r.receiving_organization_id = ${me}` : `r.organization_id = ${me}`];
  const filter = args.filter ?? {};
  if (filter.statuses?.length) where.push(`r.status = ANY(${params.add(filter.statuses, 'text[]')})`);
  if (filter.urgencies?.length) where.push(`r.urgency = ANY(${params.add(filter.urgencies, 'text[]')})`);
  if (filter.serviceCategoryCodes?.length) {
    where.push(`EXISTS (SELECT 1 FROM services s WHERE s.organization_id = r.receiving_organization_id AND s.id = r.service_id
                         AND s.category_code = ANY(${params.add(filter.serviceCategoryCodes, 'text[]')}))`);
  }
  if (filter.sentAfter) where.push(`r.created_at >= ${params.add(filter.sentAfter, 'timestamptz')}`);
  if (filter.sentBefore) where.push(`r.created_at < ${params.add(filter.sentBefore, 'timestamptz')}`);
  if (filter.dueFrom) where.push(`r.due_on >= ${params.add(filter.dueFrom, 'date')}`);
  if (filter.dueTo) where.push(`r.due_on <= ${params.add(filter.dueTo, 'date')}`);
  if (filter.assignedToMe) where.push(`r.assigned_user_id = ${params.add(acting.userId, 'uuid')}`);
  if (filter.overdue != null) {
    const overdue = `(r.due_on < ${params.add(today(), 'date')} AND r.status = ANY(${params.add(OPEN_STATUSES, 'text[]')}))`;
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.clientId) where.push(`r.client_id = ${params.add(filter.clientId, 'uuid')}`);
  const sort = SORT_KEYS[args.sort];
  return readJoinedPage(
    ctx,
    {
      rows: ctx.services.database.rows(Referral),
      reads: REFERRAL_READS,
      // The sort keys, for the cursors.
      keep: ['createdAt', 'dueOn'],
      from: 'referrals r',
      alias: 'r',
      where,
      params,
      joins: REFERRAL_JOINS,
      selection: selection.nodes,
    },
    { args, keys: sort.keys, direction: sort.direction, count: selection.totalCount && {} },
  );
}

/** One referral the acting organization sent or received, with what the query shows of it. */
export async function readReferral(ctx: RequestContext, id: string, selection: Selection | null): Promise<Referral> {
  const { organizationId } = await ctx.acting();
  const params = new SqlParams();
  const me = params.add(organizationId, 'uuid');
  // Sender or receiver, each side by its own index (RLS would narrow it to the same two, but never guides the plan).
  const [referral] = await readJoined(ctx, {
    rows: ctx.services.database.rows(Referral),
    from: 'referrals r',
    alias: 'r',
    where: [`r.id = ${params.add(id, 'uuid')}`, `(r.organization_id = ${me} OR r.receiving_organization_id = ${me})`],
    params,
    joins: REFERRAL_JOINS,
    selection,
    reads: REFERRAL_READS,
  });
  if (!referral) throw notFound('Referral', ['id']);
  return referral;
}
