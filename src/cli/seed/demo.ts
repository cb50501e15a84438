/**
 * The demo network (`npm run seed:demo`, src/cli/seed-demo.ts): its organizations, people, partnerships,
 * services, clients, referrals and joint programme, created through the GraphQL API at a server's URL.
 */
import { Role } from '../../common/permissions';
import { OrganizationKind } from '../../modules/organizations/organization.entity';

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

// ---------------------------------------------------------------------------------------------
// The referral network: partnerships, the service directory, clients with consent, referrals.
// Everything below goes through the API too, and each step first looks for what exists.
// ---------------------------------------------------------------------------------------------

type DataCategory = 'REFERRALS' | 'IDENTITY_AND_CONTACT' | 'HEALTH_AND_PROTECTION' | 'PROGRAM_DATA';
type ClientField =
  | 'FULL_NAME'
  | 'BIRTH_DATE'
  | 'AGE_BAND'
  | 'SEX_AND_GENDER'
  | 'PREFERRED_LANGUAGE'
  | 'PHONE'
  | 'EMAIL'
  | 'ADDRESS'
  | 'REGION'
  | 'VULNERABILITIES';
type PartnershipStatus = 'PROPOSED' | 'ACTIVE' | 'DECLINED' | 'SUSPENDED' | 'ENDED';
type ReferralStatus = 'SENT' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED';

/** A demo account acting for one demo organization. */
interface Actor {
  org: OrgKey;
  email: string;
}

const CENTRE_ADMIN: Actor = { org: 'centre', email: 'admin@ctxh-laocai.demo' };
const CENTRE_COORDINATOR: Actor = { org: 'centre', email: centreCoordinator.email };
const CENTRE_CASEWORKER: Actor = { org: 'centre', email: 'caseworker@ctxh-laocai.demo' };
const UNION_ADMIN: Actor = { org: 'union', email: 'admin@hlhpn-laocai.demo' };
const YOUTH_ADMIN: Actor = { org: 'youth', email: 'admin@tinhdoan-laocai.demo' };
const HOSPITAL_ADMIN: Actor = { org: 'hospital', email: 'admin@bvdk-batxat.demo' };
const ALAMAL_ADMIN: Actor = { org: 'alamal', email: 'admin@alamal-relief.demo' };
const FUND_ADMIN: Actor = { org: 'fund', email: 'admin@mekong-childrens-fund.demo' };

/** Dates relative to the day the seed runs, so that due dates and agreements stay meaningful. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const startOfThisYear = () => `${new Date().getUTCFullYear()}-01-01`;

interface DemoPartnership {
  proposer: Actor;
  partner: Actor;
  purpose: string;
  legalBasis: 'CONSENT' | 'CONTRACT' | 'LEGAL_OBLIGATION' | 'LEGITIMATE_INTERESTS' | 'PUBLIC_TASK' | 'VITAL_INTERESTS';
  agreementReference?: string;
  proposerShares: DataCategory[];
  partnerShares: DataCategory[];
  note: string;
  /** Status changes after the proposal, in order; the last one is where the demo leaves it. */
  steps: { status: PartnershipStatus; by: 'proposer' | 'partner'; note: string }[];
}

const DEMO_PARTNERSHIPS: DemoPartnership[] = [
  {
    proposer: CENTRE_ADMIN,
    partner: HOSPITAL_ADMIN,
    purpose:
      'Chuyển gửi người cao tuổi, người khuyết tật và trẻ em thuộc diện bảo trợ xã hội đến khám sức khỏe và phục hồi chức năng; ' +
      'bệnh viện báo lại kết quả cho Trung tâm.',
    legalBasis: 'PUBLIC_TASK',
    agreementReference: 'Thỏa thuận phối hợp số 07/TTPH-CTXH-BVBX',
    proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION'],
    partnerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT'],
    note: 'Đề nghị ký thỏa thuận phối hợp chuyển gửi năm nay.',
    steps: [{ status: 'ACTIVE', by: 'partner', note: 'Bệnh viện đồng ý; đầu mối là khoa Phục hồi chức năng.' }],
  },
  {
    proposer: UNION_ADMIN,
    partner: CENTRE_COORDINATOR,
    purpose:
      'Hỗ trợ phụ nữ và trẻ em bị bạo lực, bị mua bán: tạm lánh, tư vấn tâm lý, trợ giúp pháp lý và tái hòa nhập cộng đồng.',
    legalBasis: 'CONSENT',
    agreementReference: 'Quy chế phối hợp số 15/QCPH-HPN-CTXH',
    proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION'],
    partnerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION'],
    note: 'Đề nghị Trung tâm cùng phối hợp theo quy chế đã ký.',
    steps: [{ status: 'ACTIVE', by: 'partner', note: 'Trung tâm đồng ý.' }],
  },
  {
    proposer: UNION_ADMIN,
    partner: HOSPITAL_ADMIN,
    purpose: 'Khám, điều trị và chứng nhận thương tích cho phụ nữ, trẻ em bị bạo lực gia đình; hỗ trợ tâm lý ban đầu.',
    legalBasis: 'VITAL_INTERESTS',
    proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION'],
    partnerShares: ['REFERRALS'],
    note: 'Đề nghị phối hợp tiếp nhận nạn nhân bạo lực gia đình.',
    steps: [{ status: 'ACTIVE', by: 'partner', note: 'Đồng ý; khoa Cấp cứu tiếp nhận 24/7.' }],
  },
  {
    proposer: CENTRE_ADMIN,
    partner: YOUTH_ADMIN,
    purpose:
      'Tình nguyện viên Đoàn kèm cặp học tập và tổ chức sinh hoạt hè cho trẻ em không có sự chăm sóc của cha mẹ tại Trung tâm.',
    legalBasis: 'LEGITIMATE_INTERESTS',
    proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT'],
    partnerShares: ['PROGRAM_DATA'],
    note: 'Mong Tỉnh đoàn xem xét trước kỳ nghỉ hè.',
    steps: [],
  },
  {
    proposer: ALAMAL_ADMIN,
    partner: UNION_ADMIN,
    purpose:
      'Cross-border case management and safe return for Vietnamese women and girls identified in Jordan as survivors of trafficking.',
    legalBasis: 'VITAL_INTERESTS',
    agreementReference: 'AMR-VN-03',
    proposerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT', 'HEALTH_AND_PROTECTION'],
    partnerShares: ['REFERRALS', 'IDENTITY_AND_CONTACT'],
    note: 'نقترح شراكة لإدارة الحالات عبر الحدود. We propose a partnership for cross-border case management.',
    steps: [
      { status: 'ACTIVE', by: 'partner', note: 'Hội đồng ý hợp tác.' },
      {
        status: 'SUSPENDED',
        by: 'partner',
        note: 'Tạm dừng trong khi hai bên rà soát các điều khoản chuyển dữ liệu cá nhân ra nước ngoài.',
      },
    ],
  },
  {
    proposer: FUND_ADMIN,
    partner: CENTRE_ADMIN,
    purpose: 'Aggregate results of the pilot on family-based care for children without parental care, for the funder’s reports.',
    legalBasis: 'LEGITIMATE_INTERESTS',
    proposerShares: [],
    partnerShares: ['PROGRAM_DATA'],
    note: 'For the pilot grant.',
    steps: [
      { status: 'ACTIVE', by: 'partner', note: 'Trung tâm đồng ý gửi số liệu tổng hợp.' },
      { status: 'ENDED', by: 'proposer', note: 'The pilot grant has closed and the final report is in. Thank you.' },
    ],
  },
];

type ServiceKey =
  | 'hospitalRehab'
  | 'hospitalChecks'
  | 'hospitalMentalHealth'
  | 'centreCounselling'
  | 'centreAlternativeCare'
  | 'unionShelter'
  | 'unionLegalAid'
  | 'youthTutoring'
  | 'alamalPsychosocial'
  | 'alamalSafeReturn';

interface DemoService {
  key: ServiceKey;
  by: Actor;
  input: {
    name: string;
    categoryCode: string;
    description?: string;
    eligibilityDescription?: string;
    languages: string[];
    scheduleDescription?: string;
    acceptingReferrals?: boolean;
    locations: {
      name?: string;
      address1: string;
      city?: string;
      region: string;
      country: string;
      latitude?: number;
      longitude?: number;
    }[];
    capacity?: { unit: string; available: number; maximum?: number; description?: string };
  };
}

const BAT_XAT_HOSPITAL = {
  address1: 'Đường Hùng Vương, thị trấn Bát Xát',
  city: 'Bát Xát',
  region: 'Lào Cai',
  country: 'VN',
  latitude: 22.5361,
  longitude: 103.8869,
};
const CENTRE_ADDRESS = {
  name: 'Trung tâm Công tác xã hội tỉnh Lào Cai',
  address1: 'Tổ 10, phường Lào Cai',
  city: 'Lào Cai',
  region: 'Lào Cai',
  country: 'VN',
};
const ALAMAL_OFFICE = {
  name: 'مكتب جبل اللويبدة',
  address1: 'جبل اللويبدة',
  city: 'عمّان',
  region: 'عمّان',
  country: 'JO',
  latitude: 31.9566,
  longitude: 35.9226,
};

