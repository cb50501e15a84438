import type { JobDefinition } from '../../common/module';
import { recordJobAudit } from '../audit/audit.service';
import { publishJobEvent } from '../events/events.service';
import { OPEN_STATUSES } from '../referrals/referral.reads';
import { eraseClientDetails, erasureEvents } from './client.erasure';
import { ErasureReason } from './client.enums';

const DAY_MS = 24 * 60 * 60_000;
/** Clients erased per transaction and per run of one organization: a run stays well inside its lease. */
const BATCH = 50;

/**
 * Record retention: every day, for each organization that set `recordRetentionDays`, erases the
 * clients whose record is closed and has been for that long: no referral of theirs open, no
 * enrolment in a programme that has not ended, and nothing about them (the record, a consent, a
 * referral or its timeline, a service delivery) changed since. Acts as each organization in turn,
 * under its row-level security, and audits each erasure as the platform's.
 */
export const recordRetentionJob: JobDefinition = {
  kind: 'clients-retention',
  every: 'day',
  async run({ database }, now) {
    const organizations = await database.platform('job', { worker: true }, (tx) =>
      tx.query<{ id: string; days: number }>(
        'SELECT id, record_retention_days AS days FROM organizations WHERE record_retention_days IS NOT NULL ORDER BY id',
        [],
      ),
    );
    let more = false;
    for (const { id: organizationId, days } of organizations) {
      const cutoff = new Date(now.getTime() - days * DAY_MS);
      const erased = await database.platform('job', { organizationId, worker: true }, async (tx) => {
        const closed = await tx.query<{ id: string }>(
          `SELECT c.id FROM clients c
            WHERE c.organization_id = $1 AND c.erased_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.organization_id = c.organization_id AND r.client_id = c.id AND r.status = ANY($2))
              AND NOT EXISTS (SELECT 1 FROM program_enrollments e JOIN programs p ON p.organization_id = e.organization_id AND p.id = e.program_id
                               WHERE e.member_organization_id = c.organization_id AND e.client_id = c.id AND (p.ends_on IS NULL OR p.ends_on >= $3::date))
              AND greatest(c.updated_at,
                    (SELECT max(k.created_at) FROM consents k WHERE k.organization_id = c.organization_id AND k.client_id = c.id),
                    (SELECT max(greatest(r.updated_at, (SELECT max(e.created_at) FROM referral_events e WHERE e.organization_id = r.organization_id AND e.referral_id = r.id)))
                       FROM referrals r WHERE r.organization_id = c.organization_id AND r.client_id = c.id),
                    (SELECT max(d.created_at) FROM service_deliveries d JOIN program_enrollments e ON e.organization_id = d.organization_id AND e.id = d.enrollment_id
                      WHERE d.member_organization_id = c.organization_id AND e.client_id = c.id)) < $4
            ORDER BY c.id LIMIT ${BATCH}`,
          [organizationId, OPEN_STATUSES, now.toISOString().slice(0, 10), cutoff],
        );
        for (const { id } of closed) {
          const { partnerOrganizationIds } = await eraseClientDetails((text, values) => tx.query(text, values), organizationId, id, ErasureReason.RETENTION_PERIOD, null);
          for (const event of erasureEvents(organizationId, id, partnerOrganizationIds)) await publishJobEvent(tx, event);
          await recordJobAudit(tx, organizationId, { action: 'eraseClient', entityType: 'Client', entityId: id, actorName: 'Record retention (platform)' });
        }
        return closed.length;
      });
      if (erased === BATCH) more = true;
    }
    return more ? 'again' : undefined;
  },
};
