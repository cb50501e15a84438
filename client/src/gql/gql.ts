/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Inbox($first: Int, $after: String, $last: Int, $before: String) {\n  referralInbox(first: $first, after: $after, last: $last, before: $before) {\n    totalCount\n    edges {\n      node {\n        id\n        status\n        version\n        urgency\n        dueOn\n        createdAt\n        sender {\n          name\n        }\n        client {\n          fullName\n          visibleFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n      hasPreviousPage\n      startCursor\n    }\n  }\n}": typeof types.InboxDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "query Referral($id: ID!) {\n  referral(id: $id) {\n    id\n    status\n    version\n    urgency\n    reason\n    dueOn\n    availableActions\n    sender {\n      name\n    }\n    receiver {\n      name\n    }\n    client {\n      fullName\n      ageBand\n      phone\n      region\n      visibleFields\n    }\n    timeline {\n      id\n      kind\n      createdAt\n      actorName\n      actorOrganization {\n        name\n      }\n      fromStatus\n      toStatus\n      note\n    }\n  }\n}": typeof types.ReferralDocument,
    "mutation RefreshToken($refreshToken: String!) {\n  refreshToken(input: {refreshToken: $refreshToken}) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n  }\n}": typeof types.RefreshTokenDocument,
    "mutation SignIn($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    viewer {\n      organization {\n        name\n      }\n    }\n  }\n}": typeof types.SignInDocument,
    "query Clients {\n  clients {\n    edges {\n      node {\n        fullName\n      }\n    }\n  }\n}": typeof types.ClientsDocument,
    "mutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      id\n      name\n      prefix\n      scopes\n    }\n  }\n}": typeof types.CreateApiKeyDocument,
    "query Enrollments($id: ID!) {\n  programEnrollments(programId: $id) {\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}": typeof types.EnrollmentsDocument,
    "query MetricsByQuarter($id: ID!) {\n  programMetrics(\n    programId: $id\n    periodType: QUARTER\n    from: \"2026-01-01\"\n    to: \"2026-12-31\"\n    disaggregateBy: SEX\n  ) {\n    suppressionThreshold\n    periods {\n      periodStart\n      peopleEnrolled {\n        total {\n          ...figure\n        }\n      }\n      peopleServed {\n        total {\n          ...figure\n        }\n        breakdown {\n          value\n          actual {\n            ...figure\n          }\n        }\n      }\n      indicators {\n        indicator {\n          code\n          name\n        }\n        target\n        actual {\n          ...figure\n        }\n        progressPercent {\n          ...figure\n        }\n        breakdown {\n          value\n          target\n          actual {\n            ...figure\n          }\n          progressPercent {\n            ...figure\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment figure on MetricValue {\n  __typename\n  ... on MetricNumber {\n    value\n  }\n  ... on SuppressedValue {\n    reason\n    threshold\n  }\n}": typeof types.MetricsByQuarterDocument,
    "query Programs {\n  programs {\n    edges {\n      node {\n        id\n        name\n        myRole\n        suppressionThreshold\n        regions\n        lead {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.ProgramsDocument,
    "query ReportedValues($id: ID!) {\n  reportedValues(programId: $id) {\n    edges {\n      node {\n        value\n      }\n    }\n  }\n}": typeof types.ReportedValuesDocument,
    "query ResultsFramework($id: ID!) {\n  program(id: $id) {\n    results {\n      type\n      title\n      indicators {\n        code\n        name\n        source\n        aggregation\n        serviceCategory {\n          code\n        }\n        baselineValue\n        baselineYear\n        disaggregations\n      }\n    }\n  }\n}": typeof types.ResultsFrameworkDocument,
    "mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    name\n    prefix\n    revokedAt\n  }\n}": typeof types.RevokeApiKeyDocument,
    "mutation AcceptReferral($input: ReferralChangeInput!) {\n  acceptReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}": typeof types.AcceptReferralDocument,
    "query ClientConsents($id: ID!) {\n  client(id: $id) {\n    consents {\n      id\n      inForce\n    }\n  }\n}": typeof types.ClientConsentsDocument,
    "query ClientReads($id: ID) {\n  auditEvents(entityId: $id, action: \"readClient\") {\n    edges {\n      node {\n        action\n        createdAt\n        actorOrganization {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.ClientReadsDocument,
    "mutation CompleteReferral($input: CompleteReferralInput!) {\n  completeReferral(input: $input) {\n    status\n    fhirTaskStatus\n    version\n    outcome\n  }\n}": typeof types.CompleteReferralDocument,
    "query FindClient($search: String) {\n  clients(search: $search) {\n    edges {\n      node {\n        id\n        fullName\n        ageBand\n        vulnerabilities\n      }\n    }\n  }\n}": typeof types.FindClientDocument,
    "query FindService($search: String, $region: String) {\n  services(search: $search, region: $region, acceptingReferrals: true) {\n    edges {\n      node {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        capacity {\n          available\n          maximum\n          unit\n          low\n        }\n      }\n    }\n  }\n}": typeof types.FindServiceDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n  }\n}": typeof types.LoginDocument,
    "query ReadReferral($id: ID!) {\n  referral(id: $id) {\n    status\n    version\n    availableActions\n    urgency\n    reason\n    sender {\n      name\n    }\n    client {\n      visibleFields\n      fullName\n      ageBand\n      phone\n      vulnerabilities\n      region\n      address\n      birthDate\n    }\n  }\n}": typeof types.ReadReferralDocument,
    "mutation RecordConsent($input: RecordConsentInput!) {\n  recordConsent(input: $input) {\n    id\n    inForce\n    sharedFields\n    recipientService {\n      name\n    }\n  }\n}": typeof types.RecordConsentDocument,
    "query ReferralAfterRevocation($id: ID!) {\n  referral(id: $id) {\n    status\n    outcome\n    consentInForce\n    client {\n      visibleFields\n      fullName\n      phone\n    }\n  }\n}": typeof types.ReferralAfterRevocationDocument,
    "query ReferralOutcome($id: ID!) {\n  referral(id: $id) {\n    status\n    fhirTaskStatus\n    outcome\n    serviceDelivered\n    receiver {\n      name\n    }\n    service {\n      name\n    }\n    timeline {\n      kind\n      fromStatus\n      toStatus\n      actorName\n      actorOrganization {\n        name\n      }\n      note\n      createdAt\n    }\n  }\n}": typeof types.ReferralOutcomeDocument,
    "mutation RevokeConsent($input: RevokeConsentInput!) {\n  revokeConsent(input: $input) {\n    inForce\n    revokedAt\n  }\n}": typeof types.RevokeConsentDocument,
    "mutation SendReferral($input: SendReferralInput!) {\n  sendReferral(input: $input) {\n    id\n    status\n    fhirTaskStatus\n    version\n    sharedFields\n    consentInForce\n  }\n}": typeof types.SendReferralDocument,
    "mutation StartReferral($input: ReferralChangeInput!) {\n  startReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}": typeof types.StartReferralDocument,
};
const documents: Documents = {
    "query Inbox($first: Int, $after: String, $last: Int, $before: String) {\n  referralInbox(first: $first, after: $after, last: $last, before: $before) {\n    totalCount\n    edges {\n      node {\n        id\n        status\n        version\n        urgency\n        dueOn\n        createdAt\n        sender {\n          name\n        }\n        client {\n          fullName\n          visibleFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n      hasPreviousPage\n      startCursor\n    }\n  }\n}": types.InboxDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "query Referral($id: ID!) {\n  referral(id: $id) {\n    id\n    status\n    version\n    urgency\n    reason\n    dueOn\n    availableActions\n    sender {\n      name\n    }\n    receiver {\n      name\n    }\n    client {\n      fullName\n      ageBand\n      phone\n      region\n      visibleFields\n    }\n    timeline {\n      id\n      kind\n      createdAt\n      actorName\n      actorOrganization {\n        name\n      }\n      fromStatus\n      toStatus\n      note\n    }\n  }\n}": types.ReferralDocument,
    "mutation RefreshToken($refreshToken: String!) {\n  refreshToken(input: {refreshToken: $refreshToken}) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n  }\n}": types.RefreshTokenDocument,
    "mutation SignIn($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    viewer {\n      organization {\n        name\n      }\n    }\n  }\n}": types.SignInDocument,
    "query Clients {\n  clients {\n    edges {\n      node {\n        fullName\n      }\n    }\n  }\n}": types.ClientsDocument,
    "mutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      id\n      name\n      prefix\n      scopes\n    }\n  }\n}": types.CreateApiKeyDocument,
    "query Enrollments($id: ID!) {\n  programEnrollments(programId: $id) {\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}": types.EnrollmentsDocument,
    "query MetricsByQuarter($id: ID!) {\n  programMetrics(\n    programId: $id\n    periodType: QUARTER\n    from: \"2026-01-01\"\n    to: \"2026-12-31\"\n    disaggregateBy: SEX\n  ) {\n    suppressionThreshold\n    periods {\n      periodStart\n      peopleEnrolled {\n        total {\n          ...figure\n        }\n      }\n      peopleServed {\n        total {\n          ...figure\n        }\n        breakdown {\n          value\n          actual {\n            ...figure\n          }\n        }\n      }\n      indicators {\n        indicator {\n          code\n          name\n        }\n        target\n        actual {\n          ...figure\n        }\n        progressPercent {\n          ...figure\n        }\n        breakdown {\n          value\n          target\n          actual {\n            ...figure\n          }\n          progressPercent {\n            ...figure\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment figure on MetricValue {\n  __typename\n  ... on MetricNumber {\n    value\n  }\n  ... on SuppressedValue {\n    reason\n    threshold\n  }\n}": types.MetricsByQuarterDocument,
    "query Programs {\n  programs {\n    edges {\n      node {\n        id\n        name\n        myRole\n        suppressionThreshold\n        regions\n        lead {\n          name\n        }\n      }\n    }\n  }\n}": types.ProgramsDocument,
    "query ReportedValues($id: ID!) {\n  reportedValues(programId: $id) {\n    edges {\n      node {\n        value\n      }\n    }\n  }\n}": types.ReportedValuesDocument,
    "query ResultsFramework($id: ID!) {\n  program(id: $id) {\n    results {\n      type\n      title\n      indicators {\n        code\n        name\n        source\n        aggregation\n        serviceCategory {\n          code\n        }\n        baselineValue\n        baselineYear\n        disaggregations\n      }\n    }\n  }\n}": types.ResultsFrameworkDocument,
    "mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    name\n    prefix\n    revokedAt\n  }\n}": types.RevokeApiKeyDocument,
    "mutation AcceptReferral($input: ReferralChangeInput!) {\n  acceptReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}": types.AcceptReferralDocument,
    "query ClientConsents($id: ID!) {\n  client(id: $id) {\n    consents {\n      id\n      inForce\n    }\n  }\n}": types.ClientConsentsDocument,
    "query ClientReads($id: ID) {\n  auditEvents(entityId: $id, action: \"readClient\") {\n    edges {\n      node {\n        action\n        createdAt\n        actorOrganization {\n          name\n        }\n      }\n    }\n  }\n}": types.ClientReadsDocument,
    "mutation CompleteReferral($input: CompleteReferralInput!) {\n  completeReferral(input: $input) {\n    status\n    fhirTaskStatus\n    version\n    outcome\n  }\n}": types.CompleteReferralDocument,
    "query FindClient($search: String) {\n  clients(search: $search) {\n    edges {\n      node {\n        id\n        fullName\n        ageBand\n        vulnerabilities\n      }\n    }\n  }\n}": types.FindClientDocument,
    "query FindService($search: String, $region: String) {\n  services(search: $search, region: $region, acceptingReferrals: true) {\n    edges {\n      node {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        capacity {\n          available\n          maximum\n          unit\n          low\n        }\n      }\n    }\n  }\n}": types.FindServiceDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n  }\n}": types.LoginDocument,
    "query ReadReferral($id: ID!) {\n  referral(id: $id) {\n    status\n    version\n    availableActions\n    urgency\n    reason\n    sender {\n      name\n    }\n    client {\n      visibleFields\n      fullName\n      ageBand\n      phone\n      vulnerabilities\n      region\n      address\n      birthDate\n    }\n  }\n}": types.ReadReferralDocument,
    "mutation RecordConsent($input: RecordConsentInput!) {\n  recordConsent(input: $input) {\n    id\n    inForce\n    sharedFields\n    recipientService {\n      name\n    }\n  }\n}": types.RecordConsentDocument,
    "query ReferralAfterRevocation($id: ID!) {\n  referral(id: $id) {\n    status\n    outcome\n    consentInForce\n    client {\n      visibleFields\n      fullName\n      phone\n    }\n  }\n}": types.ReferralAfterRevocationDocument,
    "query ReferralOutcome($id: ID!) {\n  referral(id: $id) {\n    status\n    fhirTaskStatus\n    outcome\n    serviceDelivered\n    receiver {\n      name\n    }\n    service {\n      name\n    }\n    timeline {\n      kind\n      fromStatus\n      toStatus\n      actorName\n      actorOrganization {\n        name\n      }\n      note\n      createdAt\n    }\n  }\n}": types.ReferralOutcomeDocument,
    "mutation RevokeConsent($input: RevokeConsentInput!) {\n  revokeConsent(input: $input) {\n    inForce\n    revokedAt\n  }\n}": types.RevokeConsentDocument,
    "mutation SendReferral($input: SendReferralInput!) {\n  sendReferral(input: $input) {\n    id\n    status\n    fhirTaskStatus\n    version\n    sharedFields\n    consentInForce\n  }\n}": types.SendReferralDocument,
    "mutation StartReferral($input: ReferralChangeInput!) {\n  startReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}": types.StartReferralDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Inbox($first: Int, $after: String, $last: Int, $before: String) {\n  referralInbox(first: $first, after: $after, last: $last, before: $before) {\n    totalCount\n    edges {\n      node {\n        id\n        status\n        version\n        urgency\n        dueOn\n        createdAt\n        sender {\n          name\n        }\n        client {\n          fullName\n          visibleFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n      hasPreviousPage\n      startCursor\n    }\n  }\n}"): (typeof documents)["query Inbox($first: Int, $after: String, $last: Int, $before: String) {\n  referralInbox(first: $first, after: $after, last: $last, before: $before) {\n    totalCount\n    edges {\n      node {\n        id\n        status\n        version\n        urgency\n        dueOn\n        createdAt\n        sender {\n          name\n        }\n        client {\n          fullName\n          visibleFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n      hasPreviousPage\n      startCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout {\n  logout\n}"): (typeof documents)["mutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Referral($id: ID!) {\n  referral(id: $id) {\n    id\n    status\n    version\n    urgency\n    reason\n    dueOn\n    availableActions\n    sender {\n      name\n    }\n    receiver {\n      name\n    }\n    client {\n      fullName\n      ageBand\n      phone\n      region\n      visibleFields\n    }\n    timeline {\n      id\n      kind\n      createdAt\n      actorName\n      actorOrganization {\n        name\n      }\n      fromStatus\n      toStatus\n      note\n    }\n  }\n}"): (typeof documents)["query Referral($id: ID!) {\n  referral(id: $id) {\n    id\n    status\n    version\n    urgency\n    reason\n    dueOn\n    availableActions\n    sender {\n      name\n    }\n    receiver {\n      name\n    }\n    client {\n      fullName\n      ageBand\n      phone\n      region\n      visibleFields\n    }\n    timeline {\n      id\n      kind\n      createdAt\n      actorName\n      actorOrganization {\n        name\n      }\n      fromStatus\n      toStatus\n      note\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RefreshToken($refreshToken: String!) {\n  refreshToken(input: {refreshToken: $refreshToken}) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n  }\n}"): (typeof documents)["mutation RefreshToken($refreshToken: String!) {\n  refreshToken(input: {refreshToken: $refreshToken}) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignIn($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    viewer {\n      organization {\n        name\n      }\n    }\n  }\n}"): (typeof documents)["mutation SignIn($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    refreshTokenExpiresAt\n    viewer {\n      organization {\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Clients {\n  clients {\n    edges {\n      node {\n        fullName\n      }\n    }\n  }\n}"): (typeof documents)["query Clients {\n  clients {\n    edges {\n      node {\n        fullName\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      id\n      name\n      prefix\n      scopes\n    }\n  }\n}"): (typeof documents)["mutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      id\n      name\n      prefix\n      scopes\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Enrollments($id: ID!) {\n  programEnrollments(programId: $id) {\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}"): (typeof documents)["query Enrollments($id: ID!) {\n  programEnrollments(programId: $id) {\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MetricsByQuarter($id: ID!) {\n  programMetrics(\n    programId: $id\n    periodType: QUARTER\n    from: \"2026-01-01\"\n    to: \"2026-12-31\"\n    disaggregateBy: SEX\n  ) {\n    suppressionThreshold\n    periods {\n      periodStart\n      peopleEnrolled {\n        total {\n          ...figure\n        }\n      }\n      peopleServed {\n        total {\n          ...figure\n        }\n        breakdown {\n          value\n          actual {\n            ...figure\n          }\n        }\n      }\n      indicators {\n        indicator {\n          code\n          name\n        }\n        target\n        actual {\n          ...figure\n        }\n        progressPercent {\n          ...figure\n        }\n        breakdown {\n          value\n          target\n          actual {\n            ...figure\n          }\n          progressPercent {\n            ...figure\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment figure on MetricValue {\n  __typename\n  ... on MetricNumber {\n    value\n  }\n  ... on SuppressedValue {\n    reason\n    threshold\n  }\n}"): (typeof documents)["query MetricsByQuarter($id: ID!) {\n  programMetrics(\n    programId: $id\n    periodType: QUARTER\n    from: \"2026-01-01\"\n    to: \"2026-12-31\"\n    disaggregateBy: SEX\n  ) {\n    suppressionThreshold\n    periods {\n      periodStart\n      peopleEnrolled {\n        total {\n          ...figure\n        }\n      }\n      peopleServed {\n        total {\n          ...figure\n        }\n        breakdown {\n          value\n          actual {\n            ...figure\n          }\n        }\n      }\n      indicators {\n        indicator {\n          code\n          name\n        }\n        target\n        actual {\n          ...figure\n        }\n        progressPercent {\n          ...figure\n        }\n        breakdown {\n          value\n          target\n          actual {\n            ...figure\n          }\n          progressPercent {\n            ...figure\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment figure on MetricValue {\n  __typename\n  ... on MetricNumber {\n    value\n  }\n  ... on SuppressedValue {\n    reason\n    threshold\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Programs {\n  programs {\n    edges {\n      node {\n        id\n        name\n        myRole\n        suppressionThreshold\n        regions\n        lead {\n          name\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query Programs {\n  programs {\n    edges {\n      node {\n        id\n        name\n        myRole\n        suppressionThreshold\n        regions\n        lead {\n          name\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReportedValues($id: ID!) {\n  reportedValues(programId: $id) {\n    edges {\n      node {\n        value\n      }\n    }\n  }\n}"): (typeof documents)["query ReportedValues($id: ID!) {\n  reportedValues(programId: $id) {\n    edges {\n      node {\n        value\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResultsFramework($id: ID!) {\n  program(id: $id) {\n    results {\n      type\n      title\n      indicators {\n        code\n        name\n        source\n        aggregation\n        serviceCategory {\n          code\n        }\n        baselineValue\n        baselineYear\n        disaggregations\n      }\n    }\n  }\n}"): (typeof documents)["query ResultsFramework($id: ID!) {\n  program(id: $id) {\n    results {\n      type\n      title\n      indicators {\n        code\n        name\n        source\n        aggregation\n        serviceCategory {\n          code\n        }\n        baselineValue\n        baselineYear\n        disaggregations\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    name\n    prefix\n    revokedAt\n  }\n}"): (typeof documents)["mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    name\n    prefix\n    revokedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptReferral($input: ReferralChangeInput!) {\n  acceptReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}"): (typeof documents)["mutation AcceptReferral($input: ReferralChangeInput!) {\n  acceptReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClientConsents($id: ID!) {\n  client(id: $id) {\n    consents {\n      id\n      inForce\n    }\n  }\n}"): (typeof documents)["query ClientConsents($id: ID!) {\n  client(id: $id) {\n    consents {\n      id\n      inForce\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClientReads($id: ID) {\n  auditEvents(entityId: $id, action: \"readClient\") {\n    edges {\n      node {\n        action\n        createdAt\n        actorOrganization {\n          name\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ClientReads($id: ID) {\n  auditEvents(entityId: $id, action: \"readClient\") {\n    edges {\n      node {\n        action\n        createdAt\n        actorOrganization {\n          name\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CompleteReferral($input: CompleteReferralInput!) {\n  completeReferral(input: $input) {\n    status\n    fhirTaskStatus\n    version\n    outcome\n  }\n}"): (typeof documents)["mutation CompleteReferral($input: CompleteReferralInput!) {\n  completeReferral(input: $input) {\n    status\n    fhirTaskStatus\n    version\n    outcome\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FindClient($search: String) {\n  clients(search: $search) {\n    edges {\n      node {\n        id\n        fullName\n        ageBand\n        vulnerabilities\n      }\n    }\n  }\n}"): (typeof documents)["query FindClient($search: String) {\n  clients(search: $search) {\n    edges {\n      node {\n        id\n        fullName\n        ageBand\n        vulnerabilities\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FindService($search: String, $region: String) {\n  services(search: $search, region: $region, acceptingReferrals: true) {\n    edges {\n      node {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        capacity {\n          available\n          maximum\n          unit\n          low\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query FindService($search: String, $region: String) {\n  services(search: $search, region: $region, acceptingReferrals: true) {\n    edges {\n      node {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        capacity {\n          available\n          maximum\n          unit\n          low\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReadReferral($id: ID!) {\n  referral(id: $id) {\n    status\n    version\n    availableActions\n    urgency\n    reason\n    sender {\n      name\n    }\n    client {\n      visibleFields\n      fullName\n      ageBand\n      phone\n      vulnerabilities\n      region\n      address\n      birthDate\n    }\n  }\n}"): (typeof documents)["query ReadReferral($id: ID!) {\n  referral(id: $id) {\n    status\n    version\n    availableActions\n    urgency\n    reason\n    sender {\n      name\n    }\n    client {\n      visibleFields\n      fullName\n      ageBand\n      phone\n      vulnerabilities\n      region\n      address\n      birthDate\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordConsent($input: RecordConsentInput!) {\n  recordConsent(input: $input) {\n    id\n    inForce\n    sharedFields\n    recipientService {\n      name\n    }\n  }\n}"): (typeof documents)["mutation RecordConsent($input: RecordConsentInput!) {\n  recordConsent(input: $input) {\n    id\n    inForce\n    sharedFields\n    recipientService {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReferralAfterRevocation($id: ID!) {\n  referral(id: $id) {\n    status\n    outcome\n    consentInForce\n    client {\n      visibleFields\n      fullName\n      phone\n    }\n  }\n}"): (typeof documents)["query ReferralAfterRevocation($id: ID!) {\n  referral(id: $id) {\n    status\n    outcome\n    consentInForce\n    client {\n      visibleFields\n      fullName\n      phone\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReferralOutcome($id: ID!) {\n  referral(id: $id) {\n    status\n    fhirTaskStatus\n    outcome\n    serviceDelivered\n    receiver {\n      name\n    }\n    service {\n      name\n    }\n    timeline {\n      kind\n      fromStatus\n      toStatus\n      actorName\n      actorOrganization {\n        name\n      }\n      note\n      createdAt\n    }\n  }\n}"): (typeof documents)["query ReferralOutcome($id: ID!) {\n  referral(id: $id) {\n    status\n    fhirTaskStatus\n    outcome\n    serviceDelivered\n    receiver {\n      name\n    }\n    service {\n      name\n    }\n    timeline {\n      kind\n      fromStatus\n      toStatus\n      actorName\n      actorOrganization {\n        name\n      }\n      note\n      createdAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeConsent($input: RevokeConsentInput!) {\n  revokeConsent(input: $input) {\n    inForce\n    revokedAt\n  }\n}"): (typeof documents)["mutation RevokeConsent($input: RevokeConsentInput!) {\n  revokeConsent(input: $input) {\n    inForce\n    revokedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendReferral($input: SendReferralInput!) {\n  sendReferral(input: $input) {\n    id\n    status\n    fhirTaskStatus\n    version\n    sharedFields\n    consentInForce\n  }\n}"): (typeof documents)["mutation SendReferral($input: SendReferralInput!) {\n  sendReferral(input: $input) {\n    id\n    status\n    fhirTaskStatus\n    version\n    sharedFields\n    consentInForce\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartReferral($input: ReferralChangeInput!) {\n  startReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}"): (typeof documents)["mutation StartReferral($input: ReferralChangeInput!) {\n  startReferral(input: $input) {\n    status\n    version\n    availableActions\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;