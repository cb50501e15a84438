import { ConfirmClientMatchDocument, LookUpClientMatchesDocument, PossibleMatchesDocument, RecordConsentDocument, RejectClientMatchDocument } from '../generated/graphql';
import { dataOf, errorCodes } from '../factories';
import { registerClient } from '../factories/referrals';
import { expectNoPrivateDataOf, type IsolationCase, type World } from './harness';


/** B's admin, and C's: A's partner, whose partnership does not allow matching. (An earlier case signs B's caseworker out.) */
const outsiders = ({ b, c }: World) => [b.admin, c.admin];

export const matchingCases: IsolationCase[] = [
  {
    operation: 'possibleMatches',
    description: "B and C are told nothing of A's client's match: A's client id is not found, and their own clients have none",
    async run(world) {
      const { app, a, b } = world;
      for (const person of outsiders(world)) {
        const res = await app.request(PossibleMatchesDocument, { clientId: a.network.client.id }, { token: person.token });
        expect(errorCodes(res)).toEqual(['NOT_FOUND']);
        expectNoPrivateDataOf(a, res);
      }
      const own = await app.request(PossibleMatchesDocument, { clientId: b.network.client.id }, { token: b.admin.token });
      expect(dataOf(own).possibleMatches).toEqual([]);
      expect(errorCodes(await app.request(PossibleMatchesDocument, { clientId: b.network.client.id }, { token: b.apiKey.secret }))).toEqual(['FORBIDDEN']);
    },
  },
  {
    operation: 'lookUpClientMatches',
    description: "B (no partner of A's) and C (A's partner, without CLIENT_MATCHING) register A's client's person, written otherwise, with consent to matching with A: their lookups learn nothing; A's client id is not found",
    async run(world) {
      const { app, a, b, c } = world;
      const consents: string[] = [];
      try {
        for (const [by, fullName] of [
          [b.admin, 'SAU LO THI'],
          [c.admin, 'Sau Thi Lo'],
        ] as const) {
          const lookalike = await registerClient(app, by, { fullName, birthDate: '1948-03-02', sex: 'FEMALE' });
          const consent = dataOf(
            await app.request(
              RecordConsentDocument,
              { input: { clientId: lookalike.id, recipientOrganizationId: a.admin.organizationId, scope: 'MATCHING', purpose: 'Matching', sharedFields: [], method: 'VERBAL' } },
              { token: by.token },
            ),
          ).recordConsent;
          consents.push(consent.id);
          const res = await app.request(LookUpClientMatchesDocument, { input: { clientId: lookalike.id } }, { token: by.token });
          expect(dataOf(res).lookUpClientMatches.matches).toEqual([]);
          expectNoPrivateDataOf(a, res);
          const theirs = await app.request(LookUpClientMatchesDocument, { input: { clientId: a.network.client.id } }, { token: by.token });
          expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
        }
      } finally {
        // Those consents name A as their recipient, so they count among A's rows, which the harness checks stay as they were.
        await app.ownerQuery('DELETE FROM consents WHERE id = ANY ($1::uuid[])', [consents]);
      }
    },
  },
  {
    operation: 'confirmClientMatch',
    description: "B and C cannot confirm A's match with its matching partner: not found, and it stays as it was",
    async run(world) {
      const { app, a } = world;
      for (const person of outsiders(world)) {
        const res = await app.request(ConfirmClientMatchDocument, { input: { matchId: a.matching.matchId, expectedVersion: a.matching.version } }, { token: person.token });
        expect(errorCodes(res)).toEqual(['NOT_FOUND']);
        expectNoPrivateDataOf(a, res);
      }
    },
  },
  {
    operation: 'rejectClientMatch',
    description: "B and C cannot reject A's match with its matching partner: not found, and it stays as it was",
    async run(world) {
      const { app, a } = world;
      for (const person of outsiders(world)) {
        const res = await app.request(RejectClientMatchDocument, { input: { matchId: a.matching.matchId, expectedVersion: a.matching.version } }, { token: person.token });
        expect(errorCodes(res)).toEqual(['NOT_FOUND']);
        expectNoPrivateDataOf(a, res);
      }
    },
  },
];
