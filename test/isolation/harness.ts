import type { DataCategory, OrganizationKind, ProgramMemberRole, ProgramMemberStatus, RegisterClientInput, Role } from '../generated/graphql';
import { addMember, createApiKey, dataOf, signUpOrganization, type SignedIn } from '../factories';
import { createProgram, joinProgram } from '../factories/programs';
import { ALL_CATEGORIES, partner as partnerWith, publishService, recordConsent, registerClient, sendReferral } from '../factories/referrals';
import {
  AcceptReferralDocument,
  AddIndicatorDocument,
  AddProgramResultDocument,
  CreateWebhookEndpointDocument,
  AssignReferralDocument,
  AuditEventsDocument,
  ClientDocument,
  CommentOnReferralDocument,
  EnrollClientDocument,
  ForwardReferralDocument,
  InviteMemberDocument,
  InviteProgramMemberDocument,
  LookUpClientMatchesDocument,
  RecordConsentDocument,
  PartnershipDocument,
  ProgramDocument,
  RecordServiceDeliveryDocument,
  ReferralDocument,
  RemoveProgramMemberDocument,
  ReportedValuesDocument,
  ReviewReportedValueDocument,
  SetIndicatorTargetDocument,
  StartReferralDocument,
  SubmitReportedValueDocument,
} from '../generated/graphql';
import type { TestApp } from '../setup/test-app';

/**
 * One organization with data in every tenant table: a member of each role, a pending invitation, an
 * API key, and (once built) its referral network.
 */
export interface Tenant {
  admin: SignedIn;
  members: Record<Exclude<Role, 'ADMIN'>, SignedIn & { membershipId: string }>;
  pendingInvitationId: string;
  apiKey: { id: string; secret: string };
  /** Its partnership, services, client, consent, referrals and audit trail; see buildReferralNetwork. */
  network?: ReferralNetwork;
  /** The programme it leads and its own enrolments in programmes; see buildProgrammes and enrolAndServe. */
  programmes?: Programmes;
  /** Its webhook endpoint and a delivery; see buildWebhooks. */
  webhooks?: TenantWebhooks;
  /** A possible match of its client with a matching partner's record of the same person; see buildMatching. */
  matching?: TenantMatching;
}

export interface World {
  app: TestApp;
  /** The victim: every case tries to reach A's data. A leads a joint programme (see LedProgramme). */
  a: Tenant & { network: ReferralNetwork; programmes: Programmes & { led: LedProgramme }; webhooks: TenantWebhooks; matching: TenantMatching };
  /** The attacker: every case acts as B (its admin unless the case says otherwise, or names C). B leads a programme of its own. */
  b: Tenant & { network: ReferralNetwork; programmes: Programmes & { led: LedProgramme } };
  /**
   * A's partner, on the other side of A's referrals. B is C's partner too, so B is a third
   * organization on neither side of A's referrals that still shares a partner with A. In A's
   * programme C is an implementing partner with clients of its own enrolled.
   */
  c: Tenant & { programmes: Programmes };
  /** A funder (kind FUNDER), an active FUNDER member of A's programme: it may read aggregates only. Its API key has METRICS_READ. */
  f: Tenant;
  /** Invited into A's programme as an implementing partner, and has not answered yet. */
  invitee: SignedIn & { membershipId: string };
  /**
   * Was an implementing partner of A's programme, enrolled a client of its own and served them, then
   * was removed by A. `token` is its session from before the removal.
   */
  removed: SignedIn & { membershipId: string; serviceId: string; programmes: Programmes };
}

/** A client's identifying details, distinct per tenant so that a leaked one is recognisable. */
export type Person = { [K in 'fullName' | 'preferredName' | 'phone' | 'email' | 'address']: string } & Partial<RegisterClientInput>;

/** A referral as its sender last read it: the version is what a change must pass as `expectedVersion`. */
export interface ReferralRef {
  id: string;
  version: number;
}

/**
 * An organization's referral network with one partner: everything a case may aim at. Its services
 * are public directory data; everything else is private to the organization (and its partner).
 */
export interface ReferralNetwork {
  partnerOrganizationId: string;
  /** ACTIVE, proposed by the organization, accepted by the partner; everything may flow both ways. */
  partnershipId: string;
  /** The organization's own service and the partner's: public directory data. */
  serviceId: string;
  partnerServiceId: string;
  client: Person & { id: string; version: number };
  /** The client's consent to share every field with the partner. */
  consentId: string;
  referrals: {
    /** Sent to the partner, waiting (SENT). */
    sent: ReferralRef;
    /** Accepted by the partner, commented on and assigned to the partner's caseworker (ACCEPTED). */
    accepted: ReferralRef;
    /** Accepted and started by the partner (IN_PROGRESS). */
    inProgress: ReferralRef;
    /** Logged to an organization that is not on the platform (SENT, no receiver). */
    logged: ReferralRef & { externalReceiverName: string };
    /** Sent by the partner, about one of the partner's clients, to the organization (SENT). */
    received: ReferralRef;
  };
  /** The partner's comment on the accepted referral. */
  commentId: string;
  /** When built with `forwardTo`: the referral the partner forwarded the accepted one on as (partner → forwardTo). */
  forwarded?: ReferralRef;
  /** Free text only this network holds: referral reasons, the comment, the logged receiver's name. */
  texts: string[];
  /** Partnership history and referral timeline entries the organization sees. */
  eventIds: string[];
  /** The organization's audit trail as its admin reads it, including the partner's reads of its client. */
  auditEventIds: string[];
}

/** One client an organization enrolled in a programme, with the services it recorded for them. */
export interface ProgrammeEnrolment {
  id: string;
  programId: string;
  client: Person & { id: string };
  deliveryIds: string[];
}

