import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../common/errors';
import type { PlatformOperation } from '../../database/database';
import type { RequestContext } from '../../context/request-context';

/*
 * Sign-in attempts (login, sign-up, accepting an invitation, the current password given to
 * changePassword) counted in PostgreSQL per account and per client address, shared by every
 * instance (the sign-in-throttle migration's functions), before any password is checked: a key
 * gets a few free attempts, then waits 1, 2, 4… seconds between attempts, up to a cap. The cap of
 * an account is short on purpose: someone guessing a person's password must never lock that person
 * out for long. An address (an NGO office behind one router) has more free attempts and a longer cap.
 */

const ACCOUNT = { free: 5, capSeconds: 60 };
const ADDRESS = { free: 30, capSeconds: 300 };
/** A key's count starts again after this long without an attempt. */
const QUIET_SECONDS = 15 * 60;

/** Who an attempt is about: an account by its email, or an invitation or a password reset by its token. */
export interface SignInSubject {
  kind: 'account' | 'invitation' | 'reset';
  value: string;
}

const keyOf = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex')}`;

/**
 * Counts an attempt on the subject and the client's address, or refuses it with RATE_LIMITED and
 * `Retry-After` while either is in its backoff. Answers the subject's key, for `signInSucceeded`.
 */
export async function countSignInAttempt(ctx: RequestContext, operation: PlatformOperation, subject: SignInSubject): Promise<string | null> {
  if (!ctx.config.auth.signInThrottle) return null;
  const subjectKey = keyOf(subject.kind, subject.value);
  const keys = [subjectKey];
  const free = [ACCOUNT.free];
  const caps = [ACCOUNT.capSeconds];
  if (ctx.clientAddress) {
    keys.push(keyOf('address', ctx.clientAddress));
    free.push(ADDRESS.free);
    caps.push(ADDRESS.capSeconds);
  }
  const [{ wait }] = await ctx.services.database.platform(operation, {}, (tx) =>
    tx.query<{ wait: number }>('SELECT app_sign_in_attempt($1::text[], $2::int[], $3::int[], $4::int) AS wait', [keys, free, caps, QUIET_SECONDS]),
  );
  if (wait > 0) {
    throw new AppError(ErrorCode.RATE_LIMITED, `Too many sign-in attempts for this account or from this address: retry in ${wait} s`, {
      details: { retryAfterSeconds: wait, http: { status: 429, headers: new Map([['retry-after', String(wait)]]) } },
    });
  }
  return subjectKey;
}

/**
 * The subject signed in: its count starts again, and the attempt no longer counts against the
 * address. Runs in the transaction that signs in (`on`), so it commits with the sign-in, or not at all.
 */
export async function signInSucceeded(ctx: RequestContext, on: { query(text: string, values: unknown[]): Promise<unknown> }, subjectKey: string | null): Promise<void> {
  if (subjectKey === null) return;
  const addressKey = ctx.clientAddress ? keyOf('address', ctx.clientAddress) : null;
  await on.query('SELECT app_sign_in_succeeded($1, $2)', [subjectKey, addressKey]);
}
