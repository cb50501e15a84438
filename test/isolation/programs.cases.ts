import { randomUUID } from 'node:crypto';
import {
  AcceptProgramInvitationDocument,
  AddIndicatorDocument,
  AddProgramResultDocument,
  AuditEventsDocument,
  ClientDocument,
  ClientsDocument,
  CreateProgramDocument,
  DeclineProgramInvitationDocument,
  EnrollClientDocument,
  InviteProgramMemberDocument,
  LoginDocument,
  ProgramDocument,
  ProgramEnrollmentsDocument,
  ProgramIatiXmlDocument,
  ProgramMetricsDocument,
  ProgramResultsCsvDocument,
  ProgramsDocument,
  RecordServiceDeliveryDocument,
  ReferralDocument,
  ReferralInboxDocument,
  ReferralOutboxDocument,
  RemoveProgramMemberDocument,
  ReportedValuesDocument,
  ReviewReportedValueDocument,
  SendReferralDocument,
  SetIndicatorTargetDocument,
  SubmitReportedValueDocument,
  type Dimension,
  type MetricValueFieldsFragment,
  type PeriodType,
  type ProgramMemberRole,
  type ProgramMetricsQuery,
} from '../generated/graphql';
import { dataOf, errorCodes, type SignedIn } from '../factories';
import { registerClient } from '../factories/referrals';
import type { GraphQLResponse, TestApp } from '../setup/test-app';
import { expectNoPrivateDataOf, privateMarksOf, snapshotTenant, stringsIn, type IsolationCase, type Tenant, type World } from './harness';

/**
 * Joint programmes. A leads one; C delivers in it as implementing partner; F funds it; E is invited
 * and has not answered; D was removed. B, on none of it, leads a programme of its own.
 *
 * Every row of A's programme is stored under A's organization_id, whoever wrote it, and who sees
 * what is decided by the acting organization's membership. So besides B (NOT_FOUND for every id of
 * the programme, as for an id nobody has), these cases act as each kind of member, to check each
 * sees no more than its role allows: the funder aggregates only, never a person or a row; C its own
 * enrolments and reported values, never A's; E the programme row; D nothing any more.
 */

/** A fresh access token: an earlier case logs B's caseworker out everywhere, ending their first session. */
async function signIn(app: TestApp, member: SignedIn): Promise<string> {
  const res = await app.request(LoginDocument, {
    input: { email: member.email, password: member.password, organizationId: member.organizationId },
  });
  return dataOf(res).login.accessToken;
}

/** An organization's people of every role, signed in now, and its API key (with METRICS_READ). */
async function peopleOf(app: TestApp, tenant: Tenant) {
  const people = {
    ADMIN: tenant.admin.token,
    COORDINATOR: await signIn(app, tenant.members.COORDINATOR),
    CASEWORKER: await signIn(app, tenant.members.CASEWORKER),
    VIEWER: await signIn(app, tenant.members.VIEWER),
  };
  return {
    ...people,
    key: tenant.apiKey.secret,
    /** Every role: all of them may read programmes and metrics. */
    everyone: [people.ADMIN, people.COORDINATOR, people.CASEWORKER, people.VIEWER],
    /** Every role and the API key: what a funder's systems read with. */
    readers: [people.ADMIN, people.COORDINATOR, people.CASEWORKER, people.VIEWER, tenant.apiKey.secret],
    /** The roles that may enrol clients and record deliveries. */
    casework: [people.ADMIN, people.COORDINATOR, people.CASEWORKER],
    /** The roles that may manage programmes and report values. */
    leads: [people.ADMIN, people.COORDINATOR],
    /** The roles and key refused programme management before any programme is looked at. */
    notLeads: [people.CASEWORKER, people.VIEWER, tenant.apiKey.secret],
  };
}

/** What an error tells the caller, without its stack. */
const answerOf = (res: GraphQLResponse<unknown>) =>
  (res.errors ?? []).map((error) => ({
    message: error.message,
    path: error.path,
    code: error.extensions?.code,
    argumentPath: error.extensions?.argumentPath,
    reason: error.extensions?.reason,
  }));

/** Private marks to check a response against: a tenant, and the organization reading (when it is a member of the tenant's programme). */
type Marks = [tenant: Tenant, viewer?: string];

function expectNothingOf(marks: Marks[], response: unknown): void {
  for (const [tenant, viewer] of marks) expectNoPrivateDataOf(tenant, response, viewer);
}

/**
 * The attempt with `id` is answered exactly as the same attempt with an id nobody has: NOT_FOUND,
 * word for word, so that the answer never confirms the record exists.
 */
async function expectAnsweredAsUnknown(marks: Marks[], attempt: (id: string) => Promise<GraphQLResponse<unknown>>, id: string): Promise<void> {
  const withId = await attempt(id);
  const withUnknownId = await attempt(randomUUID());
  expect(errorCodes(withId)).toEqual(['NOT_FOUND']);
  expect(withId.data ?? null).toBeNull();
  expect(answerOf(withId)).toEqual(answerOf(withUnknownId));
  expectNothingOf(marks, withId);
}

/** Refused with `code` (and, for a programme-role refusal, reason PROGRAM_ROLE), showing nothing. */
function expectRefused(marks: Marks[], res: GraphQLResponse<unknown>, code: 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT', reason?: 'PROGRAM_ROLE'): void {
  expect(errorCodes(res)).toEqual([code]);
  if (reason) expect(res.errors?.[0].extensions?.reason).toBe(reason);
  expect(res.data ?? null).toBeNull();
  expectNothingOf(marks, res);
}

/** Runs the attempts and checks that none of A's rows changed, its programme's included (C's and D's enrolments, facts, cells). */
async function leavesAUnchanged(world: World, attempts: () => Promise<void>): Promise<void> {
  const before = await snapshotTenant(world.app, world.a.admin.organizationId);
  await attempts();
  expect(await snapshotTenant(world.app, world.a.admin.organizationId)).toEqual(before);
}

/** What B must never see: anything private of A's, and anything of C's in A's programme (C's enrolled people). */
const outsider = ({ a, c }: World): Marks[] => [[a], [c]];
/** What a member of A's programme must not see beyond its role: checked against A and C, as that member. */
const asMember = ({ a, c }: World, organizationId: string): Marks[] => [
  [a, organizationId],
  [c, organizationId],
];

const membershipOf = (world: World, organizationId: string) => world.a.programmes.led.memberships.find((m) => m.organizationId === organizationId)!;

/** A membership at its current version, as if the attacker had guessed both: only the access check stands in the way. */
async function aimAtMembership(app: TestApp, membershipId: string) {
  const [row] = await app.ownerQuery<{ version: number }>('SELECT version FROM program_members WHERE id = $1', [membershipId]);
  return { membershipId, expectedVersion: row.version };
}

const reportedValueOf = (world: World, reporter: string, status: string) =>
  world.a.programmes.led.reportedValues.find((v) => v.reporterOrganizationId === reporter && v.status === status)!;

/** Every id of A's programme that is not the programme's: none of them is a programme either. */
function idsInAsProgramme(world: World): string[] {
  const led = world.a.programmes.led;
  return [
    led.resultId,
    led.indicatorIds.derived,
    led.indicatorIds.reported,
    led.leadMembershipId,
    ...led.reportedValues.map((v) => v.id),
    ...world.a.programmes.enrolments.map((e) => e.id),
    ...world.c.programmes.enrolments.map((e) => e.id),
  ];
}