/** An organization's programme data: the one it leads, and its own enrolments (in it or in others'). */
export interface Programmes {
  led?: LedProgramme;
  /** Only the organization that enrolled them ever sees these, not even the programme's lead. */
  enrolments: ProgrammeEnrolment[];
}

/** A referral made within a programme: its id, its two sides, and its reason (private to those two sides). */
export interface ProgrammeReferral {
  id: string;
  senderOrganizationId: string;
  receiverOrganizationId: string;
  texts: string[];
}

/** A membership of another organization in a programme: the lead and that organization see it. */
export interface ProgrammeMembership {
  organizationId: string;
  id: string;
  version: number;
  role: ProgramMemberRole;
  status: ProgramMemberStatus;
}

/**
 * A programme an organization leads, every row of it under the lead's organization_id. Who may see
 * what of it: invited organizations the programme row; active members (implementing partners and
 * funders) its results framework too; a member its own membership; the lead and the reporter a
 * reported value. Nobody outside sees anything of it, not even its id.
 */
export interface LedProgramme {
  id: string;
  /** Name and description: the programme row. */
  texts: string[];
  leadMembershipId: string;
  /** Other organizations' memberships: its implementing partners, its funder, the invited and the removed. */
  memberships: ProgrammeMembership[];
  resultId: string;
  /** PEOPLE_SERVED, derived from deliveries; and REPORTED, a sum partners report. */
  indicatorIds: { derived: string; reported: string };
  targetIds: string[];
  /** Result title and indicator names: the results framework. */
  frameworkTexts: string[];
  /** Every version of every reported value in the programme, with the notes only the lead and the reporter read. */
  reportedValues: { id: string; reporterOrganizationId: string; status: string; texts: string[] }[];
  /**
   * The lead's referrals made within the programme, each with a person-free fact row under the lead
   * that the funnel counts. Their two sides see them as any referral.
   */
  referrals: ProgrammeReferral[];
  /**
   * A member's referral within the programme to an organization outside it (in A's: C's to B). Not
   * the lead's, so not among its marks; its fact row is stored under the lead all the same.
   */
  outsideReferral?: ProgrammeReferral;
  suppressionThreshold: number;
}

export async function buildTenant(app: TestApp, name: string, kind?: OrganizationKind): Promise<Tenant> {
  const admin = await signUpOrganization(app, { name, kind });
  const members = {
    COORDINATOR: await addMember(app, admin, 'COORDINATOR'),
    CASEWORKER: await addMember(app, admin, 'CASEWORKER'),
    VIEWER: await addMember(app, admin, 'VIEWER'),
  };
  const invited = dataOf(
    await app.request(InviteMemberDocument, { input: { email: `pending-${admin.organizationId}@example.org`, role: 'VIEWER' } }, {
      token: admin.token,
    }),
  );
  const apiKey = await createApiKey(app, admin, ['DIRECTORY_READ', 'MEMBERS_READ', 'METRICS_READ']);
  return { admin, members, pendingInvitationId: invited.inviteMember.invitation.id, apiKey };
}

/**
 * Builds `owner`'s referral network with `partnerTenant` (see ReferralNetwork), acting as each side's
 * caseworker and admin as a real exchange would. With `forwardTo` (a partner of `partnerTenant`), the
 * partner also forwards the accepted referral there, with a client of its own.
 */
