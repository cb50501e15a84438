import * as fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { APOLLO_ERROR_CODES, ErrorCode } from '../../src/common/errors';
import { expectNoPrivateDataOf, privateMarksOf, type Tenant, type World } from '../isolation/harness';

/**
 * What a hostile request may get back, and the checks every response must pass. Shared by the fuzz
 * properties and the regression cases in fuzz.test.ts.
 */

/**
 * Statuses the API documents (docs/errors.md and docs/operating.md): 200; 400 for a malformed
 * request, a parse, validation or variable coercion error, a refused cost limit, and a CSRF-blocked
 * request (Apollo's BAD_REQUEST); 401 with UNAUTHENTICATED; 405 for another method, or a mutation
 * over GET (Apollo); 406 when `accept` allows no JSON type (Apollo); 413 for a body over 1 MB or a
 * document over MAX_DOCUMENT_BYTES; 415 for a body the JSON parser cannot decode (charset, encoding);
 * 429 with RATE_LIMITED. Never a 5xx: 503 (SERVICE_UNAVAILABLE) is for a database outage, which no
 * request may cause. A CORS preflight (OPTIONS) gets 204 and no body.
 */
export const DOCUMENTED_STATUSES = new Set([200, 400, 401, 405, 406, 413, 415, 429]);

/** The error reference (docs/errors.md). */
export function errorReference(): string {
  return readFileSync(join(__dirname, '../../docs/errors.md'), 'utf8');
}

/**
 * The codes a hostile request may get: the API's own and Apollo's (src/common/errors.ts) that the
 * error reference (docs/errors.md) documents. INTERNAL_SERVER_ERROR and SERVICE_UNAVAILABLE are documented
 * too, but mean a bug or an outage: a hostile request must get an expected error, so here they fail.
 */
export const EXPECTED_CODES: ReadonlySet<string> = (() => {
  const section = errorReference();
  const unexpected = new Set<string>([ErrorCode.INTERNAL_SERVER_ERROR, 'SERVICE_UNAVAILABLE']);
  return new Set<string>([...Object.values(ErrorCode), ...APOLLO_ERROR_CODES].filter((code) => section.includes(`\`${code}\``) && !unexpected.has(code)));
})();

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: { code?: unknown; [key: string]: unknown };
}

/** Statuses that go with one code only (docs/errors.md): the code must come with its status, and the status with its code. */
const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 };

/**
 * Defects already reported, each with a regression case in fuzz.test.ts that fails until it is
 * fixed. The fuzz properties tolerate them (and only them) so that they keep looking for new ones.
 * Besides these errors, the body parser's HTML error page is tolerated (isExpressErrorPage).
 */
export const KNOWN_DEFECTS: { name: string; matches(request: HostileRequest, status: number, errors: GraphQLErrorLike[]): boolean }[] = [
  // None open. Each defect fuzzing found is fixed and has a regression case in fuzz.test.ts.
];

/** Stack frames or server paths in a body: `at fn (/path/file.js:12:3)`, node_modules, the checkout's path. */
const REPOSITORY = join(__dirname, '../..');
const looksLikeAStackTrace = (text: string) =>
  /\bat (?:async )?[^\s()]+ \((?:\/|node:|file:)[^)]*:\d+:\d+\)|node_modules[\\/]|\.(?:js|ts|mjs|cjs):\d+:\d+/.test(text) || text.includes(REPOSITORY);

/** Who sends a request: one of B's credentials, nobody, or a forged or malformed credential. */
export type Sender = 'b-admin' | 'b-caseworker' | 'b-viewer' | 'b-api-key' | 'anonymous' | 'forged';

/** One hostile HTTP request. Printed short in fast-check's counterexamples (bodies can be megabytes). */
export class HostileRequest {
  constructor(
    readonly label: string,
    readonly method: string,
    readonly headers: Record<string, string>,
    readonly body?: string | Uint8Array,
    readonly options: {
      /** For GET: the URL's query string, without `?`. */
      search?: string;
      sender?: Sender;
      /** A credential that is missing or invalid, for an operation that needs one: no data may come back. */
      expectNoData?: boolean;
      /** The statuses this request may get, where narrower than the documented ones. */
      statuses?: readonly number[];
    } = {},
  ) {}

  #sentText: string | undefined;

