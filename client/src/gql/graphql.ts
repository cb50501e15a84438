/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** How soon the client needs the service (FHIR ServiceRequest.priority: routine, urgent, stat). */
export type Urgency =
  /** Now: risk to life, safety or health */
  | 'EMERGENCY'
  /** In the normal course of work */
  | 'ROUTINE'
  /** Within days */
  | 'URGENT';

export type InboxQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type InboxQuery = { referralInbox: { edges: Array<{ node: { id: string, status: ReferralStatus, version: number, urgency: Urgency, dueOn: string | null, sender: { name: string }, client: { fullName: string | null, visibleFields: Array<ClientField> } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AcceptReferralMutationVariables = Exact<{
  referralId: string | number;
  expectedVersion: number;
}>;


export type AcceptReferralMutation = { acceptReferral: { id: string, status: ReferralStatus, version: number } };


export const InboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Inbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referralInbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"urgency"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"visibleFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<InboxQuery, InboxQueryVariables>;
export const AcceptReferralDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptReferral"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"referralId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptReferral"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"referralId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"referralId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<AcceptReferralMutation, AcceptReferralMutationVariables>;