export async function buildReferralNetwork(
  app: TestApp,
  owner: Tenant,
  partnerTenant: Tenant,
  options: { label: string; person: Person; partnerPerson: Person; forwardTo?: Tenant },
): Promise<ReferralNetwork> {
  const { label } = options;
  const ownerWorker = owner.members.CASEWORKER;
  const partnerWorker = partnerTenant.members.CASEWORKER;
  const partnerOrganizationId = partnerTenant.admin.organizationId;
  const partnership = await partnerWith(app, owner.admin, partnerTenant.admin);
  const service = await publishService(app, owner.admin, { name: `Chăm sóc người cao tuổi tại nhà (${label})`, categoryCode: 'ELDERLY_CARE' });
  const partnerService = await publishService(app, partnerTenant.admin, { name: `Phục hồi chức năng (đối tác của ${label})` });
  const client = await registerClient(app, ownerWorker, options.person);
  const consent = await recordConsent(app, ownerWorker, client.id, partnerOrganizationId);

  const texts = {
    sent: `${label}: ${options.person.fullName} needs a home visit this week`,
    accepted: `${label}: ${options.person.fullName} needs physiotherapy after a fall`,
    inProgress: `${label}: ${options.person.fullName} needs a walking frame fitted`,
    logged: `${label}: ${options.person.fullName} asked for a commune health check`,
    received: `${label}: referred by the partner for elderly care at home`,
    comment: `${label}: we will visit on Tuesday morning, please tell the family`,
    externalReceiverName: `Trạm y tế xã Tả Phìn (${label})`,
    forwarded: `${label}: forwarded on by the partner for legal aid`,
  };
  const send = (reason: string) =>
    sendReferral(app, ownerWorker, { clientId: client.id, receivingOrganizationId: partnerOrganizationId, serviceId: partnerService.id, reason });
  const asPartner = { token: partnerWorker.token };

  const sent = await send(texts.sent);
  const accepted = await send(texts.accepted);
  let version = dataOf(await app.request(AcceptReferralDocument, { input: { referralId: accepted.id, expectedVersion: accepted.version } }, asPartner))
    .acceptReferral.version;
  const comment = dataOf(await app.request(CommentOnReferralDocument, { input: { referralId: accepted.id, body: texts.comment } }, asPartner))
    .commentOnReferral;
  dataOf(
    await app.request(
      AssignReferralDocument,
      { input: { referralId: accepted.id, expectedVersion: version, assigneeUserId: partnerWorker.userId } },
      { token: partnerTenant.admin.token },
    ),
  );
  const inProgress = await send(texts.inProgress);
  version = dataOf(await app.request(AcceptReferralDocument, { input: { referralId: inProgress.id, expectedVersion: inProgress.version } }, asPartner))
    .acceptReferral.version;
  dataOf(await app.request(StartReferralDocument, { input: { referralId: inProgress.id, expectedVersion: version } }, asPartner));
  const logged = await sendReferral(app, ownerWorker, {
    clientId: client.id,
    externalReceiverName: texts.externalReceiverName,
    reason: texts.logged,
  });

  const partnerClient = await registerClient(app, partnerWorker, options.partnerPerson);
  await recordConsent(app, partnerWorker, partnerClient.id, owner.admin.organizationId);
  const received = await sendReferral(app, partnerWorker, {
    clientId: partnerClient.id,
    receivingOrganizationId: owner.admin.organizationId,
    serviceId: service.id,
    reason: texts.received,
  });

  let forwarded: ReferralRef | undefined;
  if (options.forwardTo) {
    await recordConsent(app, partnerWorker, partnerClient.id, options.forwardTo.admin.organizationId);
    const current = dataOf(await app.request(ReferralDocument, { id: accepted.id }, asPartner)).referral;
    const { forwardReferral } = dataOf(
      await app.request(
        ForwardReferralDocument,
        {
          input: {
            referralId: accepted.id,
            expectedVersion: current.version,
            clientId: partnerClient.id,
            receivingOrganizationId: options.forwardTo.admin.organizationId,
            reason: texts.forwarded,
            note: `${label}: forwarded for legal aid`,
          },
        },
        asPartner,
      ),
    );
    forwarded = { id: forwardReferral.id, version: forwardReferral.version };
  }

  // The audit trail: the owner reads its client, the partner reads the client through a referral.
  const ownClient = dataOf(await app.request(ClientDocument, { id: client.id }, { token: ownerWorker.token })).client;
  dataOf(await app.request(ReferralDocument, { id: accepted.id }, asPartner));

  // Read everything back as the owner: current versions, and every event id the owner can see.
  const readBack = async (id: string) => dataOf(await app.request(ReferralDocument, { id }, { token: owner.admin.token })).referral;
  const refs = {
    sent: await readBack(sent.id),
    accepted: await readBack(accepted.id),
    inProgress: await readBack(inProgress.id),
    logged: await readBack(logged.id),
    received: await readBack(received.id),
  };
  const history = dataOf(await app.request(PartnershipDocument, { id: partnership.id }, { token: owner.admin.token })).partnership.history;
  const audit = dataOf(await app.request(AuditEventsDocument, { first: 100 }, { token: owner.admin.token })).auditEvents.edges;

  return {
    partnerOrganizationId,
    partnershipId: partnership.id,
    serviceId: service.id,
    partnerServiceId: partnerService.id,
    client: { ...options.person, id: client.id, version: ownClient.version },
    consentId: consent.id,
    referrals: {
      sent: { id: refs.sent.id, version: refs.sent.version },
      accepted: { id: refs.accepted.id, version: refs.accepted.version },
      inProgress: { id: refs.inProgress.id, version: refs.inProgress.version },
      logged: { id: refs.logged.id, version: refs.logged.version, externalReceiverName: texts.externalReceiverName },
      received: { id: refs.received.id, version: refs.received.version },
    },
    commentId: comment.id,
    forwarded,
    texts: [texts.sent, texts.accepted, texts.inProgress, texts.logged, texts.received, texts.comment, texts.externalReceiverName],
    eventIds: [...history.map((e) => e.id), ...Object.values(refs).flatMap((r) => r.timeline.map((e) => e.id))],
    auditEventIds: audit.map((e) => e.node.id),
  };
}

const PEOPLE = {
  a: { fullName: 'Lò Thị Sáu', preferredName: 'Bà Sáu', phone: '+84 214 3870 111', email: 'lo.thi.sau@example.vn', address: 'Bản Sả Séng' },
  b: { fullName: 'Giàng A Páo', preferredName: 'Ông Páo', phone: '+84 219 3811 222', email: 'giang.a.pao@example.vn', address: 'Thôn Lũng Cú' },
  cForA: { fullName: 'Đinh Văn Tám', preferredName: 'Ông Tám', phone: '+84 203 3822 333', email: 'dinh.van.tam@example.vn', address: 'Tổ 5, Cốc Lếu' },
  cForB: { fullName: 'Hà Thị Nhung', preferredName: 'Chị Nhung', phone: '+84 203 3822 444', email: 'ha.thi.nhung@example.vn', address: 'Tổ 9, Kim Tân' },
} satisfies Record<string, Person>;

/**
 * People enrolled in programmes, distinct per organization so that a leaked one is recognisable.
 * A's are enough for some cells to show (threshold 5), with a few men and other regions so that
 * others are withheld; C and D add a handful each, enrolled a month later than A's (so that March
 * alone counts fewer people than the threshold, while the first quarter does not).
 */
