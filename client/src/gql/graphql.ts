/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Age bands used in humanitarian and social-protection reporting. */
export type AgeBand =
  /** 0 to 5 years */
  | 'AGE_0_5'
  /** 6 to 11 years */
  | 'AGE_6_11'
  /** 12 to 17 years */
  | 'AGE_12_17'
  /** 18 to 59 years */
  | 'AGE_18_59'
  /** 60 years and over */
  | 'AGE_60_PLUS';

/** A permission granted to an API key. A key can do only what its scopes allow. */
export type ApiKeyScope =
  /** Read the organization directory and the acting organization */
  | 'DIRECTORY_READ'
  /** Read the acting organization's member list */
  | 'MEMBERS_READ'
  /** Read aggregate programme metrics (never a person) */
  | 'METRICS_READ';

/** A field of a client's record that consent can allow a receiving organization to see. */
export type ClientField =
  /** address */
  | 'ADDRESS'
  /** ageBand (less identifying than the birth date) */
  | 'AGE_BAND'
  /** birthDate (the exact date) */
  | 'BIRTH_DATE'
  /** email */
  | 'EMAIL'
  /** fullName and preferredName */
  | 'FULL_NAME'
  /** phone */
  | 'PHONE'
  /** preferredLanguage */
  | 'PREFERRED_LANGUAGE'
  /** region */
  | 'REGION'
  /** sex and genderIdentity */
  | 'SEX_AND_GENDER'
  /** vulnerabilities (health and protection data) */
  | 'VULNERABILITIES';

/** Completes an IN_PROGRESS referral with its outcome: the closed loop. */
export type CompleteReferralInput = {
  /** The `version` you read. If someone changed the referral since, the answer is CONFLICT with its current status. */
  expectedVersion: number;
  /** A note for the timeline (at most 4,000 characters). */
  note?: string | null | undefined;
  /** Whether the client got what they were referred for. */
  outcome: ReferralOutcome;
  /** Required when NOT_SUCCESSFUL. OTHER needs a note. */
  outcomeReason?: OutcomeReason | null | undefined;
  /** The referral. */
  referralId: string | number;
  /** Whether the service was delivered. */
  serviceDelivered: boolean;
};

/** How consent was given. */
export type ConsentMethod =
  /** Given by a parent or legal guardian on the client's behalf (name them in `givenBy`) */
  | 'GUARDIAN'
  /** Said aloud by the client and recorded by the caseworker */
  | 'VERBAL'
  /** Signed by the client */
  | 'WRITTEN';

/** What a consent is for. */
export type ConsentScope =
  /** Being matched with the recipient: the platform may compare this record's match keys (folded name, birth date, sex, hashed) with the recipient's records and tell both organizations they may hold the same person. Shares no field; referrals cannot rest on it. */
  | 'MATCHING'
  /** Sharing the chosen fields of the record with the recipient, e.g. on a referral */
  | 'SHARING';

/** A new API key. */
export type CreateApiKeyInput = {
  /** What the key is for (1–100 characters). */
  name: string;
  /** What the key may do; at least one scope. */
  scopes: Array<ApiKeyScope>;
};

/** A disaggregation dimension, with a code list shared by every programme: SEX (Sex values), AGE_BAND (AgeBand values), DISABILITY (YES, NO), REGION (one of the programme's regions, or OTHER), POPULATION_GROUP (Vulnerability values; a person can be in several). */
export type Dimension =
  /** Values: AGE_0_5, AGE_6_11, AGE_12_17, AGE_18_59, AGE_60_PLUS */
  | 'AGE_BAND'
  /** Values: YES, NO */
  | 'DISABILITY'
  /** Values: the Vulnerability codes. Not a partition: groups overlap and do not add up to the total */
  | 'POPULATION_GROUP'
  /** Values: the programme's regions as written in it, or OTHER */
  | 'REGION'
  /** Values: FEMALE, MALE, INTERSEX, UNKNOWN */
  | 'SEX';

/** How values combine. Counts of distinct people do not add up across cells or periods, and small ones are suppressed for funders. */
export type IndicatorAggregation =
  /** An average */
  | 'AVERAGE'
  /** A count of distinct people (suppressed below the programme threshold) */
  | 'DISTINCT_PEOPLE'
  /** A ratio of two amounts */
  | 'RATIO'
  /** A sum of amounts */
  | 'SUM';

