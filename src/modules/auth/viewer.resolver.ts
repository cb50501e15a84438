import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { ApiKey } from './api-key.entity';
import { findApiKey } from './api-keys.service';
import { viewerOf } from './auth.service';
import { Viewer } from './auth.types';
import { Membership } from './membership.entity';
import { listOwnMemberships } from './members.service';
import { User } from './user.entity';
import { userLoader } from './user.loaders';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who is calling: the user or API key, the acting organization and the role there.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    return viewerOf(await ctx.requirePrincipal());
  }

  @FieldResolver(() => Organization, { description: 'The organization the caller acts as.' })
  async organization(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<Organization> {
    const organization = await ctx.loader(organizationLoader).load(viewer.organizationId);
    if (!organization) throw notFound('Organization');
    return organization;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The signed-in user; null for an API key.' })
  user(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<User | null> | null {
    return viewer.userId ? ctx.loader(userLoader).load(viewer.userId) : null;
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key making the call; null for a user.' })
  async apiKey(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<ApiKey | null> {
    return viewer.apiKeyId ? findApiKey(ctx, viewer.apiKeyId) : null;
  }

  @FieldResolver(() => [Membership], {
    description: "The user's memberships in every organization (to offer switchOrganization); empty for an API key.",
  })
  async memberships(@Ctx() ctx: RequestContext, @Root() viewer: Viewer): Promise<Membership[]> {
    return viewer.userId ? listOwnMemberships(ctx, viewer.userId) : [];
  }
}