  /** The text the request carried, decoded: what the server may echo back without leaking anything. */
  get sentText(): string {
    this.#sentText ??= this.decode();
    return this.#sentText;
  }

  private decode(): string {
    let body = this.body === undefined ? '' : typeof this.body === 'string' ? this.body : Buffer.from(this.body).toString('utf8');
    if (this.body instanceof Uint8Array && /gzip/.test(this.headers['content-encoding'] ?? '')) {
      try {
        body = gunzipSync(this.body).toString('utf8');
      } catch {
        // not really gzip: keep the bytes
      }
    }
    let search = this.options.search ?? '';
    try {
      search = [...new URLSearchParams(search).values()].join('\n');
    } catch {
      // keep it raw
    }
    return [body, search, ...Object.values(this.headers)].join('\n');
  }

  describe(limit = 600): string {
    const body =
      this.body === undefined
        ? ''
        : typeof this.body === 'string'
          ? this.body
          : `<${this.body.length} bytes> ${Buffer.from(this.body.subarray(0, 400)).toString('latin1')}`;
    const shown = (text: string) => (text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text);
    const headers = Object.entries(this.headers)
      .map(([name, value]) => `${name}: ${shown(value)}`)
      .join('; ');
    return `[${this.label}] ${this.method} ${this.options.search ? `?${shown(this.options.search)}` : ''} {${headers}} ${shown(body)}`;
  }

  [fc.toStringMethod](): string {
    return this.describe(160);
  }
}

export interface HostileResponse {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
  elapsedMs: number;
  networkError?: string;
}

export async function send(url: string, request: HostileRequest): Promise<HostileResponse> {
  const started = performance.now();
  try {
    const target = request.options.search === undefined ? url : `${url}?${request.options.search}`;
    const response = await fetch(target, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json, elapsedMs: performance.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: 0,
      contentType: '',
      text: '',
      json: undefined,
      elapsedMs: performance.now() - started,
      networkError: `${String(error)}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`,
    };
  }
}

const isIdKey = (key: string) => key === 'id' || /Ids?$/.test(key);

/**
 * The response with the marks the request itself carried blanked out wherever the server may echo
 * them: every error message (a validation error quotes the value it refused), and data fields that
 * are not ids (a created record shows the name it was given). An id of A's that the request sent and
 * that comes back as an `id` is still caught: that is the record itself coming back.
 */
function withoutEchoes(value: unknown, echoes: string[], inErrors: boolean, key = ''): unknown {
  if (typeof value === 'string') {
    if (!inErrors && isIdKey(key)) return value;
    return echoes.reduce((text, mark) => text.split(mark).join('«sent»'), value);
  }
  if (Array.isArray(value)) return value.map((item) => withoutEchoes(item, echoes, inErrors, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, withoutEchoes(v, echoes, inErrors || k === 'errors' || k === 'extensions', k)]),
    );
  }
  return value;
}

function keysIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.add(key);
      keysIn(item, found);
    }
  }
  return found;
}

/** Non-null leaves of `data` other than `__typename`: what an unauthenticated request must never get. */
function dataLeaves(value: unknown, path = 'data'): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => dataLeaves(item, `${path}[${i}]`));
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (key === '__typename' ? [] : dataLeaves(item, `${path}.${key}`)));
  }
  return [path];
}

const marksCache = new WeakMap<Tenant, string[]>();
const marksOf = (tenant: Tenant) => {
  let marks = marksCache.get(tenant);
  if (!marks) marksCache.set(tenant, (marks = privateMarksOf(tenant)));
  return marks;
};

/**
 * Every mark of a tenant's that any request has carried so far: B may store what it sends (a
 * programme named after one of A's ids, say) and read it back later. Those come back as echoes in
 * any later response, outside id fields.
 */
const everSent = new WeakMap<Tenant, Set<string>>();

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records the tenant's marks a request carries (UUIDs by a scan, the few texts one by one). */
export function rememberSent(tenant: Tenant, request: HostileRequest): void {
  let sent = everSent.get(tenant);
  if (!sent) everSent.set(tenant, (sent = new Set()));
  const text = request.sentText;
  const marks = new Set(marksOf(tenant));
  for (const match of text.matchAll(UUID_IN_TEXT)) {
    if (marks.has(match[0].toLowerCase())) sent.add(match[0].toLowerCase());
  }
  for (const mark of marks) if (!sent.has(mark) && !IS_UUID.test(mark) && text.includes(mark)) sent.add(mark);
}

