import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A response of the HSDS feed: status, parsed JSON body and headers. */
export interface HsdsResponse {
  status: number;
  body: any;
  contentType: string | null;
  /** SQL statements the request sent (`x-sql-statements`). */
  statements: number;
}

/** GET `path` (e.g. `/hsds/services?page=2`) on the server of `graphqlUrl`, with `token` as a bearer token if given. */
export async function getHsds(graphqlUrl: string, path: string, token?: string | null, headers: Record<string, string> = {}): Promise<HsdsResponse> {
  const response = await fetch(new URL(path, graphqlUrl), {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return {
    status: response.status,
    body: await response.json(),
    contentType: response.headers.get('content-type'),
    statements: Number(response.headers.get('x-sql-statements')),
  };
}

/** The codes of an error answer, e.g. ['NOT_FOUND']. */
export const hsdsErrorCodes = (response: HsdsResponse): unknown[] =>
  ((response.body?.errors ?? []) as { extensions?: { code?: unknown } }[]).map((error) => error.extensions?.code);

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../fixtures/hsds/hsds-3.0.schema.json'), 'utf8')) as { $id: string };

/** The objects of test/fixtures/hsds/hsds-3.0.schema.json ($defs) that a response may be checked against. */
export type HsdsObject = 'api' | 'organization' | 'service_list' | 'service' | 'taxonomy' | 'taxonomy_term';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(SCHEMA);
const validators = new Map<string, ValidateFunction>();

function validator(object: HsdsObject, page: boolean): ValidateFunction {
  const key = `${object}:${page}`;
  let validate = validators.get(key);
  if (!validate) {
    const ref = { $ref: `${SCHEMA.$id}#/$defs/${object}` };
    validate = ajv.compile(
      page ? { type: 'object', allOf: [{ $ref: `${SCHEMA.$id}#/$defs/page` }], properties: { contents: { type: 'array', items: ref } } } : ref,
    );
    validators.set(key, validate);
  }
  return validate;
}

/** Fails, listing ajv's errors, unless `body` is a valid `object` (or, with `page`, an HSDS page of them). */
export function expectValidHsds(body: unknown, object: HsdsObject, options: { page?: boolean } = {}): void {
  const validate = validator(object, options.page ?? false);
  const valid = validate(body);
  expect(valid ? [] : validate.errors).toEqual([]);
}
