import type { JobDefinition } from '../../common/module';
import { EventSubjectType, OrganizationEventType } from '../events/event.enums';
import { publishJobEvent } from '../events/events.service';
import { OPEN_STATUSES } from './referral.reads';

/**
 * Tells both sides of every open referral past its `dueOn` that it is overdue, once per referral:
 * acting as each sending organization in turn, so that only its own referrals are in reach.
 */
export const overdueReferralsJob: JobDefinition = {
  kind: 'referrals-overdue',
  every: 'hour',
  async run({ database }, now) {
    const today = now.toISOString().slice(0, 10);
    const organizations = await database.platform('job', { worker: true }, (tx) => tx.query<{ id: string }>('SELECT id FROM organizations ORDER BY id', []));
    for (const { id: organizationId } of organizations) {
      await database.platform('job', { organizationId, worker: true }, async (tx) => {
        const overdue = await tx.query<{ id: string; version: number; receiving_organization_id: string | null }>(
          `SELECT r.id, r.version, r.receiving_organization_id FROM referrals r
            WHERE r.organization_id = $1 AND r.due_on < $2 AND r.status = ANY($3)
              AND NOT EXISTS (SELECT 1 FROM organization_events e WHERE e.organization_id = r.organization_id AND e.subject_id = r.id AND e.type = $4)`,
          [organizationId, today, OPEN_STATUSES, OrganizationEventType.REFERRAL_OVERDUE],
        );
        for (const referral of overdue) {
          await publishJobEvent(tx, {
            type: OrganizationEventType.REFERRAL_OVERDUE,
            subjectType: EventSubjectType.REFERRAL,
            subjectId: referral.id,
            subjectVersion: referral.version,
            organizationId,
            partyOrganizationId: referral.receiving_organization_id,
          });
        }
      });
    }
  },
};