/** Where an indicator's actual values come from. */
export type IndicatorSource =
  /** Derived: distinct people enrolled in the programme during the period */
  | 'PEOPLE_ENROLLED'
  /** Derived: distinct enrolled people who received a service (of the indicator's category, if set) during the period */
  | 'PEOPLE_SERVED'
  /** Reported by implementing partners per period and approved by the lead */
  | 'REPORTED'
  /** Derived: services delivered (of the indicator's category, if set) during the period */
  | 'SERVICE_DELIVERIES';

/** Sign-in credentials. */
export type LoginInput = {
  /** Sign-in email. */
  email: string;
  /** Organization to act as; defaults to the one the user joined first. Use switchOrganization to change later. */
  organizationId?: string | number | null | undefined;
  /** Password. */
  password: string;
};

/** Why a referral was not successful. */
export type OutcomeReason =
  /** The client refused the services */
  | 'CLIENT_REFUSED_SERVICES'
  /** The receiver had no capacity */
  | 'LACK_OF_CAPACITY'
  /** Another reason, given in the note */
  | 'OTHER'
  /** The client no longer needed them */
  | 'SERVICES_NO_LONGER_NEEDED'
  /** Nobody could reach the client */
  | 'UNABLE_TO_CONTACT_CLIENT'
  /** The sender could not reach the receiving organization (logged referrals) */
  | 'UNABLE_TO_CONTACT_RECEIVER';

/** An organization's role in a programme; it decides what of the programme the organization sees. */
export type ProgramMemberRole =
  /** Pays for it: reads aggregate metrics, never a person */
  | 'FUNDER'
  /** Delivers services: enrols its own clients, records deliveries, reports values */
  | 'IMPLEMENTING_PARTNER'
  /** Runs the programme: invites members, defines results and indicators, approves reported values */
  | 'LEAD';

/** A client's consent to share chosen fields with one organization. */
export type RecordConsentInput = {
  /** The client who consents. */
  clientId: string | number;
  /** When consent lapses; must be in the future. */
  expiresAt?: string | null | undefined;
  /** When consent was given; defaults to now; not in the future. */
  givenAt?: string | null | undefined;
  /** Who gave consent when not the client; required for GUARDIAN (at most 300 characters). */
  givenBy?: string | null | undefined;
  /** Any string unique to this attempt (8–200 characters, e.g. a UUID made by the client). Retrying with the same key and input returns what the first attempt created instead of creating it again. */
  idempotencyKey?: string | null | undefined;
  /** How consent was given. */
  method: ConsentMethod;
  /** What the client agreed to, in the words used with them (1–1,000 characters). */
  purpose: string;
  /** The organization the client agrees to share with. */
  recipientOrganizationId: string | number;
  /** Optionally, the one service of that organization the consent is for. */
  recipientServiceId?: string | number | null | undefined;
  /** SHARING (the default): the recipient may see `sharedFields`. MATCHING: the client agrees to be matched with the recipient; `sharedFields` must then be empty. */
  scope?: ConsentScope;
  /** The fields the recipient may see. May be empty: a referral without personal details. */
  sharedFields: Array<ClientField>;
};

/** A change of state, named after its mutation (ACCEPT = acceptReferral...). */
export type ReferralAction =
  /** acceptReferral */
  | 'ACCEPT'
  /** cancelReferral */
  | 'CANCEL'
  /** closeReferral */
  | 'CLOSE'
  /** completeReferral */
  | 'COMPLETE'
  /** declineReferral */
  | 'DECLINE'
  /** startReferral */
  | 'START';

/** Identifies a referral and the version the caller last read. */
export type ReferralChangeInput = {
  /** The `version` you read. If someone changed the referral since, the answer is CONFLICT with its current status. */
  expectedVersion: number;
  /** A note for the timeline (at most 4,000 characters). */
  note?: string | null | undefined;
  /** The referral. */
  referralId: string | number;
};

/** What happened in one step of a referral's timeline. */
export type ReferralEventKind =
  /** The receiver assigned (or unassigned) a caseworker */
  | 'ASSIGNED'
  /** Someone on either side left a comment (`note`) */
  | 'COMMENTED'
  /** The receiver forwarded the client to a third organization with a new, linked referral */
  | 'FORWARDED'
  /** The referral was sent (or logged); a consent override is noted here with its reason */
  | 'SENT'
  /** The status changed from `fromStatus` to `toStatus` */
  | 'STATUS_CHANGED';

