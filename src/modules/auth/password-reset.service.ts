import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { badInput } from '../../common/errors';
import type { RequestContext } from '../../context/request-context';
import { accountDisabled, normalizeEmail, revokeSessions } from './auth.service';
import { hashSecret, newPasswordResetToken } from './credentials';
import type { RequestPasswordResetInput, ResetPasswordInput } from './dto/auth.inputs';
import { PasswordReset } from './password-reset.entity';
import { countSignInAttempt, signInSucceeded } from './sign-in-throttle';
import { User } from './user.entity';

/** How long a reset link works. */
const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * The link a person follows to choose a new password. The token travels in the fragment, which
 * browsers never send to a server, so it stays out of access logs and Referer headers.
 */
export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reset-password#token=${encodeURIComponent(token)}`;
}

/**
 * Someone asks for a reset link for `email`. Answers the same whether or not an account has that
 * email; counted as a sign-in attempt (per account and address). The link goes by email (SMTP_URL);
 * with no mail server set up, it is written to the server's log for an operator, who hands it over
 * after checking who asks.
 */
export async function requestPasswordReset(ctx: RequestContext, input: RequestPasswordResetInput): Promise<boolean> {
  const { database, config, logger } = ctx.services;
  const email = normalizeEmail(input.email);
  await countSignInAttempt(ctx, 'requestPasswordReset', { kind: 'account', value: email });
  const { secret, hash } = newPasswordResetToken();
  const userId = await database.platform('requestPasswordReset', { loginEmail: email, lookupHash: hash }, async (tx) => {
    const em = await tx.manager();
    const user = await em.findOne(User, { where: { email } });
    if (!user || user.disabledAt) return null;
    await em.insert(PasswordReset, { id: randomUUID(), userId: user.id, tokenHash: hash, requestedBy: 'self', expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    return user.id;
  });
  if (userId) {
    const link = passwordResetLink(config.http.publicUrl, secret);
    const { mailer } = ctx.services;
    if (mailer) {
      // Not waited for: the answer takes as long whether or not the email has an account.
      mailer
        .send({
          to: email,
          subject: 'Choose a new password for NGO Commons',
          text: `Someone asked to reset the password of this account. If it was you, choose a new password within the hour:\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
        })
        .catch((error: unknown) => logger.warn({ err: error, userId }, 'could not send the password reset email'));
    } else {
      logger.warn({ userId, link }, 'password reset asked for (no SMTP_URL): hand the link to the person once you know it is them');
    }
  }
  return true;
}

/** An operator issues a reset link for the account with `email` (`npm run ops -- reset-password`), as the schema owner. Null when there is no such account. */
export async function issuePasswordReset(client: ClientBase, email: string, operator: string, publicUrl: string): Promise<{ userId: string; link: string } | null> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [normalizeEmail(email)]);
  if (!rows[0]) return null;
  const { secret, hash } = newPasswordResetToken();
  await client.query(`INSERT INTO password_resets (id, user_id, token_hash, requested_by, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    randomUUID(),
    rows[0].id,
    hash,
    operator,
    new Date(Date.now() + RESET_TTL_MS),
  ]);
  return { userId: rows[0].id, link: passwordResetLink(publicUrl, secret) };
}

/**
 * Sets a new password with a reset token: once, within the hour. Every session of the person ends
 * (whoever knew the old password is out); they sign in with the new one.
 */
export async function resetPassword(ctx: RequestContext, input: ResetPasswordInput): Promise<boolean> {
  const { database, credentials } = ctx.services;
  const hash = hashSecret(input.token);
  const attempt = await countSignInAttempt(ctx, 'resetPassword', { kind: 'reset', value: hash });
  const newPasswordHash = await credentials.hashPassword(input.newPassword);
  await database.platform('resetPassword', { lookupHash: hash }, async (tx) => {
    const em = await tx.manager();
    const reset = await em.findOne(PasswordReset, { where: { tokenHash: hash }, lock: { mode: 'pessimistic_write' } });
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) {
      throw badInput('This reset link is not valid, was used already or has expired: ask for a new one', ['input', 'token']);
    }
    await tx.rescope({ userId: reset.userId, lookupHash: hash });
    const user = await em.findOneOrFail(User, { where: { id: reset.userId } });
    if (user.disabledAt) throw accountDisabled();
    await em.update(PasswordReset, { id: reset.id }, { usedAt: new Date() });
    await em.update(User, { id: user.id }, { passwordHash: newPasswordHash });
    await revokeSessions(em, { userId: user.id }, 'password reset');
    await signInSucceeded(ctx, tx, attempt);
  });
  return true;
}