const PROGRAMME_PEOPLE = {
  a: [
    { fullName: 'Sùng Thị Mỷ', preferredName: 'Bà Mỷ', phone: '+84 214 3870 501', email: 'sung.thi.my@example.vn', address: 'Bản Cát Cát', sex: 'FEMALE', birthDate: '1951-04-04' },
    { fullName: 'Thào Thị Dợ', preferredName: 'Bà Dợ', phone: '+84 214 3870 502', email: 'thao.thi.do@example.vn', address: 'Bản Tả Van', sex: 'FEMALE', birthDate: '1949-09-12' },
    { fullName: 'Vàng Thị Chứ', preferredName: 'Bà Chứ', phone: '+84 214 3870 503', email: 'vang.thi.chu@example.vn', address: 'Bản Lao Chải', sex: 'FEMALE', birthDate: '1946-01-30', vulnerabilities: ['OLDER_PERSON_LIVING_ALONE'] },
    { fullName: 'Hầu Thị Pà', preferredName: 'Chị Pà', phone: '+84 214 3870 504', email: 'hau.thi.pa@example.vn', address: 'Bản Hầu Thào', sex: 'FEMALE', birthDate: '1978-06-06', vulnerabilities: ['PERSON_WITH_DISABILITY'] },
    { fullName: 'Lý A Chảo', preferredName: 'Ông Chảo', phone: '+84 216 3870 505', email: 'ly.a.chao@example.vn', address: 'Thôn Khe Cam', sex: 'MALE', birthDate: '1950-02-02', region: 'Yên Bái' },
    { fullName: 'Má A Sềnh', preferredName: 'Ông Sềnh', phone: '+84 214 3870 506', email: 'ma.a.senh@example.vn', address: 'Bản Sín Chải', sex: 'MALE', birthDate: '1953-08-08', region: 'Sa Pa' },
  ],
  c: [
    { fullName: 'Nông Thị Hiền', preferredName: 'Bà Hiền', phone: '+84 203 3822 601', email: 'nong.thi.hien@example.vn', address: 'Tổ 2, Duyên Hải', sex: 'FEMALE', birthDate: '1947-07-07' },
    { fullName: 'Hoàng Thị Duyên', preferredName: 'Bà Duyên', phone: '+84 203 3822 602', email: 'hoang.thi.duyen@example.vn', address: 'Tổ 7, Bắc Cường', sex: 'FEMALE', birthDate: '1952-12-12' },
    { fullName: 'Lục Văn Pao', preferredName: 'Ông Pao', phone: '+84 203 3822 603', email: 'luc.van.pao@example.vn', address: 'Tổ 11, Pom Hán', sex: 'MALE', birthDate: '1944-03-03', vulnerabilities: ['OLDER_PERSON_LIVING_ALONE'] },
  ],
  removed: [
    { fullName: 'Tráng A Lử', preferredName: 'Ông Lử', phone: '+84 214 3899 701', email: 'trang.a.lu@example.vn', address: 'Bản Phìn Hồ', sex: 'MALE', birthDate: '1955-05-05' },
  ],
} satisfies Record<string, Person[]>;

/**
 * Enrols people as `worker`'s organization in `programId`, registering the ones without an id as its
 * clients first, and records `serviceId` for each on each of `deliveredOn`.
 */
export async function enrolAndServe(
  app: TestApp,
  worker: SignedIn,
  programId: string,
  serviceId: string,
  people: (Person & { id?: string })[],
  dates: { enrolledOn: string; deliveredOn: string[] },
): Promise<ProgrammeEnrolment[]> {
  const enrolments: ProgrammeEnrolment[] = [];
  for (const person of people) {
    const clientId = person.id ?? (await registerClient(app, worker, person)).id;
    const { enrollClient } = dataOf(
      await app.request(EnrollClientDocument, { input: { programId, clientId, enrolledOn: dates.enrolledOn } }, { token: worker.token }),
    );
    const deliveryIds: string[] = [];
    for (const deliveredOn of dates.deliveredOn) {
      const { recordServiceDelivery } = dataOf(
        await app.request(RecordServiceDeliveryDocument, { input: { enrollmentId: enrollClient.id, serviceId, deliveredOn } }, { token: worker.token }),
      );
      deliveryIds.push(recordServiceDelivery.id);
    }
    const { fullName, preferredName, phone, email, address } = person;
    enrolments.push({ id: enrollClient.id, programId, client: { id: clientId, fullName, preferredName, phone, email, address }, deliveryIds });
  }
  return enrolments;
}

/**
 * A programme `lead` creates, with its results framework: a result, a PEOPLE_SERVED indicator of
 * elderly care derived from deliveries (by sex and age band) and a REPORTED sum, with targets for
 * the first two quarters of 2026. Members, enrolments and reported values are added by the caller.
 */
async function createProgrammeWithFramework(app: TestApp, lead: SignedIn, label: string, suppressionThreshold: number) {
  const texts = {
    name: `${label}: Chăm sóc người cao tuổi tại cộng đồng`,
    description: `${label}: home care for older people living alone`,
    result: `${label} result: older people live safely at home`,
    derived: `${label} indicator: older people receiving care at home`,
    reported: `${label} indicator: home visits made`,
  };
  const asLead = { token: lead.token };
  const programme = await createProgram(app, lead, { name: texts.name, description: texts.description, suppressionThreshold });
  const result = dataOf(
    await app.request(AddProgramResultDocument, { input: { programId: programme.id, type: 'OUTPUT', title: texts.result } }, asLead),
  ).addProgramResult;
  const derived = dataOf(
    await app.request(
      AddIndicatorDocument,
      {
        input: {
          resultId: result.id,
          code: 'OP1.1',
          name: texts.derived,
          aggregation: 'DISTINCT_PEOPLE',
          source: 'PEOPLE_SERVED',
          serviceCategoryCode: 'ELDERLY_CARE',
          baselineValue: 0,
          baselineYear: 2025,
          disaggregations: ['SEX', 'AGE_BAND'],
        },
      },
      asLead,
    ),
  ).addIndicator;
  const reported = dataOf(
    await app.request(AddIndicatorDocument, { input: { resultId: result.id, code: 'OP1.2', name: texts.reported, aggregation: 'SUM', source: 'REPORTED' } }, asLead),
  ).addIndicator;
  const targetIds: string[] = [];
  for (const [indicatorId, periodStart, value, dimension, dimensionValue] of [
    [derived.id, '2026-01-01', 20, null, null],
    [derived.id, '2026-01-01', 10, 'SEX', 'FEMALE'],
    [reported.id, '2026-01-01', 50, null, null],
    [reported.id, '2026-04-01', 60, null, null],
  ] as const) {
    const { setIndicatorTarget } = dataOf(
      await app.request(SetIndicatorTargetDocument, { input: { indicatorId, periodType: 'QUARTER', periodStart, value, dimension, dimensionValue } }, asLead),
    );
    targetIds.push(setIndicatorTarget.id);
  }
  return {
    id: programme.id,
    texts: [texts.name, texts.description],
    resultId: result.id,
    indicatorIds: { derived: derived.id, reported: reported.id },
    targetIds,
    frameworkTexts: [texts.result, texts.derived, texts.reported],
    suppressionThreshold,
  };
}

