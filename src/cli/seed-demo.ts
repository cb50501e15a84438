import 'reflect-metadata';
import { Role } from '../common/permissions';
import { loadConfig } from '../config';
import { connectAppDatabase, prepareDatabase } from '../database/bootstrap';
import { resolveOwnerConnection } from '../database/embedded';
import { createLogger } from '../logger';
import { OrganizationKind } from '../modules/organizations/organization.entity';
import { buildAppSchema } from '../schema';
import { startServer } from '../server';

/** One password for every demo account, so a newcomer can sign in as anyone; never reuse it outside demo data. */
const DEMO_PASSWORD = 'demo-password-2026';

interface DemoPerson {
  email: string;
  displayName: string;
}

/** How the referral network below names each demo organization. */
type OrgKey = 'centre' | 'union' | 'youth' | 'hospital' | 'alamal' | 'fund';

interface DemoOrganization {
  key: OrgKey;
  profile: {
    name: string;
    kind: OrganizationKind;
    countryCode: string;
    region: string;
    description: string;
    website: string;
  };
  admin: DemoPerson;
  members: { person: DemoPerson; role: Role }[];
}

// Declared apart because this person belongs to two organizations, to show switchOrganization.
const centreCoordinator: DemoPerson = { email: 'coordinator@ctxh-laocai.demo', displayName: 'Trần Văn Minh' };

// The centre comes first: the women's union invites its coordinator, whose account must exist by then.
const DEMO_NETWORK: DemoOrganization[] = [
  {
    key: 'centre',
    profile: {
      name: 'Trung tâm Công tác xã hội tỉnh Lào Cai',
      kind: OrganizationKind.GOVERNMENT_AGENCY,
      countryCode: 'VN',
      region: 'Lào Cai',
      description:
        'Chăm sóc, phục hồi chức năng và hỗ trợ tâm lý cho trẻ mồ côi, người cao tuổi cô đơn, người khuyết tật ' +
        'và người tâm thần thuộc diện bảo trợ xã hội; tư vấn và kết nối dịch vụ.',
      website: 'https://ctxh-laocai.demo',
    },
    admin: { email: 'admin@ctxh-laocai.demo', displayName: 'Nguyễn Thị Hương' },
    members: [
      { person: centreCoordinator, role: Role.COORDINATOR },
      { person: { email: 'caseworker@ctxh-laocai.demo', displayName: 'Lò Thị Mai' }, role: Role.CASEWORKER },
      { person: { email: 'viewer@ctxh-laocai.demo', displayName: 'Phạm Quốc Bảo' }, role: Role.VIEWER },
    ],
  },
  {
    key: 'union',
    profile: {
      name: 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai',
      kind: OrganizationKind.COMMUNITY_GROUP,
      countryCode: 'VN',
      region: 'Lào Cai',
      description:
        'Hỗ trợ phụ nữ và trẻ em ở các xã vùng cao, biên giới: phòng chống mua bán người, bạo lực gia đình, ' +
        'và sinh kế cho phụ nữ dân tộc thiểu số.',
      website: 'https://hlhpn-laocai.demo',
    },
    admin: { email: 'admin@hlhpn-laocai.demo', displayName: 'Hoàng Thị Lan' },
    members: [{ person: centreCoordinator, role: Role.CASEWORKER }],
  },
  {
    key: 'youth',
    profile: {
      name: 'Tỉnh đoàn Lào Cai',
      kind: OrganizationKind.COMMUNITY_GROUP,
      countryCode: 'VN',
      region: 'Lào Cai',
      description: 'Huy động đoàn viên, thanh niên tình nguyện hỗ trợ học sinh nghèo và trẻ em vùng dân tộc thiểu số.',
      website: 'https://tinhdoan-laocai.demo',
    },
    admin: { email: 'admin@tinhdoan-laocai.demo', displayName: 'Giàng A Páo' },
    members: [],
  },
  {
    key: 'hospital',
    profile: {
      name: 'Bệnh viện Đa khoa huyện Bát Xát',
      kind: OrganizationKind.HOSPITAL,
      countryCode: 'VN',
      region: 'Bát Xát, Lào Cai',
      description: 'Khám chữa bệnh, khám sức khỏe định kỳ và phục hồi chức năng cho người dân huyện Bát Xát.',
      website: 'https://bvdk-batxat.demo',
    },
    admin: { email: 'admin@bvdk-batxat.demo', displayName: 'Vũ Đức Thắng' },
    members: [],
  },
  {
    key: 'alamal',
    profile: {
      name: 'جمعية الأمل للإغاثة',
      kind: OrganizationKind.INTERNATIONAL_NGO,
      countryCode: 'JO',
      region: 'عمّان',
      description: 'منظمة إنسانية تعمل عبر الحدود في الإغاثة الطارئة وحماية الأطفال ومكافحة الاتجار بالبشر.',
      website: 'https://alamal-relief.demo',
    },
    admin: { email: 'admin@alamal-relief.demo', displayName: 'ليلى حداد' },
    members: [],
  },
  {
    key: 'fund',
    profile: {
      name: "Mekong Children's Fund",
      kind: OrganizationKind.FUNDER,
      countryCode: 'TH',
      region: 'Mekong region',
      description: 'Funds child-protection and education programmes in the Mekong region and asks partners for evidence of results.',
      website: 'https://mekong-childrens-fund.demo',
    },
    admin: { email: 'admin@mekong-childrens-fund.demo', displayName: 'Sarah Mitchell' },
    members: [],
  },
];

