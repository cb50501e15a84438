import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound } from '../../common/errors';
import { carryJoined, readJoinedPage, SqlParams, type Join } from '../../common/hot-read';
import type { ConnectionSelection, Page, SortKey } from '../../common/pagination';
import { containsPattern, foldForSearch } from '../../common/search-text';
import type { RequestContext } from '../../context/request-context';
import { auditClientRead } from '../audit/audit.service';
import { serviceLoader } from '../directory/directory.loaders';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent } from '../events/events.service';
import { storeMatchKeys } from '../matching/match-key.service';
import { organizationLoader } from '../organizations/organization.loaders';
import { ClientRecord } from './client.entity';
import { ConsentMethod, ConsentScope } from './client.enums';
import { clientRecordLoader } from './client.loaders';
import { ownerView, type Client } from './client.views';
import { Consent } from './consent.entity';
import type { ClientsArgs, CorrectClientInput, RecordConsentInput, RegisterClientInput, RevokeConsentInput, UpdateClientInput } from './dto/client.inputs';
import { ClientVersion } from './client-version.entity';

const searchNameOf = (record: Pick<ClientRecord, 'fullName' | 'preferredName'>) =>
  foldForSearch([record.fullName, record.preferredName].filter(Boolean).join(' '));

/** One of the acting organization's own clients, erased or not, to read; a receiver's view goes through `referredClientView`. */
export async function findClientRecord(ctx: RequestContext, clientId: string, argumentPath: readonly (string | number)[]): Promise<ClientRecord> {
  const { organizationId } = await ctx.requirePrincipal();
  const record = await ctx.loader(clientRecordLoader).load({ organizationId, id: clientId });
  if (!record) throw notFound('Client', argumentPath);
  return record;
}

/** One of the acting organization's own clients, to act on: an erased one takes no new consent, referral or enrolment. */
export async function findOwnClient(ctx: RequestContext, clientId: string, argumentPath: readonly (string | number)[]): Promise<ClientRecord> {
  const record = await findClientRecord(ctx, clientId, argumentPath);
  if (record.erasedAt) throw erasedConflict(record);
  return record;
}

export const erasedConflict = (record: ClientRecord) =>
  conflict("This client's details were erased: register the person again if they come back", { erasedAt: record.erasedAt!.toISOString() });

async function audited(ctx: RequestContext, record: ClientRecord): Promise<Client> {
  await auditClientRead(ctx, record);
  return ownerView(record);
}

export async function getClient(ctx: RequestContext, id: string): Promise<Client> {
  return audited(ctx, await findClientRecord(ctx, id, ['id']));
}

const CLIENT_ORDER: SortKey<ClientRecord>[] = [
  { column: 'c.search_name', value: (c) => c.searchName, type: 'text' },
  { column: 'c.id', value: (c) => c.id, type: 'uuid' },
];

/** A client's consents, oldest first, joined when the page shows them (the order of clientConsentsLoader). */
const CONSENTS_JOIN: Join = {
  field: 'consents',
  many: true,
  rows: (ctx) => ctx.services.database.rows(Consent),
  from: (parent, self) => `consents ${self} WHERE ${self}.organization_id = ${parent}.organization_id AND ${self}.client_id = ${parent}.id`,
  order: (self) => `${self}.created_at, ${self}.id`,
};

/** A page of the acting organization's clients (erased ones left out), by folded name, in one statement with the consents it shows. Audited. */
export async function listClients(ctx: RequestContext, args: ClientsArgs, selection: ConnectionSelection): Promise<Page<Client>> {
  const { organizationId } = await ctx.acting();
  const params = new SqlParams();
  const where = [`c.organization_id = ${params.add(organizationId, 'uuid')}`, 'c.erased_at IS NULL'];
  const search = args.search ? foldForSearch(args.search) : '';
  if (search) where.push(`c.search_name LIKE ${params.add(containsPattern(search), 'text')} ESCAPE '\\'`);
  const { edges, ...rest } = await readJoinedPage(
    ctx,
    { rows: ctx.services.database.rows(ClientRecord), from: 'clients c', alias: 'c', where, params, joins: [CONSENTS_JOIN], selection: selection.nodes },
    { args, keys: CLIENT_ORDER, direction: 'ASC', count: selection.totalCount && {} },
  );
  for (const edge of edges) auditClientRead(ctx, edge.node);
  return { ...rest, edges: edges.map((edge) => ({ ...edge, node: carryJoined(edge.node, ownerView(edge.node)) })) };
}

