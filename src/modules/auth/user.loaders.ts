import { byIdLoader } from '../../common/loaders';
import type { RequestContext, UserPrincipal } from '../../context/request-context';
import { User } from './user.entity';

/** RLS shows only the caller and the members of the acting organization. The password hash is never needed where a user is shown. */
export const userLoader = (ctx: RequestContext) => byIdLoader(ctx, User, ['passwordHash']);

/** The name an event records for who acted: kept on the event, so it stays readable where the user is not. */
export async function actorName(ctx: RequestContext, principal: UserPrincipal): Promise<string> {
  return (await ctx.loader(userLoader).load(principal.userId))?.displayName ?? 'Unknown user';
}
