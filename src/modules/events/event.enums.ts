import { registerEnumType } from 'type-graphql';

/** What happened, told to the organizations it matters to. */
export enum OrganizationEventType {
  REFERRAL_SENT = 'REFERRAL_SENT',
  REFERRAL_ACCEPTED = 'REFERRAL_ACCEPTED',
  REFERRAL_DECLINED = 'REFERRAL_DECLINED',
  REFERRAL_CANCELLED = 'REFERRAL_CANCELLED',
  REFERRAL_FORWARDED = 'REFERRAL_FORWARDED',
  REFERRAL_STARTED = 'REFERRAL_STARTED',
  REFERRAL_COMPLETED = 'REFERRAL_COMPLETED',
  REFERRAL_CLOSED = 'REFERRAL_CLOSED',
  REFERRAL_ASSIGNED = 'REFERRAL_ASSIGNED',
  REFERRAL_COMMENTED = 'REFERRAL_COMMENTED',
  REFERRAL_OVERDUE = 'REFERRAL_OVERDUE',
  CONSENT_REVOKED = 'CONSENT_REVOKED',
  CLIENT_ERASED = 'CLIENT_ERASED',
  PARTNERSHIP_PROPOSED = 'PARTNERSHIP_PROPOSED',
  PARTNERSHIP_STATUS_CHANGED = 'PARTNERSHIP_STATUS_CHANGED',
  PROGRAM_MEMBER_INVITED = 'PROGRAM_MEMBER_INVITED',
  PROGRAM_MEMBERSHIP_CHANGED = 'PROGRAM_MEMBERSHIP_CHANGED',
  REPORTED_VALUE_SUBMITTED = 'REPORTED_VALUE_SUBMITTED',
  REPORTED_VALUE_REVIEWED = 'REPORTED_VALUE_REVIEWED',
  MEMBER_INVITED = 'MEMBER_INVITED',
}

registerEnumType(OrganizationEventType, {
  name: 'OrganizationEventType',
  description: 'What happened. The subject is named by `subjectType` and `subjectId`; read it through its query to see what you may of it.',
  valuesConfig: {
    REFERRAL_SENT: { description: 'A referral was sent (also the new referral of a forward): to the sender and the receiver' },
    REFERRAL_ACCEPTED: { description: 'The receiver accepted a referral' },
    REFERRAL_DECLINED: { description: 'The receiver declined a referral' },
    REFERRAL_CANCELLED: { description: 'The sender cancelled a referral' },
    REFERRAL_FORWARDED: { description: 'The receiver forwarded a referral to a third organization (which gets REFERRAL_SENT for the new one)' },
    REFERRAL_STARTED: { description: 'The receiver started serving the client' },
    REFERRAL_COMPLETED: { description: 'The receiver completed a referral with an outcome' },
    REFERRAL_CLOSED: { description: 'A referral was closed without being completed' },
    REFERRAL_ASSIGNED: { description: 'The receiver assigned (or unassigned) a caseworker' },
    REFERRAL_COMMENTED: { description: "Someone commented on a referral's timeline" },
    REFERRAL_OVERDUE: { description: 'An open referral passed its `dueOn` without being completed or closed (once per referral; nobody acted, so no actor)' },
    CONSENT_REVOKED: { description: "A client's consent to share with an organization was revoked: to the client's organization and the recipient" },
    CLIENT_ERASED: {
      description:
        "A client's details were erased (eraseClient, or the retention period): to the client's organization and, once each, to every organization that received a referral of the client, whose view of the client now shows nothing (`ReferredClient.erased`). No actor when the retention job erased it",
    },
    PARTNERSHIP_PROPOSED: { description: 'A partnership was proposed: to both organizations' },
    PARTNERSHIP_STATUS_CHANGED: { description: 'A partnership was accepted, declined, suspended, resumed or ended' },
    PROGRAM_MEMBER_INVITED: { description: 'An organization was invited into a joint programme: to the lead and the invited organization' },
    PROGRAM_MEMBERSHIP_CHANGED: { description: 'An invited organization accepted or declined, or the lead removed a member' },
    REPORTED_VALUE_SUBMITTED: { description: "A member submitted a reported value: to the programme's lead and the reporter" },
    REPORTED_VALUE_REVIEWED: { description: 'The lead approved or rejected a reported value' },
    MEMBER_INVITED: { description: 'Someone was invited to join the organization' },
  },
});

/** The kind of record an event is about. */
export enum EventSubjectType {
  REFERRAL = 'REFERRAL',
  CONSENT = 'CONSENT',
  CLIENT = 'CLIENT',
  PARTNERSHIP = 'PARTNERSHIP',
  PROGRAM_MEMBER = 'PROGRAM_MEMBER',
  REPORTED_VALUE = 'REPORTED_VALUE',
  INVITATION = 'INVITATION',
}

registerEnumType(EventSubjectType, {
  name: 'EventSubjectType',
  description: 'The kind of record an event is about, and so the query that reads it.',
  valuesConfig: {
    REFERRAL: { description: 'A referral: `referral(id:)`' },
    CONSENT: { description: "A consent: the client's `consents`, for the client's organization" },
    CLIENT: { description: "A client: `client(id:)` for the client's organization; a receiver reads it through the referrals it holds" },
    PARTNERSHIP: { description: 'A partnership: `partnership(id:)`' },
    PROGRAM_MEMBER: { description: "A programme membership: the programme's `members`, or `programs` for the invited organization" },
    REPORTED_VALUE: { description: 'A reported value: `reportedValues(programId:)`' },
    INVITATION: { description: 'An invitation to the organization: `invitations`' },
  },
});