/** Everything of the programme its lead reads back: memberships at their current versions, and every reported value. */
async function readBackProgramme(
  app: TestApp,
  lead: SignedIn,
  programme: Omit<LedProgramme, 'leadMembershipId' | 'memberships' | 'reportedValues' | 'referrals'>,
  referrals: Pick<LedProgramme, 'referrals' | 'outsideReferral'> = { referrals: [] },
): Promise<LedProgramme> {
  const { program } = dataOf(await app.request(ProgramDocument, { id: programme.id }, { token: lead.token }));
  const values = dataOf(await app.request(ReportedValuesDocument, { programId: programme.id, first: 100 }, { token: lead.token })).reportedValues.edges;
  return {
    ...programme,
    leadMembershipId: program.members.find((m) => m.role === 'LEAD')!.id,
    memberships: program.members
      .filter((m) => m.role !== 'LEAD')
      .map((m) => ({ organizationId: m.organization.id, id: m.id, version: m.version, role: m.role, status: m.status })),
    reportedValues: values.map(({ node }) => ({
      id: node.id,
      reporterOrganizationId: node.reporter.id,
      status: node.status,
      texts: [node.note, node.reviewNote].filter((text): text is string => !!text),
    })),
    ...referrals,
  };
}

/**
 * A's joint programme, and B's. A leads; C (implementing partner) and F (funder) are active members;
 * E is invited and has not answered; D was an implementing partner that enrolled a client and was
 * removed. A and C enrol and serve clients of their own; C reports a value A approves, and another
 * that waits, as does one of A's own. B leads a programme of its own with one of its clients in it.
 */
async function buildProgrammes(app: TestApp, world: { a: Tenant & { network: ReferralNetwork }; b: Tenant & { network: ReferralNetwork }; c: Tenant; f: Tenant }) {
  const { a, b, c, f } = world;
  const invitee = await signUpOrganization(app, { name: 'Organization E (invited)' });
  const removedAdmin = await signUpOrganization(app, { name: 'Organization D (removed)' });
  const removedService = await publishService(app, removedAdmin, { name: 'Tư vấn dinh dưỡng (D)', categoryCode: 'COUNSELING' });

  const framework = await createProgrammeWithFramework(app, a.admin, 'Organization A', 5);
  const programId = framework.id;
  const asLead = { token: a.admin.token };
  await joinProgram(app, a.admin, programId, c.admin, 'IMPLEMENTING_PARTNER');
  await joinProgram(app, a.admin, programId, f.admin, 'FUNDER');
  const removedMembership = await joinProgram(app, a.admin, programId, removedAdmin, 'IMPLEMENTING_PARTNER');
  const invited = dataOf(
    await app.request(InviteProgramMemberDocument, { input: { programId, organizationId: invitee.organizationId, role: 'IMPLEMENTING_PARTNER' } }, asLead),
  ).inviteProgramMember;

  // A's clients in February, C's and D's in March; everyone is served in March.
  const aEnrolments = await enrolAndServe(app, a.members.CASEWORKER, programId, a.network.serviceId, [a.network.client, ...PROGRAMME_PEOPLE.a], {
    enrolledOn: '2026-02-10',
    deliveredOn: ['2026-03-02', '2026-03-16'],
  });
  const cEnrolments = await enrolAndServe(app, c.members.CASEWORKER, programId, a.network.partnerServiceId, PROGRAMME_PEOPLE.c, {
    enrolledOn: '2026-03-05',
    deliveredOn: ['2026-03-20'],
  });
  const removedEnrolments = await enrolAndServe(app, removedAdmin, programId, removedService.id, PROGRAMME_PEOPLE.removed, {
    enrolledOn: '2026-03-12',
    deliveredOn: ['2026-03-20'],
  });
  dataOf(await app.request(ProgramDocument, { id: programId }, { token: removedAdmin.token }));
  const removed = dataOf(
    await app.request(RemoveProgramMemberDocument, { input: { membershipId: removedMembership.id, expectedVersion: removedMembership.version } }, asLead),
  ).removeProgramMember;
  if (removed.status !== 'REMOVED') throw new Error(`D was not removed: ${removed.status}`);

  // C reports the first quarter (A approves) and the second (waiting); A reports the first quarter itself (waiting).
  const submit = async (member: SignedIn, periodStart: string, value: number, note: string) =>
    dataOf(
      await app.request(SubmitReportedValueDocument, { input: { indicatorId: framework.indicatorIds.reported, periodType: 'QUARTER', periodStart, value, note } }, {
        token: member.token,
      }),
    ).submitReportedValue;
  const approved = await submit(c.admin, '2026-01-01', 40, 'Organization C: 40 home visits, from the commune visit lists');
  dataOf(await app.request(ReviewReportedValueDocument, { input: { reportedValueId: approved.id, approve: true, note: 'Organization A: checked against our log' } }, asLead));
  await submit(c.admin, '2026-04-01', 25, 'Organization C: second quarter, not yet checked');
  await submit(a.admin, '2026-01-01', 12, 'Organization A: visits by our own staff');

  // Referrals within the programme: A refers its client to C (accepted), and C refers one of its
  // enrolled clients to B, its partner but no member of A's programme (accepted by B).
  const programmeReferral = async (sender: SignedIn, receiver: SignedIn, clientId: string, serviceId: string, reason: string) => {
    const referral = await sendReferral(app, sender, { clientId, receivingOrganizationId: receiver.organizationId, serviceId, reason, programId });
    dataOf(await app.request(AcceptReferralDocument, { input: { referralId: referral.id, expectedVersion: referral.version } }, { token: receiver.token }));
    return { id: referral.id, senderOrganizationId: sender.organizationId, receiverOrganizationId: receiver.organizationId, texts: [reason] };
  };
  const aToC = await programmeReferral(
    a.members.CASEWORKER,
    c.members.CASEWORKER,
    a.network.client.id,
    a.network.partnerServiceId,
    'Organization A: within the programme, physiotherapy after a second fall',
  );
  await recordConsent(app, c.members.CASEWORKER, cEnrolments[0].client.id, b.admin.organizationId);
  const cToB = await programmeReferral(
    c.members.CASEWORKER,
    b.members.CASEWORKER,
    cEnrolments[0].client.id,
    b.network.serviceId,
    'Organization C: within the programme, elderly care at home for a client of ours',
  );

  // B's programme, with one of B's clients in it.
  const bFramework = await createProgrammeWithFramework(app, b.admin, 'Organization B', 3);
  const bEnrolments = await enrolAndServe(app, b.members.CASEWORKER, bFramework.id, b.network.serviceId, [b.network.client], {
    enrolledOn: '2026-02-20',
    deliveredOn: ['2026-02-27'],
  });

  return {
    a: { led: await readBackProgramme(app, a.admin, framework, { referrals: [aToC], outsideReferral: cToB }), enrolments: aEnrolments },
    b: { led: await readBackProgramme(app, b.admin, bFramework), enrolments: bEnrolments },
    c: { enrolments: cEnrolments },
    invitee: { ...invitee, membershipId: invited.id },
    removed: { ...removedAdmin, membershipId: removedMembership.id, serviceId: removedService.id, programmes: { enrolments: removedEnrolments } },
  };
}