/** Marks of the tenant's in the response text, and which of them were sent (cheap: responses are small, requests may be megabytes). */
function unsentMarksIn(tenant: Tenant, responseText: string, request: HostileRequest): { found: boolean; echoes: string[] } {
  const inResponse = marksOf(tenant).filter((mark) => responseText.includes(mark) || responseText.includes(JSON.stringify(mark).slice(1, -1)));
  const sentBefore = everSent.get(tenant);
  return { found: inResponse.length > 0, echoes: inResponse.filter((mark) => request.sentText.includes(mark) || sentBefore?.has(mark)) };
}

function leakOf(tenant: Tenant, response: unknown, echoes: string[]): string | null {
  try {
    expectNoPrivateDataOf(tenant, withoutEchoes(response, echoes, false));
    return null;
  } catch (error) {
    return String((error as Error).message).replace(/\s+/g, ' ').slice(0, 500);
  }
}

/** Express's default error page, as the body parser's refusals get it (HTML, with the stack outside production). */
function isExpressErrorPage(response: HostileResponse): boolean {
  return [400, 413, 415].includes(response.status) && response.contentType.startsWith('text/html') && /^<!DOCTYPE html>[\s\S]*<title>Error<\/title>/.test(response.text);
}

/**
 * Everything wrong with one response: a status or code outside the documented ones, a 5xx, a
 * non-JSON body, a stack trace, an unexpected (INTERNAL_SERVER_ERROR) error, data for a request that
 * had no valid credential, and any private mark of A's (or, for a request without B's credential, of
 * B's) that the request did not send itself.
 */
export function problemsWith(world: World, request: HostileRequest, response: HostileResponse, options: { tolerateKnownDefects?: boolean } = {}): string[] {
  if (response.networkError) return [`no HTTP response: ${response.networkError}`];
  const problems: string[] = [];
  const { status } = response;
  // A CORS preflight is answered by the CORS layer before GraphQL: 204, no body, nothing of anyone's.
  if (request.method === 'OPTIONS') {
    if (status !== 204) problems.push(`status ${status} for a preflight, expected 204`);
    if (response.text !== '') problems.push('a body on a preflight answer');
    return problems;
  }
  if (status >= 500) problems.push(`status ${status}`);
  else if (!DOCUMENTED_STATUSES.has(status)) problems.push(`status ${status}, not a documented one`);
  if (request.options.statuses && !request.options.statuses.includes(status)) {
    problems.push(`status ${status}, expected one of ${request.options.statuses.join(', ')}`);
  }
  if (!/^application\/(graphql-response\+)?json\b/.test(response.contentType)) problems.push(`content-type "${response.contentType}", not JSON`);
  if (looksLikeAStackTrace(response.text) && !looksLikeAStackTrace(request.sentText)) problems.push('a stack trace or a server path in the body');

  const marksOfA = unsentMarksIn(world.a, response.text, request);
  const marksOfB = request.options.sender?.startsWith('b-') ? { found: false, echoes: [] } : unsentMarksIn(world.b, response.text, request);

  if (options.tolerateKnownDefects && isExpressErrorPage(response)) {
    // Known defect (regression case in fuzz.test.ts): the body parser's refusals reach Express's
    // default error handler, an HTML page with the stack trace. The status must still be right.
    const kept = problems.filter((problem) => problem.startsWith('status'));
    const leak = marksOfA.found ? leakOf(world.a, response.text, marksOfA.echoes) : null;
    return leak ? [...kept, `A's private data: ${leak}`] : kept;
  }

  const body = response.json;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    problems.push('the body is not a JSON object');
    const leak = marksOfA.found ? leakOf(world.a, response.text, marksOfA.echoes) : null;
    if (leak) problems.push(`A's private data: ${leak}`);
    return problems;
  }

  const result = body as { data?: unknown; errors?: unknown };
  if (keysIn(result).has('stacktrace')) problems.push('extensions.stacktrace present');
  const errors = result.errors;
  if (errors !== undefined && (!Array.isArray(errors) || errors.length === 0)) problems.push('`errors` is not a non-empty list');
  const all = Array.isArray(errors) ? (errors as GraphQLErrorLike[]) : [];
  const known = options.tolerateKnownDefects ? KNOWN_DEFECTS.find((defect) => defect.matches(request, status, all)) : undefined;
  const list = known ? all.filter((error) => error?.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) : all;
  const codes = list.map((error) => error?.extensions?.code);
  for (const [i, error] of list.entries()) {
    const code = codes[i];
    if (typeof error?.message !== 'string') problems.push(`errors[${i}] has no message`);
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      problems.push(`errors[${i}] is INTERNAL_SERVER_ERROR (a bug), requestId ${String(error.extensions?.requestId)}`);
    } else if (code === 'SERVICE_UNAVAILABLE') {
      problems.push(`errors[${i}] is SERVICE_UNAVAILABLE: no request may take the database away`);
    } else if (typeof code !== 'string' || !EXPECTED_CODES.has(code)) {
      problems.push(`errors[${i}].extensions.code ${JSON.stringify(code)} is not a documented one`);
    }
  }
  if (status !== 200 && all.length === 0) problems.push(`status ${status} without errors`);
  if (status === 200 && !('data' in result) && list.length === 0) problems.push('status 200 without data or errors');
  // docs/errors.md: UNAUTHENTICATED is "always with HTTP 401", and 401 only says UNAUTHENTICATED; so for 429.
  for (const [code, codeStatus] of Object.entries(STATUS_OF_CODE)) {
    if (codes.includes(code) !== (status === codeStatus)) problems.push(`status ${status} with codes ${JSON.stringify(codes)}: ${code} goes with ${codeStatus}, and only it`);
  }
  if (request.options.expectNoData) {
    const leaves = dataLeaves(result.data);
    if (leaves.length > 0) problems.push(`data without a valid credential: ${leaves.slice(0, 5).join(', ')}`);
  }

  // Only when a mark shows up in the text at all: the full check (with echoes blanked) is costly.
  const leakOfA = marksOfA.found ? leakOf(world.a, result, marksOfA.echoes) : null;
  if (leakOfA) problems.push(`A's private data: ${leakOfA}`);
  const leakOfB = marksOfB.found ? leakOf(world.b, result, marksOfB.echoes) : null;
  if (leakOfB) problems.push(`B's private data without B's credential: ${leakOfB}`);
  return problems;
}

