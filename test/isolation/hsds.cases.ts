import { randomUUID } from 'node:crypto';
import { expectValidHsds, getHsds, hsdsErrorCodes, type HsdsObject, type HsdsResponse } from '../support/hsds';
import { expectNoPrivateDataOf, type IsolationCase, type Tenant, type World } from './harness';

/*
 * Cross-tenant cases for the HSDS feed (/hsds, src/modules/hsds): B reads the public directory, as
 * GraphQL's `services` shows it, with its API key and as a person, and nothing private of A's; ids of
 * A's private records answer as unknown ones. Each response also validates against the feed's
 * schema, whose objects allow no field beyond those the feed means to send.
 */

/** B's credentials: its API key (DIRECTORY_READ among its scopes) and its admin's token. */
const asB = ({ b }: World) => [b.apiKey.secret, b.admin.token];

/** A's private records' ids: none may be found as a service, organization, taxonomy or term. */
const privateIdsOf = (a: Tenant & { network: NonNullable<Tenant['network']> }) => [
  a.network.client.id,
  a.network.referrals.sent.id,
  a.network.partnershipId,
  a.network.consentId,
  a.members.CASEWORKER.membershipId,
  a.apiKey.id,
];

async function read(world: World, path: string, token: string, object: HsdsObject | null, page = false): Promise<HsdsResponse> {
  const res = await getHsds(world.app.url, path, token);
  expect([path, res.status]).toEqual([path, 200]);
  if (object) expectValidHsds(res.body, object, { page });
  expectNoPrivateDataOf(world.a, res.body);
  return res;
}

/** `path(id)` answers A's private ids exactly as it answers an id nobody has: 404 NOT_FOUND, and nothing of A's. */
async function expectAnsweredAsUnknown(world: World, path: (id: string) => string): Promise<void> {
  const unknown = await getHsds(world.app.url, path(randomUUID()), world.b.apiKey.secret);
  expect([unknown.status, hsdsErrorCodes(unknown)]).toEqual([404, ['NOT_FOUND']]);
  for (const id of privateIdsOf(world.a)) {
    const res = await getHsds(world.app.url, path(id), world.b.apiKey.secret);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(unknown.body);
    expectNoPrivateDataOf(world.a, res.body);
  }
}

