import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIdLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { PartnershipEvent } from './partnership-event.entity';
import { Partnership } from './partnership.entity';
import { SHARING_PARTNERSHIP_STATUSES } from './partnership.lifecycle';

export const partnershipLoader = (ctx: RequestContext) => byIdLoader(ctx, Partnership);

export const partnershipHistoryLoader = (ctx: RequestContext) =>
  new DataLoader<string, PartnershipEvent[]>(async (partnershipIds) => {
    const events = await (await ctx.db()).find(PartnershipEvent, {
      where: { partnershipId: In([...partnershipIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return partnershipIds.map((id) => events.filter((event) => event.partnershipId === id));
  });

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
      .getMany();
    const byOther = new Map(rows.map((p) => [p.organizationId === organizationId ? p.partnerOrganizationId : p.organizationId, p]));
    return otherIds.map((id) => byOther.get(id) ?? null);
  });