/** What came of a referral: the closed loop's answer to the sender. */
export type ReferralOutcome =
  /** They did not; `outcomeReason` says why */
  | 'NOT_SUCCESSFUL'
  /** The client got what they were referred for */
  | 'SUCCESSFUL';

/** Where a referral stands. SENT → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → IN_PROGRESS | CLOSED; IN_PROGRESS → COMPLETED | CLOSED. */
export type ReferralStatus =
  /** The receiver will help (FHIR: accepted) */
  | 'ACCEPTED'
  /** The sender withdrew it before acceptance (FHIR: cancelled; final) */
  | 'CANCELLED'
  /** Closed without completing the work, with a reason (FHIR: failed; final) */
  | 'CLOSED'
  /** Work finished, with an outcome (FHIR: completed; final) */
  | 'COMPLETED'
  /** The receiver declined, with a reason (FHIR: rejected; final) */
  | 'DECLINED'
  /** The receiver is working with the client (FHIR: in-progress) */
  | 'IN_PROGRESS'
  /** Sent, waiting for the receiver (FHIR Task: requested) */
  | 'SENT';

/** The level of a result (IATI ResultType: 1 output, 2 outcome, 3 impact). */
export type ResultType =
  /** The long-term change the programme contributes to */
  | 'IMPACT'
  /** What changes for people, e.g. older people living independently */
  | 'OUTCOME'
  /** What the programme delivers, e.g. home visits made */
  | 'OUTPUT';

/** The API key to revoke. */
export type RevokeApiKeyInput = {
  /** An API key of the acting organization. */
  apiKeyId: string | number;
};

/** Withdraws a consent. The recipient stops seeing the fields at once; referral history stays. */
export type RevokeConsentInput = {
  /** The consent to withdraw. */
  consentId: string | number;
  /** Why, e.g. "Client withdrew consent by phone" (1–1,000 characters). */
  reason: string;
};

/** A referral to another organization on the platform, or a logged referral to one that is not. */
export type SendReferralInput = {
  /** The client, one of the sending organization's own. */
  clientId: string | number;
  /** The consent the referral rests on. Omit to use the client's most recent consent in force that covers the receiver (and service). */
  consentId?: string | number | null | undefined;
  /** Send without a valid consent, for a reason written here (10–2,000 characters), e.g. a child at immediate risk. Coordinators and admins only; audited and shown to the receiver. */
  consentOverrideReason?: string | null | undefined;
  /** When the service should have started. */
  dueOn?: string | null | undefined;
  /** Instead of receivingOrganizationId: the name of an organization that is not on the platform. The referral is logged and tracked by you alone. */
  externalReceiverName?: string | null | undefined;
  /** Any string unique to this attempt (8–200 characters, e.g. a UUID made by the client). Retrying with the same key and input returns what the first attempt created instead of creating it again. */
  idempotencyKey?: string | null | undefined;
  /** The client's needs and goals (at most 4,000 characters). */
  needs?: string | null | undefined;
  /** The joint programme the referral is made within, one you deliver as lead or implementing partner: it then counts in the programme's referral funnel. */
  programId?: string | number | null | undefined;
  /** Why the client is referred (1–4,000 characters). */
  reason: string;
  /** The receiving organization. It needs an ACTIVE partnership with you whose agreement lets you send REFERRALS. */
  receivingOrganizationId?: string | number | null | undefined;
  /** Optionally, the receiving organization's service to refer to. It must be ACTIVE and accepting referrals. */
  serviceId?: string | number | null | undefined;
  /** Client fields to share; must be covered by the consent. Omit to share all the consent covers. With a consent override, only these are shared. */
  sharedFields?: Array<ClientField> | null | undefined;
  /** How soon the client needs the service. */
  urgency?: Urgency;
};

/** Why a figure is withheld. */
export type SuppressionReason =
  /** It counts fewer people than the programme's suppression threshold (but not zero) */
  | 'BELOW_THRESHOLD'
  /** Withheld so that another suppressed cell cannot be worked out from the total and the other cells */
  | 'COMPLEMENTARY'
  /** Computed from a suppressed figure (a rate, an average, progress) */
  | 'DERIVED_FROM_SUPPRESSED'
  /** Your organization's own part of it (its enrolments, deliveries, referrals) taken away, it would count fewer people from other organizations than the programme's suppression threshold (but not zero) */
  | 'OTHERS_BELOW_THRESHOLD';