function assertBirthDate(birthDate: string, argumentPath: readonly (string | number)[]): void {
  if (birthDate > new Date().toISOString().slice(0, 10)) throw badInput('birthDate must not be in the future', argumentPath);
}

export async function registerClient(ctx: RequestContext, input: RegisterClientInput): Promise<Client> {
  return audited(ctx, await insertClient(ctx, input));
}

/** What registerClient answers for a client it registered before (an idempotent retry). */
export function registeredClient(ctx: RequestContext, record: ClientRecord): Promise<Client> {
  return audited(ctx, record);
}

async function insertClient(ctx: RequestContext, input: RegisterClientInput): Promise<ClientRecord> {
  const principal = await ctx.requireUser();
  if (!input.birthDate && !input.ageBand) throw badInput('Give birthDate or, when it is not known, ageBand', ['input', 'birthDate']);
  if (input.birthDate) assertBirthDate(input.birthDate, ['input', 'birthDate']);
  const em = await ctx.db();
  const record = em.create(ClientRecord, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    fullName: input.fullName.trim(),
    preferredName: input.preferredName ?? null,
    birthDate: input.birthDate ?? null,
    ageBand: input.birthDate ? null : input.ageBand!,
    sex: input.sex,
    genderIdentity: input.genderIdentity ?? null,
    preferredLanguage: input.preferredLanguage ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    address: input.address ?? null,
    region: input.region ?? null,
    vulnerabilities: input.vulnerabilities,
    createdByUserId: principal.userId,
  });
  record.searchName = searchNameOf(record);
  await em.insert(ClientRecord, record);
  await storeMatchKeys(ctx, record);
  return em.findOneByOrFail(ClientRecord, { organizationId: principal.organizationId, id: record.id });
}

/** The personal fields a change can touch, in the order the history lists them. */
const PERSONAL_FIELDS = [
  'fullName', 'preferredName', 'birthDate', 'ageBand', 'sex', 'genderIdentity', 'preferredLanguage', 'phone', 'email', 'address', 'region', 'vulnerabilities',
] as const satisfies readonly (keyof ClientRecord)[];

export function updateClient(ctx: RequestContext, input: UpdateClientInput): Promise<Client> {
  return changeClient(ctx, input, 'updateClient', null);
}

/** A correction (rectification): any field, the birth date too, with the reason kept beside the previous values. */
export async function correctClient(ctx: RequestContext, input: CorrectClientInput): Promise<Client> {
  if (input.birthDate === null && input.ageBand === null) throw badInput('Give birthDate or ageBand: a record keeps one of them', ['input', 'birthDate']);
  if (input.birthDate) assertBirthDate(input.birthDate, ['input', 'birthDate']);
  return changeClient(ctx, input, 'correctClient', input.reason.trim());
}

/**
 * Applies a change under the version check and keeps what it replaced in client_versions, in the
 * same transaction: the record's history is complete or the change does not happen.
 */
async function changeClient(ctx: RequestContext, input: UpdateClientInput & Partial<Pick<CorrectClientInput, 'birthDate' | 'ageBand'>>, action: string, reason: string | null): Promise<Client> {
  const principal = await ctx.requireUser();
  const { organizationId } = principal;
  const em = await ctx.db();
  const record = await em.findOne(ClientRecord, { where: { organizationId, id: input.clientId }, lock: { mode: 'pessimistic_write' } });
  if (!record) throw notFound('Client', ['input', 'clientId']);
  if (record.erasedAt) throw erasedConflict(record);
  if (record.version !== input.expectedVersion) {
    throw conflict(`This client's record changed since you read it (version ${record.version} now): reload and try again`, {
      version: record.version,
    });
  }
  const before = Object.fromEntries(PERSONAL_FIELDS.map((field) => [field, record[field]]));
  if (input.fullName != null) record.fullName = input.fullName.trim();
  for (const key of ['preferredName', 'genderIdentity', 'preferredLanguage', 'phone', 'email', 'address', 'region'] as const) {
    if (input[key] !== undefined) record[key] = input[key] ?? null;
  }
  if (input.sex != null) record.sex = input.sex;
  if (input.vulnerabilities != null) record.vulnerabilities = input.vulnerabilities;
  if (input.birthDate) {
    record.birthDate = input.birthDate;
    record.ageBand = null;
  } else if (input.ageBand) {
    record.birthDate = null;
    record.ageBand = input.ageBand;
  }
  record.searchName = searchNameOf(record);
  const changed = Object.fromEntries(
    PERSONAL_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(record[field])).map((field) => [field, before[field]]),
  );
  const saved = await em.save(record);
  await em.insert(ClientVersion, {
    organizationId,
    id: randomUUID(),
    clientId: record.id,
    version: saved.version - 1,
    action,
    reason,
    previousValues: changed as never,
    changedByUserId: principal.userId,
  });
  await storeMatchKeys(ctx, saved);
  return audited(ctx, saved);
}

