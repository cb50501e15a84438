import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config';
import { forbidden, unauthenticated } from '../common/errors';
import type { LabelLocale } from '../common/locale';
import type { ApiKeyScope, Role } from '../common/permissions';
import type { RequestClass } from '../common/request-class';
import type { Database, ScopedTransaction, Statement, TenantSettings } from '../database/database';
import type { Logger } from '../logger';
import type { Mailer } from '../common/mail';

/** What a signed access token says: who, for which organization, in which session. Checked against the database before it is trusted. */
export interface AccessClaims {
  userId: string;
  organizationId: string;
  sessionId: string;
}

/** Who is acting, verified against the database for this request. */
export type Principal =
  | { kind: 'user'; userId: string; organizationId: string; sessionId: string; role: Role }
  | { kind: 'apiKey'; apiKeyId: string; organizationId: string; scopes: ApiKeyScope[] };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** What the request presented; checked lazily, on the first operation that needs it. */
export type Credential =
  | { kind: 'access'; claims: AccessClaims }
  | { kind: 'apiKey'; secret: string }
  /** Malformed, forged or expired: refused by every operation that needs a principal, ignored by the rest (login, refreshToken). */
  | { kind: 'invalid'; reason: string };

/** Who a request is counted against in the fair share: its organization, or the API key it came with (by the key's hash). */
export type ShareHolder = { kind: 'organization'; id: string } | { kind: 'apiKey'; id: string };

/** Whom a credential's requests count against, before the database is asked: an access token's organization, an API key. */
export function shareHolderOf(credential: Credential | null): ShareHolder | null {
  if (credential?.kind === 'access') return { kind: 'organization', id: credential.claims.organizationId };
  if (credential?.kind === 'apiKey') return { kind: 'apiKey', id: createHash('sha256').update(credential.secret).digest('hex') };
  return null;
}

/** How a request with an access token begins (auth module): the opening statement, and the principal its rows make (or UNAUTHENTICATED). */
export interface SessionOpening {
  statement: string;
  principal(rows: Record<string, unknown>[]): Principal;
}

/**
 * Long-lived parts of the server that every request uses. A module that brings a service of its own
 * adds it to this interface by declaration merging (the auth module's `credentials`), so the kernel
 * needs no import of it.
 */
export interface AppServices {
  config: Config;
  logger: Logger;
  database: Database;
  /** Checks a presented credential; lives in the auth module, which owns the tables involved. */
  verifyCredential(ctx: RequestContext, credential: Exclude<Credential, { kind: 'invalid' }>): Promise<Principal>;
  /** The opening of a request with an access token, for when it travels with the request's first statement (see sql). */
  sessionOpening(claims: AccessClaims): SessionOpening;
  /** Counts the request against the principal's limits; throws RATE_LIMITED past them. */
  enforceRateLimit(ctx: RequestContext, principal: Principal): Promise<void>;
  /** Admits the request into its holder's share of this instance; answers what ends it, or throws RATE_LIMITED (fair share). */
  admit(holder: ShareHolder, share: 'request' | 'heavy', hold: boolean): Promise<() => void>;
  /** Outgoing mail; null when no mail server is set up (SMTP_URL). */
  mailer: Mailer | null;
}

export type LoaderFactory<T> = (ctx: RequestContext) => T;

/**
 * Everything a resolver or service needs for one GraphQL request: the verified principal, the
 * request's tenant-scoped transaction, and per-request DataLoaders. Services take it first.
 */