const SESSION_FIELDS = 'accessToken viewer { organization { id name } }';
const LOGIN = `mutation SeedLogin($input: LoginInput!) { login(input: $input) { ${SESSION_FIELDS} } }`;
const SIGN_UP = `mutation SeedSignUp($input: SignUpInput!) { signUp(input: $input) { ${SESSION_FIELDS} } }`;
const INVITE_MEMBER = 'mutation SeedInviteMember($input: InviteMemberInput!) { inviteMember(input: $input) { token } }';
const ACCEPT_INVITATION = `mutation SeedAcceptInvitation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { ${SESSION_FIELDS} }
}`;
const MEMBERS = 'query SeedMembers { members(first: 100) { edges { node { role user { email } } } } }';

interface Session {
  accessToken: string;
  viewer: { organization: { id: string; name: string } };
}

class GraphQLRequestError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
}

type Gql = <T>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<T>;

/** A GraphQL client for `url` that throws on any error, so no step can half-succeed unnoticed. */
function graphqlClient(url: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    // GraphQL errors arrive with 4xx statuses too (e.g. 401), so the body decides, not the status.
    const body = (await response.json().catch(() => ({}))) as GraphQLResponse<T>;
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'operation';
    const [error] = body.errors ?? [];
    if (error) {
      const { code, requestId } = error.extensions ?? {};
      const detail = [code, requestId && `request ${requestId}`].filter(Boolean).join(', ');
      throw new GraphQLRequestError(code, `${operation}: ${error.message}${detail ? ` (${detail})` : ''}`);
    }
    if (!body.data) throw new Error(`${operation}: HTTP ${response.status} without data`);
    return body.data;
  };
}

type LoginOutcome = { kind: 'member'; session: Session } | { kind: 'notMember' } | { kind: 'noAccount' };

/**
 * Signing in is how the script learns what exists, through the API alone: FORBIDDEN means the
 * account exists but is not a member there; UNAUTHENTICATED means no account with this password.
 */
async function attemptLogin(gql: Gql, email: string, organizationId?: string): Promise<LoginOutcome> {
  try {
    const { login } = await gql<{ login: Session }>(LOGIN, { input: { email, password: DEMO_PASSWORD, organizationId } });
    return { kind: 'member', session: login };
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'FORBIDDEN') return { kind: 'notMember' };
    if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') return { kind: 'noAccount' };
    throw error;
  }
}