export const hsdsCases: IsolationCase[] = [
  {
    operation: 'GET /hsds/',
    description: 'The feed describes itself the same to B as to anyone, naming nothing of A',
    async run(world) {
      for (const token of asB(world)) await read(world, '/hsds/', token, 'api');
    },
  },
  {
    operation: 'GET /hsds/services',
    description: "B's feed lists A's public services, fully nested, and nothing private of A's; filters aimed at A's private ids find nothing",
    shared: "A's services and their places (the public directory)",
    async run(world) {
      const { a, b } = world;
      for (const token of asB(world)) {
        for (const query of ['', '&full=true', '&minimal=true']) {
          const res = await read(
            world,
            `/hsds/services?organization_id=${a.admin.organizationId}&per_page=100${query}`,
            token,
            query === '&full=true' ? 'service' : 'service_list',
            true,
          );
          expect(res.body.contents.map((s: { id: string }) => s.id)).toEqual([a.network.serviceId]);
        }
        const all = await read(world, '/hsds/services?per_page=100&full=true', token, 'service', true);
        expect(all.body.contents.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([a.network.serviceId, b.network.serviceId]));
        // A's referral reasons and client names are not directory text: a search for them finds nothing.
        for (const text of [a.network.client.fullName, a.network.texts[0]]) {
          const found = await read(world, `/hsds/services?search=${encodeURIComponent(text)}`, token, 'service_list', true);
          expect(found.body.total_items).toBe(0);
        }
        for (const id of privateIdsOf(a)) {
          const res = await read(world, `/hsds/services?organization_id=${id}`, token, 'service_list', true);
          expect(res.body.total_items).toBe(0);
        }
      }
    },
  },
  {
    operation: 'GET /hsds/services/{id}',
    description: "B reads A's public service fully nested; ids of A's private records answer as unknown ones",
    shared: "A's services and their places (the public directory)",
    async run(world) {
      const { a } = world;
      for (const token of asB(world)) {
        const res = await read(world, `/hsds/services/${a.network.serviceId}`, token, 'service');
        expect(res.body).toMatchObject({ id: a.network.serviceId, organization_id: a.admin.organizationId });
      }
      await expectAnsweredAsUnknown(world, (id) => `/hsds/services/${id}`);
    },
  },
  {
    operation: 'GET /hsds/organizations',
    description: "B's feed lists A's public profile (HSDS fields only), and nothing private of A's",
    shared: 'the public organization directory',
    async run(world) {
      for (const token of asB(world)) {
        const res = await read(world, '/hsds/organizations?per_page=100', token, 'organization', true);
        expect(res.body.contents.map((o: { id: string }) => o.id)).toContain(world.a.admin.organizationId);
        const found = await read(world, `/hsds/organizations?search=${encodeURIComponent(world.a.network.client.fullName)}`, token, 'organization', true);
        expect(found.body.total_items).toBe(0);
      }
    },
  },
  {
    operation: 'GET /hsds/organizations/{id}',
    description: "B reads A's public profile with A's public services; ids of A's private records answer as unknown ones",
    shared: 'the public organization and service directories',
    async run(world) {
      const { a } = world;
      for (const token of asB(world)) {
        const res = await read(world, `/hsds/organizations/${a.admin.organizationId}`, token, 'organization');
        expect(res.body.services.map((s: { id: string }) => s.id)).toEqual([a.network.serviceId]);
      }
      await expectAnsweredAsUnknown(world, (id) => `/hsds/organizations/${id}`);
    },
  },
  {
    operation: 'GET /hsds/taxonomies',
    description: 'The taxonomy reads the same for every organization and holds nothing of A',
    shared: 'the shared service taxonomy',
    async run(world) {
      for (const token of asB(world)) await read(world, '/hsds/taxonomies', token, 'taxonomy', true);
    },
  },
  {
    operation: 'GET /hsds/taxonomies/{id}',
    description: "The taxonomy by id; ids of A's private records answer as unknown ones",
    shared: 'the shared service taxonomy',
    async run(world) {
      const list = await read(world, '/hsds/taxonomies', world.b.apiKey.secret, 'taxonomy', true);
      for (const token of asB(world)) await read(world, `/hsds/taxonomies/${list.body.contents[0].id}`, token, 'taxonomy');
      await expectAnsweredAsUnknown(world, (id) => `/hsds/taxonomies/${id}`);
    },
  },
  {
    operation: 'GET /hsds/taxonomy_terms',
    description: 'The terms read the same for every organization and hold nothing of A',
    shared: 'the shared service taxonomy',
    async run(world) {
      for (const token of asB(world)) {
        const res = await read(world, '/hsds/taxonomy_terms?per_page=100', token, 'taxonomy_term', true);
        expect(res.body.contents.map((t: { code: string }) => t.code)).toContain('ELDERLY_CARE');
      }
    },
  },
  {
    operation: 'GET /hsds/taxonomy_terms/{id}',
    description: "A term by id; ids of A's private records answer as unknown ones",
    shared: 'the shared service taxonomy',
    async run(world) {
      const terms = await read(world, '/hsds/taxonomy_terms?search=ELDERLY_CARE', world.b.apiKey.secret, 'taxonomy_term', true);
      for (const token of asB(world)) await read(world, `/hsds/taxonomy_terms/${terms.body.contents[0].id}`, token, 'taxonomy_term');
      await expectAnsweredAsUnknown(world, (id) => `/hsds/taxonomy_terms/${id}`);
    },
  },
];