// The whole of 2026 by quarter covers every enrolment, delivery and reported value, and the referrals sent today.
const YEAR_BY_QUARTER = { periodType: 'QUARTER' as PeriodType, from: '2026-01-01', to: '2026-12-31' };
const BREAKDOWNS: (Dimension | null)[] = [null, 'SEX', 'AGE_BAND', 'DISABILITY', 'REGION', 'POPULATION_GROUP'];
/** Dimensions whose values split the people in a cell with no overlap (a population group does not). */
const PARTITIONS: Dimension[] = ['SEX', 'AGE_BAND', 'DISABILITY', 'REGION'];

type MetricValue = MetricValueFieldsFragment;
type Period = ProgramMetricsQuery['programMetrics']['periods'][number];
/** A figure counting people, as the metrics show it: its total and its breakdown by the dimension asked for. */
interface PeopleFigure {
  label: string;
  total: MetricValue | null;
  cells: { value: string; actual: MetricValue | null }[];
}

const shownValue = (value: MetricValue | null | undefined) => (value?.__typename === 'MetricNumber' ? value.value : null);
const isSuppressed = (value: MetricValue | null | undefined) => value?.__typename === 'SuppressedValue';

/** The figures of a period that count people: enrolled, served, served by category, and DISTINCT_PEOPLE indicators. */
function peopleFiguresOf(period: Period, distinctPeopleIndicatorIds: string[]): PeopleFigure[] {
  return [
    { label: 'peopleEnrolled', total: period.peopleEnrolled.total, cells: period.peopleEnrolled.breakdown },
    { label: 'peopleServed', total: period.peopleServed.total, cells: period.peopleServed.breakdown },
    ...period.servicesByCategory.map((c) => ({ label: `peopleServed ${c.category.code}`, total: c.peopleServed.total, cells: c.peopleServed.breakdown })),
    ...period.indicators
      .filter((i) => distinctPeopleIndicatorIds.includes(i.indicator.id))
      .map((i) => ({ label: `indicator ${i.indicator.code}`, total: i.actual ?? null, cells: i.breakdown })),
  ].map((figure) => ({ ...figure, label: `${period.periodStart} ${figure.label}` }));
}

/**
 * What statistical disclosure control promises every reader of the metrics, checked on one answer:
 * a count of people shows as 0 or at least the threshold; a total shown beside a partition never
 * has exactly one suppressed cell (it would give it back); deliveries and medians are withheld
 * wherever the people behind them are; the referral funnel's counts are suppressed when small.
 * Answers what it saw, so that the caller can check the world makes the rules bite.
 */
function expectSuppressed(metrics: ProgramMetricsQuery['programMetrics'], distinctPeopleIndicatorIds: string[]) {
  const threshold = metrics.suppressionThreshold;
  const seen = { shownAtLeastThreshold: 0, belowThreshold: 0, complementary: 0, derived: 0 };
  const tally = (value: MetricValue | null | undefined) => {
    if (value?.__typename === 'SuppressedValue') {
      if (value.reason === 'BELOW_THRESHOLD') seen.belowThreshold++;
      if (value.reason === 'COMPLEMENTARY') seen.complementary++;
      if (value.reason === 'DERIVED_FROM_SUPPRESSED') seen.derived++;
    } else if (value && value.value >= threshold) seen.shownAtLeastThreshold++;
  };
  const smallShown: string[] = [];
  const checkCount = (label: string, value: MetricValue | null | undefined) => {
    tally(value);
    const shown = shownValue(value);
    if (shown !== null && shown > 0 && shown < threshold) smallShown.push(`${label} = ${shown}`);
  };
  const givenBack: string[] = [];
  for (const period of metrics.periods) {
    for (const figure of peopleFiguresOf(period, distinctPeopleIndicatorIds)) {
      checkCount(figure.label, figure.total);
      for (const cell of figure.cells) checkCount(`${figure.label} ${cell.value}`, cell.actual);
      if (metrics.disaggregatedBy && PARTITIONS.includes(metrics.disaggregatedBy) && (shownValue(figure.total) ?? 0) > 0) {
        if (figure.cells.filter((cell) => isSuppressed(cell.actual)).length === 1) givenBack.push(figure.label);
      }
    }
    for (const category of period.servicesByCategory) {
      const people = [category.peopleServed.total, ...category.peopleServed.breakdown.map((cell) => cell.actual)];
      const deliveries = [category.deliveries.total, ...category.deliveries.breakdown.map((cell) => cell.actual)];
      deliveries.forEach((delivered, i) => {
        if (!isSuppressed(delivered)) expect({ category: category.category.code, i, people: people[i]?.__typename }).toMatchObject({ people: 'MetricNumber' });
      });
    }
    const funnel = period.referralFunnel;
    for (const [stage, value] of Object.entries({ sent: funnel.sent, accepted: funnel.accepted, completed: funnel.completed, successful: funnel.successful })) {
      checkCount(`${period.periodStart} referrals ${stage}`, value);
    }
    if (isSuppressed(funnel.accepted) && funnel.medianDaysToAcceptance) expect(funnel.medianDaysToAcceptance.__typename).toBe('SuppressedValue');
    if (isSuppressed(funnel.completed) && funnel.medianDaysToCompletion) expect(funnel.medianDaysToCompletion.__typename).toBe('SuppressedValue');
    [funnel.medianDaysToAcceptance, funnel.medianDaysToCompletion].forEach(tally);
    // Progress toward a target is a figure computed from the actual: withheld wherever the actual is.
    for (const progress of period.indicators) {
      for (const { actual, progressPercent } of [progress, ...progress.breakdown]) {
        tally(progressPercent);
        if (isSuppressed(actual) && progressPercent) expect(progressPercent.__typename).toBe('SuppressedValue');
      }
    }
  }
  expect(smallShown).toEqual([]);
  expect(givenBack).toEqual([]);
  return seen;
}