/**
 * Organizations A (the victim), B (the attacker) and C, each with data in every tenant table. C is
 * the partner of both: A's network is A↔C, B's is B↔C, and C forwards one of A's referrals to B, so
 * B holds a referral linked to A's without being on A's. A leads a joint programme that C delivers
 * in, F funds, E is invited to and D was removed from; B leads one of its own (see buildProgrammes).
 */
/** A's webhook endpoint and a delivery of one of A's events to it (as the fan-out job would queue it), with the secret. */
export interface TenantWebhooks {
  endpointId: string;
  deliveryId: string;
  secret: string;
}

async function buildWebhooks(app: TestApp, tenant: Tenant): Promise<TenantWebhooks> {
  const created = dataOf(
    await app.request(CreateWebhookEndpointDocument, { input: { url: 'https://hooks.example.org/a', eventTypes: [], description: 'A\'s case system' } }, { token: tenant.admin.token }),
  ).createWebhookEndpoint;
  const [delivery] = await app.ownerQuery<{ id: string }>(
    `INSERT INTO webhook_deliveries (organization_id, id, endpoint_id, event_id, event_sequence, event_type, status)
     SELECT e.organization_id, gen_random_uuid(), $2, e.id, e.sequence, e.type, 'DELIVERED' FROM organization_events e
      WHERE e.organization_id = $1 ORDER BY e.sequence LIMIT 1 RETURNING id`,
    [tenant.admin.organizationId, created.endpoint.id],
  );
  return { endpointId: created.endpoint.id, deliveryId: delivery.id, secret: created.secret };
}

/**
 * A matching partner of A's (M, an organization of its own, whose ACTIVE partnership with A lets
 * CLIENT_MATCHING flow both ways) holds a record of the same person as A's network client; both
 * records carry consent to matching, and M's lookup proposed the match. B is no partner of A's and
 * C's partnership with A does not allow matching: neither may learn anything of it.
 */
export interface TenantMatching {
  matchId: string;
  version: number;
  partner: SignedIn;
  partnerClientId: string;
}

async function buildMatching(app: TestApp, tenant: Tenant & { network: ReferralNetwork }): Promise<TenantMatching> {
  const partner = await signUpOrganization(app, { name: 'Organization M (matching partner)' });
  const shares: DataCategory[] = [...ALL_CATEGORIES, 'CLIENT_MATCHING'];
  await partnerWith(app, tenant.admin, partner, { proposerShares: shares, partnerShares: shares });
  const consent = (by: SignedIn, clientId: string, recipientOrganizationId: string) =>
    app.request(
      RecordConsentDocument,
      { input: { clientId, recipientOrganizationId, scope: 'MATCHING', purpose: 'Matching', sharedFields: [], method: 'VERBAL' } },
      { token: by.token },
    ).then(dataOf);
  await consent(tenant.members.CASEWORKER, tenant.network.client.id, partner.organizationId);
  const partnerClient = await registerClient(app, partner, { fullName: 'Sau Lo Thi', birthDate: '1948-03-02', sex: 'FEMALE' });
  await consent(partner, partnerClient.id, tenant.admin.organizationId);
  const [match] = dataOf(await app.request(LookUpClientMatchesDocument, { input: { clientId: partnerClient.id } }, { token: partner.token }))
    .lookUpClientMatches.matches;
  if (!match) throw new Error('The world expects M to match A\'s client');
  return { matchId: match.id, version: match.version, partner, partnerClientId: partnerClient.id };
}