export async function recordConsent(ctx: RequestContext, input: RecordConsentInput): Promise<Consent> {
  const principal = await ctx.requireUser();
  const client = await findOwnClient(ctx, input.clientId, ['input', 'clientId']);
  if (input.recipientOrganizationId === principal.organizationId) {
    throw badInput('Consent is for sharing with another organization, not your own', ['input', 'recipientOrganizationId']);
  }
  if (!(await ctx.loader(organizationLoader).load(input.recipientOrganizationId))) {
    throw notFound('Organization', ['input', 'recipientOrganizationId']);
  }
  if (input.recipientServiceId) {
    const service = await ctx.loader(serviceLoader).load({ organizationId: input.recipientOrganizationId, id: input.recipientServiceId });
    if (!service) {
      throw notFound('Service of the recipient organization', ['input', 'recipientServiceId']);
    }
  }
  if (input.scope === ConsentScope.MATCHING && (input.sharedFields.length || input.recipientServiceId)) {
    throw badInput('A consent to matching shares no field and names no service: leave sharedFields empty', ['input', 'sharedFields']);
  }
  if (input.method === ConsentMethod.GUARDIAN && !input.givenBy?.trim()) {
    throw badInput('Name the guardian who gave consent in givenBy', ['input', 'givenBy']);
  }
  const now = new Date();
  const givenAt = input.givenAt ?? now;
  if (givenAt.getTime() > now.getTime() + 60_000) throw badInput('givenAt must not be in the future', ['input', 'givenAt']);
  if (input.expiresAt && input.expiresAt <= now) throw badInput('expiresAt must be in the future', ['input', 'expiresAt']);
  const em = await ctx.db();
  const consent = em.create(Consent, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    clientId: client.id,
    recipientOrganizationId: input.recipientOrganizationId,
    recipientServiceId: input.recipientServiceId ?? null,
    purpose: input.purpose.trim(),
    scope: input.scope ?? ConsentScope.SHARING,
    sharedFields: input.sharedFields,
    method: input.method,
    givenBy: input.givenBy?.trim() || null,
    givenAt,
    expiresAt: input.expiresAt ?? null,
    recordedByUserId: principal.userId,
  });
  await em.insert(Consent, consent);
  return em.findOneByOrFail(Consent, { organizationId: principal.organizationId, id: consent.id });
}

export async function revokeConsent(ctx: RequestContext, input: RevokeConsentInput): Promise<Consent> {
  const principal = await ctx.requireUser();
  const em = await ctx.db();
  const consent = await em.findOne(Consent, {
    where: { organizationId: principal.organizationId, id: input.consentId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!consent) throw notFound('Consent', ['input', 'consentId']);
  if (consent.revokedAt) throw conflict('This consent was already revoked', { revokedAt: consent.revokedAt.toISOString() });
  consent.revokedAt = new Date();
  consent.revokedByUserId = principal.userId;
  consent.revocationReason = input.reason.trim();
  const saved = await em.save(consent);
  await publishEvent(ctx, {
    type: OrganizationEventType.CONSENT_REVOKED,
    subjectType: EventSubjectType.CONSENT,
    subjectId: consent.id,
    subjectVersion: null,
    organizationId: consent.organizationId,
    partyOrganizationId: consent.recipientOrganizationId,
  });
  return saved;
}
