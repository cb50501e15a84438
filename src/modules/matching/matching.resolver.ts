import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../../common/permissions';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { ChangeClientMatchInput, LookUpClientMatchesInput } from './dto/matching.inputs';
import { confirmClientMatch, lookUpClientMatches, possibleMatches, rejectClientMatch } from './matching.service';
import { ClientMatch, ClientMatchLookup } from './matching.types';

@Resolver(() => ClientMatch)
export class MatchingResolver {
  @Authorized(Permission.CLIENTS_READ)
  @Query(() => [ClientMatch], {
    description:
      "The possible matches of one of your clients that may be shown now, oldest first: links both sides confirmed, and proposals while the partnership and both consents allow them. Runs no new lookup (lookUpClientMatches does). Audited.",
  })
  possibleMatches(@Ctx() ctx: RequestContext, @Arg('clientId', () => ID, { description: 'Your client.' }) clientId: string) {
    assertUuid(clientId, ['clientId']);
    return possibleMatches(ctx, clientId);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => ClientMatchLookup, {
    description:
      "Looks for records of the same person at partner organizations, by keyed hashes of the folded name, birth date or year and sex, and proposes a match for each one found. Only partners whose ACTIVE partnership lets CLIENT_MATCHING flow both ways, and only where the person's MATCHING consent is in force on both records; otherwise nothing is said. Neither side sees the other's record. Audited. Caseworkers, coordinators and admins.",
  })
  lookUpClientMatches(@Ctx() ctx: RequestContext, @Arg('input', () => LookUpClientMatchesInput) input: LookUpClientMatchesInput) {
    return lookUpClientMatches(ctx, input.clientId);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => ClientMatch, {
    description:
      'Confirms, for your organization, that a possible match is the same person. Once both organizations confirmed it, it is CONFIRMED and programmes count the person once. Caseworkers, coordinators and admins.',
  })
  confirmClientMatch(@Ctx() ctx: RequestContext, @Arg('input', () => ChangeClientMatchInput) input: ChangeClientMatchInput) {
    return confirmClientMatch(ctx, input);
  }

  @Authorized(Permission.CLIENTS_WRITE)
  @Mutation(() => ClientMatch, {
    description: 'Says a possible match is not the same person, or undoes a confirmed link: it is REJECTED, for both organizations, and not proposed again. Caseworkers, coordinators and admins.',
  })
  rejectClientMatch(@Ctx() ctx: RequestContext, @Arg('input', () => ChangeClientMatchInput) input: ChangeClientMatchInput) {
    return rejectClientMatch(ctx, input);
  }

  @FieldResolver(() => Organization, { description: 'The other organization, which may hold a record of the same person.' })
  organization(@Root() match: ClientMatch, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(match.organizationId);
  }
}