/** With FUZZ_STATS=1: every request's time and sizes, to find what makes a property slow. */
export const stats: { label: string; ms: number; requestBytes: number; responseBytes: number; status: number; request: string; codes?: string }[] = [];

/** With FUZZ_STATS=1: where the time goes. */
export const timing = { sending: 0, checking: 0, batches: 0 };

/** Sends a batch in parallel and throws one error that shows each failing request and its response. */
export async function sendAndCheck(world: World, requests: readonly HostileRequest[]): Promise<HostileResponse[]> {
  for (const request of requests) {
    rememberSent(world.a, request);
    rememberSent(world.b, request);
  }
  const sendStarted = performance.now();
  const responses = await Promise.all(requests.map((request) => send(world.app.url, request)));
  timing.sending += performance.now() - sendStarted;
  timing.batches += 1;
  const checkStarted = performance.now();
  try {
    return check(world, requests, responses);
  } finally {
    timing.checking += performance.now() - checkStarted;
  }
}

function check(world: World, requests: readonly HostileRequest[], responses: HostileResponse[]): HostileResponse[] {
  if (process.env.FUZZ_STATS === '1') {
    requests.forEach((request, i) =>
      stats.push({
        label: request.label,
        ms: Math.round(responses[i].elapsedMs),
        requestBytes: request.body === undefined ? 0 : typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.length,
        responseBytes: Buffer.byteLength(responses[i].text),
        status: responses[i].status,
        request: request.describe(300),
        codes: [...new Set(((responses[i].json as { errors?: GraphQLErrorLike[] } | undefined)?.errors ?? []).map((error) => String(error?.extensions?.code)))].join(','),
      }),
    );
    if (process.env.FUZZ_SLOW_DIR) {
      requests.forEach((request, i) => {
        if (responses[i].elapsedMs > 250) writeFileSync(`${process.env.FUZZ_SLOW_DIR}/${Math.round(responses[i].elapsedMs)}-${request.label.replace(/\W+/g, '_')}.json`, JSON.stringify({ headers: request.headers, body: typeof request.body === 'string' ? request.body : null }));
      });
    }
  }
  const failures = requests.flatMap((request, i) => {
    const problems = problemsWith(world, request, responses[i], { tolerateKnownDefects: true });
    if (problems.length === 0) return [];
    const response = responses[i];
    const text = response.text.length > 800 ? `${response.text.slice(0, 800)}… (${response.text.length} chars)` : response.text;
    return [`${problems.join('; ')}\n    request: ${request.describe(2_500)}\n    response: ${response.status} ${response.contentType} ${text}`];
  });
  if (failures.length > 0) throw new Error(`${failures.length} of ${requests.length} responses break the rules:\n  ${failures.join('\n  ')}`);
  return responses;
}

