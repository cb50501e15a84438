import type { RequestContext } from '../../context/request-context';
import { auditClientRead, recordAudit } from '../audit/audit.service';
import { findClientRecord } from './client.service';
import { ownerView } from './client.views';

/** The version of the document's shape; docs/data-protection.md describes it. */
export const CLIENT_RECORD_FORMAT = 'ngo-commons/client-record/1';

type Row = Record<string, unknown>;
const named = (id: unknown, name: unknown) => (id ? { id, name: name ?? null } : null);

/**
 * Everything the acting organization holds about one of its clients, as one document (a subject
 * access request): the record, its history, consents, links to partners' records of the same
 * person, referrals with their timelines, enrolments with their deliveries, and every audited
 * access to the person's data, other organizations' reads
 * through referrals included. One read under the organization's own row-level security; the
 * export itself is audited (action "clientRecord") as well as the read of the personal fields.
 */
export async function clientRecord(ctx: RequestContext, clientId: string): Promise<Record<string, unknown>> {
  const { organizationId } = await ctx.requireUser();
  const record = await findClientRecord(ctx, clientId, ['id']);
  const em = await ctx.db();
  const query = (text: string, values: unknown[]) => em.query(text, values) as Promise<Row[]>;

  const [organization] = await query(`SELECT id, name FROM organizations WHERE id = $1`, [organizationId]);
  const [creator] = await query(`SELECT display_name FROM users WHERE id = $1`, [record.createdByUserId]);
  const history = await query(
    `SELECT v.version, v.action, v.reason, v.previous_values, v.created_at, coalesce(u.display_name, 'Unknown') AS changed_by
       FROM client_versions v LEFT JOIN users u ON u.id = v.changed_by_user_id
      WHERE v.organization_id = $1 AND v.client_id = $2 ORDER BY v.version`,
    [organizationId, clientId],
  );
  const consents = await query(
    `SELECT k.id, k.recipient_organization_id, o.name AS recipient_name, k.recipient_service_id, k.purpose, k.shared_fields, k.method,
            k.given_by, k.given_at, k.expires_at, k.revoked_at, k.revocation_reason, k.created_at
       FROM consents k LEFT JOIN organizations o ON o.id = k.recipient_organization_id
      WHERE k.organization_id = $1 AND k.client_id = $2 ORDER BY k.created_at, k.id`,
    [organizationId, clientId],
  );
  const referrals = await query(
    `SELECT r.id, r.receiving_organization_id, o.name AS receiver_name, r.external_receiver_name, r.service_id, s.name AS service_name,
            r.status, r.urgency, r.reason, r.needs, r.shared_fields, r.consent_id, r.consent_override_reason, r.due_on::text AS due_on,
            r.outcome, r.outcome_reason, r.service_delivered, r.program_id, r.receiver_access_until, r.created_at, r.updated_at
       FROM referrals r LEFT JOIN organizations o ON o.id = r.receiving_organization_id
            LEFT JOIN services s ON s.organization_id = r.receiving_organization_id AND s.id = r.service_id
      WHERE r.organization_id = $1 AND r.client_id = $2 ORDER BY r.created_at, r.id`,
    [organizationId, clientId],
  );
  const events = await query(
    `SELECT e.referral_id, e.kind, e.from_status, e.to_status, e.note, e.actor_name, e.actor_organization_id, o.name AS actor_organization_name, e.created_at
       FROM referral_events e JOIN referrals r ON r.organization_id = e.organization_id AND r.id = e.referral_id
            LEFT JOIN organizations o ON o.id = e.actor_organization_id
      WHERE e.organization_id = $1 AND r.client_id = $2 ORDER BY e.created_at, e.id`,
    [organizationId, clientId],
  );
  const enrolments = await query(
    `SELECT e.id, e.organization_id AS program_organization_id, e.program_id, p.name AS program_name, e.enrolled_on::text AS enrolled_on,
            e.sex, e.age_band, e.disability, e.region, e.population_groups, e.created_at
       FROM program_enrollments e LEFT JOIN programs p ON p.organization_id = e.organization_id AND p.id = e.program_id
      WHERE e.member_organization_id = $1 AND e.client_id = $2 ORDER BY e.enrolled_on, e.id`,
    [organizationId, clientId],
  );
  const deliveries = await query(
    `SELECT d.id, d.enrollment_id, d.service_id, s.name AS service_name, d.category_code, d.delivered_on::text AS delivered_on, d.created_at
       FROM service_deliveries d JOIN program_enrollments e ON e.organization_id = d.organization_id AND e.id = d.enrollment_id
            LEFT JOIN services s ON s.organization_id = d.member_organization_id AND s.id = d.service_id
      WHERE d.member_organization_id = $1 AND e.client_id = $2 ORDER BY d.delivered_on, d.id`,
    [organizationId, clientId],
  );
  // Links to partners' records of the same person (matching module), whatever their state: the
  // organization holds them, so the person is told of them; never the partner's client id.
  const matches = await query(
    `SELECT m.id, CASE WHEN m.organization_id = $1 THEN m.partner_organization_id ELSE m.organization_id END AS other_organization_id,
            o.name AS other_organization_name, m.strength, m.status, m.created_at, m.updated_at
       FROM client_matches m
       LEFT JOIN organizations o ON o.id = CASE WHEN m.organization_id = $1 THEN m.partner_organization_id ELSE m.organization_id END
      WHERE (m.organization_id = $1 AND m.client_id = $2) OR (m.partner_organization_id = $1 AND m.partner_client_id = $2)
      ORDER BY m.created_at, m.id`,
    [organizationId, clientId],
  );
  const recordIds = [clientId, ...consents.map((c) => c.id), ...matches.map((m) => m.id), ...referrals.map((r) => r.id), ...enrolments.map((e) => e.id)];
  const access = await query(
    `SELECT a.created_at, a.action, a.entity_type, a.entity_id, a.actor_name, a.organization_id, o.name AS organization_name
       FROM audit_events a LEFT JOIN organizations o ON o.id = a.organization_id
      WHERE (a.organization_id = $1 OR a.subject_organization_id = $1) AND a.entity_id = ANY($2::uuid[])
      ORDER BY a.created_at, a.id`,
    [organizationId, recordIds],
  );

  const { organizationId: _organization, ...client } = ownerView(record);
  // The read of the personal fields and the export itself, each in the trail.
  auditClientRead(ctx, record);
  await recordAudit(ctx, { action: 'clientRecord', entityType: 'Client', entityId: clientId });

  return {
    format: CLIENT_RECORD_FORMAT,
    generatedAt: new Date().toISOString(),
    organization: named(organization?.id, organization?.name),
    client: { ...client, erasureReason: record.erasureReason, createdBy: creator?.display_name ?? null },
    history: history.map((v) => ({
      version: v.version,
      action: v.action,
      reason: v.reason,
      previousValues: v.previous_values,
      changedBy: v.changed_by,
      changedAt: v.created_at,
    })),
    consents: consents.map((k) => ({
      id: k.id,
      recipientOrganization: named(k.recipient_organization_id, k.recipient_name),
      recipientServiceId: k.recipient_service_id,
      purpose: k.purpose,
      sharedFields: k.shared_fields,
      method: k.method,
      givenBy: k.given_by,
      givenAt: k.given_at,
      expiresAt: k.expires_at,
      revokedAt: k.revoked_at,
      revocationReason: k.revocation_reason,
      recordedAt: k.created_at,
    })),
    matches: matches.map((m) => ({
      id: m.id,
      otherOrganization: named(m.other_organization_id, m.other_organization_name),
      strength: m.strength,
      status: m.status,
      proposedAt: m.created_at,
      updatedAt: m.updated_at,
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      receivingOrganization: named(r.receiving_organization_id, r.receiver_name),
      externalReceiverName: r.external_receiver_name,
      service: named(r.service_id, r.service_name),
      status: r.status,
      urgency: r.urgency,
      reason: r.reason,
      needs: r.needs,
      sharedFields: r.shared_fields,
      consentId: r.consent_id,
      consentOverrideReason: r.consent_override_reason,
      dueOn: r.due_on,
      outcome: r.outcome,
      outcomeReason: r.outcome_reason,
      serviceDelivered: r.service_delivered,
      programId: r.program_id,
      receiverAccessUntil: r.receiver_access_until,
      sentAt: r.created_at,
      updatedAt: r.updated_at,
      timeline: events
        .filter((e) => e.referral_id === r.id)
        .map((e) => ({
          at: e.created_at,
          kind: e.kind,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          note: e.note,
          actorName: e.actor_name,
          actorOrganization: named(e.actor_organization_id, e.actor_organization_name),
        })),
    })),
    enrolments: enrolments.map((e) => ({
      id: e.id,
      program: named(e.program_id, e.program_name),
      enrolledOn: e.enrolled_on,
      sex: e.sex,
      ageBand: e.age_band,
      disability: e.disability,
      region: e.region,
      populationGroups: e.population_groups,
      recordedAt: e.created_at,
      deliveries: deliveries
        .filter((d) => d.enrollment_id === e.id)
        .map((d) => ({ id: d.id, service: named(d.service_id, d.service_name), categoryCode: d.category_code, deliveredOn: d.delivered_on, recordedAt: d.created_at })),
    })),
    accessLog: access.map((a) => ({
      at: a.created_at,
      action: a.action,
      entityType: a.entity_type,
      entityId: a.entity_id,
      actorName: a.actor_name,
      actorOrganization: named(a.organization_id, a.organization_name),
    })),
  };
}
