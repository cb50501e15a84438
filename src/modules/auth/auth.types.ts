import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../common/pagination';
import type { Principal } from '../../context/request-context';
import { ApiKeyScope, Role } from '../../common/permissions';
import { DateTimeScalar } from '../../common/scalars';
import { ApiKey } from './api-key.entity';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';

/** Who is calling. Resolved by ViewerResolver from the verified principal. */
@ObjectType({ description: 'Who is calling: the user (or API key), the organization they act as, and their role there.' })
export class Viewer {
  organizationId!: string;
  userId!: string | null;
  apiKeyId!: string | null;

  @Field(() => Role, { nullable: true, description: "The user's role in the acting organization; null for an API key." })
  role!: Role | null;

  @Field(() => [ApiKeyScope], { description: "An API key's scopes; empty for a user, whose role decides instead." })
  scopes!: ApiKeyScope[];
}

@ObjectType({ description: 'Tokens for a session acting as one organization.' })
export class AuthPayload {
  /** The new session's principal; the rest of the response resolves as it (RequestContext.adopt). */
  principal!: Principal;

  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`. Short-lived (15 minutes by default).' })
  accessToken!: string;

  @Field(() => DateTimeScalar, { description: 'When the access token expires; refresh before then.' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Exchange with `refreshToken` for new tokens. Works once; using it twice ends the session.' })
  refreshToken!: string;

  @Field(() => DateTimeScalar, { description: 'When the refresh token expires.' })
  refreshTokenExpiresAt!: Date;

  @Field(() => Viewer, { description: 'Who the tokens act as.' })
  viewer!: Viewer;
}

@ObjectType({ description: 'A new invitation and its one-time token, shown only now.' })
export class InvitationCreated {
  @Field(() => Invitation, { description: 'The invitation.' })
  invitation!: Invitation;

  @Field({ description: 'Pass this to the person invited; they accept with it. It is not shown again.' })
  token!: string;
}

@ObjectType({ description: 'A new API key and its secret, shown only now.' })
export class ApiKeyCreated {
  @Field(() => ApiKey, { description: 'The key.' })
  apiKey!: ApiKey;

  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Stored only hashed: it is not shown again.' })
  secret!: string;
}

@ObjectType({ description: 'The outcome of removing a member.' })
export class RemoveMemberPayload {
  @Field(() => ID, { description: 'The membership that ended.' })
  removedMembershipId!: string;
}

export const MembershipConnection = Connection(Membership, 'Membership', "A page of the acting organization's members.");
export const InvitationConnection = Connection(Invitation, 'Invitation', "A page of the acting organization's invitations, newest last.");
export const ApiKeyConnection = Connection(ApiKey, 'ApiKey', "A page of the acting organization's API keys.");