const DEMO_SERVICES: DemoService[] = [
  {
    key: 'hospitalRehab',
    by: HOSPITAL_ADMIN,
    input: {
      name: 'Phục hồi chức năng cho người cao tuổi và người khuyết tật',
      categoryCode: 'PHYSICAL_REHABILITATION',
      description:
        'Vật lý trị liệu, hoạt động trị liệu, tập đi lại sau tai biến và chấn thương; tư vấn và cấp dụng cụ trợ giúp (nạng, khung tập đi, xe lăn).',
      eligibilityDescription:
        'Người cao tuổi, người khuyết tật, người sau tai biến hoặc chấn thương ở huyện Bát Xát và các xã lân cận; ưu tiên đối tượng bảo trợ xã hội.',
      languages: ['vi', 'hmn'],
      scheduleDescription: 'Thứ Hai – Thứ Sáu, 7:00–11:30 và 13:30–17:00',
      locations: [{ name: 'Khoa Phục hồi chức năng', ...BAT_XAT_HOSPITAL }],
      capacity: { unit: 'lượt tập mỗi tuần', available: 12, maximum: 60, description: 'Còn chỗ buổi chiều; buổi sáng đã kín đến cuối tháng.' },
    },
  },
  {
    key: 'hospitalChecks',
    by: HOSPITAL_ADMIN,
    input: {
      name: 'Khám sức khỏe định kỳ cho người cao tuổi và trẻ em',
      categoryCode: 'HEALTH_CHECKS',
      description: 'Khám tổng quát, đo huyết áp, đường huyết, xét nghiệm cơ bản; lập sổ theo dõi sức khỏe.',
      eligibilityDescription: 'Người từ 60 tuổi trở lên và trẻ em dưới 16 tuổi có thẻ bảo hiểm y tế.',
      languages: ['vi', 'hmn'],
      scheduleDescription: 'Sáng thứ Ba và thứ Năm, 7:00–11:00',
      locations: [{ name: 'Khoa Khám bệnh', ...BAT_XAT_HOSPITAL }],
    },
  },
  {
    key: 'hospitalMentalHealth',
    by: HOSPITAL_ADMIN,
    input: {
      name: 'Khám và tư vấn sức khỏe tâm thần',
      categoryCode: 'MENTAL_HEALTH_CARE',
      description: 'Khám sàng lọc trầm cảm, lo âu, rối loạn tâm thần; tư vấn cho người bệnh và gia đình. Tạm ngừng nhận chuyển gửi cho đến khi có bác sĩ chuyên khoa.',
      languages: ['vi'],
      acceptingReferrals: false,
      locations: [{ name: 'Phòng khám Nội thần kinh', ...BAT_XAT_HOSPITAL }],
    },
  },
  {
    key: 'centreCounselling',
    by: CENTRE_ADMIN,
    input: {
      name: 'Tư vấn tâm lý và trị liệu sau sang chấn',
      categoryCode: 'COUNSELING',
      description: 'Tư vấn cá nhân và nhóm, trị liệu sau sang chấn cho nạn nhân bạo lực, mua bán người và người gặp khủng hoảng.',
      eligibilityDescription: 'Phụ nữ, trẻ em và người cao tuổi trong tỉnh; miễn phí.',
      languages: ['vi'],
      scheduleDescription: 'Thứ Hai – Thứ Bảy, 7:30–17:00; đường dây nóng 24/7',
      locations: [CENTRE_ADDRESS],
    },
  },
  {
    key: 'centreAlternativeCare',
    by: CENTRE_ADMIN,
    input: {
      name: 'Chăm sóc thay thế cho trẻ em không có sự chăm sóc của cha mẹ',
      categoryCode: 'CHILD_PROTECTION',
      description: 'Nuôi dưỡng tạm thời tại Trung tâm, tìm gia đình nhận chăm sóc thay thế và theo dõi sau khi trẻ về gia đình.',
      eligibilityDescription: 'Trẻ em mồ côi, bị bỏ rơi hoặc không có người chăm sóc an toàn.',
      languages: ['vi', 'hmn'],
      locations: [CENTRE_ADDRESS],
      capacity: { unit: 'giường', available: 2, maximum: 40, description: 'Ưu tiên trẻ dưới 6 tuổi và trẻ khuyết tật.' },
    },
  },
  {
    key: 'unionShelter',
    by: UNION_ADMIN,
    input: {
      name: 'Nhà tạm lánh cho phụ nữ và trẻ em bị bạo lực, bị mua bán',
      categoryCode: 'SHELTER',
      description: 'Chỗ ở an toàn tới 30 ngày, ăn ở miễn phí, hỗ trợ tâm lý và đi cùng đến cơ quan công an, tòa án.',
      eligibilityDescription: 'Phụ nữ và trẻ em bị bạo lực gia đình, xâm hại hoặc mua bán người.',
      languages: ['vi', 'hmn'],
      scheduleDescription: 'Tiếp nhận 24/7 qua đường dây nóng',
      locations: [{ name: 'Ngôi nhà An toàn', address1: 'Địa chỉ không công khai; liên hệ qua đường dây nóng', city: 'Lào Cai', region: 'Lào Cai', country: 'VN' }],
      capacity: { unit: 'giường', available: 3, maximum: 8 },
    },
  },
  {
    key: 'unionLegalAid',
    by: UNION_ADMIN,
    input: {
      name: 'Trợ giúp pháp lý cho phụ nữ bị bạo lực gia đình',
      categoryCode: 'LEGAL_AID_AND_ADVOCACY',
      description: 'Tư vấn về ly hôn, quyền nuôi con, chia tài sản; soạn đơn và đi cùng đến tòa án.',
      languages: ['vi'],
      locations: [{ name: 'Trụ sở Hội Liên hiệp Phụ nữ tỉnh', address1: 'Tổ 12, phường Lào Cai', city: 'Lào Cai', region: 'Lào Cai', country: 'VN' }],
    },
  },
  {
    key: 'youthTutoring',
    by: YOUTH_ADMIN,
    input: {
      name: 'Tình nguyện viên kèm cặp học tập cho học sinh vùng cao',
      categoryCode: 'EDUCATION_AND_VOCATIONAL_TRAINING',
      description: 'Sinh viên tình nguyện kèm cặp Toán, Tiếng Việt và Tiếng Anh vào cuối tuần và trong hè.',
      languages: ['vi', 'hmn'],
      locations: [{ name: 'Nhà văn hóa Thanh niên tỉnh', address1: 'Tổ 5, phường Lào Cai', city: 'Lào Cai', region: 'Lào Cai', country: 'VN' }],
    },
  },
  {
    key: 'alamalPsychosocial',
    by: ALAMAL_ADMIN,
    input: {
      name: 'الدعم النفسي والاجتماعي للناجيات من الاتجار بالبشر',
      categoryCode: 'CRISIS_PSYCHOLOGICAL_SUPPORT',
      description: 'جلسات دعم نفسي فردية وجماعية، وإدارة حالات، ومرافقة إلى الخدمات الصحية والقانونية.',
      eligibilityDescription: 'النساء والفتيات الناجيات من الاتجار بالبشر أو المعرّضات لخطره، بغض النظر عن الجنسية.',
      languages: ['ar', 'en'],
      scheduleDescription: 'الأحد – الخميس، ٩:٠٠–١٦:٠٠',
      locations: [ALAMAL_OFFICE],
    },
  },
  {
    key: 'alamalSafeReturn',
    by: ALAMAL_ADMIN,
    input: {
      name: 'Safe return and reintegration for survivors of trafficking',
      categoryCode: 'CASE_MANAGEMENT',
      description:
        'Case management from identification in Jordan to a safe return home: documents, travel, and a warm hand-over to a partner in the home country.',
      eligibilityDescription: 'Survivors of trafficking of any nationality who want to go home; Vietnamese interpreter available.',
      languages: ['en', 'ar', 'vi'],
      locations: [ALAMAL_OFFICE],
      capacity: { unit: 'open cases', available: 5, maximum: 25 },
    },
  },
];

type ClientKey = 'thao' | 'binh' | 'chu' | 'xuan' | 'hung' | 'hanh' | 'mai' | 'do' | 'nhan' | 'hanhAtUnion' | 'may';

interface DemoConsent {
  to: OrgKey;
  service?: ServiceKey;
  purpose: string;
  sharedFields: ClientField[];
  method: 'WRITTEN' | 'VERBAL' | 'GUARDIAN';
  givenBy?: string;
  /** Revoked once the referrals are in place, to show that the receiver then sees nothing. */
  revokedBecause?: string;
}

interface DemoClient {
  key: ClientKey;
  by: Actor;
  input: {
    fullName: string;
    preferredName?: string;
    birthDate: string;
    sex: 'FEMALE' | 'MALE';
    preferredLanguage?: string;
    phone?: string;
    address?: string;
    region: string;
    vulnerabilities: string[];
  };
  consents: DemoConsent[];
}

const DEMO_CLIENTS: DemoClient[] = [
  {
    key: 'thao',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Hoàng Văn Thào',
      preferredName: 'Ông Thào',
      birthDate: '1949-03-12',
      sex: 'MALE',
      preferredLanguage: 'vi',
      phone: '0912 345 601',
      address: 'Thôn Tả Phời, xã Bát Xát',
      region: 'Lào Cai',
      vulnerabilities: ['OLDER_PERSON_LIVING_ALONE', 'PERSON_WITH_DISABILITY', 'ETHNIC_MINORITY'],
    },
    consents: [
      {
        to: 'hospital',
        purpose: 'Chuyển gửi đến Bệnh viện Đa khoa huyện Bát Xát để phục hồi chức năng sau tai biến',
        sharedFields: ['FULL_NAME', 'BIRTH_DATE', 'SEX_AND_GENDER', 'PHONE', 'ADDRESS', 'REGION', 'VULNERABILITIES'],
        method: 'WRITTEN',
      },
    ],
  },
  {
    key: 'binh',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Trần Thị Bình',
      preferredName: 'Bà Bình',
      birthDate: '1941-10-05',
      sex: 'FEMALE',
      preferredLanguage: 'vi',
      address: 'Tổ 3, phường Lào Cai',
      region: 'Lào Cai',
      vulnerabilities: ['OLDER_PERSON_LIVING_ALONE', 'LIVING_IN_POVERTY'],
    },
    consents: [
      {
        to: 'hospital',
        service: 'hospitalChecks',
        purpose: 'Khám sức khỏe định kỳ tại Bệnh viện Đa khoa huyện Bát Xát',
        sharedFields: ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER', 'ADDRESS', 'REGION'],
        method: 'VERBAL',
      },
    ],
  },
  {
    key: 'chu',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Sùng A Chử',
      birthDate: '2014-08-20',
      sex: 'MALE',
      preferredLanguage: 'hmn',
      address: 'Bản Sín Chải, xã Trịnh Tường',
      region: 'Lào Cai',
      vulnerabilities: ['CHILD_WITHOUT_PARENTAL_CARE', 'ETHNIC_MINORITY'],
    },
    consents: [
      {
        to: 'hospital',
        service: 'hospitalChecks',
        purpose: 'Khám sức khỏe cho cháu trước khi vào trường phổ thông dân tộc nội trú',
        sharedFields: ['FULL_NAME', 'BIRTH_DATE', 'SEX_AND_GENDER', 'PREFERRED_LANGUAGE', 'REGION'],
        method: 'GUARDIAN',
        givenBy: 'Sùng A Lử, chú ruột, người giám hộ',
        revokedBecause: 'Người giám hộ rút lại đồng ý qua điện thoại sau khi đoàn y tế lưu động đã khám cho cháu tại trường.',
      },
    ],
  },
  {
    key: 'xuan',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Lò Thị Xuân',
      birthDate: '1990-04-17',
      sex: 'FEMALE',
      preferredLanguage: 'vi',
      phone: '0987 220 415',
      address: 'Bản Pẩu, xã Mường Hum',
      region: 'Lào Cai',
      vulnerabilities: ['PERSON_WITH_DISABILITY', 'ETHNIC_MINORITY'],
    },
    consents: [
      {
        to: 'hospital',
        service: 'hospitalRehab',
        purpose: 'Phục hồi chức năng vận động sau tai nạn giao thông',
        sharedFields: ['FULL_NAME', 'BIRTH_DATE', 'SEX_AND_GENDER', 'PHONE', 'REGION', 'VULNERABILITIES'],
        method: 'WRITTEN',
      },
    ],
  },
  {
    key: 'hung',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Đặng Văn Hùng',
      birthDate: '1978-12-01',
      sex: 'MALE',
      region: 'Lào Cai',
      vulnerabilities: ['MENTAL_HEALTH_CONDITION', 'LIVING_IN_POVERTY'],
    },
    consents: [
      {
        to: 'hospital',
        purpose: 'Khám và điều trị sức khỏe tâm thần',
        sharedFields: ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER', 'REGION', 'VULNERABILITIES'],
        method: 'VERBAL',
      },
    ],
  },
  {
    key: 'hanh',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Phạm Thị Hạnh',
      birthDate: '1995-07-09',
      sex: 'FEMALE',
      preferredLanguage: 'vi',
      phone: '0978 615 302',
      region: 'Lào Cai',
      vulnerabilities: ['SURVIVOR_OF_VIOLENCE'],
    },
    consents: [
      {
        to: 'union',
        service: 'unionShelter',
        purpose: 'Tạm lánh và nhận hỗ trợ của Hội Liên hiệp Phụ nữ tỉnh',
        sharedFields: ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER', 'PHONE', 'REGION', 'VULNERABILITIES'],
        method: 'WRITTEN',
      },
    ],
  },
  {
    key: 'mai',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Vàng Thị Mai',
      birthDate: '2003-02-14',
      sex: 'FEMALE',
      preferredLanguage: 'hmn',
      region: 'Lào Cai',
      vulnerabilities: ['SURVIVOR_OF_TRAFFICKING', 'MIGRANT_OR_DISPLACED', 'ETHNIC_MINORITY'],
    },
    consents: [],
  },
  {
    key: 'do',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Vàng Thị Dợ',
      birthDate: '2011-06-30',
      sex: 'FEMALE',
      preferredLanguage: 'hmn',
      region: 'Lào Cai',
      vulnerabilities: ['CHILD_WITHOUT_PARENTAL_CARE', 'SURVIVOR_OF_VIOLENCE', 'ETHNIC_MINORITY'],
    },
    consents: [],
  },
  {
    // Left without consent or referral: the curl walkthrough of docs/api-guide.md refers her.
    key: 'nhan',
    by: CENTRE_CASEWORKER,
    input: {
      fullName: 'Lục Thị Nhàn',
      preferredName: 'Bà Nhàn',
      birthDate: '1952-09-03',
      sex: 'FEMALE',
      preferredLanguage: 'vi',
      phone: '0915 078 226',
      address: 'Thôn Làng Mới, xã Bát Xát',
      region: 'Lào Cai',
      vulnerabilities: ['OLDER_PERSON_LIVING_ALONE', 'PERSON_WITH_DISABILITY'],
    },
    consents: [],
  },
  {
    // The women's union's own record of the woman the centre referred to it, to forward her on.
    key: 'hanhAtUnion',
    by: UNION_ADMIN,
    input: {
      fullName: 'Phạm Thị Hạnh',
      birthDate: '1995-07-09',
      sex: 'FEMALE',
      preferredLanguage: 'vi',
      phone: '0978 615 302',
      region: 'Lào Cai',
      vulnerabilities: ['SURVIVOR_OF_VIOLENCE'],
    },
    consents: [
      {
        to: 'hospital',
        purpose: 'Khám, điều trị và chứng nhận thương tích tại Bệnh viện Đa khoa huyện Bát Xát',
        sharedFields: ['FULL_NAME', 'BIRTH_DATE', 'SEX_AND_GENDER', 'PHONE', 'VULNERABILITIES'],
        method: 'WRITTEN',
      },
    ],
  },
  {
    key: 'may',
    by: UNION_ADMIN,
    input: {
      fullName: 'Lý Thị Mẩy',
      birthDate: '1987-11-22',
      sex: 'FEMALE',
      preferredLanguage: 'vi',
      phone: '0396 441 870',
      region: 'Lào Cai',
      vulnerabilities: ['SURVIVOR_OF_VIOLENCE', 'ETHNIC_MINORITY', 'LIVING_IN_POVERTY'],
    },
    consents: [
      {
        to: 'centre',
        service: 'centreCounselling',
        purpose: 'Tư vấn tâm lý tại Trung tâm Công tác xã hội tỉnh',
        sharedFields: ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER', 'PHONE', 'REGION', 'VULNERABILITIES'],
        method: 'VERBAL',
      },
    ],
  },
];