export class RequestContext {
  readonly requestId = randomUUID();
  readonly logger: Logger;
  private principalCheck: Promise<Principal | null> | null = null;
  private verified: Principal | null | undefined = undefined;
  private credential: Credential | null;
  private transaction: ScopedTransaction | null = null;
  private readonly loaders = new Map<LoaderFactory<unknown>, unknown>();
  private readonly admissions: (() => void)[] = [];
  /** Work started for this request that its response waits for (see keepUntilResponse). */
  private readonly pending: Promise<unknown>[] = [];
  /** What runs once the transaction has committed (see afterCommit). */
  private readonly committed: (() => Promise<void>)[] = [];
  /** Something was allowed on the token's claims before its session was checked (see actsOnClaims). */
  private reliedOnClaims = false;
  /** The request's transaction has ended and its share is given back: nothing may open another. */
  private ended = false;
  /** Set once the operation is known (request-class plugin); decides the request's share and statement timeout. */
  requestClass: RequestClass = 'page';
  /** The language of labels and error labels in the answer: from `Accept-Language` over HTTP, English otherwise. */
  locale: LabelLocale = 'en';
  /**
   * The operation is a query of one root field (request-class plugin). Its first hot read, when it
   * answers everything the field shows and records nothing, commits in the round trip that opened
   * the transaction (see ScopedTransaction.openWith); anything after it opens another.
   */
  singleFieldQuery = false;
  /**
   * Whether the client went away, and the transactions to cancel then. An object shared by reference:
   * Apollo runs each operation on a shallow copy of the context, while the HTTP layer that sees the
   * client leave holds the original.
   */
  private readonly departure = { gone: false, transactions: [] as ScopedTransaction[] };

  constructor(
    readonly services: AppServices,
    credential: Credential | null,
    /** The client's address (the socket's, or X-Forwarded-For's behind a trusted proxy); null when unknown. */
    readonly clientAddress: string | null = null,
  ) {
    this.credential = credential;
    this.logger = services.logger.child({ requestId: this.requestId });
  }

  get config(): Config {
    return this.services.config;
  }

  /** The verified principal, or null for an anonymous request. */
  principal(): Promise<Principal | null> {
    this.principalCheck ??= this.checkCredential().then((principal) => (this.verified = principal));
    return this.principalCheck;
  }

  /**
   * The principal once verified, without waiting: lets field resolvers that run after the page was
   * read answer synchronously, so graphql-js completes a page without a promise per field.
   * Undefined before verification (call `principal()` then).
   */
  get verifiedPrincipal(): Principal | null | undefined {
    return this.verified;
  }

  /**
   * After a sign-in mutation (signUp, login, refreshToken, acceptInvitation) by an anonymous caller,
   * the rest of the response (e.g. `viewer { organization }`) is resolved as the new session.
   */
  adopt(principal: Principal): void {
    const anonymous = this.credential === null || this.credential.kind === 'invalid';
    if (!anonymous || this.transaction) return;
    this.credential = null;
    this.principalCheck = Promise.resolve(principal);
    this.verified = principal;
  }

  async requirePrincipal(): Promise<Principal> {
    const principal = await this.principal();
    if (!principal) throw unauthenticated();
    return principal;
  }

  /**
   * `use(principal)`, synchronously once the principal is verified: resolvers that run after the
   * page was read then answer without a promise. Anonymous requests are refused as by requirePrincipal.
   */
  withPrincipal<T>(use: (principal: Principal) => T): T | Promise<T> {
    const verified = this.verified;
    return verified ? use(verified) : this.requirePrincipal().then(use);
  }

  /** The signed-in person; API keys are refused (FORBIDDEN) where a person must act. */
  async requireUser(): Promise<UserPrincipal> {
    const principal = await this.requirePrincipal();
    if (principal.kind !== 'user') throw forbidden('Only a signed-in person can do this, not an API key');
    return principal;
  }

  /**
   * The request's EntityManager: one transaction on one connection with the tenant settings of
   * the verified principal. Anonymous requests get a transaction with no settings, which RLS
   * answers with no rows.
   */
  async db(): Promise<EntityManager> {
    const principal = await this.principal();
    return this.scope(settingsOf(principal)).manager();
  }

  /**
   * Plain SQL on the request's transaction, for hot reads shaped like their page (see
   * ScopedTransaction.query). RLS applies as to everything else the request reads.
   */
  async sql<R = Record<string, unknown>>(text: string, values: unknown[], options: { answersField?: boolean } = {}): Promise<R[]> {
    const claims = this.unverifiedClaims();
    if (claims && !this.transaction && this.services.database.opensWithFirstRead) {
      return this.openWithRead<R>(claims, text, values, this.singleFieldQuery && options.answersField === true);
    }
    const principal = await this.principal();
    return this.scope(settingsOf(principal)).query<R>(text, values);
  }