export const programCases: IsolationCase[] = [
  // ---------------------------------------------------------------------------------------------
  // B, on none of A's programme: every id of it answers as an id nobody has, and nothing changes.
  {
    operation: 'programs',
    description: "B's programmes are B's own: every role and B's API key list B's programme and nothing of A's",
    async run(world) {
      const { app, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.readers) {
        const res = await app.request(ProgramsDocument, { first: 100 }, { token });
        const ids = dataOf(res).programs.edges.map((e) => e.node.id);
        expect(ids).toContain(b.programmes.led.id);
        expect(ids).not.toContain(world.a.programmes.led.id);
        expectNothingOf(outsider(world), res);
      }
    },
  },
  {
    operation: 'program',
    description: "A's programme answers NOT_FOUND to every role of B and B's API key, as an id nobody has would",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.readers) {
        await expectAnsweredAsUnknown(outsider(world), (id) => app.request(ProgramDocument, { id }, { token }), a.programmes.led.id);
      }
      const own = await app.request(ProgramDocument, { id: b.programmes.led.id }, { token: b.admin.token });
      expect(dataOf(own).program.members.map((m) => m.organization.id)).toEqual([b.admin.organizationId]);
      expectNothingOf(outsider(world), own);
    },
  },
  {
    operation: 'program',
    description: "No other id of A's programme (result, indicator, membership, enrolment, reported value) is a programme to B",
    async run(world) {
      const { app, b } = world;
      for (const id of idsInAsProgramme(world)) {
        await expectAnsweredAsUnknown(outsider(world), (programId) => app.request(ProgramDocument, { id: programId }, { token: b.admin.token }), id);
      }
    },
  },
  {
    operation: 'programMetrics',
    description: "A's programme's metrics answer NOT_FOUND to every role of B and B's API key (it has METRICS_READ), for every breakdown",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.readers) {
        for (const disaggregateBy of BREAKDOWNS) {
          await expectAnsweredAsUnknown(
            outsider(world),
            (programId) => app.request(ProgramMetricsDocument, { ...YEAR_BY_QUARTER, programId, disaggregateBy }, { token }),
            a.programmes.led.id,
          );
        }
      }
    },
  },
  {
    operation: 'programResultsCsv',
    description: "A's programme's CSV export answers NOT_FOUND to every role of B and B's API key",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.readers) {
        await expectAnsweredAsUnknown(
          outsider(world),
          (programId) => app.request(ProgramResultsCsvDocument, { ...YEAR_BY_QUARTER, programId }, { token }),
          a.programmes.led.id,
        );
      }
    },
  },
  {
    operation: 'programIatiXml',
    description: "A's programme's IATI export answers NOT_FOUND to every role of B and B's API key",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.readers) {
        await expectAnsweredAsUnknown(
          outsider(world),
          (programId) => app.request(ProgramIatiXmlDocument, { ...YEAR_BY_QUARTER, programId }, { token }),
          a.programmes.led.id,
        );
      }
    },
  },
  {
    operation: 'programEnrollments',
    description: "B's enrolments are B's own, and asking with A's programme id shows nothing of A's or C's, exactly as an unknown id; B's API key is FORBIDDEN",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        const own = await app.request(ProgramEnrollmentsDocument, { programId: b.programmes.led.id, first: 100 }, { token });
        expect(dataOf(own).programEnrollments.edges.map((e) => e.node.id)).toEqual(b.programmes.enrolments.map((e) => e.id));
        expectNothingOf(outsider(world), own);
        const withAs = await app.request(ProgramEnrollmentsDocument, { programId: a.programmes.led.id, first: 100 }, { token });
        const withUnknown = await app.request(ProgramEnrollmentsDocument, { programId: randomUUID(), first: 100 }, { token });
        expect({ data: withAs.data, errors: answerOf(withAs) }).toEqual({ data: withUnknown.data, errors: answerOf(withUnknown) });
        expectNothingOf(outsider(world), withAs);
      }
      expectRefused(outsider(world), await app.request(ProgramEnrollmentsDocument, { programId: a.programmes.led.id }, { token: b.apiKey.secret }), 'FORBIDDEN');
    },
  },
  {
    operation: 'programEnrollments',
    description: "A's programme answers NOT_FOUND to B here too, as every other programme operation does for a non-member",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        await expectAnsweredAsUnknown(
          outsider(world),
          (programId) => app.request(ProgramEnrollmentsDocument, { programId, first: 100 }, { token }),
          a.programmes.led.id,
        );
      }
    },
  },
  {
    operation: 'reportedValues',
    description: "A's programme's reported values answer NOT_FOUND to every role of B and B's API key",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      for (const token of people.readers) {
        await expectAnsweredAsUnknown(
          outsider(world),
          (programId) => app.request(ReportedValuesDocument, { programId, first: 100 }, { token }),
          a.programmes.led.id,
        );
      }
    },
  },
  {
    operation: 'createProgram',
    description: 'A programme B creates is led by B and holds B alone: the input names no organization to aim at; other roles and the API key are refused',
    async run(world) {
      const { app, b } = world;
      const people = await peopleOf(app, b);
      const input = { name: 'Organization B: a second programme', startsOn: '2026-01-01', regions: ['Lào Cai'] };
      await leavesAUnchanged(world, async () => {
        const res = await app.request(CreateProgramDocument, { input }, { token: people.COORDINATOR });
        const created = dataOf(res).createProgram;
        expect([created.lead.id, created.myRole, created.members.map((m) => [m.organization.id, m.role, m.status])]).toEqual([
          b.admin.organizationId,
          'LEAD',
          [[b.admin.organizationId, 'LEAD', 'ACTIVE']],
        ]);
        expect(await app.ownerQuery('SELECT organization_id FROM programs WHERE id = $1', [created.id])).toEqual([{ organization_id: b.admin.organizationId }]);
        expectNothingOf(outsider(world), res);
        for (const token of people.notLeads) {
          expectRefused(outsider(world), await app.request(CreateProgramDocument, { input }, { token }), 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'inviteProgramMember',
    description: "B cannot invite anyone into A's programme, itself included: NOT_FOUND, and A's members stay as they were",
    async run(world) {
      const { app, a, b, c, f } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          for (const [organizationId, role] of [
            [b.admin.organizationId, 'FUNDER'],
            [b.admin.organizationId, 'IMPLEMENTING_PARTNER'],
            [c.admin.organizationId, 'FUNDER'],
            [f.admin.organizationId, 'IMPLEMENTING_PARTNER'],
          ] as [string, ProgramMemberRole][]) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (programId) => app.request(InviteProgramMemberDocument, { input: { programId, organizationId, role } }, { token }),
              a.programmes.led.id,
            );
          }
        }
        for (const token of people.notLeads) {
          const res = await app.request(
            InviteProgramMemberDocument,
            { input: { programId: a.programmes.led.id, organizationId: b.admin.organizationId, role: 'FUNDER' } },
            { token },
          );
          expectRefused(outsider(world), res, 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'acceptProgramInvitation',
    description: "B cannot accept E's pending invitation into A's programme, nor touch any other membership of it: NOT_FOUND, and E stays INVITED",
    async run(world) {
      const { app, a, b, c, f, invitee } = world;
      const people = await peopleOf(app, b);
      const ids = [invitee.membershipId, membershipOf(world, c.admin.organizationId).id, membershipOf(world, f.admin.organizationId).id, a.programmes.led.leadMembershipId];
      await leavesAUnchanged(world, async () => {
        for (const id of ids) {
          const target = await aimAtMembership(app, id);
          for (const token of people.leads) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (membershipId) => app.request(AcceptProgramInvitationDocument, { input: { ...target, membershipId } }, { token }),
              id,
            );
          }
          for (const token of people.notLeads) {
            expectRefused(outsider(world), await app.request(AcceptProgramInvitationDocument, { input: target }, { token }), 'FORBIDDEN');
          }
        }
      });
    },
  },
  {
    operation: 'declineProgramInvitation',
    description: "B cannot decline E's pending invitation into A's programme on E's behalf: NOT_FOUND, and E stays INVITED",
    async run(world) {
      const { app, b, c, invitee } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const id of [invitee.membershipId, membershipOf(world, c.admin.organizationId).id]) {
          const target = await aimAtMembership(app, id);
          for (const token of people.leads) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (membershipId) => app.request(DeclineProgramInvitationDocument, { input: { ...target, membershipId } }, { token }),
              id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'removeProgramMember',
    description: "B cannot remove A's partner, funder or invitee from A's programme: NOT_FOUND, and they stay members",
    async run(world) {
      const { app, b, c, f, invitee } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const id of [membershipOf(world, c.admin.organizationId).id, membershipOf(world, f.admin.organizationId).id, invitee.membershipId]) {
          const target = await aimAtMembership(app, id);
          for (const token of people.leads) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (membershipId) => app.request(RemoveProgramMemberDocument, { input: { ...target, membershipId } }, { token }),
              id,
            );
          }
          for (const token of people.notLeads) {
            expectRefused(outsider(world), await app.request(RemoveProgramMemberDocument, { input: target }, { token }), 'FORBIDDEN');
          }
        }
      });
    },
  },
  {
    operation: 'addProgramResult',
    description: "B cannot add a result to A's programme: NOT_FOUND, and A's results framework stays as it was",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          await expectAnsweredAsUnknown(
            outsider(world),
            (programId) => app.request(AddProgramResultDocument, { input: { programId, type: 'IMPACT', title: 'Added by B' } }, { token }),
            a.programmes.led.id,
          );
        }
        for (const token of people.notLeads) {
          const res = await app.request(AddProgramResultDocument, { input: { programId: a.programmes.led.id, type: 'IMPACT', title: 'Added by B' } }, { token });
          expectRefused(outsider(world), res, 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'addIndicator',
    description: "B cannot add an indicator to A's result: NOT_FOUND, and A's indicators stay as they were",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      const indicator = { code: 'B1', name: 'Added by B', aggregation: 'SUM', source: 'REPORTED' } as const;
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          await expectAnsweredAsUnknown(
            outsider(world),
            (resultId) => app.request(AddIndicatorDocument, { input: { ...indicator, resultId } }, { token }),
            a.programmes.led.resultId,
          );
        }
        for (const token of people.notLeads) {
          expectRefused(outsider(world), await app.request(AddIndicatorDocument, { input: { ...indicator, resultId: a.programmes.led.resultId } }, { token }), 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'setIndicatorTarget',
    description: "B cannot set or replace a target of A's indicators: NOT_FOUND, and A's targets stay as they were",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const id of [a.programmes.led.indicatorIds.derived, a.programmes.led.indicatorIds.reported]) {
          for (const token of people.leads) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (indicatorId) => app.request(SetIndicatorTargetDocument, { input: { indicatorId, periodType: 'QUARTER', periodStart: '2026-01-01', value: 1 } }, { token }),
              id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'enrollClient',
    description: "B cannot enrol its client in A's programme, nor A's or C's clients in its own: NOT_FOUND, and nothing is enrolled",
    async run(world) {
      const { app, a, b, c } = world;
      const people = await peopleOf(app, b);
      const enrolledOn = '2026-03-01';
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            outsider(world),
            (programId) => app.request(EnrollClientDocument, { input: { programId, clientId: b.network.client.id, enrolledOn } }, { token }),
            a.programmes.led.id,
          );
          for (const clientId of [a.network.client.id, ...a.programmes.enrolments.map((e) => e.client.id), ...c.programmes.enrolments.map((e) => e.client.id)]) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (id) => app.request(EnrollClientDocument, { input: { programId: b.programmes.led.id, clientId: id, enrolledOn } }, { token }),
              clientId,
            );
          }
        }
        for (const token of [people.VIEWER, b.apiKey.secret]) {
          const res = await app.request(EnrollClientDocument, { input: { programId: a.programmes.led.id, clientId: b.network.client.id, enrolledOn } }, { token });
          expectRefused(outsider(world), res, 'FORBIDDEN');
        }
      });
      expect(await app.ownerQuery('SELECT id FROM program_enrollments WHERE program_id = $1', [b.programmes.led.id])).toHaveLength(b.programmes.enrolments.length);
    },
  },
  {
    operation: 'recordServiceDelivery',
    description: "B cannot record a delivery on A's or C's enrolments, nor deliver A's service on its own: NOT_FOUND, and no cell moves",
    async run(world) {
      const { app, a, b, c } = world;
      const people = await peopleOf(app, b);
      const deliveredOn = '2026-03-25';
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          for (const enrolment of [...a.programmes.enrolments, ...c.programmes.enrolments]) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (enrollmentId) => app.request(RecordServiceDeliveryDocument, { input: { enrollmentId, serviceId: b.network.serviceId, deliveredOn } }, { token }),
              enrolment.id,
            );
          }
          await expectAnsweredAsUnknown(
            outsider(world),
            (serviceId) => app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: b.programmes.enrolments[0].id, serviceId, deliveredOn } }, { token }),
            a.network.serviceId,
          );
        }
        for (const token of [people.VIEWER, b.apiKey.secret]) {
          const res = await app.request(
            RecordServiceDeliveryDocument,
            { input: { enrollmentId: a.programmes.enrolments[0].id, serviceId: b.network.serviceId, deliveredOn } },
            { token },
          );
          expectRefused(outsider(world), res, 'FORBIDDEN');
        }
      });
    },
  },
  {
    operation: 'submitReportedValue',
    description: "B cannot report a value for A's indicators: NOT_FOUND, and A's reported values stay as they were",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const id of [a.programmes.led.indicatorIds.reported, a.programmes.led.indicatorIds.derived]) {
          for (const token of people.leads) {
            await expectAnsweredAsUnknown(
              outsider(world),
              (indicatorId) =>
                app.request(SubmitReportedValueDocument, { input: { indicatorId, periodType: 'QUARTER', periodStart: '2026-07-01', value: 999, note: 'From B' } }, { token }),
              id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'reviewReportedValue',
    description: "B cannot approve or reject A's or C's reported values, waiting or approved: NOT_FOUND, and they stay as they were",
    async run(world) {
      const { app, a, b } = world;
      const people = await peopleOf(app, b);
      await leavesAUnchanged(world, async () => {
        for (const { id } of a.programmes.led.reportedValues) {
          for (const token of people.leads) {
            for (const approve of [true, false]) {
              await expectAnsweredAsUnknown(
                outsider(world),
                (reportedValueId) => app.request(ReviewReportedValueDocument, { input: { reportedValueId, approve, note: 'Reviewed by B' } }, { token }),
                id,
              );
            }
          }
        }
      });
    },
  },
  {
    operation: 'sendReferral',
    description: "B cannot make a referral within A's programme, to its partner C: NOT_FOUND, nothing is sent and A's funnel stays as it was",
    async run(world) {
      const { app, a, b, c } = world;
      const people = await peopleOf(app, b);
      const [{ n: before }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE organization_id = $1', [b.admin.organizationId]);
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          await expectAnsweredAsUnknown(
            outsider(world),
            (programId) =>
              app.request(
                SendReferralDocument,
                { input: { clientId: b.network.client.id, receivingOrganizationId: c.admin.organizationId, reason: 'Within A’s programme', programId } },
                { token },
              ),
            a.programmes.led.id,
          );
        }
      });
      const [{ n: after }] = await app.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM referrals WHERE organization_id = $1', [b.admin.organizationId]);
      expect(after).toBe(before);
      expect(a.programmes.led.referrals.length).toBeGreaterThan(0);
    },
  },
  {
    operation: 'referral',
    description: "B receives C's referral made within A's programme, and sees nothing of A's programme in it, in its inbox or in its timeline",
    async run(world) {
      const { app, a, b } = world;
      const received = a.programmes.led.outsideReferral!;
      const people = await peopleOf(app, b);
      for (const token of people.everyone) {
        const res = await app.request(ReferralDocument, { id: received.id }, { token });
        expect(dataOf(res).referral.status).toBe('ACCEPTED');
        expectNoPrivateDataOf(a, res);
        const inbox = await app.request(ReferralInboxDocument, { first: 100 }, { token });
        expect(dataOf(inbox).referralInbox.edges.map((e) => e.node.id)).toContain(received.id);
        expectNoPrivateDataOf(a, inbox);
      }
      // The fact row that keeps A's funnel in step is A's: B, a side of the referral but no member, reads nothing of it.
      expect(await app.ownerQuery('SELECT organization_id, program_id FROM program_referral_facts WHERE referral_id = $1', [received.id])).toEqual([
        { organization_id: a.admin.organizationId, program_id: a.programmes.led.id },
      ]);
    },
  },

  // ---------------------------------------------------------------------------------------------
  // F, A's programme's funder: aggregates only. No client, name, client id, enrolment id, user or
  // row of A's or C's, through any path; and nothing it may write.
  {
    operation: 'program',
    description: "The funder (every role, and its API key) reads A's programme and its results framework, its own membership only, and no person or user",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.readers) {
        const res = await app.request(ProgramDocument, { id: a.programmes.led.id }, { token });
        const { program } = dataOf(res);
        expect([program.myRole, program.lead.id]).toEqual(['FUNDER', a.admin.organizationId]);
        expect(program.members.map((m) => [m.organization.id, m.role, m.status])).toEqual([[f.admin.organizationId, 'FUNDER', 'ACTIVE']]);
        expect(program.results.flatMap((r) => r.indicators.map((i) => i.id)).sort()).toEqual(Object.values(a.programmes.led.indicatorIds).sort());
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
    },
  },
  {
    operation: 'programs',
    description: "The funder's programmes list A's programme, and nothing else of A's or C's",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.readers) {
        const res = await app.request(ProgramsDocument, { first: 100 }, { token });
        expect(dataOf(res).programs.edges.map((e) => [e.node.id, e.node.myRole])).toEqual([[a.programmes.led.id, 'FUNDER']]);
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
    },
  },
  {
    operation: 'programMetrics',
    description: 'The funder reads aggregates only, by every breakdown: no person, client, enrolment or user of A or C, and no count of fewer people than the threshold',
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      const led = a.programmes.led;
      const totals = { shownAtLeastThreshold: 0, belowThreshold: 0, complementary: 0, derived: 0 };
      for (const token of people.readers) {
        for (const disaggregateBy of BREAKDOWNS) {
          for (const periodType of ['MONTH', 'QUARTER', 'YEAR'] as PeriodType[]) {
            const res = await app.request(ProgramMetricsDocument, { ...YEAR_BY_QUARTER, periodType, programId: led.id, disaggregateBy }, { token });
            const metrics = dataOf(res).programMetrics;
            expect(metrics.suppressionThreshold).toBe(led.suppressionThreshold);
            expectNothingOf(asMember(world, f.admin.organizationId), res);
            const seen = expectSuppressed(metrics, [led.indicatorIds.derived]);
            for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += seen[key];
          }
        }
      }
      // The world makes every rule bite: figures shown, withheld as small, withheld as complements, derived from withheld.
      expect(Object.entries(totals).filter(([, n]) => n === 0)).toEqual([]);
    },
  },
  {
    operation: 'programMetrics',
    description: "A month's withheld count of people enrolled cannot be worked out by the funder from the quarter's total and the quarter's other months",
    async run(world) {
      const { app, a, f } = world;
      const programId = a.programmes.led.id;
      const derivable: string[] = [];
      for (const disaggregateBy of BREAKDOWNS.filter((d) => d === null || PARTITIONS.includes(d))) {
        const read = async (periodType: PeriodType) =>
          dataOf(await app.request(ProgramMetricsDocument, { ...YEAR_BY_QUARTER, periodType, programId, disaggregateBy }, { token: f.apiKey.secret })).programMetrics
            .periods;
        const months = await read('MONTH');
        for (const quarter of await read('QUARTER')) {
          const inQuarter = months.filter((m) => m.periodStart >= quarter.periodStart && m.periodStart <= quarter.periodEnd);
          // Each person is enrolled once, so a quarter's count of people enrolled is the sum of its months'.
          const cells: [string, (p: Period) => MetricValue | null | undefined][] = [
            ...(disaggregateBy === null ? [['TOTAL', (p: Period) => p.peopleEnrolled.total] as [string, (p: Period) => MetricValue | null | undefined]] : []),
            ...quarter.peopleEnrolled.breakdown.map(
              (cell, i): [string, (p: Period) => MetricValue | null | undefined] => [`${disaggregateBy} ${cell.value}`, (p) => p.peopleEnrolled.breakdown[i].actual],
            ),
          ];
          for (const [label, valueIn] of cells) {
            const withheld = inQuarter.filter((m) => isSuppressed(valueIn(m)));
            if (shownValue(valueIn(quarter)) !== null && withheld.length === 1) {
              const others = inQuarter.filter((m) => m !== withheld[0]).reduce((sum, m) => sum + (shownValue(valueIn(m)) ?? 0), 0);
              derivable.push(`${withheld[0].periodStart} ${label} = ${shownValue(valueIn(quarter))! - others}`);
            }
          }
        }
      }
      expect(derivable).toEqual([]);
    },
  },
  {
    operation: 'programResultsCsv',
    description: "The funder's CSV export holds aggregates only: no person, enrolment, user or reported-value note of A or C, no small count",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      for (const token of [people.ADMIN, people.VIEWER, people.key]) {
        const res = await app.request(ProgramResultsCsvDocument, { ...YEAR_BY_QUARTER, programId: a.programmes.led.id }, { token });
        const csv = dataOf(res).programResultsCsv;
        expect(csv).toContain('BELOW_THRESHOLD');
        expectNothingOf(asMember(world, f.admin.organizationId), res);
        const [header, ...lines] = csv.trim().split('\r\n');
        const columns = header.split(',');
        for (const line of lines.filter((l) => l.includes(',OP1.1,'))) {
          const row = Object.fromEntries(line.split(',').map((value, i) => [columns[i], value]));
          if (row.actual !== '') expect(Number(row.actual) === 0 || Number(row.actual) >= a.programmes.led.suppressionThreshold).toBe(true);
        }
      }
    },
  },
  {
    operation: 'programIatiXml',
    description: "The funder's IATI export holds aggregates only: no person, enrolment, user or reported-value note of A or C",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      for (const token of [people.ADMIN, people.VIEWER, people.key]) {
        const res = await app.request(ProgramIatiXmlDocument, { ...YEAR_BY_QUARTER, programId: a.programmes.led.id }, { token });
        expect(dataOf(res).programIatiXml).toContain('<iati-activities');
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
    },
  },
  {
    operation: 'programEnrollments',
    description: "The funder's people get no enrolment of A's programme (their organization enrolled none), and its API key is FORBIDDEN",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.everyone) {
        const res = await app.request(ProgramEnrollmentsDocument, { programId: a.programmes.led.id, first: 100 }, { token });
        expect(dataOf(res).programEnrollments.edges).toEqual([]);
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
      expectRefused(asMember(world, f.admin.organizationId), await app.request(ProgramEnrollmentsDocument, { programId: a.programmes.led.id }, { token: people.key }), 'FORBIDDEN');
    },
  },
  {
    operation: 'reportedValues',
    description: 'The funder (every role, and its API key) gets FORBIDDEN PROGRAM_ROLE for the reported values: it reads metrics',
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.readers) {
        const res = await app.request(ReportedValuesDocument, { programId: a.programmes.led.id, first: 100 }, { token });
        expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
      }
    },
  },
  {
    operation: 'client',
    description: "The funder gets NOT_FOUND for every client A and C enrolled, as for an id nobody has; its API key FORBIDDEN",
    async run(world) {
      const { app, a, c, f } = world;
      const people = await peopleOf(app, f);
      const marks = asMember(world, f.admin.organizationId);
      for (const { client } of [...a.programmes.enrolments, ...c.programmes.enrolments]) {
        for (const token of people.everyone) {
          await expectAnsweredAsUnknown(marks, (id) => app.request(ClientDocument, { id }, { token }), client.id);
        }
        expectRefused(marks, await app.request(ClientDocument, { id: client.id }, { token: people.key }), 'FORBIDDEN');
      }
    },
  },
  {
    operation: 'clients',
    description: 'The funder finds none of the people A and C enrolled, by name or otherwise; its API key is FORBIDDEN',
    async run(world) {
      const { app, a, c, f } = world;
      const people = await peopleOf(app, f);
      const marks = asMember(world, f.admin.organizationId);
      for (const token of people.everyone) {
        const all = await app.request(ClientsDocument, { first: 100 }, { token });
        expectNothingOf(marks, all);
        for (const { client } of [a.programmes.enrolments[1], c.programmes.enrolments[0]]) {
          expect(dataOf(await app.request(ClientsDocument, { search: client.fullName, first: 100 }, { token })).clients.edges).toEqual([]);
        }
      }
      expectRefused(marks, await app.request(ClientsDocument, { first: 100 }, { token: people.key }), 'FORBIDDEN');
    },
  },
  {
    operation: 'referral',
    description: "The funder gets NOT_FOUND for the referrals made within A's programme, which its funnel counts",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      const marks = asMember(world, f.admin.organizationId);
      for (const { id } of [...a.programmes.led.referrals, a.programmes.led.outsideReferral!]) {
        for (const token of people.everyone) {
          await expectAnsweredAsUnknown(marks, (referralId) => app.request(ReferralDocument, { id: referralId }, { token }), id);
        }
        expectRefused(marks, await app.request(ReferralDocument, { id }, { token: people.key }), 'FORBIDDEN');
      }
    },
  },
  {
    operation: 'referralInbox',
    description: "The funder's inbox holds nothing of A's or C's",
    async run(world) {
      const { app, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.everyone) {
        const res = await app.request(ReferralInboxDocument, { first: 100 }, { token });
        expect(dataOf(res).referralInbox.edges).toEqual([]);
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
    },
  },
  {
    operation: 'referralOutbox',
    description: "The funder's outbox holds nothing of A's or C's",
    async run(world) {
      const { app, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.everyone) {
        const res = await app.request(ReferralOutboxDocument, { first: 100 }, { token });
        expect(dataOf(res).referralOutbox.edges).toEqual([]);
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
    },
  },
  {
    operation: 'auditEvents',
    description: "The funder's audit trail holds its own actions only: nothing of A's or C's people or users",
    async run(world) {
      const { app, f } = world;
      const people = await peopleOf(app, f);
      for (const token of people.leads) {
        const res = await app.request(AuditEventsDocument, { first: 100 }, { token });
        expect(dataOf(res).auditEvents.edges.every((e) => e.node.actorOrganization.id === f.admin.organizationId)).toBe(true);
        expectNothingOf(asMember(world, f.admin.organizationId), res);
      }
    },
  },
  {
    operation: 'enrollClient',
    description: "The funder cannot enrol anyone in A's programme, its own client or A's: FORBIDDEN PROGRAM_ROLE, and nothing is enrolled",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      const marks = asMember(world, f.admin.organizationId);
      const own = await registerClient(app, f.members.CASEWORKER, { fullName: 'Khách hàng của quỹ' });
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          for (const clientId of [own.id, a.network.client.id, a.programmes.enrolments[1].client.id]) {
            const res = await app.request(EnrollClientDocument, { input: { programId: a.programmes.led.id, clientId, enrolledOn: '2026-03-01' } }, { token });
            expectRefused(marks, res, 'FORBIDDEN', 'PROGRAM_ROLE');
          }
        }
        expectRefused(
          marks,
          await app.request(EnrollClientDocument, { input: { programId: a.programmes.led.id, clientId: own.id } }, { token: people.key }),
          'FORBIDDEN',
        );
      });
    },
  },
  {
    operation: 'recordServiceDelivery',
    description: "The funder cannot record deliveries on A's or C's enrolments: NOT_FOUND (it sees none), and no cell moves",
    async run(world) {
      const { app, a, c, f } = world;
      const people = await peopleOf(app, f);
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          for (const enrolment of [a.programmes.enrolments[0], c.programmes.enrolments[0]]) {
            await expectAnsweredAsUnknown(
              asMember(world, f.admin.organizationId),
              (enrollmentId) =>
                app.request(RecordServiceDeliveryDocument, { input: { enrollmentId, serviceId: a.network.serviceId, deliveredOn: '2026-03-25' } }, { token }),
              enrolment.id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'submitReportedValue',
    description: 'The funder cannot report values: FORBIDDEN PROGRAM_ROLE, and nothing is reported',
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const res = await app.request(
            SubmitReportedValueDocument,
            { input: { indicatorId: a.programmes.led.indicatorIds.reported, periodType: 'QUARTER', periodStart: '2026-07-01', value: 100 } },
            { token },
          );
          expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },
  {
    operation: 'reviewReportedValue',
    description: "The funder cannot review reported values: FORBIDDEN PROGRAM_ROLE for the approved one it may count, NOT_FOUND for the waiting ones",
    async run(world) {
      const { app, a, c, f } = world;
      const people = await peopleOf(app, f);
      const marks = asMember(world, f.admin.organizationId);
      const approved = reportedValueOf(world, c.admin.organizationId, 'APPROVED');
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const res = await app.request(ReviewReportedValueDocument, { input: { reportedValueId: approved.id, approve: false } }, { token });
          expect(errorCodes(res)).toEqual(['FORBIDDEN']);
          expect(res.errors?.[0].extensions?.reason).toBe('PROGRAM_ROLE');
          expect(res.data ?? null).toBeNull();
          for (const waiting of a.programmes.led.reportedValues.filter((v) => v.status === 'SUBMITTED')) {
            await expectAnsweredAsUnknown(
              marks,
              (reportedValueId) => app.request(ReviewReportedValueDocument, { input: { reportedValueId, approve: true } }, { token }),
              waiting.id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'inviteProgramMember',
    description: "The funder cannot invite anyone into A's programme: FORBIDDEN PROGRAM_ROLE",
    async run(world) {
      const { app, a, b, f } = world;
      const people = await peopleOf(app, f);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const res = await app.request(
            InviteProgramMemberDocument,
            { input: { programId: a.programmes.led.id, organizationId: b.admin.organizationId, role: 'FUNDER' } },
            { token },
          );
          expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },
  {
    operation: 'removeProgramMember',
    description: "The funder cannot remove C (whose membership it cannot see: NOT_FOUND) nor itself (FORBIDDEN PROGRAM_ROLE)",
    async run(world) {
      const { app, c, f } = world;
      const people = await peopleOf(app, f);
      const marks = asMember(world, f.admin.organizationId);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const ofC = await aimAtMembership(app, membershipOf(world, c.admin.organizationId).id);
          await expectAnsweredAsUnknown(marks, (membershipId) => app.request(RemoveProgramMemberDocument, { input: { ...ofC, membershipId } }, { token }), ofC.membershipId);
          const own = await aimAtMembership(app, membershipOf(world, f.admin.organizationId).id);
          expectRefused(marks, await app.request(RemoveProgramMemberDocument, { input: own }, { token }), 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },
  {
    operation: 'addProgramResult',
    description: "The funder cannot add results to A's programme: FORBIDDEN PROGRAM_ROLE",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const res = await app.request(AddProgramResultDocument, { input: { programId: a.programmes.led.id, type: 'OUTCOME', title: 'Added by the funder' } }, { token });
          expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },
  {
    operation: 'addIndicator',
    description: "The funder cannot add indicators to A's result: FORBIDDEN PROGRAM_ROLE",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const res = await app.request(
            AddIndicatorDocument,
            { input: { resultId: a.programmes.led.resultId, code: 'F1', name: 'Added by the funder', aggregation: 'SUM', source: 'REPORTED' } },
            { token },
          );
          expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },
  {
    operation: 'setIndicatorTarget',
    description: "The funder cannot set targets of A's indicators: FORBIDDEN PROGRAM_ROLE",
    async run(world) {
      const { app, a, f } = world;
      const people = await peopleOf(app, f);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const res = await app.request(
            SetIndicatorTargetDocument,
            { input: { indicatorId: a.programmes.led.indicatorIds.derived, periodType: 'QUARTER', periodStart: '2026-01-01', value: 1 } },
            { token },
          );
          expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },
  {
    operation: 'sendReferral',
    description: "The funder cannot make a referral within A's programme: FORBIDDEN PROGRAM_ROLE, and A's funnel stays as it was",
    async run(world) {
      const { app, a, c, f } = world;
      const people = await peopleOf(app, f);
      const own = await registerClient(app, f.members.CASEWORKER, { fullName: 'Khách hàng thứ hai của quỹ' });
      await leavesAUnchanged(world, async () => {
        const res = await app.request(
          SendReferralDocument,
          { input: { clientId: own.id, receivingOrganizationId: c.admin.organizationId, reason: 'Within the programme', programId: a.programmes.led.id } },
          { token: people.CASEWORKER },
        );
        expectRefused(asMember(world, f.admin.organizationId), res, 'FORBIDDEN', 'PROGRAM_ROLE');
      });
    },
  },

  // ---------------------------------------------------------------------------------------------
  // C, A's implementing partner: its own people and values, never A's.
  {
    operation: 'programEnrollments',
    description: "C, delivering in A's programme, lists its own enrolments only, never A's or D's",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      for (const token of people.everyone) {
        const res = await app.request(ProgramEnrollmentsDocument, { programId: a.programmes.led.id, first: 100 }, { token });
        const nodes = dataOf(res).programEnrollments.edges.map((e) => e.node);
        expect(nodes.map((node) => node.id).sort()).toEqual(c.programmes.enrolments.map((e) => e.id).sort());
        expect(nodes.map((node) => node.client.fullName).sort()).toEqual(c.programmes.enrolments.map((e) => e.client.fullName).sort());
        expectNoPrivateDataOf(a, res, c.admin.organizationId);
        const ofD = world.removed.programmes.enrolments.flatMap((e) => [e.id, e.client.id, e.client.fullName]);
        expect(stringsIn(res).filter((text) => ofD.some((mark) => text.includes(mark)))).toEqual([]);
      }
    },
  },
  {
    operation: 'reportedValues',
    description: "C lists the values it reported, every version, and none of A's",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      const own = a.programmes.led.reportedValues.filter((v) => v.reporterOrganizationId === c.admin.organizationId);
      for (const token of people.everyone) {
        const res = await app.request(ReportedValuesDocument, { programId: a.programmes.led.id, first: 100 }, { token });
        expect(dataOf(res).reportedValues.edges.map((e) => e.node.id).sort()).toEqual(own.map((v) => v.id).sort());
        expectNoPrivateDataOf(a, res, c.admin.organizationId);
      }
    },
  },
  {
    operation: 'reviewReportedValue',
    description: "C cannot review its own values (FORBIDDEN PROGRAM_ROLE) nor A's waiting one (NOT_FOUND), and they stay as they were",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      const marks = asMember(world, c.admin.organizationId);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          for (const own of a.programmes.led.reportedValues.filter((v) => v.reporterOrganizationId === c.admin.organizationId)) {
            const res = await app.request(ReviewReportedValueDocument, { input: { reportedValueId: own.id, approve: true } }, { token });
            expectRefused(marks, res, 'FORBIDDEN', 'PROGRAM_ROLE');
          }
          await expectAnsweredAsUnknown(
            marks,
            (reportedValueId) => app.request(ReviewReportedValueDocument, { input: { reportedValueId, approve: false } }, { token }),
            reportedValueOf(world, a.admin.organizationId, 'SUBMITTED').id,
          );
        }
      });
    },
  },
  {
    operation: 'recordServiceDelivery',
    description: "C cannot record a delivery on A's enrolments: NOT_FOUND, as an id nobody has, and no cell moves",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          for (const enrolment of a.programmes.enrolments) {
            await expectAnsweredAsUnknown(
              asMember(world, c.admin.organizationId),
              (enrollmentId) =>
                app.request(RecordServiceDeliveryDocument, { input: { enrollmentId, serviceId: a.network.partnerServiceId, deliveredOn: '2026-03-25' } }, { token }),
              enrolment.id,
            );
          }
        }
      });
    },
  },
  {
    operation: 'enrollClient',
    description: "C cannot enrol A's client in A's programme, though it reads that client through A's referrals: NOT_FOUND",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      await leavesAUnchanged(world, async () => {
        for (const token of people.casework) {
          for (const clientId of [a.network.client.id, ...a.programmes.enrolments.map((e) => e.client.id)]) {
            await expectAnsweredAsUnknown(
              [[a, c.admin.organizationId]],
              (id) => app.request(EnrollClientDocument, { input: { programId: a.programmes.led.id, clientId: id, enrolledOn: '2026-03-01' } }, { token }),
              clientId,
            );
          }
        }
      });
    },
  },
  {
    operation: 'program',
    description: "C reads A's programme and its framework, its own membership only: not A's, F's, D's or E's",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      for (const token of people.everyone) {
        const res = await app.request(ProgramDocument, { id: a.programmes.led.id }, { token });
        const { program } = dataOf(res);
        expect(program.myRole).toBe('IMPLEMENTING_PARTNER');
        expect(program.members.map((m) => m.organization.id)).toEqual([c.admin.organizationId]);
        expectNoPrivateDataOf(a, res, c.admin.organizationId);
      }
    },
  },
  {
    operation: 'programMetrics',
    description: "C reads A's programme's aggregates, suppressed as for anyone, with none of A's people in them",
    async run(world) {
      const { app, a, c } = world;
      const people = await peopleOf(app, c);
      for (const disaggregateBy of BREAKDOWNS) {
        const res = await app.request(ProgramMetricsDocument, { ...YEAR_BY_QUARTER, programId: a.programmes.led.id, disaggregateBy }, { token: people.VIEWER });
        expectSuppressed(dataOf(res).programMetrics, [a.programmes.led.indicatorIds.derived]);
        expectNoPrivateDataOf(a, res, c.admin.organizationId);
      }
    },
  },
  {
    operation: 'addIndicator',
    description: "C cannot change A's results framework, invite or remove members: FORBIDDEN PROGRAM_ROLE for each",
    async run(world) {
      const { app, a, b, c } = world;
      const people = await peopleOf(app, c);
      const led = a.programmes.led;
      const marks = asMember(world, c.admin.organizationId);
      await leavesAUnchanged(world, async () => {
        for (const token of people.leads) {
          const attempts = [
            app.request(AddIndicatorDocument, { input: { resultId: led.resultId, code: 'C1', name: 'Added by C', aggregation: 'SUM', source: 'REPORTED' } }, { token }),
            app.request(AddProgramResultDocument, { input: { programId: led.id, type: 'OUTCOME', title: 'Added by C' } }, { token }),
            app.request(SetIndicatorTargetDocument, { input: { indicatorId: led.indicatorIds.reported, periodType: 'QUARTER', periodStart: '2026-01-01', value: 1 } }, { token }),
            app.request(InviteProgramMemberDocument, { input: { programId: led.id, organizationId: b.admin.organizationId, role: 'IMPLEMENTING_PARTNER' } }, { token }),
            app.request(RemoveProgramMemberDocument, { input: await aimAtMembership(app, membershipOf(world, c.admin.organizationId).id) }, { token }),
          ];
          for (const res of await Promise.all(attempts)) expectRefused(marks, res, 'FORBIDDEN', 'PROGRAM_ROLE');
        }
      });
    },
  },

  // ---------------------------------------------------------------------------------------------
  // E, invited and not yet answered: the programme row, nothing more.
  {
    operation: 'program',
    description: "E, invited, sees A's programme row and its own invitation: no results, no role, no other member",
    async run(world) {
      const { app, a, invitee } = world;
      const res = await app.request(ProgramDocument, { id: a.programmes.led.id }, { token: invitee.token });
      const { program } = dataOf(res);
      expect(program).toMatchObject({ id: a.programmes.led.id, myRole: null, results: [] });
      expect(program.members.map((m) => [m.id, m.status])).toEqual([[invitee.membershipId, 'INVITED']]);
      expectNothingOf(asMember(world, invitee.organizationId), res);
      const list = await app.request(ProgramsDocument, { first: 100 }, { token: invitee.token });
      expect(dataOf(list).programs.edges.map((e) => [e.node.id, e.node.myRole])).toEqual([[a.programmes.led.id, null]]);
    },
  },
  {
    operation: 'programMetrics',
    description: "E, invited, gets FORBIDDEN PROGRAM_ROLE for A's programme's metrics, exports and reported values",
    async run(world) {
      const { app, a, invitee } = world;
      const programId = a.programmes.led.id;
      const marks = asMember(world, invitee.organizationId);
      const token = { token: invitee.token };
      for (const res of [
        await app.request(ProgramMetricsDocument, { ...YEAR_BY_QUARTER, programId }, token),
        await app.request(ProgramResultsCsvDocument, { ...YEAR_BY_QUARTER, programId }, token),
        await app.request(ProgramIatiXmlDocument, { ...YEAR_BY_QUARTER, programId }, token),
        await app.request(ReportedValuesDocument, { programId }, token),
      ]) {
        expectRefused(marks, res, 'FORBIDDEN', 'PROGRAM_ROLE');
      }
    },
  },
  {
    operation: 'enrollClient',
    description: "E, invited, cannot enrol its client in A's programme nor report values: FORBIDDEN PROGRAM_ROLE",
    async run(world) {
      const { app, a, invitee } = world;
      const marks = asMember(world, invitee.organizationId);
      const own = await registerClient(app, invitee, { fullName: 'Khách hàng của E' });
      await leavesAUnchanged(world, async () => {
        const enrol = await app.request(EnrollClientDocument, { input: { programId: a.programmes.led.id, clientId: own.id, enrolledOn: '2026-03-01' } }, { token: invitee.token });
        expectRefused(marks, enrol, 'FORBIDDEN', 'PROGRAM_ROLE');
        const report = await app.request(
          SubmitReportedValueDocument,
          { input: { indicatorId: a.programmes.led.indicatorIds.reported, periodType: 'QUARTER', periodStart: '2026-07-01', value: 1 } },
          { token: invitee.token },
        );
        // E cannot see the indicator (the framework is for active members), so it is not found at all.
        expectRefused(marks, report, 'NOT_FOUND');
      });
    },
  },

  // ---------------------------------------------------------------------------------------------
  // D, removed: from the moment of removal, nothing of the programme, even in the session it had.
  {
    operation: 'program',
    description: "D, removed, gets NOT_FOUND for A's programme in the very session that read it before, and no longer lists it",
    async run(world) {
      const { app, a, removed } = world;
      const token = removed.token;
      await expectAnsweredAsUnknown([[a]], (id) => app.request(ProgramDocument, { id }, { token }), a.programmes.led.id);
      const list = await app.request(ProgramsDocument, { first: 100 }, { token });
      expect(dataOf(list).programs.edges).toEqual([]);
      for (const attempt of [
        (programId: string) => app.request(ProgramMetricsDocument, { ...YEAR_BY_QUARTER, programId }, { token }),
        (programId: string) => app.request(ProgramResultsCsvDocument, { ...YEAR_BY_QUARTER, programId }, { token }),
        (programId: string) => app.request(ReportedValuesDocument, { programId }, { token }),
      ]) {
        await expectAnsweredAsUnknown([[a]], attempt, a.programmes.led.id);
      }
    },
  },
  {
    operation: 'programEnrollments',
    description: "D, removed, sees nothing of A's programme through its enrolments: NOT_FOUND, or its own enrolment and nothing else",
    async run(world) {
      const { app, a, c, removed } = world;
      const res = await app.request(ProgramEnrollmentsDocument, { programId: a.programmes.led.id, first: 100 }, { token: removed.token });
      // D's own enrolment names the programme D asked about, and holds D's own client: nothing else of A's or C's.
      const strings = stringsIn(res);
      const marks = [...privateMarksOf(a).filter((mark) => mark !== a.programmes.led.id), ...privateMarksOf(c)];
      expect(marks.filter((mark) => strings.some((text) => text.includes(mark)))).toEqual([]);
      if (res.errors) expect(errorCodes(res)).toEqual(['NOT_FOUND']);
      else expect(dataOf(res).programEnrollments.edges.map((e) => e.node.id)).toEqual(removed.programmes.enrolments.map((e) => e.id));
    },
  },
  {
    operation: 'recordServiceDelivery',
    description: "D, removed, can no longer enrol or deliver in A's programme, even on its own enrolment: NOT_FOUND, and no cell moves",
    async run(world) {
      const { app, a, removed } = world;
      const token = removed.token;
      const own = await registerClient(app, removed, { fullName: 'Khách hàng mới của D' });
      await leavesAUnchanged(world, async () => {
        const deliver = await app.request(
          RecordServiceDeliveryDocument,
          { input: { enrollmentId: removed.programmes.enrolments[0].id, serviceId: removed.serviceId, deliveredOn: '2026-03-25' } },
          { token },
        );
        expectRefused([[a]], deliver, 'NOT_FOUND');
        await expectAnsweredAsUnknown(
          [[a]],
          (programId) => app.request(EnrollClientDocument, { input: { programId, clientId: own.id, enrolledOn: '2026-03-01' } }, { token }),
          a.programmes.led.id,
        );
      });
    },
  },
  {
    operation: 'acceptProgramInvitation',
    description: 'D, removed, cannot let itself back in by accepting its old membership: BAD_USER_INPUT, and it stays REMOVED',
    async run(world) {
      const { app, a, removed } = world;
      await leavesAUnchanged(world, async () => {
        const target = await aimAtMembership(app, removed.membershipId);
        const res = await app.request(AcceptProgramInvitationDocument, { input: target }, { token: removed.token });
        expectRefused([[a, removed.organizationId]], res, 'BAD_USER_INPUT');
      });
      expect(await app.ownerQuery('SELECT status FROM program_members WHERE id = $1', [removed.membershipId])).toEqual([{ status: 'REMOVED' }]);
    },
  },
];
