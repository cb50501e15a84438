import { Arg, Authorized, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context/request-context';
import { changePassword, login, logout, refreshToken, signUp, switchOrganization } from './auth.service';
import { AuthPayload } from './auth.types';
import { requestPasswordReset, resetPassword } from './password-reset.service';
import { ChangePasswordInput, LoginInput, LogoutInput, RequestPasswordResetInput, ResetPasswordInput, RefreshTokenInput, SignUpInput, SwitchOrganizationInput } from './dto/auth.inputs';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Creates an organization and its first admin, and signs that admin in. May be switched off on closed deployments.',
  })
  signUp(@Ctx() ctx: RequestContext, @Arg('input', () => SignUpInput) input: SignUpInput) {
    return signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password, acting as one of the user\'s organizations.' })
  login(@Ctx() ctx: RequestContext, @Arg('input', () => LoginInput) input: LoginInput) {
    return login(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for new tokens. Each refresh token works once; presenting a used one ends its session.',
  })
  refreshToken(@Ctx() ctx: RequestContext, @Arg('input', () => RefreshTokenInput) input: RefreshTokenInput) {
    return refreshToken(ctx, input);
  }

  @Authorized()
  @Mutation(() => Int, {
    description:
      "Changes the signed-in person's password; the current one is required (a wrong one is BAD_USER_INPUT on `input.currentPassword`, and counts as a sign-in attempt). Every other session of the person, in every organization, ends at once; this one goes on. Answers how many sessions ended. People only, not API keys.",
  })
  changePassword(@Ctx() ctx: RequestContext, @Arg('input', () => ChangePasswordInput, { description: 'The current and the new password.' }) input: ChangePasswordInput) {
    return changePassword(ctx, input);
  }

  @Mutation(() => Boolean, {
    description:
      "Asks for a password-reset link for an email. Always answers true, whether or not an account has that email (nobody learns who has an account). The link works once, for an hour; with no mail server set up, the platform's operators hand it over. Throttled per account and per address.",
  })
  requestPasswordReset(@Ctx() ctx: RequestContext, @Arg('input', () => RequestPasswordResetInput, { description: 'Whose password.' }) input: RequestPasswordResetInput) {
    return requestPasswordReset(ctx, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the token of a reset link: once, within the hour (else BAD_USER_INPUT on `input.token`). Every session of the person ends; sign in with the new password.',
  })
  resetPassword(@Ctx() ctx: RequestContext, @Arg('input', () => ResetPasswordInput, { description: 'The token and the new password.' }) input: ResetPasswordInput) {
    return resetPassword(ctx, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Ends the caller's session (or all of their sessions); its tokens stop working at once." })
  logout(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => LogoutInput, { nullable: true, description: 'Which sessions to end; by default only this one.' })
    input: LogoutInput | null,
  ) {
    return logout(ctx, input ?? new LogoutInput());
  }

  @Authorized()
  @Mutation(() => AuthPayload, { description: 'Issues tokens acting as another organization the signed-in user is a member of.' })
  switchOrganization(@Ctx() ctx: RequestContext, @Arg('input', () => SwitchOrganizationInput) input: SwitchOrganizationInput) {
    return switchOrganization(ctx, input);
  }
}