export async function buildWorld(app: TestApp): Promise<World> {
  const a = await buildTenant(app, 'Organization A');
  const b = await buildTenant(app, 'Organization B');
  const c = await buildTenant(app, 'Organization C');
  const f = await buildTenant(app, 'Organization F (funder)', 'FUNDER');
  const bNetwork = await buildReferralNetwork(app, b, c, { label: 'Organization B', person: PEOPLE.b, partnerPerson: PEOPLE.cForB });
  const aNetwork = await buildReferralNetwork(app, a, c, {
    label: 'Organization A',
    person: PEOPLE.a,
    partnerPerson: PEOPLE.cForA,
    forwardTo: b,
  });
  const withNetworks = { a: { ...a, network: aNetwork }, b: { ...b, network: bNetwork }, c, f };
  const programmes = await buildProgrammes(app, withNetworks);
  // Before A's webhook endpoint exists, which would otherwise be sent the events of A's matching partnership.
  const matching = await buildMatching(app, withNetworks.a);
  const webhooks = await buildWebhooks(app, a);
  return {
    app,
    a: { ...withNetworks.a, programmes: programmes.a, webhooks, matching },
    b: { ...withNetworks.b, programmes: programmes.b },
    c: { ...c, programmes: programmes.c },
    f,
    invitee: programmes.invitee,
    removed: programmes.removed,
  };
}

/**
 * A cross-tenant attempt: organization B uses an operation against organization A's ids and data,
 * and the case asserts that nothing of A's private data came back or changed. Data shared on purpose
 * (the public organization and service directories) is named in `shared`. A few cases act as A's
 * partner C instead, where row-level security lets C see rows of A's that only code may show; the
 * programme cases also act as each kind of member of A's programme (C, the funder F, the invited E,
 * the removed D), since every row of it is stored under A and each may see only what its role allows.
 */
export interface IsolationCase {
  /** The Query or Mutation field the case exercises (`subscription <field>` for a Subscription field); the harness checks every field has one. */
  operation: string;
  description: string;
  /** What of A's the operation may show B by design, if anything. */
  shared?: string;
  run(world: World): Promise<void>;
}

/** Tenant tables and how to read one organization's rows of each, for before/after comparison. */
export const TENANT_SNAPSHOT_QUERIES: Record<string, string> = {
  organizations: 'SELECT * FROM organizations WHERE id = $1',
  memberships: 'SELECT * FROM memberships WHERE organization_id = $1 ORDER BY id',
  auth_sessions: 'SELECT organization_id, id, user_id, revoked_at FROM auth_sessions WHERE organization_id = $1 ORDER BY id',
  refresh_tokens: 'SELECT * FROM refresh_tokens WHERE organization_id = $1 ORDER BY id',
  invitations: 'SELECT * FROM invitations WHERE organization_id = $1 ORDER BY id',
  api_keys: 'SELECT organization_id, id, name, scopes, revoked_at FROM api_keys WHERE organization_id = $1 ORDER BY id',
  users: `SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organization_id = $1 ORDER BY u.id`,
  // The directory: public to read, but only A writes A's services and places.
  services: 'SELECT * FROM services WHERE organization_id = $1 ORDER BY id',
  locations: 'SELECT * FROM locations WHERE organization_id = $1 ORDER BY id',
  service_at_locations: 'SELECT * FROM service_at_locations WHERE organization_id = $1 ORDER BY id',
  // Rows A shares with a partner count as A's, whichever side holds organization_id.
  partnerships: 'SELECT * FROM partnerships WHERE organization_id = $1 OR partner_organization_id = $1 ORDER BY id',
  partnership_events: 'SELECT * FROM partnership_events WHERE organization_id = $1 OR partner_organization_id = $1 ORDER BY id',
  clients: 'SELECT * FROM clients WHERE organization_id = $1 ORDER BY id',
  client_versions: 'SELECT * FROM client_versions WHERE organization_id = $1 ORDER BY id',
  consents: 'SELECT * FROM consents WHERE organization_id = $1 OR recipient_organization_id = $1 ORDER BY id',
  referrals: 'SELECT * FROM referrals WHERE organization_id = $1 OR receiving_organization_id = $1 ORDER BY id',
  referral_events: 'SELECT * FROM referral_events WHERE organization_id = $1 OR receiving_organization_id = $1 ORDER BY id',
  // A's own trail only: A's reads add to it, B's actions never may.
  audit_events: 'SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY id',
  // Other organizations' reads of A's clients: C's, through A's referrals, while the world was built.
  // A new one means a case read A's client: B never may, and the cases acting as C only fail.
  audit_events_about: 'SELECT * FROM audit_events WHERE subject_organization_id = $1 ORDER BY id',
  // Joint programmes: every row of A's programme is stored under A's organization_id, whoever wrote it
  // (C's enrolments and reported values, D's enrolment). A's memberships of others' programmes, and
  // anything A enrolled or reported elsewhere, are A's too.
  programs: 'SELECT * FROM programs WHERE organization_id = $1 ORDER BY id',
  program_members: 'SELECT * FROM program_members WHERE organization_id = $1 OR member_organization_id = $1 ORDER BY id',
  program_results: 'SELECT * FROM program_results WHERE organization_id = $1 ORDER BY id',
  indicators: 'SELECT * FROM indicators WHERE organization_id = $1 ORDER BY id',
  indicator_targets: 'SELECT * FROM indicator_targets WHERE organization_id = $1 ORDER BY id',
  program_enrollments: 'SELECT * FROM program_enrollments WHERE organization_id = $1 OR member_organization_id = $1 ORDER BY id',
  service_deliveries: 'SELECT * FROM service_deliveries WHERE organization_id = $1 OR member_organization_id = $1 ORDER BY id',
  reported_values: 'SELECT * FROM reported_values WHERE organization_id = $1 OR reporter_organization_id = $1 ORDER BY id',
  program_metric_cells: `SELECT * FROM program_metric_cells WHERE organization_id = $1
                          ORDER BY program_id, metric, category_code, period_type, period_start, dimension, dimension_value`,
  program_member_metric_cells: `SELECT * FROM program_member_metric_cells WHERE organization_id = $1 OR member_organization_id = $1
                                 ORDER BY organization_id, program_id, member_organization_id, metric, category_code, period_type, period_start, dimension, dimension_value`,
  program_person_periods: `SELECT * FROM program_person_periods WHERE organization_id = $1 OR member_organization_id = $1
                            ORDER BY organization_id, program_id, enrollment_id, metric, category_code, period_type, period_start`,
  // Linked people's cells: under A's programme, or written by A (as a member of another's).
  program_linked_person_cells: `SELECT * FROM program_linked_person_cells WHERE organization_id = $1 OR member_organization_id = $1
                                 ORDER BY organization_id, program_id, person_key, metric, category_code, period_type, period_start, dimension, dimension_value`,
  organization_events: `SELECT * FROM organization_events WHERE organization_id = $1 OR party_organization_id = $1 ORDER BY organization_id, id`,
  webhook_endpoints: 'SELECT * FROM webhook_endpoints WHERE organization_id = $1 ORDER BY id',
  webhook_deliveries: 'SELECT * FROM webhook_deliveries WHERE organization_id = $1 ORDER BY id',
  // Matching: A's clients' keys (hashes only), and the matches A is a side of, whichever side found them.
  client_match_keys: 'SELECT * FROM client_match_keys WHERE organization_id = $1 ORDER BY client_id, kind',
  client_matches: 'SELECT * FROM client_matches WHERE organization_id = $1 OR partner_organization_id = $1 ORDER BY organization_id, id',
  program_referral_facts: `SELECT * FROM program_referral_facts
                            WHERE organization_id = $1 OR sender_organization_id = $1 OR receiving_organization_id = $1
                            ORDER BY organization_id, referral_id`,
};

