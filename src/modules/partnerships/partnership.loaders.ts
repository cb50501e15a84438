import DataLoader from 'dataloader';
import { byIdLoader, byParentLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { PartnershipEvent } from './partnership-event.entity';
import { Partnership } from './partnership.entity';
import { SHARING_PARTNERSHIP_STATUSES } from './partnership.lifecycle';

export const partnershipLoader = (ctx: RequestContext) => byIdLoader(ctx, Partnership);

/** Keyed by the partnership's (proposer's) organization and id. */
export const partnershipHistoryLoader = (ctx: RequestContext) =>
  byParentLoader(ctx, PartnershipEvent, 'partnershipId', { createdAt: 'ASC', id: 'ASC' });

/**
 * The partnership under which data flows between the acting organization and each other one, keyed
 * by the other organization's id: one query for all of them, since RLS already limits it to ours.
 */
export const sharingPartnershipLoader = (ctx: RequestContext) =>
  new DataLoader<string, Partnership | null>(async (otherIds) => {
    const { organizationId } = await ctx.requirePrincipal();
    const rows = await (await ctx.db())
      .createQueryBuilder(Partnership, 'p')
      .where('p.status IN (:...statuses)', { statuses: SHARING_PARTNERSHIP_STATUSES })
      .andWhere(
        '((p.organization_id = :me AND p.partner_organization_id IN (:...others)) OR (p.partner_organization_id = :me AND p.organization_id IN (:...others)))',
        { me: organizationId, others: otherIds },
      )
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    // The latest agreement wins, as in the referral pages' join (referral.reads.ts).
    const byOther = new Map(rows.map((p) => [p.organizationId === organizationId ? p.partnerOrganizationId : p.organizationId, p]));
    return otherIds.map((id) => byOther.get(id) ?? null);
  });