/** Returns a session of the organization's admin, signing the organization up if its admin cannot sign in yet. */
async function ensureOrganization(gql: Gql, org: DemoOrganization): Promise<Session> {
  const { name } = org.profile;
  const outcome = await attemptLogin(gql, org.admin.email);
  if (outcome.kind === 'member') {
    const actingFor = outcome.session.viewer.organization.name;
    if (actingFor !== name) {
      throw new Error(`${org.admin.email} already signs in for "${actingFor}", not "${name}": this database holds other data under the demo emails`);
    }
    console.log(`skipped organization ${name}: ${org.admin.email} already signs in as its admin`);
    return outcome.session;
  }
  const { signUp } = await gql<{ signUp: Session }>(SIGN_UP, {
    input: { organization: org.profile, email: org.admin.email, password: DEMO_PASSWORD, displayName: org.admin.displayName },
  });
  console.log(`created organization ${name} with admin ${org.admin.email}`);
  return signUp;
}

async function ensureMember(
  gql: Gql,
  org: DemoOrganization,
  admin: Session,
  member: DemoOrganization['members'][number],
): Promise<void> {
  const { email, displayName } = member.person;
  const { id: organizationId, name } = admin.viewer.organization;
  const outcome = await attemptLogin(gql, email, organizationId);
  if (outcome.kind === 'member') {
    console.log(`skipped member ${email} of ${name}: already signs in there`);
    return;
  }
  let token: string;
  try {
    ({ inviteMember: { token } } = await gql<{ inviteMember: { token: string } }>(
      INVITE_MEMBER,
      { input: { email, role: member.role } },
      admin.accessToken,
    ));
  } catch (error) {
    // Tokens are shown once, so an invitation left pending by an interrupted run cannot be accepted now.
    if (error instanceof GraphQLRequestError && error.code === 'CONFLICT') {
      throw new Error(
        `${email} cannot be invited to ${name}: ${error.message}. An earlier run was probably interrupted after inviting. ` +
          `Sign in as ${org.admin.email}, revoke the pending invitation ` +
          '(query invitations, then revokeInvitation), and run the seed again.',
      );
    }
    throw error;
  }
  const newAccount = outcome.kind === 'noAccount';
  await gql(ACCEPT_INVITATION, {
    input: { token, password: DEMO_PASSWORD, displayName: newAccount ? displayName : undefined },
  });
  console.log(`added ${email} to ${name} as ${member.role}${newAccount ? '' : ' (existing account)'}`);
}

/** Reads the members back through the API, so the table shows what exists, not what was intended. */
async function printCredentials(gql: Gql, admins: Session[]): Promise<void> {
  const rows: [string, string, string, string][] = [['Email', 'Role', 'Password', 'Organization']];
  for (const admin of admins) {
    const { members } = await gql<{ members: { edges: { node: { role: Role; user: { email: string } } }[] } }>(
      MEMBERS,
      {},
      admin.accessToken,
    );
    for (const { node } of members.edges) {
      rows.push([node.user.email, node.role, DEMO_PASSWORD, admin.viewer.organization.name]);
    }
  }
  // The organization comes last: names in right-to-left scripts would otherwise push the columns after them out of line.
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  console.log('\nDemo accounts (sign in with the login mutation):\n');
  for (const row of rows) {
    console.log(row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  '));
  }
  console.log(
    `\n${centreCoordinator.email} belongs to two organizations: log in, then call switchOrganization ` +
      'with an id from viewer { memberships { organization { id name } } }.',
  );
}

/**
 * `npm run seed:demo`: loads a small demo network through the GraphQL API itself, so row-level
 * security and validation apply as for any client. Safe to run again: what exists is skipped.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const owner = await resolveOwnerConnection(config, logger);
  try {
    const appUrl = await prepareDatabase(config, owner.url, logger);
    const database = await connectAppDatabase(config, appUrl, logger);
    try {
      const server = await startServer({ config, logger, database, schema: await buildAppSchema(), port: 0, host: '127.0.0.1' });
      try {
        const gql = graphqlClient(server.url);
        const admins: Session[] = [];
        for (const org of DEMO_NETWORK) {
          const admin = await ensureOrganization(gql, org);
          for (const member of org.members) await ensureMember(gql, org, admin, member);
          admins.push(admin);
        }
        await printCredentials(gql, admins);
      } finally {
        await server.stop();
      }
    } finally {
      await database.close();
    }
  } finally {
    await owner.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Seeding the demo data failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
