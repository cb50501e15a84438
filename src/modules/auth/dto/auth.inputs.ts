import { IsId, NOT_BLANK } from '../../../common/validation';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ApiKeyScope, Role } from '../../../common/permissions';
import { EmailScalar } from '../../../common/scalars';
import { NewOrganizationInput } from '../../organizations/dto/organization.inputs';

const PASSWORD_RULE = 'Password: 12 to 256 characters.';

@InputType({ description: 'A new organization and its first admin. If the email already has an account, give that account\'s password.' })
export class SignUpInput {
  @Field(() => NewOrganizationInput, { description: "The organization's public profile." })
  @ValidateNested()
  organization!: NewOrganizationInput;

  @Field(() => EmailScalar, { description: "The first admin's sign-in email." })
  @MaxLength(254)
  email!: string;

  @Field({ description: PASSWORD_RULE })
  @Length(12, 256)
  password!: string;

  @Field({ description: "The first admin's name as colleagues see it (1–200 characters)." })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'displayName must not be blank' })
  displayName!: string;
}

@InputType({ description: 'Sign-in credentials.' })
export class LoginInput {
  @Field(() => EmailScalar, { description: 'Sign-in email.' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Password.' })
  @MaxLength(256)
  password!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Organization to act as; defaults to the one the user joined first. Use switchOrganization to change later.',
  })
  @IsId()
  organizationId?: string | null;
}

@InputType({ description: 'A refresh token to exchange for new tokens.' })
export class RefreshTokenInput {
  @Field({ description: 'The refresh token from login, signUp or the last refresh. It works once.' })
  @MaxLength(200)
  refreshToken!: string;
}

@InputType({ description: "A new password for the signed-in person, who proves it is them with the current one." })
export class ChangePasswordInput {
  @Field({ description: 'The password now in use.' })
  @MaxLength(256)
  currentPassword!: string;

  @Field({ description: `The new password. ${PASSWORD_RULE}` })
  @Length(12, 256)
  newPassword!: string;
}

@InputType({ description: 'The email of the account whose password was forgotten.' })
export class RequestPasswordResetInput {
  @Field(() => EmailScalar, { description: 'Sign-in email.' })
  @MaxLength(254)
  email!: string;
}

@InputType({ description: 'A new password, set with the one-time token of a reset link.' })
export class ResetPasswordInput {
  @Field({ description: 'The token from the reset link (after `#token=`).' })
  @MaxLength(200)
  token!: string;

  @Field({ description: `The new password. ${PASSWORD_RULE}` })
  @Length(12, 256)
  newPassword!: string;
}

@InputType({ description: 'Which sessions to end.' })
export class LogoutInput {
  @Field({ defaultValue: false, description: "End every session of this user, in every organization, not only this one." })
  everywhere: boolean = false;
}

@InputType({ description: 'The organization to act as next.' })
export class SwitchOrganizationInput {
  @Field(() => ID, { description: 'An organization the signed-in user is a member of.' })
  @IsId()
  organizationId!: string;
}

@InputType({ description: 'Who to invite, and with which role.' })
export class InviteMemberInput {
  @Field(() => EmailScalar, { description: 'Email of the person invited; they sign in with it.' })
  @MaxLength(254)
  email!: string;

  @Field(() => Role, { description: 'Role they get on accepting.' })
  role!: Role;
}

@InputType({ description: 'Accept an invitation with its one-time token.' })
export class AcceptInvitationInput {
  @Field({ description: 'The token the admin passed on.' })
  @MaxLength(200)
  token!: string;

  @Field({ description: `If the email already has an account, its password; otherwise the new account's password. ${PASSWORD_RULE}` })
  @Length(12, 256)
  password!: string;

  @Field(() => String, { nullable: true, description: 'Name for a new account (1–200 characters); required when the email has no account yet.' })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'displayName must not be blank' })
  displayName?: string | null;
}

@InputType({ description: "A change to a member's role." })
export class UpdateMemberRoleInput {
  @Field(() => ID, { description: 'The membership to change.' })
  @IsId()
  membershipId!: string;

  @Field(() => Role, { description: 'The new role.' })
  role!: Role;

  @Field(() => Int, {
    nullable: true,
    description: "The membership's `version` as you last read it; if someone changed it since, you get CONFLICT instead of overwriting.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: 'The member to remove.' })
export class RemoveMemberInput {
  @Field(() => ID, { description: 'The membership to end.' })
  @IsId()
  membershipId!: string;
}

@InputType({ description: 'The invitation to revoke.' })
export class RevokeInvitationInput {
  @Field(() => ID, { description: 'A pending invitation of the acting organization.' })
  @IsId()
  invitationId!: string;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for (1–100 characters).' })
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do; at least one scope.' })
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  scopes!: ApiKeyScope[];
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'An API key of the acting organization.' })
  @IsId()
  apiKeyId!: string;
}
