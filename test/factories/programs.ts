import {
  AcceptProgramInvitationDocument,
  CreateProgramDocument,
  InviteProgramMemberDocument,
  type CreateProgramInput,
  type ProgramMemberRole,
} from '../generated/graphql';
import type { TestApp } from '../setup/test-app';
import { dataOf, type SignedIn } from './index';

export async function createProgram(app: TestApp, lead: SignedIn, overrides: Partial<CreateProgramInput> = {}) {
  return dataOf(
    await app.request(
      CreateProgramDocument,
      {
        input: {
          name: 'Chăm sóc người cao tuổi dựa vào cộng đồng',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          regions: ['Lào Cai', 'Yên Bái'],
          targetPopulations: ['OLDER_PERSON_LIVING_ALONE'],
          sdgTargets: ['1.3', '3.8'],
          ...overrides,
        },
      },
      { token: lead.token },
    ),
  ).createProgram;
}

/** Invites `member` with `role` and accepts as its admin; answers the active membership. */
export async function joinProgram(app: TestApp, lead: SignedIn, programId: string, member: SignedIn, role: ProgramMemberRole) {
  const invited = dataOf(
    await app.request(InviteProgramMemberDocument, { input: { programId, organizationId: member.organizationId, role } }, { token: lead.token }),
  ).inviteProgramMember;
  return dataOf(
    await app.request(AcceptProgramInvitationDocument, { input: { membershipId: invited.id, expectedVersion: invited.version } }, { token: member.token }),
  ).acceptProgramInvitation;
}
