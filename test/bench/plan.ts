/**
 * The shape of the generated network, decided in memory before any row is written: organizations,
 * their people, services, partnerships and programmes (thousands of rows at full size). The big
 * tables (clients, referrals, timelines, enrolments, deliveries) are generated from this plan row by
 * row in generate.ts, from functions of the row's index (random.ts), so nothing of them is kept.
 */
import { foldForSearch } from '../../src/common/search-text';
import { AgeBand, ageBandOn } from '../../src/modules/clients/client.enums';
import { programRegion } from '../../src/modules/programs/dimensions';
import {
  COUNTRIES,
  countryFor,
  ORGANIZATION_KINDS,
  organizationName,
  personName,
  SERVICE_CATEGORY_CODES,
  serviceTexts,
  type Country,
  type Language,
  type OrganizationKind,
} from './names';
import type { Sizes } from './options';
import { pick, rnd, rndInt, T, uuid, weighted } from './random';

export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dateMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Referrals start on this day; clients and partnerships a little earlier. */
export const HISTORY_START = Date.parse('2024-01-01T00:00:00Z');

export interface UserPlan {
  index: number;
  id: string;
  email: string;
  displayName: string;
  createdAt: number;
}

export interface MembershipPlan {
  index: number;
  organization: number;
  user: number;
  role: 'ADMIN' | 'COORDINATOR' | 'CASEWORKER' | 'VIEWER';
  createdAt: number;
}

export interface ServicePlan {
  index: number;
  id: string;
  organization: number;
  category: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE' | 'TEMPORARILY_CLOSED';
  accepting: boolean;
}

export interface OrgPlan {
  index: number;
  id: string;
  kind: OrganizationKind;
  country: Country;
  language: Language;
  region: string;
  city: string;
  name: string;
  createdAt: number;
  admin: number;
  coordinators: number[];
  caseworkers: number[];
  services: ServicePlan[];
  /** Organizations it may send referrals to (partnership with REFERRALS flowing its way, at some point active). */
  receivers: number[];
  clientStart: number;
  clientCount: number;
  referralQuota: number;
  /** Programmes it delivers in (LEAD or ACTIVE IMPLEMENTING_PARTNER). */
  delivers: number[];
}

export type PartnershipStatus = 'PROPOSED' | 'ACTIVE' | 'DECLINED' | 'SUSPENDED' | 'ENDED';

export interface PartnershipPlan {
  index: number;
  id: string;
  proposer: number;
  partner: number;
  status: PartnershipStatus;
  proposerShares: string[];
  partnerShares: string[];
  startsOn: string;
  createdAt: number;
  /** Status changes after the proposal, in order: [to, by (org index), at]. */
  history: [PartnershipStatus, number, number][];
}

export interface ProgramMemberPlan {
  organization: number;
  role: 'LEAD' | 'IMPLEMENTING_PARTNER' | 'FUNDER';
  status: 'ACTIVE' | 'INVITED' | 'REMOVED';
}

export interface IndicatorPlan {
  index: number;
  id: string;
  result: number;
  code: string;
  name: string;
  source: 'PEOPLE_ENROLLED' | 'PEOPLE_SERVED' | 'SERVICE_DELIVERIES' | 'REPORTED';
  aggregation: 'DISTINCT_PEOPLE' | 'SUM';
  category: string | null;
  baseline: number | null;
  disaggregations: string[];
}

export interface ProgramPlan {
  index: number;
  id: string;
  lead: number;
  name: string;
  startsOn: string;
  endsOn: string;
  regions: string[];
  threshold: number;
  members: ProgramMemberPlan[];
  resultIds: string[];
  indicators: IndicatorPlan[];
}