/** How soon the client needs the service (FHIR ServiceRequest.priority: routine, urgent, stat). */
export type Urgency =
  /** Now: risk to life, safety or health */
  | 'EMERGENCY'
  /** In the normal course of work */
  | 'ROUTINE'
  /** Within days */
  | 'URGENT';

/** A population a client belongs to that shapes the help they need. Health and protection data: shared only where agreement and consent allow. */
export type Vulnerability =
  /** A child without parental care, e.g. an orphan */
  | 'CHILD_WITHOUT_PARENTAL_CARE'
  /** A member of an ethnic minority */
  | 'ETHNIC_MINORITY'
  /** A member of a poor or near-poor household */
  | 'LIVING_IN_POVERTY'
  /** A person living with mental illness */
  | 'MENTAL_HEALTH_CONDITION'
  /** A migrant, refugee or internally displaced person */
  | 'MIGRANT_OR_DISPLACED'
  /** An older person living alone */
  | 'OLDER_PERSON_LIVING_ALONE'
  /** A person with a disability */
  | 'PERSON_WITH_DISABILITY'
  /** A person who uses drugs or alcohol harmfully */
  | 'SUBSTANCE_USE'
  /** A survivor of human trafficking */
  | 'SURVIVOR_OF_TRAFFICKING'
  /** A survivor of violence, including gender-based and domestic violence */
  | 'SURVIVOR_OF_VIOLENCE';

export type InboxQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type InboxQuery = { referralInbox: { totalCount: number, edges: Array<{ node: { id: string, status: ReferralStatus, version: number, urgency: Urgency, dueOn: string | null, createdAt: string, sender: { name: string }, client: { fullName: string | null, visibleFields: Array<ClientField> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null, hasPreviousPage: boolean, startCursor: string | null } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type ReferralQueryVariables = Exact<{
  id: string | number;
}>;


export type ReferralQuery = { referral: { id: string, status: ReferralStatus, version: number, urgency: Urgency, reason: string, dueOn: string | null, availableActions: Array<ReferralAction>, sender: { name: string }, receiver: { name: string } | null, client: { fullName: string | null, ageBand: AgeBand | null, phone: string | null, region: string | null, visibleFields: Array<ClientField> } | null, timeline: Array<{ id: string, kind: ReferralEventKind, createdAt: string, actorName: string, fromStatus: ReferralStatus | null, toStatus: ReferralStatus | null, note: string | null, actorOrganization: { name: string } }> } };

export type RefreshTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshTokenMutation = { refreshToken: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string } };

export type SignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type SignInMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, refreshTokenExpiresAt: string, viewer: { organization: { name: string } } } };

export type ClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type ClientsQuery = { clients: { edges: Array<{ node: { fullName: string } }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string, prefix: string, scopes: Array<ApiKeyScope> } } };

export type EnrollmentsQueryVariables = Exact<{
  id: string | number;
}>;


export type EnrollmentsQuery = { programEnrollments: { edges: Array<{ node: { id: string } }> } };

export type MetricsByQuarterQueryVariables = Exact<{
  id: string | number;
}>;


export type MetricsByQuarterQuery = { programMetrics: { suppressionThreshold: number, periods: Array<{ periodStart: string, peopleEnrolled: { total:
          | { __typename: 'MetricNumber', value: number }
          | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
         }, peopleServed: { total:
          | { __typename: 'MetricNumber', value: number }
          | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
        , breakdown: Array<{ value: string, actual:
            | { __typename: 'MetricNumber', value: number }
            | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
           | null }> }, indicators: Array<{ target: number | null, indicator: { code: string, name: string }, actual:
          | { __typename: 'MetricNumber', value: number }
          | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
         | null, progressPercent:
          | { __typename: 'MetricNumber', value: number }
          | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
         | null, breakdown: Array<{ value: string, target: number | null, actual:
            | { __typename: 'MetricNumber', value: number }
            | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
           | null, progressPercent:
            | { __typename: 'MetricNumber', value: number }
            | { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number }
           | null }> }> }> } };

type Figure_MetricNumber_Fragment = { __typename: 'MetricNumber', value: number };

type Figure_SuppressedValue_Fragment = { __typename: 'SuppressedValue', reason: SuppressionReason, threshold: number };

export type FigureFragment =
  | Figure_MetricNumber_Fragment
  | Figure_SuppressedValue_Fragment
;

