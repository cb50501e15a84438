import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIdLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { ClientRecord } from './client.entity';
import { Consent } from './consent.entity';

/** RLS shows the owner its clients, and a receiving organization the clients of its referrals (rows, not fields). */
export const clientRecordLoader = (ctx: RequestContext) => byIdLoader(ctx, ClientRecord);

export const consentLoader = (ctx: RequestContext) => byIdLoader(ctx, Consent);

export const clientConsentsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Consent[]>(async (clientIds) => {
    const { organizationId } = await ctx.requirePrincipal();
    const consents = await (await ctx.db()).find(Consent, {
      where: { organizationId, clientId: In([...clientIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return clientIds.map((id) => consents.filter((consent) => consent.clientId === id));
  });