/** B's ordinary request after a batch: the server must still answer it, as B. */
export async function expectServerStillAnswers(world: World): Promise<void> {
  const started = performance.now();
  const response = await fetch(world.app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.b.admin.token}` },
    body: JSON.stringify({ query: '{ viewer { organization { id } } }' }),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json()) as { data?: { viewer?: { organization?: { id?: string } } } };
  if (process.env.FUZZ_STATS === '1') {
    stats.push({ label: "B's viewer query after the batch", ms: Math.round(performance.now() - started), requestBytes: 0, responseBytes: 0, status: response.status, request: '' });
  }
  if (response.status !== 200 || body.data?.viewer?.organization?.id !== world.b.admin.organizationId) {
    throw new Error(`the server no longer answers B's viewer query: ${response.status} ${JSON.stringify(body)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT with any header and payload, signed HS256 with `secret`, or with the given signature. */
export function jwt(header: object, payload: object, secret: string | { signature: string }): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = typeof secret === 'string' ? createHmac('sha256', secret).update(signingInput).digest('base64url') : secret.signature;
  return `${signingInput}.${signature}`;
}

export interface AccessClaims {
  sub: string;
  org: string;
  sid: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export function claimsOf(token: string): AccessClaims {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as AccessClaims;
}

// ---------------------------------------------------------------------------------------------
// A's data before and after

/** Tables where B may add a row that names A without touching anything of A's (all of them B's rows). */
const B_MAY_ADD_ROWS_NAMING_A: Record<string, string> = {
  partnerships: 'B proposes a partnership to A (organization_id B, partner A)',
  partnership_events: "the proposal's history entry",
  program_members: 'B invites A into a programme B leads',
  consents: "B records its client's consent to share with A",
};

/** Columns that count attempts (rate limits, lockouts): a refused attempt may move them. */
const COUNTER_COLUMN = /attempt|rate_?limit|failed_?login|locked_until|last_used/i;

const rowKey = (row: Record<string, unknown>) => `${String(row.organization_id ?? '')}/${String(row.id ?? JSON.stringify(row))}`;
const withoutCounters = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([column]) => !COUNTER_COLUMN.test(column)));

/**
 * Compares two snapshots of A (snapshotTenant): every row of before is still there and unchanged;
 * new rows are allowed only where B may legitimately name A (above), only as rows that are not A's
 * own, and in A's audit trail only as A's own actions (A does not act during the fuzz: none at all).
 * Returns what differs, empty if nothing.
 */
export function differencesInA(aOrganizationId: string, aActors: string[], before: Record<string, unknown[]>, after: Record<string, unknown[]>): string[] {
  const differences: string[] = [];
  for (const table of Object.keys(before)) {
    const beforeRows = new Map((before[table] as Record<string, unknown>[]).map((row) => [rowKey(row), row]));
    const afterRows = new Map((after[table] as Record<string, unknown>[]).map((row) => [rowKey(row), row]));
    for (const [key, row] of beforeRows) {
      const now = afterRows.get(key);
      if (!now) differences.push(`${table}: row ${key} is gone`);
      else if (JSON.stringify(withoutCounters(now)) !== JSON.stringify(withoutCounters(row))) {
        differences.push(`${table}: row ${key} changed from ${JSON.stringify(row)} to ${JSON.stringify(now)}`);
      }
    }
    for (const [key, row] of afterRows) {
      if (beforeRows.has(key)) continue;
      const ownedByA = row.organization_id === aOrganizationId;
      if (table === 'audit_events' && [row.actor_user_id, row.actor_api_key_id].some((actor) => aActors.includes(String(actor)))) continue;
      if (!ownedByA && table in B_MAY_ADD_ROWS_NAMING_A) continue;
      differences.push(`${table}: new row ${JSON.stringify(row)}`);
    }
  }
  return differences;
}