export async function snapshotTenant(app: TestApp, organizationId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(TENANT_SNAPSHOT_QUERIES)) {
    snapshot[table] = await app.ownerQuery(sql, [organizationId]);
  }
  return snapshot;
}

/** Every string in a response, flattened: to assert that none of A's ids, emails or names appear. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * A's private identifiers and text: none may appear in any response to B. A's organization id and
 * A's services (the public directory) are not among them.
 *
 * With `viewer` (an organization id), the marks of the tenant's programme that this organization
 * may see as a member are left out: the programme row if it is invited or active, the results
 * framework if it is active, its own membership and the values it reported itself. Everything about
 * people (enrolments, clients, deliveries), every user and every other membership stays in.
 */
export function privateMarksOf(tenant: Tenant, viewer?: string): string[] {
  const network = tenant.network;
  return [
    tenant.admin.userId,
    tenant.admin.email,
    tenant.pendingInvitationId,
    tenant.apiKey.id,
    tenant.apiKey.secret,
    ...(tenant.webhooks ? [tenant.webhooks.endpointId, tenant.webhooks.deliveryId, tenant.webhooks.secret, 'hooks.example.org/a'] : []),
    ...(tenant.matching ? [tenant.matching.matchId, tenant.matching.partnerClientId] : []),
    ...Object.values(tenant.members).flatMap((m) => [m.userId, m.membershipId, m.email]),
    ...(network
      ? [
          network.partnershipId,
          network.client.id,
          network.client.fullName,
          network.client.preferredName,
          network.client.phone,
          network.client.email,
          network.client.address,
          network.consentId,
          ...Object.values(network.referrals).map((r) => r.id),
          network.commentId,
          ...network.texts,
          ...network.eventIds,
          ...network.auditEventIds,
        ]
      : []),
    ...programmeMarksOf(tenant.programmes, viewer),
  ];
}

function programmeMarksOf(programmes: Programmes | undefined, viewer: string | undefined): string[] {
  if (!programmes) return [];
  const led = programmes.led;
  const standing = viewer === undefined ? undefined : led?.memberships.find((m) => m.organizationId === viewer)?.status;
  const seesRow = standing === 'ACTIVE' || standing === 'INVITED';
  const seesFramework = standing === 'ACTIVE';
  return [
    ...(led
      ? [
          ...(seesRow ? [] : [led.id, ...led.texts]),
          ...(seesFramework ? [] : [led.resultId, led.indicatorIds.derived, led.indicatorIds.reported, ...led.targetIds, ...led.frameworkTexts]),
          led.leadMembershipId,
          ...led.memberships.filter((m) => m.organizationId !== viewer).map((m) => m.id),
          ...led.reportedValues.filter((v) => v.reporterOrganizationId !== viewer).flatMap((v) => [v.id, ...v.texts]),
          ...led.referrals.filter((r) => ![r.senderOrganizationId, r.receiverOrganizationId].includes(viewer!)).flatMap((r) => [r.id, ...r.texts]),
        ]
      : []),
    ...programmes.enrolments.flatMap((e) => [
      e.id,
      ...e.deliveryIds,
      e.client.id,
      e.client.fullName,
      e.client.preferredName,
      e.client.phone,
      e.client.email,
      e.client.address,
    ]),
  ];
}

/**
 * Fails if any of A's private marks appears in any string of the response, data or errors, whole or
 * inside a longer string (an error message that names A's client leaks it as surely as a field).
 * `viewer`: the organization that got the response, when it is a member of the tenant's programme.
 */
export function expectNoPrivateDataOf(tenant: Tenant, response: unknown, viewer?: string): void {
  const strings = stringsIn(response);
  const leaked = privateMarksOf(tenant, viewer).filter((mark) => strings.some((s) => s.includes(mark)));
  expect(leaked).toEqual([]);
}