type ReferralKey = 'thao' | 'binh' | 'xuan' | 'hung' | 'chu' | 'hanh' | 'hanhForwarded' | 'mai' | 'do' | 'may';

/** One step after sending. Status changes are made by the side the lifecycle names (the sender, for a logged referral). */
type ReferralStep =
  | { action: 'accept' | 'start' | 'cancel'; note?: string }
  | { action: 'decline'; reason: string }
  | { action: 'complete'; outcome: 'SUCCESSFUL' | 'NOT_SUCCESSFUL'; serviceDelivered: boolean; note: string }
  | { action: 'close'; outcomeReason: string; note: string }
  | { action: 'assign'; to: string }
  | { action: 'comment'; by: 'sender' | 'receiver'; body: string }
  | { action: 'forward'; referral: ReferralKey; note: string };

interface DemoReferral {
  key: ReferralKey;
  by: Actor;
  client: ClientKey;
  to: { org: OrgKey; service?: ServiceKey; actor?: Actor } | { external: string };
  reason: string;
  needs?: string;
  urgency: 'ROUTINE' | 'URGENT' | 'EMERGENCY';
  dueInDays?: number;
  consentOverrideReason?: string;
  sharedFields?: ClientField[];
  /** Set on a referral made by a `forward` step of another one; it is not sent on its own. */
  forwarded?: true;
  steps: ReferralStep[];
}

const DEMO_REFERRALS: DemoReferral[] = [
  {
    key: 'thao',
    by: CENTRE_CASEWORKER,
    client: 'thao',
    to: { org: 'hospital', service: 'hospitalRehab' },
    reason: 'Liệt nửa người bên trái sau tai biến mạch máu não; sống một mình, cần phục hồi chức năng để tự sinh hoạt.',
    needs: 'Tập đi lại và vận động tay trái; tư vấn khung tập đi. Mục tiêu: tự đi vệ sinh và nấu ăn.',
    urgency: 'URGENT',
    dueInDays: -60,
    steps: [
      { action: 'accept', note: 'Khoa Phục hồi chức năng tiếp nhận.' },
      { action: 'assign', to: HOSPITAL_ADMIN.email },
      { action: 'comment', by: 'receiver', body: 'Đã hẹn ông Thào sáng thứ Hai tuần sau, 8:00, tại khoa Phục hồi chức năng.' },
      { action: 'start' },
      { action: 'comment', by: 'sender', body: 'Trung tâm bố trí xe đưa ông đi tập hai buổi mỗi tuần.' },
      {
        action: 'complete',
        outcome: 'SUCCESSFUL',
        serviceDelivered: true,
        note: 'Sau 8 tuần ông tự đi lại được với khung tập đi; đã cấp khung và hướng dẫn bài tập tại nhà.',
      },
    ],
  },
  {
    key: 'binh',
    by: CENTRE_CASEWORKER,
    client: 'binh',
    to: { org: 'hospital', service: 'hospitalChecks' },
    reason: 'Người cao tuổi sống một mình, hai năm chưa khám sức khỏe; hay chóng mặt.',
    urgency: 'ROUTINE',
    dueInDays: 10,
    steps: [{ action: 'accept' }, { action: 'start', note: 'Đã khám lần đầu; chờ kết quả xét nghiệm.' }],
  },
  {
    key: 'xuan',
    by: CENTRE_CASEWORKER,
    client: 'xuan',
    to: { org: 'hospital', service: 'hospitalRehab' },
    reason: 'Yếu chân phải sau tai nạn giao thông, đi lại khó khăn; cần phục hồi chức năng để quay lại làm việc.',
    urgency: 'ROUTINE',
    dueInDays: -3,
    steps: [{ action: 'accept', note: 'Đã nhận; sẽ xếp lịch khi có chỗ buổi chiều.' }],
  },
  {
    key: 'hung',
    by: CENTRE_CASEWORKER,
    client: 'hung',
    to: { org: 'hospital' },
    reason: 'Có dấu hiệu rối loạn tâm thần, gia đình không đưa đi khám được; cần khám chuyên khoa.',
    urgency: 'URGENT',
    steps: [
      {
        action: 'decline',
        reason: 'Bệnh viện huyện hiện chưa có bác sĩ chuyên khoa tâm thần. Đề nghị chuyển Bệnh viện Tâm thần tỉnh; chúng tôi hỗ trợ giấy chuyển tuyến.',
      },
    ],
  },
  {
    key: 'chu',
    by: CENTRE_CASEWORKER,
    client: 'chu',
    to: { org: 'hospital', service: 'hospitalChecks' },
    reason: 'Khám sức khỏe tổng quát trước khi cháu vào trường phổ thông dân tộc nội trú.',
    urgency: 'ROUTINE',
    steps: [{ action: 'cancel', note: 'Đoàn y tế lưu động đã khám cho cháu tại trường; không cần chuyển gửi nữa.' }],
  },
  {
    key: 'hanh',
    by: CENTRE_CASEWORKER,
    client: 'hanh',
    to: { org: 'union', service: 'unionShelter' },
    reason: 'Bị chồng bạo hành nhiều lần, lần gần nhất bị thương ở tay; không an toàn khi ở nhà.',
    needs: 'Chỗ tạm lánh an toàn, hỗ trợ tâm lý, tư vấn pháp lý về ly hôn và quyền nuôi con.',
    urgency: 'URGENT',
    steps: [
      { action: 'accept', note: 'Chị Hạnh đã đến Ngôi nhà An toàn.' },
      { action: 'forward', referral: 'hanhForwarded', note: 'Hội đã chuyển gửi chị Hạnh sang Bệnh viện huyện Bát Xát để khám và chứng nhận thương tích.' },
      { action: 'start' },
    ],
  },
  {
    key: 'hanhForwarded',
    by: UNION_ADMIN,
    client: 'hanhAtUnion',
    to: { org: 'hospital' },
    reason: 'Thương tích ở tay trái do bạo lực gia đình; cần khám, điều trị và cấp giấy chứng nhận thương tích cho hồ sơ pháp lý.',
    urgency: 'URGENT',
    dueInDays: 2,
    forwarded: true,
    steps: [],
  },
  {
    key: 'mai',
    by: CENTRE_CASEWORKER,
    client: 'mai',
    to: { external: 'Ngôi nhà Bình yên – Trung ương Hội Liên hiệp Phụ nữ Việt Nam (Hà Nội)' },
    reason: 'Bị mua bán sang Trung Quốc, mới được giải cứu và trao trả; cần nơi ở an toàn dài hạn, học nghề và hỗ trợ tâm lý.',
    needs: 'Chị Mai đã đồng ý bằng văn bản (lưu hồ sơ giấy). Cán bộ Trung tâm sẽ đưa chị xuống Hà Nội.',
    urgency: 'URGENT',
    steps: [
      { action: 'comment', by: 'sender', body: 'Đã gọi điện cho Ngôi nhà Bình yên; họ đồng ý tiếp nhận chị Mai từ thứ Hai.' },
      { action: 'accept', note: 'Ngôi nhà Bình yên xác nhận tiếp nhận qua điện thoại.' },
    ],
  },
  {
    key: 'do',
    by: CENTRE_COORDINATOR,
    client: 'do',
    to: { org: 'union', service: 'unionShelter' },
    reason: 'Trẻ em gái bị người thân xâm hại, không có người chăm sóc an toàn.',
    needs: 'Đưa cháu đến nơi an toàn ngay; khám sức khỏe và hỗ trợ tâm lý.',
    urgency: 'EMERGENCY',
    dueInDays: 0,
    consentOverrideReason:
      'Trẻ 15 tuổi bị người thân xâm hại, đang ở một mình tại nhà; cần đưa đến nơi an toàn ngay trong đêm. Chưa liên lạc được người giám hộ.',
    sharedFields: ['FULL_NAME', 'AGE_BAND', 'SEX_AND_GENDER', 'PREFERRED_LANGUAGE', 'REGION', 'VULNERABILITIES'],
    steps: [],
  },
  {
    key: 'may',
    by: UNION_ADMIN,
    client: 'may',
    to: { org: 'centre', service: 'centreCounselling', actor: CENTRE_COORDINATOR },
    reason: 'Bị bạo lực gia đình kéo dài, có biểu hiện trầm cảm; cần tư vấn tâm lý.',
    urgency: 'ROUTINE',
    steps: [
      { action: 'accept' },
      { action: 'start', note: 'Buổi tư vấn đầu tiên đã diễn ra.' },
      {
        action: 'close',
        outcomeReason: 'UNABLE_TO_CONTACT_CLIENT',
        note: 'Chị Mẩy đã vào Bình Dương làm công nhân; ba lần gọi không liên lạc được. Đóng hồ sơ, sẽ mở lại nếu chị quay về.',
      },
    ],
  },
];

