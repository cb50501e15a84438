import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertUuid } from '../../common/validation';
import { Connection } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { OrganizationsArgs, UpdateOrganizationInput } from './dto/organization.inputs';
import { Organization } from './organization.entity';
import { getOrganization, listOrganizations, updateOrganization } from './organization.service';

export const OrganizationConnection = Connection(
  Organization,
  'Organization',
  'A page of the organization directory, ordered by name.',
);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized(Permission.DIRECTORY_READ)
  @Query(() => Organization, { description: "One organization's public profile." })
  organization(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The organization id.' }) id: string) {
    assertUuid(id, ['id']);
    return getOrganization(ctx, id);
  }

  @Authorized(Permission.DIRECTORY_READ)
  @Query(() => OrganizationConnection, {
    description: 'The directory of organizations on the platform (public profiles only), ordered by name.',
  })
  organizations(@Ctx() ctx: RequestContext, @Args(() => OrganizationsArgs) args: OrganizationsArgs) {
    return listOrganizations(ctx, args);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether a platform operator verified that the organization is who it says it is (see `verifiedAt`).',
  })
  verified(@Root() organization: Organization) {
    return organization.verifiedAt !== null;
  }

  @Authorized(Permission.ORGANIZATION_MANAGE)
  @Mutation(() => Organization, {
    description:
      "Changes the acting organization's public profile. Admins only. A new name and region that would pass for a verified organization of the same kind are refused (CONFLICT).",
  })
  updateOrganization(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput) {
    return updateOrganization(ctx, input);
  }
}