export type ProgramsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgramsQuery = { programs: { edges: Array<{ node: { id: string, name: string, myRole: ProgramMemberRole | null, suppressionThreshold: number, regions: Array<string>, lead: { name: string } } }> } };

export type ReportedValuesQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportedValuesQuery = { reportedValues: { edges: Array<{ node: { value: number } }> } };

export type ResultsFrameworkQueryVariables = Exact<{
  id: string | number;
}>;


export type ResultsFrameworkQuery = { program: { results: Array<{ type: ResultType, title: string, indicators: Array<{ code: string, name: string, source: IndicatorSource, aggregation: IndicatorAggregation, baselineValue: number | null, baselineYear: number | null, disaggregations: Array<Dimension>, serviceCategory: { code: string } | null }> }> } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { name: string, prefix: string, revokedAt: string | null } };

export type AcceptReferralMutationVariables = Exact<{
  input: ReferralChangeInput;
}>;


export type AcceptReferralMutation = { acceptReferral: { status: ReferralStatus, version: number, availableActions: Array<ReferralAction> } };

export type ClientConsentsQueryVariables = Exact<{
  id: string | number;
}>;


export type ClientConsentsQuery = { client: { consents: Array<{ id: string, inForce: boolean }> } };

export type ClientReadsQueryVariables = Exact<{
  id?: string | number | null | undefined;
}>;


export type ClientReadsQuery = { auditEvents: { edges: Array<{ node: { action: string, createdAt: string, actorOrganization: { name: string } } }> } };

export type CompleteReferralMutationVariables = Exact<{
  input: CompleteReferralInput;
}>;


export type CompleteReferralMutation = { completeReferral: { status: ReferralStatus, fhirTaskStatus: string, version: number, outcome: ReferralOutcome | null } };

export type FindClientQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type FindClientQuery = { clients: { edges: Array<{ node: { id: string, fullName: string, ageBand: AgeBand, vulnerabilities: Array<Vulnerability> } }> } };

export type FindServiceQueryVariables = Exact<{
  search?: string | null | undefined;
  region?: string | null | undefined;
}>;


export type FindServiceQuery = { services: { edges: Array<{ node: { id: string, name: string, organization: { id: string, name: string }, capacity: { available: number, maximum: number | null, unit: string, low: boolean } | null } }> } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string } };

export type ReadReferralQueryVariables = Exact<{
  id: string | number;
}>;


export type ReadReferralQuery = { referral: { status: ReferralStatus, version: number, availableActions: Array<ReferralAction>, urgency: Urgency, reason: string, sender: { name: string }, client: { visibleFields: Array<ClientField>, fullName: string | null, ageBand: AgeBand | null, phone: string | null, vulnerabilities: Array<Vulnerability> | null, region: string | null, address: string | null, birthDate: string | null } | null } };

export type RecordConsentMutationVariables = Exact<{
  input: RecordConsentInput;
}>;


export type RecordConsentMutation = { recordConsent: { id: string, inForce: boolean, sharedFields: Array<ClientField>, recipientService: { name: string } | null } };

export type ReferralAfterRevocationQueryVariables = Exact<{
  id: string | number;
}>;


export type ReferralAfterRevocationQuery = { referral: { status: ReferralStatus, outcome: ReferralOutcome | null, consentInForce: boolean | null, client: { visibleFields: Array<ClientField>, fullName: string | null, phone: string | null } | null } };

export type ReferralOutcomeQueryVariables = Exact<{
  id: string | number;
}>;


export type ReferralOutcomeQuery = { referral: { status: ReferralStatus, fhirTaskStatus: string, outcome: ReferralOutcome | null, serviceDelivered: boolean | null, receiver: { name: string } | null, service: { name: string } | null, timeline: Array<{ kind: ReferralEventKind, fromStatus: ReferralStatus | null, toStatus: ReferralStatus | null, actorName: string, note: string | null, createdAt: string, actorOrganization: { name: string } }> } };

export type RevokeConsentMutationVariables = Exact<{
  input: RevokeConsentInput;
}>;


export type RevokeConsentMutation = { revokeConsent: { inForce: boolean, revokedAt: string | null } };

export type SendReferralMutationVariables = Exact<{
  input: SendReferralInput;
}>;


export type SendReferralMutation = { sendReferral: { id: string, status: ReferralStatus, fhirTaskStatus: string, version: number, sharedFields: Array<ClientField>, consentInForce: boolean | null } };