  /**
   * Whom the request acts as, without a round trip where it can: a signed access token names its
   * organization and user, and its session is checked with the request's first statement (see sql);
   * an API key's are known once the key is verified.
   */
  async acting(): Promise<{ organizationId: string; userId: string | null }> {
    const claims = this.unverifiedClaims();
    if (claims) return { organizationId: claims.organizationId, userId: claims.userId };
    const principal = await this.requirePrincipal();
    return { organizationId: principal.organizationId, userId: principal.kind === 'user' ? principal.userId : null };
  }

  /**
   * Whether a person's signed token is enough to allow something every role may do, before its
   * session is checked; the request then checks it before its response leaves (see finish), if its
   * first statement has not already.
   */
  actsOnClaims(): boolean {
    if (!this.unverifiedClaims()) return false;
    this.reliedOnClaims = true;
    return true;
  }

  /** A signed access token's claims, while the session has not been checked yet. */
  private unverifiedClaims(): AccessClaims | null {
    return this.credential?.kind === 'access' && !this.principalCheck ? this.credential.claims : null;
  }

  /**
   * The first read of a person's request: BEGIN, the opening (tenant settings, session and membership
   * check) and the page in one round trip (and COMMIT, when `endsTransaction`). The page's rows count only once the opening answered a
   * role: if the session ended, the opening cleared the settings, RLS hid the tenant's rows, and the
   * request fails UNAUTHENTICATED before anything it read is used.
   */
  private async openWithRead<R>(claims: AccessClaims, text: string, values: unknown[], endsTransaction: boolean): Promise<R[]> {
    const opening = this.services.sessionOpening(claims);
    let rows: R[] = [];
    this.principalCheck = (async () => {
      await this.beforeVerification();
      const transaction = this.openVerified(opening.statement);
      transaction.verifyReopening = (rows) => opening.principal(rows);
      const read = await transaction.openWith<R>(text, values, endsTransaction);
      rows = read.rows;
      const principal = opening.principal(read.opening);
      await this.afterVerification(principal);
      return principal;
    })().then((principal) => (this.verified = principal));
    await this.principalCheck;
    return rows;
  }

  /** The request's transaction. The first call fixes its settings. */
  scope(settings: TenantSettings): ScopedTransaction {
    if (!this.transaction) this.transaction = this.started(this.services.database.openScope(settings, this.statementTimeoutMs));
    return this.transaction;
  }

  /**
   * The client went away: the statement the request is running in PostgreSQL is cancelled, no other
   * is sent, and its transaction is rolled back; what is left of the request fails fast.
   */
  cancel(): void {
    this.logger.info('client went away: cancelling the request');
    this.departure.gone = true;
    for (const transaction of this.departure.transactions) transaction.cancel();
  }

  /** The client went away before the response was sent (see cancel). */
  get cancelled(): boolean {
    return this.departure.gone;
  }

  private started(transaction: ScopedTransaction): ScopedTransaction {
    if (this.ended) throw new Error('The request has ended');
    this.departure.transactions.push(transaction);
    if (this.departure.gone) transaction.cancel();
    return transaction;
  }

  /**
   * Opens the request's transaction with a statement that applies the tenant settings and verifies
   * the credential in the same round trip as BEGIN (verifyCredential). Only the credential check
   * calls it, before anything else can have opened the transaction.
   */
  openVerified(statement: string): ScopedTransaction {
    if (this.transaction) throw new Error('The request transaction is already open');
    this.transaction = this.started(this.services.database.openVerified(statement, this.statementTimeoutMs));
    return this.transaction;
  }

  /**
   * The request was admitted into its holder's share of requests before its body was read (see the
   * fair-share gate in server.ts); a heavy one is admitted into the heavy share here, before any
   * pooled connection is taken. An API key's organization is known once the key is verified, and
   * admitted then.
   */
  private async checkCredential(): Promise<Principal | null> {
    if (!this.credential) return null;
    if (this.credential.kind === 'invalid') throw unauthenticated(this.credential.reason);
    await this.beforeVerification();
    const principal = await this.services.verifyCredential(this, this.credential);
    await this.afterVerification(principal);
    return principal;
  }