const PARTNERSHIPS = `query SeedPartnerships {
  partnerships(first: 100) { edges { node { id status version proposer { id } partner { id } } } }
}`;
const PROPOSE_PARTNERSHIP = `mutation SeedProposePartnership($input: ProposePartnershipInput!) {
  proposePartnership(input: $input) { id status version proposer { id } partner { id } }
}`;
const CHANGE_PARTNERSHIP_STATUS = `mutation SeedChangePartnershipStatus($input: ChangePartnershipStatusInput!) {
  changePartnershipStatus(input: $input) { id status version }
}`;
const SERVICES = `query SeedServices($organizationId: ID!) {
  services(organizationId: $organizationId, includeInactive: true, first: 100) { edges { node { id name } } }
}`;
const CREATE_SERVICE = 'mutation SeedCreateService($input: CreateServiceInput!) { createService(input: $input) { id name } }';
const CLIENTS = `query SeedClients($search: String!) {
  clients(search: $search, first: 100) {
    edges { node { id fullName consents { id purpose revokedAt recipientOrganization { id } } } }
  }
}`;
const REGISTER_CLIENT = 'mutation SeedRegisterClient($input: RegisterClientInput!) { registerClient(input: $input) { id fullName } }';
const RECORD_CONSENT = 'mutation SeedRecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }';
const REVOKE_CONSENT = 'mutation SeedRevokeConsent($input: RevokeConsentInput!) { revokeConsent(input: $input) { id } }';
const MEMBER_IDS = 'query SeedMemberIds { members(first: 100) { edges { node { user { id email } } } } }';
const OUTBOX = `query SeedOutbox($clientId: ID!) {
  referralOutbox(filter: { clientId: $clientId }, first: 100) { edges { node { id reason } } }
}`;
const REFERRAL = `query SeedReferral($id: ID!) {
  referral(id: $id) { id status version timeline { kind toStatus note } }
}`;
const REFERRAL_RESULT = 'id status version';
const SEND_REFERRAL = `mutation SeedSendReferral($input: SendReferralInput!) { sendReferral(input: $input) { ${REFERRAL_RESULT} } }`;
const FORWARD_REFERRAL = `mutation SeedForwardReferral($input: ForwardReferralInput!) { forwardReferral(input: $input) { ${REFERRAL_RESULT} } }`;
const REFERRAL_MUTATIONS: Record<'accept' | 'start' | 'cancel' | 'decline' | 'complete' | 'close' | 'assign', string> = {
  accept: `mutation SeedAcceptReferral($input: ReferralChangeInput!) { acceptReferral(input: $input) { ${REFERRAL_RESULT} } }`,
  start: `mutation SeedStartReferral($input: ReferralChangeInput!) { startReferral(input: $input) { ${REFERRAL_RESULT} } }`,
  cancel: `mutation SeedCancelReferral($input: ReferralChangeInput!) { cancelReferral(input: $input) { ${REFERRAL_RESULT} } }`,
  decline: `mutation SeedDeclineReferral($input: DeclineReferralInput!) { declineReferral(input: $input) { ${REFERRAL_RESULT} } }`,
  complete: `mutation SeedCompleteReferral($input: CompleteReferralInput!) { completeReferral(input: $input) { ${REFERRAL_RESULT} } }`,
  close: `mutation SeedCloseReferral($input: CloseReferralInput!) { closeReferral(input: $input) { ${REFERRAL_RESULT} } }`,
  assign: `mutation SeedAssignReferral($input: AssignReferralInput!) { assignReferral(input: $input) { ${REFERRAL_RESULT} } }`,
};
const COMMENT_ON_REFERRAL = 'mutation SeedCommentOnReferral($input: CommentOnReferralInput!) { commentOnReferral(input: $input) { id } }';

type Edges<T> = { edges: { node: T }[] };
const nodes = <T>(connection: Edges<T>): T[] => connection.edges.map((edge) => edge.node);

/** What the network steps need: the organizations' ids, sessions for any demo account, and what was found or made. */
class Network {
  private readonly sessions = new Map<string, Session>();
  readonly serviceIds = new Map<ServiceKey, string>();
  readonly clientIds = new Map<ClientKey, string>();
  /** Referrals a `forward` step made during this run, so that they are not reported as found. */
  readonly forwardedThisRun = new Set<ReferralKey>();
  /** Consents to revoke at the end, once the referrals that rest on them exist. */
  readonly revocations: { by: Actor; clientName: string; consentId: string; reason: string; alreadyRevoked: boolean }[] = [];

  constructor(
    readonly gql: Gql,
    readonly orgIds: Record<OrgKey, string>,
    admins: Session[],
  ) {
    for (const org of DEMO_NETWORK) {
      const session = admins.find((admin) => admin.viewer.organization.id === orgIds[org.key]);
      if (session) this.sessions.set(`${org.admin.email}|${org.key}`, session);
    }
  }

  /** An access token for `actor`, signing in (as that organization) on first use. */
  async token(actor: Actor): Promise<string> {
    const cacheKey = `${actor.email}|${actor.org}`;
    let session = this.sessions.get(cacheKey);
    if (!session) {
      const outcome = await attemptLogin(this.gql, actor.email, this.orgIds[actor.org]);
      if (outcome.kind !== 'member') throw new Error(`${actor.email} cannot sign in to ${this.orgName(actor.org)}`);
      session = outcome.session;
      this.sessions.set(cacheKey, session);
    }
    return session.accessToken;
  }

  orgName(key: OrgKey): string {
    return DEMO_NETWORK.find((org) => org.key === key)!.profile.name;
  }

  async as<T>(actor: Actor, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.gql<T>(query, variables, await this.token(actor));
  }
}

interface PartnershipNode {
  id: string;
  status: PartnershipStatus;
  version: number;
  proposer: { id: string };
  partner: { id: string };
}

/**
 * Proposes the partnership unless the two organizations already have one, then takes it along its
 * steps from wherever it stands, so an interrupted run finishes the job. Returns its status.
 */
async function ensurePartnership(net: Network, spec: DemoPartnership): Promise<string> {
  const [a, b] = [net.orgIds[spec.proposer.org], net.orgIds[spec.partner.org]];
  const label = `${net.orgName(spec.proposer.org)} → ${net.orgName(spec.partner.org)}`;
  const { partnerships } = await net.as<{ partnerships: Edges<PartnershipNode> }>(spec.proposer, PARTNERSHIPS);
  const between = nodes(partnerships).filter(
    (p) => (p.proposer.id === a && p.partner.id === b) || (p.proposer.id === b && p.partner.id === a),
  );
  const found = between.at(-1);
  let partnership: PartnershipNode;
  if (found) {
    partnership = found;
  } else {
    ({ proposePartnership: partnership } = await net.as<{ proposePartnership: PartnershipNode }>(spec.proposer, PROPOSE_PARTNERSHIP, {
      input: {
        partnerOrganizationId: b,
        purpose: spec.purpose,
        legalBasis: spec.legalBasis,
        startsOn: startOfThisYear(),
        agreementReference: spec.agreementReference,
        proposerShares: spec.proposerShares,
        partnerShares: spec.partnerShares,
        note: spec.note,
      },
    }));
    console.log(`proposed partnership ${label}`);
  }
  const path: PartnershipStatus[] = ['PROPOSED', ...spec.steps.map((step) => step.status)];
  const reached = path.lastIndexOf(partnership.status);
  if (reached < 0) {
    console.log(`skipped partnership ${label}: it is ${partnership.status}, off the demo path`);
    return partnership.status;
  }
  if (reached === path.length - 1) {
    if (found) console.log(`skipped partnership ${label}: already ${partnership.status}`);
    return partnership.status;
  }
  for (const step of spec.steps.slice(reached)) {
    const actor = step.by === 'proposer' ? spec.proposer : spec.partner;
    const { changePartnershipStatus }: { changePartnershipStatus: { status: PartnershipStatus; version: number } } = await net.as(
      actor,
      CHANGE_PARTNERSHIP_STATUS,
      { input: { partnershipId: partnership.id, expectedVersion: partnership.version, status: step.status, note: step.note } },
    );
    partnership = { ...partnership, ...changePartnershipStatus };
    console.log(`partnership ${label}: now ${partnership.status}`);
  }
  return partnership.status;
}

/** Creates the service unless its organization already lists one by that name. */
async function ensureService(net: Network, spec: DemoService): Promise<void> {
  const { services } = await net.as<{ services: Edges<{ id: string; name: string }> }>(spec.by, SERVICES, {
    organizationId: net.orgIds[spec.by.org],
  });
  const existing = nodes(services).find((service) => service.name === spec.input.name);
  if (existing) {
    net.serviceIds.set(spec.key, existing.id);
    console.log(`skipped service ${spec.input.name}: already in the directory`);
    return;
  }
  const { createService } = await net.as<{ createService: { id: string } }>(spec.by, CREATE_SERVICE, { input: spec.input });
  net.serviceIds.set(spec.key, createService.id);
  console.log(`created service ${spec.input.name} (${net.orgName(spec.by.org)})`);
}

interface ClientNode {
  id: string;
  fullName: string;
  consents: { id: string; purpose: string; revokedAt: string | null; recipientOrganization: { id: string } }[];
}

/** Registers the client unless their organization has one of that name, then records each consent it lacks. */
async function ensureClient(net: Network, spec: DemoClient): Promise<void> {
  const { fullName } = spec.input;
  const { clients } = await net.as<{ clients: Edges<ClientNode> }>(spec.by, CLIENTS, { search: fullName });
  let client = nodes(clients).find((node) => node.fullName === fullName);
  if (client) {
    console.log(`skipped client ${fullName} of ${net.orgName(spec.by.org)}: already registered`);
  } else {
    const { registerClient } = await net.as<{ registerClient: { id: string } }>(spec.by, REGISTER_CLIENT, { input: spec.input });
    client = { id: registerClient.id, fullName, consents: [] };
    console.log(`registered client ${fullName} at ${net.orgName(spec.by.org)}`);
  }
  net.clientIds.set(spec.key, client.id);

  for (const consent of spec.consents) {
    const recipientOrganizationId = net.orgIds[consent.to];
    const existing = client.consents.find((c) => c.recipientOrganization.id === recipientOrganizationId && c.purpose === consent.purpose);
    let consentId = existing?.id;
    if (existing) {
      console.log(`skipped consent of ${fullName} for ${net.orgName(consent.to)}: already recorded`);
    } else {
      ({ recordConsent: { id: consentId } } = await net.as<{ recordConsent: { id: string } }>(spec.by, RECORD_CONSENT, {
        input: {
          clientId: client.id,
          recipientOrganizationId,
          recipientServiceId: consent.service ? net.serviceIds.get(consent.service) : undefined,
          purpose: consent.purpose,
          sharedFields: consent.sharedFields,
          method: consent.method,
          givenBy: consent.givenBy,
        },
      }));
      console.log(`recorded ${consent.method.toLowerCase()} consent of ${fullName} to share with ${net.orgName(consent.to)}`);
    }
    if (consent.revokedBecause) {
      net.revocations.push({
        by: spec.by,
        clientName: fullName,
        consentId: consentId!,
        reason: consent.revokedBecause,
        alreadyRevoked: !!existing?.revokedAt,
      });
    }
  }
}

interface TimelineEvent {
  kind: string;
  toStatus: ReferralStatus | null;
  note: string | null;
}

const STEP_STATUS: Partial<Record<ReferralStep['action'], ReferralStatus>> = {
  accept: 'ACCEPTED',
  start: 'IN_PROGRESS',
  cancel: 'CANCELLED',
  decline: 'DECLINED',
  complete: 'COMPLETED',
  close: 'CLOSED',
};

/** Whether a timeline event is the trace of this step, to tell which steps an earlier run already took. */
function eventMatchesStep(event: TimelineEvent, step: ReferralStep): boolean {
  switch (step.action) {
    case 'assign':
      return event.kind === 'ASSIGNED';
    case 'comment':
      return event.kind === 'COMMENTED' && event.note === step.body;
    case 'forward':
      return event.kind === 'FORWARDED';
    default:
      return event.kind === 'STATUS_CHANGED' && event.toStatus === STEP_STATUS[step.action];
  }
}

function referralInput(net: Network, spec: DemoReferral): Record<string, unknown> {
  return {
    clientId: net.clientIds.get(spec.client),
    serviceId: 'org' in spec.to && spec.to.service ? net.serviceIds.get(spec.to.service) : undefined,
    reason: spec.reason,
    needs: spec.needs,
    urgency: spec.urgency,
    dueOn: spec.dueInDays === undefined ? undefined : daysFromToday(spec.dueInDays),
    consentOverrideReason: spec.consentOverrideReason,
    sharedFields: spec.sharedFields,
  };
}

/** The sender's referral of this client with this reason, if an earlier run sent it. */
async function findReferral(net: Network, spec: DemoReferral): Promise<string | undefined> {
  const { referralOutbox } = await net.as<{ referralOutbox: Edges<{ id: string; reason: string }> }>(spec.by, OUTBOX, {
    clientId: net.clientIds.get(spec.client),
  });
  return nodes(referralOutbox).find((referral) => referral.reason === spec.reason)?.id;
}