export type StartReferralMutationVariables = Exact<{
  input: ReferralChangeInput;
}>;


export type StartReferralMutation = { startReferral: { status: ReferralStatus, version: number, availableActions: Array<ReferralAction> } };

export const FigureFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"figure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MetricValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MetricNumber"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuppressedValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}}]}}]}}]} as unknown as DocumentNode<FigureFragment, unknown>;
export const InboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Inbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referralInbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"visibleFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}}]}}]}}]}}]} as unknown as DocumentNode<InboxQuery, InboxQueryVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const ReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Referral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"receiver"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"visibleFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"actorOrganization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}}]} as unknown as DocumentNode<ReferralQuery, ReferralQueryVariables>;
export const RefreshTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const ClientsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Clients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClientsQuery, ClientsQueryVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const EnrollmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Enrollments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programEnrollments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"programId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnrollmentsQuery, EnrollmentsQueryVariables>;
export const MetricsByQuarterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricsByQuarter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"programId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"periodType"},"value":{"kind":"EnumValue","value":"QUARTER"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2026-01-01","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2026-12-31","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"disaggregateBy"},"value":{"kind":"EnumValue","value":"SEX"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressionThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"periods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"peopleEnrolled"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"peopleServed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"actual"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"indicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"actual"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progressPercent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"actual"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progressPercent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"figure"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"figure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MetricValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MetricNumber"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SuppressedValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}}]}}]}}]} as unknown as DocumentNode<MetricsByQuarterQuery, MetricsByQuarterQueryVariables>;
export const ProgramsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Programs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}},{"kind":"Field","name":{"kind":"Name","value":"suppressionThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramsQuery, ProgramsQueryVariables>;
export const ReportedValuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportedValues"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportedValues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"programId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReportedValuesQuery, ReportedValuesQueryVariables>;
export const ResultsFrameworkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResultsFramework"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"indicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"aggregation"}},{"kind":"Field","name":{"kind":"Name","value":"serviceCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"baselineValue"}},{"kind":"Field","name":{"kind":"Name","value":"baselineYear"}},{"kind":"Field","name":{"kind":"Name","value":"disaggregations"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResultsFrameworkQuery, ResultsFrameworkQueryVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const AcceptReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferralChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]} as unknown as DocumentNode<AcceptReferralMutation, AcceptReferralMutationVariables>;
export const ClientConsentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClientConsents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"client"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inForce"}}]}}]}}]}}]} as unknown as DocumentNode<ClientConsentsQuery, ClientConsentsQueryVariables>;
export const ClientReadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClientReads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"entityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"StringValue","value":"readClient","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorOrganization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClientReadsQuery, ClientReadsQueryVariables>;
export const CompleteReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fhirTaskStatus"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]} as unknown as DocumentNode<CompleteReferralMutation, CompleteReferralMutationVariables>;
export const FindClientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindClient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilities"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindClientQuery, FindClientQueryVariables>;
export const FindServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"services"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"acceptingReferrals"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"maximum"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"low"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindServiceQuery, FindServiceQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const ReadReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visibleFields"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilities"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}}]}}]}}]}}]} as unknown as DocumentNode<ReadReferralQuery, ReadReferralQueryVariables>;
export const RecordConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inForce"}},{"kind":"Field","name":{"kind":"Name","value":"sharedFields"}},{"kind":"Field","name":{"kind":"Name","value":"recipientService"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RecordConsentMutation, RecordConsentMutationVariables>;
export const ReferralAfterRevocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReferralAfterRevocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"consentInForce"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visibleFields"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]}}]} as unknown as DocumentNode<ReferralAfterRevocationQuery, ReferralAfterRevocationQueryVariables>;
export const ReferralOutcomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReferralOutcome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fhirTaskStatus"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"serviceDelivered"}},{"kind":"Field","name":{"kind":"Name","value":"receiver"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"actorOrganization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReferralOutcomeQuery, ReferralOutcomeQueryVariables>;
export const RevokeConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inForce"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const SendReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fhirTaskStatus"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sharedFields"}},{"kind":"Field","name":{"kind":"Name","value":"consentInForce"}}]}}]}}]} as unknown as DocumentNode<SendReferralMutation, SendReferralMutationVariables>;
export const StartReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferralChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]} as unknown as DocumentNode<StartReferralMutation, StartReferralMutationVariables>;