/**
 * The operations under load, as a front end would send them. The baseline endpoint answers the same
 * variables with the same JSON (checked before each load, see run.ts).
 */

export const INBOX_PAGE_SIZE = 50;

export const INBOX = `query BenchInbox($first: Int!) {
  referralInbox(first: $first) {
    edges {
      cursor
      node {
        id status version urgency reason dueOn createdAt overdue fhirTaskStatus
        sender { id name }
        receiver { id name }
        service { id name category { code name } }
        assignee { id displayName }
        client { id visibleFields fullName preferredName ageBand sex region vulnerabilities }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const REFERRAL = `query BenchReferral($id: ID!) {
  referral(id: $id) {
    id status version urgency reason needs dueOn createdAt overdue viewerSide fhirTaskStatus consentInForce
    sender { id name }
    receiver { id name }
    service { id name }
    assignee { id displayName }
    client { id visibleFields fullName ageBand sex region }
    timeline { id kind fromStatus toStatus note actorName createdAt actorOrganization { id name } }
  }
}`;

export const DIRECTORY_PAGE_SIZE = 20;

export const DIRECTORY = `query BenchServices($search: String!, $first: Int!) {
  services(search: $search, first: $first) {
    edges {
      cursor
      node {
        id name languages acceptingReferrals
        organization { id name }
        category { code name }
        locations { id city region country }
        capacity { unit available maximum low }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const DASHBOARD_YEAR = '2026';

export const DASHBOARD = `query BenchDashboard($programId: ID!, $from: LocalDate!, $to: LocalDate!) {
  programMetrics(programId: $programId, periodType: QUARTER, from: $from, to: $to, disaggregateBy: SEX) {
    periodType
    disaggregatedBy
    suppressionThreshold
    program { id name }
    periods {
      periodType periodStart periodEnd
      peopleEnrolled { ...Figure }
      peopleServed { ...Figure }
      servicesByCategory { category { code } deliveries { ...Figure } peopleServed { ...Figure } }
      referralFunnel {
        sent { ...Value } accepted { ...Value } completed { ...Value } successful { ...Value }
        medianDaysToAcceptance { ...Value } medianDaysToCompletion { ...Value }
      }
      indicators {
        indicator { id code }
        target
        actual { ...Value }
        progressPercent { ...Value }
        breakdown { value target actual { ...Value } progressPercent { ...Value } }
      }
    }
  }
}
fragment Value on MetricValue { __typename ... on MetricNumber { value } ... on SuppressedValue { reason threshold } }
fragment Figure on MetricFigure { total { ...Value } breakdown { value actual { ...Value } } }`;

export const ASSIGN = `mutation BenchAssign($input: AssignReferralInput!) {
  assignReferral(input: $input) { id version status assignee { id displayName } }
}`;

export const LOGIN = `mutation BenchLogin($input: LoginInput!) { login(input: $input) { accessToken } }`;

export const VERSION = `query BenchVersion($id: ID!) { referral(id: $id) { id version } }`;

/** The heaviest request a funder may send (issue 10's flood): a programme's IATI export. */
export const EXPORT = `query BenchExport($programId: ID!, $periodType: PeriodType!, $from: LocalDate!, $to: LocalDate!) {
  programIatiXml(programId: $programId, periodType: $periodType, from: $from, to: $to)
}`;
