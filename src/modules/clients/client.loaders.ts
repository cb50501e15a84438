import { byParentLoader, byTenantKeyLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { ClientRecord } from './client.entity';
import { Consent } from './consent.entity';

/** RLS shows the owner its clients, and a receiving organization the clients of its referrals (rows, not fields). */
export const clientRecordLoader = (ctx: RequestContext) => byTenantKeyLoader(ctx, ClientRecord);

export const consentLoader = (ctx: RequestContext) => byTenantKeyLoader(ctx, Consent);

/** Keyed by the client's organization and id. */
export const clientConsentsLoader = (ctx: RequestContext) => byParentLoader(ctx, Consent, 'clientId', { createdAt: 'ASC', id: 'ASC' });
