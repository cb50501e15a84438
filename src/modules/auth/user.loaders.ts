import { byIdLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { User } from './user.entity';

/** RLS shows only the caller and the members of the acting organization. The password hash is never needed where a user is shown. */
export const userLoader = (ctx: RequestContext) => byIdLoader(ctx, User, ['passwordHash']);