export interface Plan {
  sizes: Sizes;
  now: number;
  orgs: OrgPlan[];
  users: UserPlan[];
  memberships: MembershipPlan[];
  services: ServicePlan[];
  partnerships: PartnershipPlan[];
  programs: ProgramPlan[];
  /** The partnership between two organizations, keyed "a:b" with a < b. */
  partnershipOf: Map<string, PartnershipPlan>;
  /** Global client index → organization. */
  clientOrg: Int32Array;
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Categories each kind of organization offers most. */
const KIND_CATEGORIES: Partial<Record<OrganizationKind, string[]>> = {
  HOSPITAL: ['HEALTH_CHECKS', 'PHYSICAL_REHABILITATION', 'MENTAL_HEALTH_CARE', 'SUBSTANCE_USE_TREATMENT', 'DISABILITY_SUPPORT', 'CRISIS_PSYCHOLOGICAL_SUPPORT'],
  COMMUNITY_GROUP: ['SHELTER', 'LEGAL_AID_AND_ADVOCACY', 'COUNSELING', 'FOOD', 'EDUCATION_AND_VOCATIONAL_TRAINING', 'FAMILY_THERAPY'],
  GOVERNMENT_AGENCY: ['CASE_MANAGEMENT', 'CHILD_PROTECTION', 'ELDERLY_CARE', 'COUNSELING', 'EMERGENCY_RELIEF', 'DISABILITY_SUPPORT'],
  SCHOOL: ['EDUCATION_AND_VOCATIONAL_TRAINING', 'CHILD_PROTECTION', 'COUNSELING'],
};

/** Partners are neighbours at these distances in the ring of organizations: about twelve each. */
const PARTNER_OFFSETS = [1, 2, 3, 5, 8, 13];

function kindOf(index: number): OrganizationKind {
  // One in twenty is a funder, so that every size has some; the rest by weight.
  if (index % 20 === 7) return 'FUNDER';
  const others = ORGANIZATION_KINDS.filter(([kind]) => kind !== 'FUNDER');
  return weighted(others, rnd(T.organization, index, 1));
}

export function buildPlan(sizes: Sizes, now: number): Plan {
  const orgs: OrgPlan[] = [];
  const users: UserPlan[] = [];
  const memberships: MembershipPlan[] = [];
  const services: ServicePlan[] = [];

  const addUser = (org: OrgPlan, role: MembershipPlan['role'], createdAt: number): number => {
    const index = users.length;
    const female = rnd(T.user, index, 1) < 0.6;
    users.push({
      index,
      id: uuid(T.user, index),
      email: `u${index}@bench.ngo-commons.test`,
      displayName: personName(org.language, female, T.user, index).full,
      createdAt,
    });
    memberships.push({ index: memberships.length, organization: org.index, user: index, role, createdAt });
    return index;
  };

  for (let o = 0; o < sizes.organizations; o++) {
    const kind = kindOf(o);
    const country = kind === 'UN_AGENCY' || kind === 'INTERNATIONAL_NGO' ? countryFor(rnd(T.organization, o, 2) * 0.85) : countryFor(rnd(T.organization, o, 2));
    const region = pick(country.regions, T.organization, o, 3);
    const city = pick(country.cities, T.organization, o, 4);
    const createdAt = Date.parse('2023-01-02T00:00:00Z') + Math.floor(rnd(T.organization, o, 5) * 180) * DAY + o * 1000;
    const org: OrgPlan = {
      index: o,
      id: uuid(T.organization, o),
      kind,
      country,
      language: country.language,
      region,
      city,
      name: organizationName(kind, country, region, city, o),
      createdAt,
      admin: -1,
      coordinators: [],
      caseworkers: [],
      services: [],
      receivers: [],
      clientStart: 0,
      clientCount: 0,
      referralQuota: 0,
      delivers: [],
    };
    orgs.push(org);
    org.admin = addUser(org, 'ADMIN', createdAt);
    const coordinators = kind === 'FUNDER' ? 1 : rndInt(T.organization, o, 6, 1, 2);
    for (let i = 0; i < coordinators; i++) org.coordinators.push(addUser(org, 'COORDINATOR', createdAt + (i + 1) * DAY));
    const caseworkers = kind === 'FUNDER' ? 0 : rndInt(T.organization, o, 7, 2, 5);
    for (let i = 0; i < caseworkers; i++) org.caseworkers.push(addUser(org, 'CASEWORKER', createdAt + (i + 3) * DAY));
    if (rnd(T.organization, o, 8) < 0.5) addUser(org, 'VIEWER', createdAt + 10 * DAY);

    const serviceCount = kind === 'FUNDER' ? 0 : kind === 'HOSPITAL' ? rndInt(T.organization, o, 9, 4, 8) : kind === 'SCHOOL' ? rndInt(T.organization, o, 9, 1, 3) : rndInt(T.organization, o, 9, 2, 6);
    const preferred = KIND_CATEGORIES[kind] ?? SERVICE_CATEGORY_CODES;
    const categories: string[] = [];
    for (let i = 0; categories.length < serviceCount && i < 40; i++) {
      const pool = rnd(T.organization, o, 40 + i) < 0.8 ? preferred : SERVICE_CATEGORY_CODES;
      const category = pick(pool, T.organization, o, 80 + i);
      if (!categories.includes(category)) categories.push(category);
    }
    for (const category of categories) {
      const index = services.length;
      const status = weighted([['ACTIVE', 90], ['INACTIVE', 4], ['TEMPORARILY_CLOSED', 6]] as const, rnd(T.service, index, 1));
      const service: ServicePlan = {
        index,
        id: uuid(T.service, index),
        organization: o,
        category,
        name: serviceTexts(category, country.language, T.service, index).name,
        status,
        accepting: status === 'ACTIVE' && rnd(T.service, index, 2) < 0.88,
      };
      services.push(service);
      org.services.push(service);
    }
  }

  // A few people work for two organizations (switchOrganization): a partner's coordinator is also a caseworker here.
  const n = orgs.length;
  for (const org of orgs) {
    if (org.kind === 'FUNDER' || rnd(T.organization, org.index, 10) >= 0.05) continue;
    const other = orgs[(org.index + 1) % n];
    const user = other.coordinators[0];
    memberships.push({ index: memberships.length, organization: org.index, user, role: 'CASEWORKER', createdAt: org.createdAt + 40 * DAY });
    org.caseworkers.push(user);
  }

  const partnerships: PartnershipPlan[] = [];
  const partnershipOf = new Map<string, PartnershipPlan>();
  for (const org of orgs) {
    for (const offset of PARTNER_OFFSETS) {
      const partner = (org.index + offset) % n;
      if (partner === org.index || partnershipOf.has(pairKey(org.index, partner))) continue;
      const index = partnerships.length;
      const funder = org.kind === 'FUNDER' || orgs[partner].kind === 'FUNDER';
      const status = weighted([['ACTIVE', 80], ['SUSPENDED', 8], ['ENDED', 5], ['PROPOSED', 4], ['DECLINED', 3]] as const, rnd(T.partnership, index, 1));
      const shares = (field: number, referralsLikely: number): string[] => {
        if (funder) return ['PROGRAM_DATA'];
        const list: string[] = [];
        if (rnd(T.partnership, index, field) < referralsLikely) list.push('REFERRALS');
        if (rnd(T.partnership, index, field + 1) < 0.9) list.push('IDENTITY_AND_CONTACT');
        if (rnd(T.partnership, index, field + 2) < 0.6) list.push('HEALTH_AND_PROTECTION');
        if (rnd(T.partnership, index, field + 3) < 0.3) list.push('PROGRAM_DATA');
        return list.length ? list : ['REFERRALS'];
      };
      const createdAt = Math.max(org.createdAt, orgs[partner].createdAt) + rndInt(T.partnership, index, 2, 5, 200) * DAY;
      const history: PartnershipPlan['history'] = [];
      let at = createdAt;
      const step = (to: PartnershipStatus, by: number) => {
        at += rndInt(T.partnership, index, 10 + history.length, 1, 30) * DAY;
        history.push([to, by, at]);
      };
      if (status === 'DECLINED') step('DECLINED', partner);
      if (status === 'ACTIVE' || status === 'SUSPENDED' || status === 'ENDED') step('ACTIVE', partner);
      if (status === 'SUSPENDED') {
        at = Math.max(at, now - 200 * DAY);
        step('SUSPENDED', rnd(T.partnership, index, 20) < 0.5 ? org.index : partner);
      }
      if (status === 'ENDED') {
        at = Math.max(at, now - 150 * DAY);
        step('ENDED', rnd(T.partnership, index, 21) < 0.5 ? org.index : partner);
      }
      const plan: PartnershipPlan = {
        index,
        id: uuid(T.partnership, index),
        proposer: org.index,
        partner,
        status,
        proposerShares: shares(3, 0.97),
        partnerShares: shares(7, 0.85),
        startsOn: isoDate(createdAt),
        createdAt,
        history,
      };
      partnerships.push(plan);
      partnershipOf.set(pairKey(org.index, partner), plan);
      if (status === 'ACTIVE' || status === 'SUSPENDED' || status === 'ENDED') {
        if (plan.proposerShares.includes('REFERRALS') && orgs[partner].services.length) org.receivers.push(partner);
        if (plan.partnerShares.includes('REFERRALS') && org.services.length) orgs[partner].receivers.push(org.index);
      }
    }
  }

  // Clients per organization: none for funders, fewer for schools and UN offices, otherwise varied.
  const weights = orgs.map((org) => {
    const factor = org.kind === 'FUNDER' ? 0 : org.kind === 'UN_AGENCY' ? 0.3 : org.kind === 'SCHOOL' ? 0.6 : 1;
    return factor * (0.4 + 1.2 * rnd(T.organization, org.index, 11));
  });
  apportion(sizes.clients, weights).forEach((count, o) => (orgs[o].clientCount = count));
  let start = 0;
  for (const org of orgs) {
    org.clientStart = start;
    start += org.clientCount;
  }
  const clientOrg = new Int32Array(sizes.clients);
  for (const org of orgs) clientOrg.fill(org.index, org.clientStart, org.clientStart + org.clientCount);
  apportion(
    sizes.referrals,
    orgs.map((org) => (org.receivers.length ? org.clientCount : 0)),
  ).forEach((quota, o) => (orgs[o].referralQuota = quota));

  const programs = planPrograms(sizes, orgs);
  for (const program of programs) {
    for (const member of program.members) {
      if (member.status === 'ACTIVE' && member.role !== 'FUNDER') orgs[member.organization].delivers.push(program.index);
    }
  }
  return { sizes, now, orgs, users, memberships, services, partnerships, programs, partnershipOf, clientOrg };
}

/** Splits `total` in proportion to `weights`, in whole numbers that add up exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const result: number[] = [];
  let carried = 0;
  let given = 0;
  for (const weight of weights) {
    carried += sum ? (total * weight) / sum : 0;
    const next = Math.round(carried);
    result.push(next - given);
    given = next;
  }
  return result;
}

const PROGRAM_NAMES: Record<Language, string[]> = {
  vi: ['Gia đình an toàn – {r} 2025–2027', 'Chăm sóc người cao tuổi dựa vào cộng đồng – {r}', 'Bảo vệ trẻ em vùng cao {r}', 'Phòng, chống mua bán người – {r}'],
  ar: ['برنامج الحماية المجتمعية – {r}', 'مبادرة الأسر الآمنة في {r}'],
  en: ['Safe Families {r} 2025–2027', 'Community care for older people – {r}'],
};

function planPrograms(sizes: Sizes, orgs: OrgPlan[]): ProgramPlan[] {
  const leads = orgs.filter((org) => ['NGO', 'GOVERNMENT_AGENCY', 'COMMUNITY_GROUP', 'INTERNATIONAL_NGO'].includes(org.kind) && org.clientCount > 0);
  const funders = orgs.filter((org) => org.kind === 'FUNDER');
  const deliverers = orgs.filter((org) => org.kind !== 'FUNDER' && org.clientCount > 0 && org.services.length > 0);
  const programs: ProgramPlan[] = [];
  for (let p = 0; p < sizes.programs; p++) {
    const lead = leads[(p * 7919) % leads.length];
    const members: ProgramMemberPlan[] = [{ organization: lead.index, role: 'LEAD', status: 'ACTIVE' }];
    const has = (o: number) => members.some((m) => m.organization === o);
    const partnerCount = rndInt(T.program, p, 1, 3, 6);
    // Implementing partners: mostly the lead's partners, some others.
    for (let i = 0; members.length < 1 + partnerCount && i < 60; i++) {
      let candidate: OrgPlan;
      if (rnd(T.program, p, 100 + i) < 0.7) {
        const offset = PARTNER_OFFSETS[Math.floor(rnd(T.program, p, 200 + i) * PARTNER_OFFSETS.length)];
        const sign = rnd(T.program, p, 300 + i) < 0.5 ? 1 : -1;
        candidate = orgs[(lead.index + sign * offset + orgs.length) % orgs.length];
      } else {
        candidate = pick(deliverers, T.program, p, 400 + i);
      }
      if (!has(candidate.index) && candidate.kind !== 'FUNDER' && candidate.clientCount > 0 && candidate.services.length > 0) {
        members.push({ organization: candidate.index, role: 'IMPLEMENTING_PARTNER', status: 'ACTIVE' });
      }
    }
    const funderCount = funders.length > 1 && rnd(T.program, p, 2) < 0.3 ? 2 : 1;
    for (let i = 0; i < funderCount && funders.length; i++) {
      const funder = funders[(p + i * 3) % funders.length];
      if (!has(funder.index)) members.push({ organization: funder.index, role: 'FUNDER', status: 'ACTIVE' });
    }
    // One invitation still open and, in some programmes, a partner removed.
    const invited = pick(deliverers, T.program, p, 3);
    if (!has(invited.index)) members.push({ organization: invited.index, role: 'IMPLEMENTING_PARTNER', status: 'INVITED' });
    const removed = pick(deliverers, T.program, p, 4);
    if (!has(removed.index) && rnd(T.program, p, 5) < 0.3) members.push({ organization: removed.index, role: 'IMPLEMENTING_PARTNER', status: 'REMOVED' });

    const startsOn = rnd(T.program, p, 6) < 0.6 ? '2025-01-01' : '2026-01-01';
    const otherRegion = pick(lead.country.regions, T.program, p, 7);
    const regions = otherRegion === lead.region ? [lead.region] : [lead.region, otherRegion];
    // The categories the delivering members offer: the derived indicators count those.
    const offered = members.filter((m) => m.role !== 'FUNDER').flatMap((m) => orgs[m.organization].services.map((s) => s.category));
    const served = offered.length ? offered[Math.floor(rnd(T.program, p, 8) * offered.length)] : 'COUNSELING';
    const delivered = offered.length ? offered[Math.floor(rnd(T.program, p, 9) * offered.length)] : 'CASE_MANAGEMENT';
    const vi = lead.language === 'vi';
    const indicatorSpecs: Omit<IndicatorPlan, 'index' | 'id'>[] = [
      { result: 0, code: 'OP1.1', name: vi ? 'Số người được tiếp nhận vào chương trình' : 'People enrolled', source: 'PEOPLE_ENROLLED', aggregation: 'DISTINCT_PEOPLE', category: null, baseline: null, disaggregations: ['SEX', 'AGE_BAND', 'REGION'] },
      { result: 0, code: 'OP1.2', name: vi ? 'Số người được cung cấp dịch vụ' : 'People served', source: 'PEOPLE_SERVED', aggregation: 'DISTINCT_PEOPLE', category: served, baseline: 0, disaggregations: ['SEX', 'AGE_BAND'] },
      { result: 0, code: 'OP1.3', name: vi ? 'Số lượt dịch vụ' : 'Services delivered', source: 'SERVICE_DELIVERIES', aggregation: 'SUM', category: delivered, baseline: null, disaggregations: ['AGE_BAND'] },
      { result: 0, code: 'OP1.4', name: vi ? 'Số người được hỗ trợ (mọi dịch vụ)' : 'People served (all services)', source: 'PEOPLE_SERVED', aggregation: 'DISTINCT_PEOPLE', category: null, baseline: null, disaggregations: ['SEX'] },
      { result: 1, code: 'OC2.1', name: vi ? 'Số buổi truyền thông cộng đồng' : 'Community awareness sessions', source: 'REPORTED', aggregation: 'SUM', category: null, baseline: 6, disaggregations: [] },
      { result: 1, code: 'OC2.2', name: vi ? 'Số cán bộ y tế thôn bản được tập huấn' : 'Village health workers trained', source: 'REPORTED', aggregation: 'DISTINCT_PEOPLE', category: null, baseline: null, disaggregations: ['SEX'] },
    ];
    programs.push({
      index: p,
      id: uuid(T.program, p),
      lead: lead.index,
      name: pick(PROGRAM_NAMES[lead.language], T.program, p, 10).replace('{r}', lead.region),
      startsOn,
      endsOn: '2027-12-31',
      regions,
      threshold: rnd(T.program, p, 11) < 0.7 ? 5 : 10,
      members,
      resultIds: [uuid(T.programResult, p * 2), uuid(T.programResult, p * 2 + 1)],
      indicators: indicatorSpecs.map((spec, i) => ({ ...spec, index: p * 8 + i, id: uuid(T.indicator, p * 8 + i) })),
    });
  }
  return programs;
}

const VULNERABILITIES = [
  'CHILD_WITHOUT_PARENTAL_CARE',
  'OLDER_PERSON_LIVING_ALONE',
  'PERSON_WITH_DISABILITY',
  'MENTAL_HEALTH_CONDITION',
  'ETHNIC_MINORITY',
  'MIGRANT_OR_DISPLACED',
  'SURVIVOR_OF_VIOLENCE',
  'SURVIVOR_OF_TRAFFICKING',
  'SUBSTANCE_USE',
  'LIVING_IN_POVERTY',
] as const;

export interface ClientPlan {
  id: string;
  fullName: string;
  preferredName: string | null;
  birthDate: string | null;
  ageBand: AgeBand | null;
  sex: 'FEMALE' | 'MALE' | 'INTERSEX' | 'UNKNOWN';
  language: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  region: string | null;
  vulnerabilities: string[];
  searchName: string;
}

/** Client `ci` of `org`, the same every time it is asked for. */
export function clientOf(org: OrgPlan, ci: number, now: number): ClientPlan {
  const u = (field: number) => rnd(T.client, ci, field);
  const sexDraw = u(1);
  const sex = sexDraw < 0.62 ? 'FEMALE' : sexDraw < 0.985 ? 'MALE' : sexDraw < 0.995 ? 'UNKNOWN' : 'INTERSEX';
  const language: Language = u(2) < 0.9 ? org.language : (['vi', 'ar', 'en'] as const)[Math.floor(u(3) * 3)];
  const name = personName(language, sex !== 'MALE', T.client, ci);
  const ageDraw = u(4);
  const age = ageDraw < 0.35 ? Math.floor(u(5) * 18) : ageDraw < 0.8 ? 18 + Math.floor(u(5) * 42) : 60 + Math.floor(u(5) * 30);
  let birthDate: string | null = null;
  let ageBand: AgeBand | null = null;
  const born = now - age * 365.25 * DAY - Math.floor(u(6) * 360) * DAY;
  if (u(7) < 0.8) birthDate = isoDate(born);
  else ageBand = ageBandOn(isoDate(born), new Date(now));
  const vulnerabilities: string[] = [];
  if (age < 18 && u(8) < 0.4) vulnerabilities.push('CHILD_WITHOUT_PARENTAL_CARE');
  if (age >= 60 && u(9) < 0.5) vulnerabilities.push('OLDER_PERSON_LIVING_ALONE');
  for (let i = 0; i < 2; i++) {
    const v = VULNERABILITIES[Math.floor(u(10 + i) * VULNERABILITIES.length)];
    if (u(12 + i) < 0.55 && !vulnerabilities.includes(v)) vulnerabilities.push(v);
  }
  if (language === 'vi' && org.country.code === 'VN' && u(14) < 0.4 && !vulnerabilities.includes('ETHNIC_MINORITY')) vulnerabilities.push('ETHNIC_MINORITY');
  const region = u(15) < 0.03 ? null : u(16) < 0.8 ? org.region : pick(org.country.regions, T.client, ci, 17);
  const minority = vulnerabilities.includes('ETHNIC_MINORITY') && u(18) < 0.5;
  const dial = org.country.code === 'VN' ? '+84 9' : org.country.code === 'JO' ? '+962 7' : org.country.code === 'LB' ? '+961 3' : '+44 7';
  const phone = u(19) < 0.85 ? `${dial}${String(Math.floor(u(20) * 1e8)).padStart(8, '0')}` : null;
  const address =
    u(21) < 0.7
      ? language === 'vi'
        ? `Thôn ${1 + Math.floor(u(22) * 12)}, xã ${pick(COUNTRIES[0].cities, T.client, ci, 23)}`
        : language === 'ar'
          ? `شارع ${pick(['الملك حسين', 'الجامعة', 'الاستقلال', 'الحمرا'], T.client, ci, 23)}، ${org.city}`
          : `${1 + Math.floor(u(22) * 200)} Market Road, ${org.city}`
      : null;
  return {
    id: uuid(T.client, ci),
    fullName: name.full,
    preferredName: name.preferred,
    birthDate,
    ageBand,
    sex,
    language: minority ? 'hmn' : language,
    phone,
    email: u(24) < 0.2 ? `client${ci}@mail.example` : null,
    address,
    region,
    vulnerabilities,
    searchName: foldForSearch([name.full, name.preferred].filter(Boolean).join(' ')),
  };
}

/** The attributes an enrolment copies from its client (see activity.service.ts). */
export function enrollmentAttributes(client: ClientPlan, enrolledOn: string, programRegions: string[]) {
  return {
    sex: client.sex,
    ageBand: client.birthDate ? ageBandOn(client.birthDate, new Date(`${enrolledOn}T00:00:00Z`)) : client.ageBand!,
    disability: client.vulnerabilities.includes('PERSON_WITH_DISABILITY'),
    region: programRegion(client.region, programRegions),
    populationGroups: client.vulnerabilities,
  };
}
