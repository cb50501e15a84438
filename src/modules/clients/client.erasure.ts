import { badInput, conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishEvent, type NewEvent } from '../events/events.service';
import { forgetMatchKeys } from '../matching/match-key.service';
import { forgetIdempotentRequests } from '../operations/idempotency';
import { eraseReferralTexts, ERASED_TEXT } from '../referrals/referral.service';
import { ClientRecord } from './client.entity';
import { AgeBand, ageBandOn, ErasureReason } from './client.enums';
import { ownerView, type Client } from './client.views';
import type { EraseClientInput } from './dto/client.inputs';

type Query = (text: string, values: unknown[]) => Promise<unknown>;

/**
 * Erases one client's personal details everywhere the organization holds them, in the caller's
 * transaction (a request's, or the retention job's acting as the organization):
 *   clients          name "[erased]"; birth date, names, gender identity, language, contacts,
 *                    address, region and vulnerabilities cleared. Kept: the id (programme rows name
 *                    it), sex and the age band on the day of erasure (the dimensions figures count by)
 *   client_versions  deleted: the history holds the same details
 *   consents         purpose, guardian's name and revocation reason erased; revoked if in force
 *   referrals        reason, needs and override reason erased; every timeline note removed
 *   idempotency_keys the stored digest of each request that created these records
 *   client_match_keys the client's keys deleted (matching module): it can no longer be matched
 * Programme enrolments, deliveries and rollups hold no personal text (ids, dates and the dimension
 * values the figures count by) and stay as they are, so programme figures do not change.
 * Answers the organizations that received referrals of the client, to be told; null if there is no
 * such client not yet erased.
 */
export async function eraseClientDetails(
  query: Query,
  organizationId: string,
  clientId: string,
  reason: ErasureReason,
  revokedByUserId: string | null,
  expectedVersion?: number | null,
): Promise<{ partnerOrganizationIds: string[] }> {
  const [client] = (await query(
    `SELECT id, version, birth_date::text AS birth_date, age_band, erased_at FROM clients WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
    [organizationId, clientId],
  )) as { id: string; version: number; birth_date: string | null; age_band: AgeBand | null; erased_at: Date | null }[];
  if (!client) throw notFound('Client', ['input', 'clientId']);
  if (client.erased_at) throw conflict("This client's details were already erased", { erasedAt: client.erased_at.toISOString() });
  if (expectedVersion != null && client.version !== expectedVersion) {
    throw conflict(`This client's record changed since you read it (version ${client.version} now): reload and try again`, { version: client.version });
  }
  const ageBand = client.birth_date ? ageBandOn(client.birth_date, new Date()) : client.age_band;

  await query(
    `UPDATE clients SET full_name = $3, preferred_name = NULL, birth_date = NULL, age_band = $4, gender_identity = NULL, preferred_language = NULL,
            phone = NULL, email = NULL, address = NULL, region = NULL, vulnerabilities = '{}', search_name = '',
            erased_at = now(), erasure_reason = $5, version = version + 1, updated_at = now()
      WHERE organization_id = $1 AND id = $2`,
    [organizationId, clientId, ERASED_TEXT, ageBand, reason],
  );
  await query(`DELETE FROM client_versions WHERE organization_id = $1 AND client_id = $2`, [organizationId, clientId]);
  const consents = (await query(
    `UPDATE consents SET purpose = $3,
            given_by = CASE WHEN method = 'GUARDIAN' THEN $3 END,
            revoked_at = coalesce(revoked_at, now()),
            revoked_by_user_id = CASE WHEN revoked_at IS NULL THEN $4::uuid ELSE revoked_by_user_id END,
            revocation_reason = $3
      WHERE organization_id = $1 AND client_id = $2`,
    [organizationId, clientId, ERASED_TEXT, revokedByUserId],
  ).then(() => query(`SELECT id FROM consents WHERE organization_id = $1 AND client_id = $2`, [organizationId, clientId]))) as { id: string }[];
  const referrals = await eraseReferralTexts(query, organizationId, clientId);
  const enrolments = (await query(`SELECT id FROM program_enrollments WHERE member_organization_id = $1 AND client_id = $2`, [
    organizationId,
    clientId,
  ])) as { id: string }[];
  await forgetIdempotentRequests(query, organizationId, [clientId, ...consents.map((c) => c.id), ...referrals.map((r) => r.id), ...enrolments.map((e) => e.id)]);
  await forgetMatchKeys(query, organizationId, clientId);
  const partners = new Set(referrals.flatMap((r) => (r.receivingOrganizationId ? [r.receivingOrganizationId] : [])));
  return { partnerOrganizationIds: [...partners].sort() };
}

/** The events that tell the organization and each partner that received a referral of the client. */
export function erasureEvents(
  organizationId: string,
  clientId: string,
  partnerOrganizationIds: readonly string[],
): (NewEvent & { type: OrganizationEventType.CLIENT_ERASED })[] {
  const parties = partnerOrganizationIds.length ? partnerOrganizationIds : [null];
  return parties.map((partyOrganizationId) => ({
    type: OrganizationEventType.CLIENT_ERASED as const,
    subjectType: EventSubjectType.CLIENT,
    subjectId: clientId,
    subjectVersion: null,
    organizationId,
    partyOrganizationId,
  }));
}

/** eraseClient: an admin erases a client on one of the grounds; audited as the mutation (ids only). */
export async function eraseClient(ctx: RequestContext, input: EraseClientInput): Promise<Client> {
  const principal = await ctx.requireUser();
  if (input.reason === ErasureReason.RETENTION_PERIOD) {
    throw badInput('RETENTION_PERIOD is set by the retention job: choose the ground of this erasure', ['input', 'reason']);
  }
  const em = await ctx.db();
  const query: Query = (text, values) => em.query(text, values);
  const { partnerOrganizationIds } = await eraseClientDetails(query, principal.organizationId, input.clientId, input.reason, principal.userId, input.expectedVersion);
  for (const event of erasureEvents(principal.organizationId, input.clientId, partnerOrganizationIds)) await publishEvent(ctx, event);
  const record = await em.findOneByOrFail(ClientRecord, { organizationId: principal.organizationId, id: input.clientId });
  // Nothing personal is left to read, so the answer is not a read of personal data.
  return ownerView(record);
}