async function memberUserId(net: Network, actor: Actor): Promise<string> {
  const { members } = await net.as<{ members: Edges<{ user: { id: string; email: string } }> }>(actor, MEMBER_IDS);
  const member = nodes(members).find((node) => node.user.email === actor.email);
  if (!member) throw new Error(`${actor.email} is not a member of ${net.orgName(actor.org)}`);
  return member.user.id;
}

/**
 * Sends the referral unless its sender already has it, then takes the steps its timeline does not
 * show yet. A referral whose timeline went another way (someone used it by hand) is left alone.
 */
async function ensureReferral(net: Network, spec: DemoReferral): Promise<string> {
  const clientName = DEMO_CLIENTS.find((client) => client.key === spec.client)!.input.fullName;
  const receiverName = 'org' in spec.to ? net.orgName(spec.to.org) : spec.to.external;
  const label = `referral of ${clientName} to ${receiverName}`;
  let id = await findReferral(net, spec);
  const sentBefore = !!id && !net.forwardedThisRun.has(spec.key);
  if (!id) {
    if (spec.forwarded) throw new Error(`${label} should have been made by forwarding, but it does not exist`);
    const input = referralInput(net, spec);
    if ('org' in spec.to) input.receivingOrganizationId = net.orgIds[spec.to.org];
    else input.externalReceiverName = spec.to.external;
    ({ sendReferral: { id } } = await net.as<{ sendReferral: { id: string } }>(spec.by, SEND_REFERRAL, { input }));
    console.log(`sent ${label}${spec.consentOverrideReason ? ' (consent override)' : 'org' in spec.to ? '' : ' (logged)'}`);
  }

  // Outside the platform nobody else can act, so the sender records the receiver's steps too.
  const receiver: Actor = 'org' in spec.to ? (spec.to.actor ?? adminOf(spec.to.org)) : spec.by;
  type Read = { referral: { status: ReferralStatus; version: number; timeline: TimelineEvent[] } };
  const read = async () => (await net.as<Read>(spec.by, REFERRAL, { id })).referral;
  let referral = await read();
  const done = referral.timeline.filter((event) => event.kind !== 'SENT');
  const taken = spec.steps.findIndex((step, index) => !done[index] || !eventMatchesStep(done[index], step));
  const firstToTake = taken < 0 ? spec.steps.length : taken;
  if (done.length > firstToTake) {
    console.log(`skipped ${label}: its timeline has moved on from the demo script (${referral.status})`);
    return referral.status;
  }
  if (firstToTake === spec.steps.length) {
    if (sentBefore) console.log(`skipped ${label}: already ${referral.status}`);
    return referral.status;
  }
  for (const step of spec.steps.slice(firstToTake)) {
    const base = { referralId: id, expectedVersion: referral.version };
    switch (step.action) {
      case 'comment':
        await net.as(step.by === 'sender' ? spec.by : receiver, COMMENT_ON_REFERRAL, { input: { referralId: id, body: step.body } });
        break;
      case 'assign': {
        const assignee = { org: 'org' in spec.to ? spec.to.org : spec.by.org, email: step.to };
        await net.as(receiver, REFERRAL_MUTATIONS.assign, { input: { ...base, assigneeUserId: await memberUserId(net, assignee) } });
        break;
      }
      case 'forward': {
        const forwarded = DEMO_REFERRALS.find((other) => other.key === step.referral)!;
        if (!('org' in forwarded.to)) throw new Error(`${step.referral}: a referral is forwarded to an organization on the platform`);
        await net.as(receiver, FORWARD_REFERRAL, {
          input: { ...base, ...referralInput(net, forwarded), receivingOrganizationId: net.orgIds[forwarded.to.org], note: step.note },
        });
        net.forwardedThisRun.add(forwarded.key);
        console.log(`forwarded ${label} on to ${net.orgName(forwarded.to.org)}`);
        break;
      }
      case 'cancel':
        await net.as(spec.by, REFERRAL_MUTATIONS.cancel, { input: { ...base, note: step.note } });
        break;
      case 'accept':
      case 'start':
        await net.as(receiver, REFERRAL_MUTATIONS[step.action], { input: { ...base, note: step.note } });
        break;
      case 'decline':
        await net.as(receiver, REFERRAL_MUTATIONS.decline, { input: { ...base, reason: step.reason } });
        break;
      case 'complete':
        await net.as(receiver, REFERRAL_MUTATIONS.complete, {
          input: { ...base, outcome: step.outcome, serviceDelivered: step.serviceDelivered, note: step.note },
        });
        break;
      case 'close':
        await net.as(receiver, REFERRAL_MUTATIONS.close, { input: { ...base, outcomeReason: step.outcomeReason, note: step.note } });
        break;
    }
    // Read again rather than trust a mutation's answer: a comment or a forward answers no version.
    referral = await read();
  }
  console.log(`${label}: now ${referral.status}`);
  return referral.status;
}

function adminOf(org: OrgKey): Actor {
  return { org, email: DEMO_NETWORK.find((candidate) => candidate.key === org)!.admin.email };
}

async function revokeConsents(net: Network): Promise<void> {
  for (const revocation of net.revocations) {
    if (revocation.alreadyRevoked) {
      console.log(`skipped revoking a consent of ${revocation.clientName}: already revoked`);
      continue;
    }
    await net.as(revocation.by, REVOKE_CONSENT, { input: { consentId: revocation.consentId, reason: revocation.reason } });
    console.log(`revoked a consent of ${revocation.clientName}: the receiver no longer sees their details`);
  }
}

/** Partnerships, directory, clients and consents, referrals: in that order, since each needs the one before. */
async function seedReferralNetwork(net: Network): Promise<void> {
  const partnershipStatuses: string[] = [];
  for (const spec of DEMO_PARTNERSHIPS) {
    partnershipStatuses.push(`${net.orgName(spec.proposer.org)} → ${net.orgName(spec.partner.org)}: ${await ensurePartnership(net, spec)}`);
  }
  for (const spec of DEMO_SERVICES) await ensureService(net, spec);
  for (const spec of DEMO_CLIENTS) await ensureClient(net, spec);
  const referralStatuses: string[] = [];
  for (const spec of DEMO_REFERRALS) {
    const status = await ensureReferral(net, spec);
    const client = DEMO_CLIENTS.find((c) => c.key === spec.client)!.input.fullName;
    const receiver = 'org' in spec.to ? net.orgName(spec.to.org) : `${spec.to.external} (not on the platform)`;
    referralStatuses.push(`${status.padEnd(11)}  ${client}: ${net.orgName(spec.by.org)} → ${receiver}${spec.forwarded ? ' (forwarded)' : ''}`);
  }
  if (net.revocations.length) {
    // Only after the referrals: the consent must be in force when the referral resting on it is sent.
    await revokeConsents(net);
  }
  console.log('\nPartnerships:\n');
  for (const line of partnershipStatuses) console.log(`  ${line}`);
  console.log('\nReferrals:\n');
  for (const line of referralStatuses) console.log(`  ${line}`);
}

// ---------------------------------------------------------------------------------------------
// A joint programme: members by role, a results framework with targets, a year of activity by the
// implementing partners, reported values through review, and the funder's API key and metrics.
// Through the API too, and each step first looks for what exists.
// ---------------------------------------------------------------------------------------------

type ProgramRole = 'LEAD' | 'IMPLEMENTING_PARTNER' | 'FUNDER';
type MembershipStatus = 'INVITED' | 'ACTIVE' | 'DECLINED' | 'REMOVED';
type Vulnerability =
  | 'CHILD_WITHOUT_PARENTAL_CARE'
  | 'OLDER_PERSON_LIVING_ALONE'
  | 'PERSON_WITH_DISABILITY'
  | 'MENTAL_HEALTH_CONDITION'
  | 'ETHNIC_MINORITY'
  | 'MIGRANT_OR_DISPLACED'
  | 'SURVIVOR_OF_VIOLENCE'
  | 'SURVIVOR_OF_TRAFFICKING'
  | 'SUBSTANCE_USE'
  | 'LIVING_IN_POVERTY';
type DimensionName = 'SEX' | 'AGE_BAND' | 'DISABILITY' | 'REGION' | 'POPULATION_GROUP';

/** The programme runs over fixed dates; activity dated after the day the seed runs is left out. */
const PROGRAM_YEAR = 2026;
const QUARTERS = ['01', '04', '07', '10'].map((month) => `${PROGRAM_YEAR}-${month}-01`);
const quarterEnd = (start: string) => {
  const [year, month] = start.split('-').map(Number);
  return new Date(Date.UTC(year, month + 2, 0)).toISOString().slice(0, 10);
};
const quarterLabel = (start: string) => `${start.slice(0, 4)}-Q${(Number(start.slice(5, 7)) + 2) / 3}`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const DEMO_PROGRAM = {
  lead: CENTRE_ADMIN,
  input: {
    name: 'Gia đình an toàn – Lào Cai 2026–2027',
    description:
      'Phòng ngừa và ứng phó với bạo lực đối với phụ nữ và trẻ em: tạm lánh, trợ giúp pháp lý, khám sức khỏe và hỗ trợ tâm lý, ' +
      'truyền thông cộng đồng. Safe families: prevention of and response to violence against women and children in Lào Cai and Lai Châu.',
    startsOn: `${PROGRAM_YEAR}-01-01`,
    endsOn: `${PROGRAM_YEAR + 1}-12-31`,
    regions: ['Lào Cai', 'Lai Châu'],
    targetPopulations: ['SURVIVOR_OF_VIOLENCE', 'SURVIVOR_OF_TRAFFICKING', 'CHILD_WITHOUT_PARENTAL_CARE', 'ETHNIC_MINORITY'] as Vulnerability[],
    sdgTargets: ['5.2', '16.2', '3.8'],
    suppressionThreshold: 5,
  },
  members: [
    { org: 'union', role: 'IMPLEMENTING_PARTNER' },
    { org: 'hospital', role: 'IMPLEMENTING_PARTNER' },
    { org: 'fund', role: 'FUNDER' },
  ] as { org: OrgKey; role: ProgramRole }[],
};

interface DemoIndicator {
  code: string;
  name: string;
  description: string;
  measure?: 'UNIT' | 'PERCENTAGE';
  aggregation: 'DISTINCT_PEOPLE' | 'SUM' | 'AVERAGE' | 'RATIO';
  source: 'PEOPLE_ENROLLED' | 'PEOPLE_SERVED' | 'SERVICE_DELIVERIES' | 'REPORTED';
  serviceCategoryCode?: string;
  baseline?: { value: number; year: number };
  disaggregations: DimensionName[];
  /** Quarterly targets for the programme year, overall and for some dimension values; null for none. */
  targets: { dimension?: DimensionName; dimensionValue?: string; quarters: (number | null)[] }[];
}

interface DemoResult {
  type: 'OUTPUT' | 'OUTCOME' | 'IMPACT';
  title: string;
  description: string;
  indicators: DemoIndicator[];
}

