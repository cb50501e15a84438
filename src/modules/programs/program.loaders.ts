import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byParentLoader } from '../../common/loaders';
import type { RequestContext } from '../../context/request-context';
import { Indicator, IndicatorTarget, ProgramResult } from './indicator.entity';
import { ProgramMember } from './program-member.entity';
import { ProgramMemberStatus } from './program.enums';

/** Keyed by the programme's (lead's) organization and id. */
export const programResultsLoader = (ctx: RequestContext) => byParentLoader(ctx, ProgramResult, 'programId', { createdAt: 'ASC', id: 'ASC' });

export const resultIndicatorsLoader = (ctx: RequestContext) => byParentLoader(ctx, Indicator, 'resultId', { code: 'ASC', id: 'ASC' });

export const indicatorTargetsLoader = (ctx: RequestContext) =>
  byParentLoader(ctx, IndicatorTarget, 'indicatorId', { periodType: 'ASC', periodStart: 'ASC', id: 'ASC' });

/** The programme memberships RLS shows: all of them to the lead, its own to a member. */
export const programMembersLoader = (ctx: RequestContext) => byParentLoader(ctx, ProgramMember, 'programId', { createdAt: 'ASC', id: 'ASC' });

/** The acting organization's own ACTIVE or INVITED membership of each programme, keyed by programme id. */
export const ownProgramMembershipLoader = (ctx: RequestContext) =>
  new DataLoader<string, ProgramMember | null>(async (programIds) => {
    const { organizationId } = await ctx.requirePrincipal();
    const rows = await (await ctx.db()).find(ProgramMember, {
      where: {
        memberOrganizationId: organizationId,
        programId: In([...programIds]),
        status: In([ProgramMemberStatus.ACTIVE, ProgramMemberStatus.INVITED]),
      },
    });
    return programIds.map((id) => rows.find((row) => row.programId === id) ?? null);
  });