  private async beforeVerification(): Promise<void> {
    if (this.requestClass === 'heavy') await this.admitted(shareHolderOf(this.credential)!, 'heavy', true);
  }

  private async afterVerification(principal: Principal): Promise<void> {
    if (this.credential?.kind === 'apiKey') {
      // The key's transaction holds a pooled connection now: refusals are answered at once.
      const organization: ShareHolder = { kind: 'organization', id: principal.organizationId };
      await this.admitted(organization, 'request', false);
      if (this.requestClass === 'heavy') await this.admitted(organization, 'heavy', false);
    }
    await this.services.enforceRateLimit(this, principal);
  }

  /** Heavy requests get the longer statement timeout; page reads keep the connection's own. */
  private get statementTimeoutMs(): number | undefined {
    return this.requestClass === 'heavy' ? this.config.database.heavyStatementTimeoutMs : undefined;
  }

  private async admitted(holder: ShareHolder, share: 'request' | 'heavy', hold: boolean): Promise<void> {
    const release = await this.services.admit(holder, share, hold);
    if (this.ended) {
      // Admitted for a request whose response has left (see finish): nothing may hold its share.
      release();
      throw new Error('The request has ended');
    }
    this.admissions.push(release);
  }

  async inSavepoint<T>(work: () => Promise<T>): Promise<T> {
    await this.db();
    return this.transaction!.savepoint(work);
  }

  loader<T>(factory: LoaderFactory<T>): T {
    let loader = this.loaders.get(factory) as T | undefined;
    if (!loader) {
      loader = factory(this);
      this.loaders.set(factory, loader);
    }
    return loader;
  }

  /**
   * Runs `statement` (asked for at commit) just before the request's transaction commits, in the same
   * round trip as COMMIT; the response fails if it does (see ScopedTransaction.beforeCommit).
   */
  beforeCommit(statement: () => Statement | null): void {
    if (!this.transaction?.isOpen) throw new Error('beforeCommit needs the request transaction open');
    this.transaction.beforeCommit(statement);
  }

  /** SQL statements this request has sent on its transaction so far. */
  get statements(): number {
    return this.transaction?.statements ?? 0;
  }

  /** Round trips to PostgreSQL this request has made on its transaction so far. */
  get roundTrips(): number {
    return this.transaction?.roundTrips ?? 0;
  }

  /**
   * Work that runs beside the request (e.g. registering a persisted query, which Apollo does not
   * wait for) and that must be done before its response leaves; its failure is logged, not sent.
   */
  keepUntilResponse(work: Promise<void>): Promise<void> {
    const kept = work.catch((error: unknown) => this.logger.warn({ err: error }, 'work beside the request failed'));
    this.pending.push(kept);
    return kept;
  }

  /**
   * Work for after the request's transaction has committed (e.g. mail that names a record it
   * created): started once the commit succeeded, not waited for; its failure is logged.
   */
  afterCommit(work: () => Promise<void>): void {
    this.committed.push(work);
  }

  /** Ends the request's transaction and releases its connection. Safe to call more than once. */
  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    try {
      await Promise.all(this.pending.splice(0));
      // A field may fail (and the response be ready) while a sibling still opens the transaction with
      // its first read: that opening, and the admissions it takes, settle before anything ends.
      await this.principalCheck?.catch(() => undefined);
      // Something was allowed on a token's claims alone and nothing has checked its session since.
      if (this.reliedOnClaims && !this.principalCheck && outcome === 'commit') await this.principal();
      await this.transaction?.finish(outcome);
      if (outcome === 'commit') {
        for (const work of this.committed.splice(0)) work().catch((error: unknown) => this.logger.warn({ err: error }, 'work after the commit failed'));
      }
    } catch (error) {
      await this.transaction?.finish('rollback');
      throw error;
    } finally {
      this.ended = true;
      for (const release of this.admissions.splice(0)) release();
    }
  }
}

function settingsOf(principal: Principal | null): TenantSettings {
  if (!principal) return {};
  return { organizationId: principal.organizationId, userId: principal.kind === 'user' ? principal.userId : null };
}