const DEMO_RESULTS: DemoResult[] = [
  {
    type: 'OUTPUT',
    title: 'Phụ nữ và trẻ em bị bạo lực, bị xâm hại được tiếp cận dịch vụ hỗ trợ kịp thời',
    description: 'Women and children affected by violence and abuse get timely shelter, legal aid and health care.',
    indicators: [
      {
        code: 'OP1.1',
        name: 'Số phụ nữ và trẻ em được tiếp nhận vào chương trình',
        description: 'People enrolled by the implementing partners during the period.',
        aggregation: 'DISTINCT_PEOPLE',
        source: 'PEOPLE_ENROLLED',
        disaggregations: ['SEX', 'AGE_BAND', 'REGION'],
        targets: [
          { quarters: [12, 12, 10, 8] },
          { dimension: 'SEX', dimensionValue: 'FEMALE', quarters: [10, 10, 8, 7] },
        ],
      },
      {
        code: 'OP1.2',
        name: 'Số phụ nữ và trẻ em được khám sức khỏe',
        description: 'Distinct people who had a health check (service category HEALTH_CHECKS) during the period.',
        aggregation: 'DISTINCT_PEOPLE',
        source: 'PEOPLE_SERVED',
        serviceCategoryCode: 'HEALTH_CHECKS',
        baseline: { value: 0, year: PROGRAM_YEAR - 1 },
        disaggregations: ['SEX', 'AGE_BAND'],
        targets: [
          { quarters: [8, 10, 12, 12] },
          { dimension: 'SEX', dimensionValue: 'FEMALE', quarters: [5, 6, 7, 7] },
          { dimension: 'SEX', dimensionValue: 'MALE', quarters: [3, 4, 5, 5] },
        ],
      },
      {
        code: 'OP1.3',
        name: 'Số lượt trợ giúp pháp lý cho phụ nữ bị bạo lực',
        description: 'Legal aid sessions delivered (service category LEGAL_AID_AND_ADVOCACY) during the period.',
        aggregation: 'SUM',
        source: 'SERVICE_DELIVERIES',
        serviceCategoryCode: 'LEGAL_AID_AND_ADVOCACY',
        disaggregations: ['AGE_BAND'],
        targets: [{ quarters: [12, 15, 15, 15] }],
      },
    ],
  },
  {
    type: 'OUTCOME',
    title: 'Cộng đồng và cán bộ cơ sở chủ động phòng ngừa, phát hiện và chuyển gửi các trường hợp bạo lực',
    description: 'Communities and local staff prevent violence, recognise it and refer the people affected.',
    indicators: [
      {
        code: 'OC2.1',
        name: 'Số buổi truyền thông phòng chống bạo lực gia đình tại thôn, bản',
        description: 'Community awareness sessions held, from the women’s union’s activity logs; reported quarterly.',
        aggregation: 'SUM',
        source: 'REPORTED',
        baseline: { value: 6, year: PROGRAM_YEAR - 1 },
        disaggregations: [],
        targets: [{ quarters: [12, 12, 12, 12] }],
      },
      {
        code: 'OC2.2',
        name: 'Số nhân viên y tế thôn bản được tập huấn nhận diện và chuyển gửi nạn nhân bạo lực',
        description: 'Village health workers trained to recognise and refer survivors of violence, from the hospital’s training records.',
        aggregation: 'SUM',
        source: 'REPORTED',
        disaggregations: [],
        targets: [{ quarters: [null, 20, 20, 10] }], // the training began in the second quarter
      },
    ],
  },
];

/** One version of a reported value: submitted, then approved by the lead or left waiting. */
interface DemoReportedVersion {
  value: number;
  note: string;
  approve: boolean;
  reviewNote?: string;
}

const DEMO_REPORTED_VALUES: { by: Actor; indicator: string; quarter: string; versions: DemoReportedVersion[] }[] = [
  {
    by: UNION_ADMIN,
    indicator: 'OC2.1',
    quarter: QUARTERS[0],
    versions: [{ value: 9, note: 'Sổ theo dõi hoạt động của 6 chi hội xã.', approve: true }],
  },
  {
    by: UNION_ADMIN,
    indicator: 'OC2.1',
    quarter: QUARTERS[1],
    versions: [
      { value: 14, note: 'Sổ theo dõi hoạt động của 6 chi hội xã.', approve: true },
      {
        value: 16,
        note: 'Bổ sung 2 buổi ở xã Y Tý do chi hội nộp biên bản muộn.',
        approve: true,
        reviewNote: 'Đã đối chiếu biên bản; duyệt bản sửa.',
      },
    ],
  },
  {
    by: UNION_ADMIN,
    indicator: 'OC2.1',
    quarter: QUARTERS[2],
    versions: [{ value: 12, note: 'Sổ theo dõi hoạt động; 2 buổi hoãn vì mưa lũ.', approve: true }],
  },
  {
    by: HOSPITAL_ADMIN,
    indicator: 'OC2.2',
    quarter: QUARTERS[1],
    versions: [{ value: 18, note: 'Danh sách học viên lớp tập huấn tháng 5.', approve: true }],
  },
  {
    // Left waiting for the lead: the funder does not see it until it is approved.
    by: HOSPITAL_ADMIN,
    indicator: 'OC2.2',
    quarter: QUARTERS[2],
    versions: [{ value: 22, note: 'Danh sách học viên lớp tập huấn tháng 8.', approve: false }],
  },
];

/** Services given from a day after enrolment: `every` days apart, `times` times. */
type Visit = [service: ServiceKey, afterDays: number, every: number, times: number];

interface ProgramPerson {
  /** A demo client registered by the referral network above, or a new one to register. */
  client: { existing: ClientKey } | { input: ProgramClientInput };
  enrolledOn: string;
  visits: Visit[];
}

interface ProgramClientInput {
  fullName: string;
  sex: 'FEMALE' | 'MALE';
  birthDate?: string;
  ageBand?: 'AGE_0_5' | 'AGE_6_11' | 'AGE_12_17' | 'AGE_18_59' | 'AGE_60_PLUS';
  preferredLanguage?: string;
  region: string;
  vulnerabilities: Vulnerability[];
}

const person = (
  fullName: string,
  sex: 'FEMALE' | 'MALE',
  born: string,
  region: string,
  vulnerabilities: Vulnerability[],
  enrolledOn: string,
  visits: Visit[],
  preferredLanguage?: string,
): ProgramPerson => ({
  client: {
    input: {
      fullName,
      sex,
      ...(born.startsWith('AGE_') ? { ageBand: born as ProgramClientInput['ageBand'] } : { birthDate: born }),
      region,
      vulnerabilities,
      preferredLanguage,
    },
  },
  enrolledOn,
  visits,
});

const SV: Vulnerability = 'SURVIVOR_OF_VIOLENCE';
const EM: Vulnerability = 'ETHNIC_MINORITY';
const NOCARE: Vulnerability = 'CHILD_WITHOUT_PARENTAL_CARE';

/**
 * Each implementing partner's own people, enrolled through the programme's first year (the dates
 * are in PROGRAM_YEAR). Enough people that some cells reach the programme's threshold and others
 * are suppressed: few boys and men, few from Lai Châu, and one region typed without accents.
 */
const DEMO_ACTIVITY: { by: Actor; people: ProgramPerson[] }[] = [
  {
    by: UNION_ADMIN,
    people: [
      person('Giàng Thị Sua', 'FEMALE', '1993-03-08', 'Lào Cai', [SV, EM], '2026-01-09', [['unionShelter', 0, 0, 1], ['unionLegalAid', 7, 28, 4]], 'hmn'),
      person('Nguyễn Thị Thu Hà', 'FEMALE', '1988-11-19', 'Lào Cai', [SV], '2026-01-20', [['unionLegalAid', 0, 21, 5]], 'vi'),
      person('Tẩn Thị Mây', 'FEMALE', '1999-07-02', 'Lao Cai', [SV, EM, 'LIVING_IN_POVERTY'], '2026-02-03', [['unionShelter', 0, 0, 1], ['unionLegalAid', 10, 30, 3]]),
      { client: { existing: 'may' }, enrolledOn: '2026-02-10', visits: [['unionLegalAid', 0, 14, 2]] },
      person('Sùng Thị Pà', 'FEMALE', '2010-05-14', 'Lào Cai', [SV, EM, NOCARE], '2026-02-16', [['unionShelter', 0, 0, 1]], 'hmn'),
      person('Bùi Thị Ngọc Ánh', 'FEMALE', '1985-09-23', 'Lào Cai', [SV], '2026-03-04', [['unionLegalAid', 0, 30, 6]], 'vi'),
      person('Triệu Thị Chài', 'FEMALE', '1991-12-30', 'Lào Cai', ['SURVIVOR_OF_TRAFFICKING', EM], '2026-03-18', [['unionShelter', 0, 0, 1], ['unionLegalAid', 14, 30, 3]]),
      { client: { existing: 'hanhAtUnion' }, enrolledOn: '2026-04-06', visits: [['unionShelter', 0, 0, 1], ['unionLegalAid', 7, 21, 4]] },
      person('Vàng Thị Chơ', 'FEMALE', '2009-01-25', 'Lào Cai', ['SURVIVOR_OF_TRAFFICKING', EM], '2026-04-22', [['unionShelter', 0, 0, 1], ['unionLegalAid', 20, 0, 1]], 'hmn'),
      person('Hầu Thị Dính', 'FEMALE', '1996-06-17', 'Lai Châu', [SV, EM], '2026-05-11', [['unionShelter', 0, 0, 1], ['unionLegalAid', 5, 30, 3]], 'hmn'),
      person('Hầu A Sình', 'MALE', '2018-02-09', 'Lai Châu', [SV, EM], '2026-05-11', [['unionShelter', 0, 0, 1]], 'hmn'),
      person('Đỗ Thị Lệ', 'FEMALE', '1979-04-03', 'Lào Cai', [SV, 'LIVING_IN_POVERTY'], '2026-06-02', [['unionLegalAid', 0, 21, 4]], 'vi'),
      person('Thào Thị Dung', 'FEMALE', '2011-10-12', 'Lào Cai', [SV, EM], '2026-06-15', [['unionShelter', 0, 0, 1]], 'hmn'),
      person('Lò Thị Ún', 'FEMALE', '1990-08-21', 'Lai Châu', [SV, EM], '2026-07-07', [['unionLegalAid', 0, 28, 4]]),
      person('Phùng Thị Kiều', 'FEMALE', 'AGE_60_PLUS', 'Lào Cai', [SV, 'OLDER_PERSON_LIVING_ALONE', EM], '2026-08-12', [['unionLegalAid', 0, 30, 3]]),
      person('Nông Thị Huyền', 'FEMALE', '1998-10-05', 'Lào Cai', [SV, EM], '2026-09-01', [['unionShelter', 0, 0, 1], ['unionLegalAid', 7, 21, 3]], 'vi'),
      person('Trần Thị Kim Oanh', 'FEMALE', '1987-01-28', 'Lào Cai', [SV], '2026-10-13', [['unionLegalAid', 0, 14, 3]], 'vi'),
      person('Mùa Thị Sính', 'FEMALE', '2000-03-03', 'Lào Cai', ['SURVIVOR_OF_TRAFFICKING', EM], '2026-11-09', [['unionShelter', 0, 0, 1]], 'hmn'),
    ],
  },
  {
    by: HOSPITAL_ADMIN,
    people: [
      person('Giàng A Dế', 'MALE', '2013-04-10', 'Lào Cai', [NOCARE, EM], '2026-01-15', [['hospitalChecks', 0, 91, 4]], 'hmn'),
      person('Vàng Thị Súa', 'FEMALE', '2014-09-02', 'Lào Cai', [NOCARE, EM], '2026-01-15', [['hospitalChecks', 0, 91, 4]], 'hmn'),
      person('Lý Thị Mỷ', 'FEMALE', '2012-12-20', 'Lào Cai', [EM, 'LIVING_IN_POVERTY'], '2026-01-15', [['hospitalChecks', 0, 91, 4]]),
      person('Thào A Sáng', 'MALE', '2016-06-06', 'Lai Châu', [NOCARE, EM], '2026-01-22', [['hospitalChecks', 0, 91, 4]], 'hmn'),
      person('Nguyễn Thị Lan Anh', 'FEMALE', '1992-02-17', 'Lào Cai', [SV], '2026-01-27', [['hospitalChecks', 0, 0, 1], ['hospitalMentalHealth', 14, 28, 3]], 'vi'),
      person('Sùng Thị Dế', 'FEMALE', '1997-05-30', 'Lào Cai', [SV, EM], '2026-02-24', [['hospitalChecks', 0, 0, 1], ['hospitalMentalHealth', 7, 28, 2]], 'hmn'),
      person('Hoàng Thị Nhung', 'FEMALE', '1958-03-11', 'Lào Cai', [SV, 'OLDER_PERSON_LIVING_ALONE', 'PERSON_WITH_DISABILITY'], '2026-03-09', [['hospitalChecks', 0, 0, 1], ['hospitalRehab', 0, 7, 10]]),
      person('Lò Thị Bích', 'FEMALE', '2021-03-03', 'Lào Cai', [EM], '2026-04-14', [['hospitalChecks', 0, 91, 3]]),
      person('Lò Văn Tuấn', 'MALE', '2022-08-08', 'Lào Cai', [EM], '2026-04-14', [['hospitalChecks', 0, 91, 3]]),
      person('Ma Thị Hoa', 'FEMALE', '1989-10-10', 'Lào Cai', [SV, EM], '2026-04-28', [['hospitalChecks', 0, 0, 1], ['hospitalMentalHealth', 10, 30, 2]]),
      person('Tráng A Chinh', 'MALE', '2011-01-17', 'Lai Châu', [NOCARE, EM], '2026-05-19', [['hospitalChecks', 0, 91, 3]], 'hmn'),
      person('Vi Thị Thanh Tâm', 'FEMALE', '2008-12-01', 'Lào Cai', [SV], '2026-06-09', [['hospitalChecks', 0, 0, 1], ['hospitalMentalHealth', 14, 21, 3]], 'vi'),
      person('Chảo Thị Lìn', 'FEMALE', '1995-01-05', 'Lào Cai', [SV, EM], '2026-07-14', [['hospitalChecks', 0, 0, 1]]),
      person('Giàng Thị Mỷ', 'FEMALE', '2015-11-11', 'Lào Cai', [NOCARE, EM], '2026-08-04', [['hospitalChecks', 0, 91, 2]], 'hmn'),
      person('Đinh Văn Khải', 'MALE', '2010-04-04', 'Lào Cai', ['PERSON_WITH_DISABILITY'], '2026-08-18', [['hospitalChecks', 0, 0, 1], ['hospitalRehab', 0, 7, 8]], 'vi'),
      person('Lê Thị Thu', 'FEMALE', '1983-06-23', 'Lào Cai', [SV], '2026-09-08', [['hospitalChecks', 0, 0, 1], ['hospitalMentalHealth', 7, 21, 3]], 'vi'),
      person('Sần Thị Vân', 'FEMALE', '1994-12-12', 'Lai Châu', [SV, EM], '2026-10-20', [['hospitalChecks', 0, 0, 1]]),
    ],
  },
];

