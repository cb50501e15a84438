import type { RegisterClientInput, Role } from '../generated/graphql';
import { addMember, createApiKey, dataOf, signUpOrganization, type SignedIn } from '../factories';
import { partner as partnerWith, publishService, recordConsent, registerClient, sendReferral } from '../factories/referrals';
import {
  AcceptReferralDocument,
  AssignReferralDocument,
  AuditEventsDocument,
  ClientDocument,
  CommentOnReferralDocument,
  ForwardReferralDocument,
  InviteMemberDocument,
  PartnershipDocument,
  ReferralDocument,
  StartReferralDocument,
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
}

export interface World {
  app: TestApp;
  /** The victim: every case tries to reach A's data. */
  a: Tenant & { network: ReferralNetwork };
  /** The attacker: every case acts as B (its admin unless the case says otherwise, or names C). */
  b: Tenant & { network: ReferralNetwork };
  /**
   * A's partner, on the other side of A's referrals. B is C's partner too, so B is a third
   * organization on neither side of A's referrals that still shares a partner with A.
   */
  c: Tenant;
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

export async function buildTenant(app: TestApp, name: string): Promise<Tenant> {
  const admin = await signUpOrganization(app, { name });
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
 * Organizations A (the victim), B (the attacker) and C, each with data in every tenant table. C is
 * the partner of both: A's network is A↔C, B's is B↔C, and C forwards one of A's referrals to B, so
 * B holds a referral linked to A's without being on A's.
 */
export async function buildWorld(app: TestApp): Promise<World> {
  const a = await buildTenant(app, 'Organization A');
  const b = await buildTenant(app, 'Organization B');
  const c = await buildTenant(app, 'Organization C');
  const bNetwork = await buildReferralNetwork(app, b, c, { label: 'Organization B', person: PEOPLE.b, partnerPerson: PEOPLE.cForB });
  const aNetwork = await buildReferralNetwork(app, a, c, {
    label: 'Organization A',
    person: PEOPLE.a,
    partnerPerson: PEOPLE.cForA,
    forwardTo: b,
  });
  return { app, a: { ...a, network: aNetwork }, b: { ...b, network: bNetwork }, c };
}

/**
 * A cross-tenant attempt: organization B uses an operation against organization A's ids and data,
 * and the case asserts that nothing of A's private data came back or changed. Data shared on purpose
 * (the public organization and service directories) is named in `shared`. A few cases act as A's
 * partner C instead, where row-level security lets C see rows of A's that only code may show.
 */
export interface IsolationCase {
  /** The Query or Mutation field the case exercises; the harness checks every field has one. */
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
  consents: 'SELECT * FROM consents WHERE organization_id = $1 OR recipient_organization_id = $1 ORDER BY id',
  referrals: 'SELECT * FROM referrals WHERE organization_id = $1 OR receiving_organization_id = $1 ORDER BY id',
  referral_events: 'SELECT * FROM referral_events WHERE organization_id = $1 OR receiving_organization_id = $1 ORDER BY id',
  // A's own trail only: A's reads add to it, B's actions never may.
  audit_events: 'SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY id',
  // Other organizations' reads of A's clients: C's, through A's referrals, while the world was built.
  // A new one means a case read A's client: B never may, and the cases acting as C only fail.
  audit_events_about: 'SELECT * FROM audit_events WHERE subject_organization_id = $1 ORDER BY id',
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
 */
export function privateMarksOf(tenant: Tenant): string[] {
  const network = tenant.network;
  return [
    tenant.admin.userId,
    tenant.admin.email,
    tenant.pendingInvitationId,
    tenant.apiKey.id,
    tenant.apiKey.secret,
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
  ];
}

/**
 * Fails if any of A's private marks appears in any string of the response, data or errors, whole or
 * inside a longer string (an error message that names A's client leaks it as surely as a field).
 */
export function expectNoPrivateDataOf(tenant: Tenant, response: unknown): void {
  const strings = stringsIn(response);
  const leaked = privateMarksOf(tenant).filter((mark) => strings.some((s) => s.includes(mark)));
  expect(leaked).toEqual([]);
}
