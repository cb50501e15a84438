import { byIdLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { Organization } from './organization.entity';

export const organizationLoader = (ctx: RequestContext) => byIdLoader(ctx, Organization);