/** The funder's key for its dashboard; its secret is printed when the seed creates it, and never again. */
const DEMO_API_KEY = { by: FUND_ADMIN, name: 'Programme dashboard (demo)', scopes: ['METRICS_READ'] };

const PROGRAM_FIELDS = `id name startsOn endsOn suppressionThreshold
  members { id role status version organization { id } }
  results { id title indicators { id code targets { periodType periodStart dimension dimensionValue value } } }`;
const PROGRAMS = 'query SeedPrograms { programs(first: 100) { edges { node { id name myRole } } } }';
const PROGRAM = `query SeedProgram($id: ID!) { program(id: $id) { ${PROGRAM_FIELDS} } }`;
const CREATE_PROGRAM = `mutation SeedCreateProgram($input: CreateProgramInput!) { createProgram(input: $input) { ${PROGRAM_FIELDS} } }`;
const INVITE_PROGRAM_MEMBER = `mutation SeedInviteProgramMember($input: InviteProgramMemberInput!) {
  inviteProgramMember(input: $input) { id role status version organization { id } }
}`;
const ACCEPT_PROGRAM_INVITATION = `mutation SeedAcceptProgramInvitation($input: ProgramMembershipChangeInput!) {
  acceptProgramInvitation(input: $input) { id status version }
}`;
const ADD_PROGRAM_RESULT = 'mutation SeedAddProgramResult($input: AddProgramResultInput!) { addProgramResult(input: $input) { id title } }';
const ADD_INDICATOR = 'mutation SeedAddIndicator($input: AddIndicatorInput!) { addIndicator(input: $input) { id code } }';
const SET_INDICATOR_TARGET = 'mutation SeedSetIndicatorTarget($input: SetIndicatorTargetInput!) { setIndicatorTarget(input: $input) { id } }';
const PROGRAM_ENROLLMENTS = `query SeedProgramEnrollments($programId: ID!) {
  programEnrollments(programId: $programId, first: 1) { edges { node { id } } }
}`;
const PROGRAM_CLIENTS = 'query SeedProgramClients($search: String!) { clients(search: $search, first: 100) { edges { node { id fullName } } } }';
const ENROLL_CLIENT = 'mutation SeedEnrollClient($input: EnrollClientInput!) { enrollClient(input: $input) { id enrolledOn } }';
const RECORD_SERVICE_DELIVERY = `mutation SeedRecordServiceDelivery($input: RecordServiceDeliveryInput!) {
  recordServiceDelivery(input: $input) { id deliveredOn }
}`;
const REPORTED_VALUES = `query SeedReportedValues($programId: ID!) {
  reportedValues(programId: $programId, first: 100) {
    edges { node { id indicatorId periodType periodStart dimension revision status value reporter { id } } }
  }
}`;
const REPORTED_VALUE_RESULT = 'id revision status value';
const SUBMIT_REPORTED_VALUE = `mutation SeedSubmitReportedValue($input: SubmitReportedValueInput!) {
  submitReportedValue(input: $input) { ${REPORTED_VALUE_RESULT} }
}`;
const REVIEW_REPORTED_VALUE = `mutation SeedReviewReportedValue($input: ReviewReportedValueInput!) {
  reviewReportedValue(input: $input) { ${REPORTED_VALUE_RESULT} }
}`;
const API_KEYS = 'query SeedApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes revokedAt } } } }';
const CREATE_API_KEY = 'mutation SeedCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix } } }';
const METRIC_VALUE = '__typename ... on MetricNumber { value } ... on SuppressedValue { reason threshold }';
const PROGRAM_METRICS = `query SeedProgramMetrics($programId: ID!, $from: LocalDate!, $to: LocalDate!) {
  programMetrics(programId: $programId, periodType: QUARTER, from: $from, to: $to, disaggregateBy: SEX) {
    suppressionThreshold
    periods {
      periodStart
      peopleEnrolled { total { ${METRIC_VALUE} } }
      peopleServed { total { ${METRIC_VALUE} } }
      indicators {
        indicator { code }
        target
        actual { ${METRIC_VALUE} }
        breakdown { value target actual { ${METRIC_VALUE} } }
      }
    }
  }
}`;

interface ProgramNode {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string | null;
  suppressionThreshold: number;
  members: { id: string; role: ProgramRole; status: MembershipStatus; version: number; organization: { id: string } }[];
  results: {
    id: string;
    title: string;
    indicators: {
      id: string;
      code: string;
      targets: { periodType: string; periodStart: string; dimension: string | null; dimensionValue: string | null; value: number }[];
    }[];
  }[];
}

/** The lead's programme of that name, created if the lead has none. */
async function ensureProgram(net: Network): Promise<ProgramNode> {
  const { lead, input } = DEMO_PROGRAM;
  const { programs } = await net.as<{ programs: Edges<{ id: string; name: string; myRole: ProgramRole | null }> }>(lead, PROGRAMS);
  const found = nodes(programs).find((program) => program.name === input.name && program.myRole === 'LEAD');
  if (found) {
    console.log(`skipped programme ${input.name}: ${net.orgName(lead.org)} already leads it`);
    return (await net.as<{ program: ProgramNode }>(lead, PROGRAM, { id: found.id })).program;
  }
  const { createProgram } = await net.as<{ createProgram: ProgramNode }>(lead, CREATE_PROGRAM, { input });
  console.log(`created programme ${input.name}, led by ${net.orgName(lead.org)}`);
  return createProgram;
}

/**
 * Invites each demo member the lead has no membership for, and has each invited one accept. Returns
 * the organizations that are ACTIVE members; one that declined or was removed by hand is left alone.
 */
async function ensureProgramMembers(net: Network, program: ProgramNode): Promise<Set<OrgKey>> {
  const active = new Set<OrgKey>();
  for (const spec of DEMO_PROGRAM.members) {
    const name = net.orgName(spec.org);
    let membership = program.members.find((member) => member.organization.id === net.orgIds[spec.org]);
    if (!membership) {
      ({ inviteProgramMember: membership } = await net.as<{ inviteProgramMember: ProgramNode['members'][number] }>(DEMO_PROGRAM.lead, INVITE_PROGRAM_MEMBER, {
        input: { programId: program.id, organizationId: net.orgIds[spec.org], role: spec.role },
      }));
      console.log(`invited ${name} into the programme as ${spec.role}`);
    }
    if (membership.status === 'INVITED') {
      await net.as(adminOf(spec.org), ACCEPT_PROGRAM_INVITATION, { input: { membershipId: membership.id, expectedVersion: membership.version } });
      console.log(`${name} accepted the programme invitation: now an ACTIVE ${membership.role}`);
      active.add(spec.org);
    } else if (membership.status === 'ACTIVE') {
      console.log(`skipped programme member ${name}: already ACTIVE as ${membership.role}`);
      active.add(spec.org);
    } else {
      console.log(`skipped programme member ${name}: its membership is ${membership.status}, off the demo path`);
    }
  }
  return active;
}

/** Adds the results, indicators and targets the programme does not have yet; an existing target is kept as it is. */
async function ensureResultsFramework(net: Network, program: ProgramNode): Promise<Map<string, string>> {
  const lead = DEMO_PROGRAM.lead;
  const indicatorIds = new Map<string, string>();
  const added = { results: 0, indicators: 0, targets: 0 };
  const kept = { results: 0, indicators: 0, targets: 0 };
  for (const spec of DEMO_RESULTS) {
    let result = program.results.find((candidate) => candidate.title === spec.title);
    if (result) {
      kept.results++;
    } else {
      const { addProgramResult } = await net.as<{ addProgramResult: { id: string; title: string } }>(lead, ADD_PROGRAM_RESULT, {
        input: { programId: program.id, type: spec.type, title: spec.title, description: spec.description },
      });
      result = { ...addProgramResult, indicators: [] };
      added.results++;
    }
    for (const indicatorSpec of spec.indicators) {
      // Codes are unique in the programme, so look in every result.
      let indicator = program.results.flatMap((candidate) => candidate.indicators).find((candidate) => candidate.code === indicatorSpec.code);
      if (indicator) {
        kept.indicators++;
      } else {
        const { addIndicator } = await net.as<{ addIndicator: { id: string; code: string } }>(lead, ADD_INDICATOR, {
          input: {
            resultId: result.id,
            code: indicatorSpec.code,
            name: indicatorSpec.name,
            description: indicatorSpec.description,
            measure: indicatorSpec.measure ?? 'UNIT',
            aggregation: indicatorSpec.aggregation,
            source: indicatorSpec.source,
            serviceCategoryCode: indicatorSpec.serviceCategoryCode,
            baselineValue: indicatorSpec.baseline?.value,
            baselineYear: indicatorSpec.baseline?.year,
            disaggregations: indicatorSpec.disaggregations,
          },
        });
        indicator = { ...addIndicator, targets: [] };
        added.indicators++;
      }
      indicatorIds.set(indicatorSpec.code, indicator.id);
      for (const target of indicatorSpec.targets) {
        for (const [index, value] of target.quarters.entries()) {
          if (value === null) continue;
          const cell = { periodType: 'QUARTER', periodStart: QUARTERS[index], dimension: target.dimension ?? null, dimensionValue: target.dimensionValue ?? null };
          const exists = indicator.targets.some(
            (t) => t.periodType === cell.periodType && t.periodStart === cell.periodStart && t.dimension === cell.dimension && t.dimensionValue === cell.dimensionValue,
          );
          if (exists) {
            kept.targets++;
            continue;
          }
          await net.as(lead, SET_INDICATOR_TARGET, { input: { indicatorId: indicator.id, ...cell, value } });
          added.targets++;
        }
      }
    }
  }
  const counts = (c: typeof added) => `${c.results} results, ${c.indicators} indicators, ${c.targets} quarterly targets`;
  if (added.results + added.indicators + added.targets) console.log(`added ${counts(added)} to the results framework`);
  if (kept.results + kept.indicators + kept.targets) console.log(`skipped ${counts(kept)}: already in the results framework`);
  return indicatorIds;
}

