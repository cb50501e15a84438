import { isUuid } from '../../common/validation';
import argon2 from 'argon2';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import type { AccessClaims } from '../../context/request-context';

const ISSUER = 'ngo-commons';
const AUDIENCE = 'ngo-commons-api';

/** How many verified access tokens are remembered: a few per active session of an instance. */
const VERIFIED_TOKENS = 10_000;

/** Prefix that marks an API key, so a bearer token is routed to the right check without a guess. */
export const API_KEY_PREFIX = 'ngo_key_';
const REFRESH_PREFIX = 'ngo_rt_';
const INVITATION_PREFIX = 'ngo_inv_';
const RESET_PREFIX = 'ngo_reset_';

declare module '../../context/request-context' {
  interface AppServices {
    /** Signs and checks tokens and secrets (auth module). */
    credentials: Credentials;
  }
}

/** Signs and checks credentials; holds the secret and argon2 cost from config. */
export class Credentials {
  private readonly key: Uint8Array;
  /** Access tokens whose signature checked out, oldest first, with when each expires. */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();
  /** Verified against when an email is unknown, so a wrong email costs as much time as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly config: Config['auth']) {
    this.key = new TextEncoder().encode(config.tokenSecret);
  }

  async signAccessToken(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.config.accessTokenTtlSeconds * 1000);
    const token = await new SignJWT({ org: claims.organizationId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /**
   * Returns the claims, or null for any token that is malformed, forged, expired or for another
   * audience. A token whose signature checked out is remembered until it expires (a client sends the
   * same one for many minutes, and WebCrypto's HMAC is a noticeable share of a request); whether its
   * session still stands is checked in the database on every request all the same.
   */
  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    return (await this.verifyAccessTokenUntil(token))?.claims ?? null;
  }

  /** The token's claims and when it expires (ms since the epoch), for a connection that outlives a request. */
  async verifyAccessTokenUntil(token: string): Promise<{ claims: AccessClaims; expiresAt: number } | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      this.verified.delete(token);
    }
    const claims = await this.checkAccessToken(token);
    if (claims) {
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
    }
    return claims;
  }

  private async checkAccessToken(token: string): Promise<{ claims: AccessClaims; expiresAt: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
      });
      const { sub, org, sid, exp } = payload;
      if (![sub, org, sid].every((claim) => typeof claim === 'string' && isUuid(claim))) return null;
      return { claims: { userId: sub as string, organizationId: org as string, sessionId: sid as string }, expiresAt: (exp as number) * 1000 };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }

  newRefreshToken() {
    return newSecret(REFRESH_PREFIX);
  }

  newInvitationToken() {
    return newSecret(INVITATION_PREFIX);
  }

  newApiKey() {
    return newSecret(API_KEY_PREFIX);
  }

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.config.argon2 });
  }

  /** Always runs one argon2 verification, whether or not the account exists. */
  async verifyPassword(hash: string | null, password: string): Promise<boolean> {
    this.dummyHash ??= this.hashPassword(randomBytes(16).toString('hex'));
    const target = hash ?? (await this.dummyHash);
    const ok = await argon2.verify(target, password).catch(() => false);
    return ok && hash !== null;
  }

}

function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = prefix + randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** A one-time password-reset token, and the hash that is stored. */
export const newPasswordResetToken = () => newSecret(RESET_PREFIX);

/** Secrets are 256-bit random, so a fast hash is enough to store them; argon2 is for passwords. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
