import { randomUUID } from 'node:crypto';
import { ClientRecordDocument, CorrectClientDocument, EraseClientDocument, LoginDocument } from '../generated/graphql';
import { dataOf, errorCodes, type SignedIn } from '../factories';
import { registerClient } from '../factories/referrals';
import type { GraphQLResponse, TestApp } from '../setup/test-app';
import { expectNoPrivateDataOf, type IsolationCase, type Tenant } from './harness';

/** Cross-tenant cases for a person's rights: the subject-access export, correction and erasure of A's client. */

async function signIn(app: TestApp, member: SignedIn): Promise<string> {
  const res = await app.request(LoginDocument, { input: { email: member.email, password: member.password, organizationId: member.organizationId } });
  return dataOf(res).login.accessToken;
}

async function rolesOf(app: TestApp, tenant: Tenant) {
  return {
    ADMIN: tenant.admin.token,
    COORDINATOR: await signIn(app, tenant.members.COORDINATOR),
    CASEWORKER: await signIn(app, tenant.members.CASEWORKER),
    VIEWER: await signIn(app, tenant.members.VIEWER),
  };
}

const answerOf = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((error) => ({ message: error.message, path: error.path, code: error.extensions?.code }));

/** Answered NOT_FOUND exactly as for an id nobody has, and with nothing of A's in it. */
async function expectUnknown(a: Tenant, attempt: (id: string) => Promise<GraphQLResponse<unknown>>, id: string): Promise<void> {
  const withA = await attempt(id);
  expect(errorCodes(withA)).toEqual(['NOT_FOUND']);
  expect(answerOf(withA)).toEqual(answerOf(await attempt(randomUUID())));
  expectNoPrivateDataOf(a, withA);
}

function expectForbidden(a: Tenant, res: GraphQLResponse<unknown>): void {
  expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  expectNoPrivateDataOf(a, res);
}

/** A's client with its history and everything hanging off it, as the database holds them. */
const stateOfClient = (app: TestApp, id: string) =>
  app.ownerQuery(
    `SELECT c.*, (SELECT json_agg(v ORDER BY v.id) FROM client_versions v WHERE v.organization_id = c.organization_id AND v.client_id = c.id) AS history,
            (SELECT json_agg(k ORDER BY k.id) FROM consents k WHERE k.organization_id = c.organization_id AND k.client_id = c.id) AS consents,
            (SELECT json_agg(r ORDER BY r.id) FROM referrals r WHERE r.organization_id = c.organization_id AND r.client_id = c.id) AS referrals
       FROM clients c WHERE c.id = $1`,
    [id],
  );

export const rightsCases: IsolationCase[] = [
  {
    operation: 'clientRecord',
    description: "A's client's record answers NOT_FOUND to B's admins and coordinators as an unknown id would; the other roles and keys are refused",
    async run({ app, a, b }) {
      const roles = await rolesOf(app, b);
      for (const token of [roles.ADMIN, roles.COORDINATOR]) {
        await expectUnknown(a, (id) => app.request(ClientRecordDocument, { id }, { token }), a.network.client.id);
      }
      for (const token of [roles.CASEWORKER, roles.VIEWER, b.apiKey.secret]) {
        expectForbidden(a, await app.request(ClientRecordDocument, { id: a.network.client.id }, { token }));
      }
    },
  },
  {
    operation: 'clientRecord',
    description: "A's partner C, which receives referrals of A's client and read it, cannot export A's record; C's own export holds nothing of A's",
    async run({ app, a, c }) {
      await expectUnknown(a, (id) => app.request(ClientRecordDocument, { id }, { token: c.admin.token }), a.network.client.id);
      const own = await registerClient(app, c.admin, { fullName: 'Vàng Seo Lử' });
      const res = await app.request(ClientRecordDocument, { id: own.id }, { token: c.admin.token });
      expect(dataOf(res).clientRecord).toMatchObject({ client: { id: own.id } });
      expectNoPrivateDataOf(a, res);
    },
  },
  {
    operation: 'correctClient',
    description: "B and A's partner C cannot correct A's client: NOT_FOUND, and A's record and its history stay as they were",
    async run({ app, a, b, c }) {
      const before = await stateOfClient(app, a.network.client.id);
      const [{ version }] = before as { version: number }[];
      const correct = (token: string) => (clientId: string) =>
        app.request(CorrectClientDocument, { input: { clientId, expectedVersion: version, fullName: 'Corrected by B', birthDate: '1990-01-01', reason: 'B' } }, { token });
      const roles = await rolesOf(app, b);
      for (const token of [roles.ADMIN, roles.COORDINATOR, roles.CASEWORKER, c.admin.token]) {
        await expectUnknown(a, correct(token), a.network.client.id);
      }
      expectForbidden(a, await correct(roles.VIEWER)(a.network.client.id));
      expectForbidden(a, await correct(b.apiKey.secret)(a.network.client.id));
      expect(await stateOfClient(app, a.network.client.id)).toEqual(before);
    },
  },
  {
    operation: 'eraseClient',
    description: "B's admin and A's partner C's admin cannot erase A's client: NOT_FOUND; B's other roles are refused; A's record, consents and referrals stay as they were",
    async run({ app, a, b, c }) {
      const before = await stateOfClient(app, a.network.client.id);
      const erase = (token: string) => (clientId: string) => app.request(EraseClientDocument, { input: { clientId, reason: 'SUBJECT_REQUEST' } }, { token });
      const roles = await rolesOf(app, b);
      for (const token of [roles.ADMIN, c.admin.token]) await expectUnknown(a, erase(token), a.network.client.id);
      for (const token of [roles.COORDINATOR, roles.CASEWORKER, roles.VIEWER, b.apiKey.secret]) expectForbidden(a, await erase(token)(a.network.client.id));
      expect(await stateOfClient(app, a.network.client.id)).toEqual(before);
    },
  },
];