/** Registers the client unless its organization has one of that name; answers the id. */
async function ensureProgramClient(net: Network, by: Actor, input: ProgramClientInput): Promise<{ id: string; created: boolean }> {
  const { clients } = await net.as<{ clients: Edges<{ id: string; fullName: string }> }>(by, PROGRAM_CLIENTS, { search: input.fullName });
  const existing = nodes(clients).find((client) => client.fullName === input.fullName);
  if (existing) return { id: existing.id, created: false };
  const { registerClient } = await net.as<{ registerClient: { id: string } }>(by, REGISTER_CLIENT, { input });
  return { id: registerClient.id, created: true };
}

/** The days a person's visits fall on, up to today and within the programme. */
function visitDates(enrolledOn: string, visit: Visit, until: string): string[] {
  const [, afterDays, every, times] = visit;
  return Array.from({ length: times }, (_, i) => addDays(enrolledOn, afterDays + i * every)).filter((date) => date <= until);
}

/**
 * A member's year of activity: registers its people, enrols them, records their services. Deliveries
 * are not idempotent, so a member that already has any enrolment in the programme is skipped whole.
 */
async function seedMemberActivity(net: Network, program: ProgramNode, spec: (typeof DEMO_ACTIVITY)[number]): Promise<void> {
  const name = net.orgName(spec.by.org);
  const { programEnrollments } = await net.as<{ programEnrollments: Edges<{ id: string }> }>(spec.by, PROGRAM_ENROLLMENTS, { programId: program.id });
  if (programEnrollments.edges.length) {
    console.log(`skipped the programme activity of ${name}: it already has enrolments (deliveries are not idempotent, so none are added)`);
    return;
  }
  const until = [daysFromToday(0), program.endsOn ?? daysFromToday(0)].sort()[0];
  let registered = 0;
  let enrolled = 0;
  let deliveries = 0;
  for (const entry of spec.people) {
    if (entry.enrolledOn > until) continue;
    let clientId: string;
    if ('existing' in entry.client) {
      const id = net.clientIds.get(entry.client.existing);
      if (!id) throw new Error(`the demo client ${entry.client.existing} was not registered by the referral network`);
      clientId = id;
    } else {
      const client = await ensureProgramClient(net, spec.by, entry.client.input);
      clientId = client.id;
      if (client.created) registered++;
    }
    const { enrollClient } = await net.as<{ enrollClient: { id: string } }>(spec.by, ENROLL_CLIENT, {
      input: { programId: program.id, clientId, enrolledOn: entry.enrolledOn },
    });
    enrolled++;
    const dated = entry.visits
      .flatMap((visit) => visitDates(entry.enrolledOn, visit, until).map((date) => [visit[0], date] as const))
      .sort((x, y) => x[1].localeCompare(y[1]));
    for (const [service, deliveredOn] of dated) {
      const serviceId = net.serviceIds.get(service);
      if (!serviceId) throw new Error(`the demo service ${service} is not in the directory`);
      await net.as(spec.by, RECORD_SERVICE_DELIVERY, { input: { enrollmentId: enrollClient.id, serviceId, deliveredOn } });
      deliveries++;
    }
  }
  console.log(`${name}: registered ${registered} clients, enrolled ${enrolled} people and recorded ${deliveries} service deliveries up to ${until}`);
}

interface ReportedValueNode {
  id: string;
  indicatorId: string;
  periodType: string;
  periodStart: string;
  dimension: string | null;
  revision: number;
  status: 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';
  value: number;
  reporter: { id: string };
}

/**
 * Takes each reported value through its versions: submitted by the partner, approved by the lead,
 * corrected as a new version. Revisions already there are skipped; one still waiting is approved
 * if the demo approves it. Only for quarters that have ended.
 */
async function ensureReportedValues(net: Network, program: ProgramNode, indicatorIds: Map<string, string>, active: Set<OrgKey>): Promise<void> {
  const lead = DEMO_PROGRAM.lead;
  for (const spec of DEMO_REPORTED_VALUES) {
    const indicatorId = indicatorIds.get(spec.indicator)!;
    const label = `${spec.indicator} for ${quarterLabel(spec.quarter)} by ${net.orgName(spec.by.org)}`;
    if (!active.has(spec.by.org)) {
      console.log(`skipped reported value ${label}: the reporter is not an ACTIVE member`);
      continue;
    }
    if (quarterEnd(spec.quarter) >= daysFromToday(0)) {
      console.log(`skipped reported value ${label}: the quarter has not ended`);
      continue;
    }
    const readVersions = async () => {
      const { reportedValues } = await net.as<{ reportedValues: Edges<ReportedValueNode> }>(spec.by, REPORTED_VALUES, { programId: program.id });
      return nodes(reportedValues)
        .filter((v) => v.indicatorId === indicatorId && v.periodType === 'QUARTER' && v.periodStart === spec.quarter && v.dimension === null)
        .sort((x, y) => x.revision - y.revision);
    };
    const versions = await readVersions();
    const changes: string[] = [];
    for (const [index, step] of spec.versions.entries()) {
      let version = versions.find((v) => v.revision === index + 1);
      if (!version) {
        const latest = versions.at(-1);
        if (latest && latest.status === 'SUBMITTED') break; // waiting for the lead by someone's hand: leave it
        ({ submitReportedValue: version } = await net.as<{ submitReportedValue: ReportedValueNode }>(spec.by, SUBMIT_REPORTED_VALUE, {
          input: { indicatorId, periodType: 'QUARTER', periodStart: spec.quarter, value: step.value, note: step.note },
        }));
        versions.push(version);
        changes.push(`submitted ${step.value}${index ? ` (correction, version ${version.revision})` : ''}`);
      }
      if (version.status === 'SUBMITTED' && step.approve) {
        const { reviewReportedValue } = await net.as<{ reviewReportedValue: ReportedValueNode }>(lead, REVIEW_REPORTED_VALUE, {
          input: { reportedValueId: version.id, approve: true, note: step.reviewNote },
        });
        Object.assign(version, reviewReportedValue);
        changes.push(`approved version ${version.revision}`);
      }
    }
    // Approving a correction supersedes the version before it: read them back rather than guess.
    const now = (changes.length ? await readVersions() : versions).map((v) => `v${v.revision} ${v.value} ${v.status}`).join(', ');
    console.log(changes.length ? `reported value ${label}: ${changes.join(', ')} → ${now}` : `skipped reported value ${label}: already ${now}`);
  }
}

/** Creates the funder's key unless it has a key of that name in force; prints the secret only when it creates it. */
async function ensureFunderApiKey(net: Network): Promise<void> {
  const { by, name, scopes } = DEMO_API_KEY;
  const { apiKeys } = await net.as<{ apiKeys: Edges<{ id: string; name: string; prefix: string; revokedAt: string | null }> }>(by, API_KEYS);
  const existing = nodes(apiKeys).find((key) => key.name === name && !key.revokedAt);
  if (existing) {
    console.log(
      `skipped API key "${name}" of ${net.orgName(by.org)} (${existing.prefix}…): it exists, and its secret was shown only when it was created. ` +
        `Create another with createApiKey as ${by.email}.`,
    );
    return;
  }
  const { createApiKey } = await net.as<{ createApiKey: { secret: string; apiKey: { prefix: string } } }>(by, CREATE_API_KEY, { input: { name, scopes } });
  console.log(`created API key "${name}" for ${net.orgName(by.org)} with ${scopes.join(', ')}. Its secret, shown this once (local demo only):`);
  console.log(`  ${createApiKey.secret}`);
}

type MetricValueNode = { __typename: 'MetricNumber'; value: number } | { __typename: 'SuppressedValue'; reason: string; threshold: number };

interface MetricsNode {
  suppressionThreshold: number;
  periods: {
    periodStart: string;
    peopleEnrolled: { total: MetricValueNode };
    peopleServed: { total: MetricValueNode };
    indicators: {
      indicator: { code: string };
      target: number | null;
      actual: MetricValueNode | null;
      breakdown: { value: string; target: number | null; actual: MetricValueNode | null }[];
    }[];
  }[];
}

const SUPPRESSION_LABEL: Record<string, string> = {
  BELOW_THRESHOLD: 'below',
  OTHERS_BELOW_THRESHOLD: 'others below',
  COMPLEMENTARY: 'compl.',
  DERIVED_FROM_SUPPRESSED: 'derived',
};

function formatMetric(value: MetricValueNode | null, target: number | null = null): string {
  const actual = !value ? '–' : value.__typename === 'MetricNumber' ? String(Math.round(value.value * 10) / 10) : `[${SUPPRESSION_LABEL[value.reason]}]`;
  return target === null ? actual : `${actual}/${target}`;
}

/** What the funder sees: read back through programMetrics as the funder, so it shows what exists and what is withheld. */
async function printProgramMetrics(net: Network, program: ProgramNode): Promise<void> {
  const { programMetrics } = await net.as<{ programMetrics: MetricsNode }>(DEMO_API_KEY.by, PROGRAM_METRICS, {
    programId: program.id,
    from: QUARTERS[0],
    to: quarterEnd(QUARTERS[3]),
  });
  const codes = programMetrics.periods[0].indicators.map((progress) => progress.indicator.code);
  const header = ['Quarter', 'Enrolled', 'Served', ...codes, 'OP1.2 F', 'OP1.2 M'];
  const rows = programMetrics.periods.map((period) => {
    const progress = (code: string) => period.indicators.find((p) => p.indicator.code === code)!;
    const bySex = (value: string) => {
      const cell = progress('OP1.2').breakdown.find((c) => c.value === value)!;
      return formatMetric(cell.actual, cell.target);
    };
    return [
      quarterLabel(period.periodStart),
      formatMetric(period.peopleEnrolled.total),
      formatMetric(period.peopleServed.total),
      ...codes.map((code) => formatMetric(progress(code).actual, progress(code).target)),
      bySex('FEMALE'),
      bySex('MALE'),
    ];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  console.log(`\nJoint programme "${program.name}" as ${net.orgName(DEMO_API_KEY.by.org)} sees it (programMetrics by quarter, actual/target):\n`);
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`);
  console.log(
    `\n  [below]: fewer than ${programMetrics.suppressionThreshold} people, withheld; [compl.]: withheld so that it cannot be worked out ` +
      'from the total; [derived]: computed from a withheld figure; –: no approved value. OP1.2 F and M: by sex.',
  );
  console.log(`  Programme id: ${program.id}`);
}

/** Programme, members, results framework, each partner's activity, reported values, the funder's key: in that order. */
async function seedJointProgram(net: Network): Promise<void> {
  let program = await ensureProgram(net);
  const active = await ensureProgramMembers(net, program);
  const indicatorIds = await ensureResultsFramework(net, program);
  program = (await net.as<{ program: ProgramNode }>(DEMO_PROGRAM.lead, PROGRAM, { id: program.id })).program;
  for (const spec of DEMO_ACTIVITY) {
    if (!active.has(spec.by.org)) {
      console.log(`skipped the programme activity of ${net.orgName(spec.by.org)}: it is not an ACTIVE member`);
      continue;
    }
    await seedMemberActivity(net, program, spec);
  }
  await ensureReportedValues(net, program, indicatorIds, active);
  if (active.has(DEMO_API_KEY.by.org)) {
    await ensureFunderApiKey(net);
    await printProgramMetrics(net, program);
  }
}

/** Loads the demo network through the GraphQL API at `url` (a server's base URL), skipping what exists. */
export async function seedDemo(url: string): Promise<void> {
  const gql = graphqlClient(url);
  const admins: Session[] = [];
  const orgIds = {} as Record<OrgKey, string>;
  for (const org of DEMO_NETWORK) {
    const admin = await ensureOrganization(gql, org);
    for (const member of org.members) await ensureMember(gql, org, admin, member);
    admins.push(admin);
    orgIds[org.key] = admin.viewer.organization.id;
  }
  const net = new Network(gql, orgIds, admins);
  await seedReferralNetwork(net);
  await seedJointProgram(net);
  await printCredentials(gql, admins);
}
