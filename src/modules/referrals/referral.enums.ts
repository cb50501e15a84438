import { registerEnumType } from 'type-graphql';
import { ReferralStatus } from './referral.lifecycle';

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral stands. SENT → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → IN_PROGRESS | CLOSED; IN_PROGRESS → COMPLETED | CLOSED.',
  valuesConfig: {
    SENT: { description: 'Sent, waiting for the receiver (FHIR Task: requested)' },
    ACCEPTED: { description: 'The receiver will help (FHIR: accepted)' },
    DECLINED: { description: 'The receiver declined, with a reason (FHIR: rejected; final)' },
    CANCELLED: { description: 'The sender withdrew it before acceptance (FHIR: cancelled; final)' },
    IN_PROGRESS: { description: 'The receiver is working with the client (FHIR: in-progress)' },
    COMPLETED: { description: 'Work finished, with an outcome (FHIR: completed; final)' },
    CLOSED: { description: 'Closed without completing the work, with a reason (FHIR: failed; final)' },
  },
});

export enum Urgency {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  EMERGENCY = 'EMERGENCY',
}

registerEnumType(Urgency, {
  name: 'Urgency',
  description: 'How soon the client needs the service (FHIR ServiceRequest.priority: routine, urgent, stat).',
  valuesConfig: {
    ROUTINE: { description: 'In the normal course of work' },
    URGENT: { description: 'Within days' },
    EMERGENCY: { description: 'Now: risk to life, safety or health' },
  },
});

export enum ReferralOutcome {
  SUCCESSFUL = 'SUCCESSFUL',
  NOT_SUCCESSFUL = 'NOT_SUCCESSFUL',
}

registerEnumType(ReferralOutcome, {
  name: 'ReferralOutcome',
  description: "What came of a referral: the closed loop's answer to the sender.",
  valuesConfig: {
    SUCCESSFUL: { description: 'The client got what they were referred for' },
    NOT_SUCCESSFUL: { description: 'They did not; `outcomeReason` says why' },
  },
});

export enum OutcomeReason {
  CLIENT_REFUSED_SERVICES = 'CLIENT_REFUSED_SERVICES',
  LACK_OF_CAPACITY = 'LACK_OF_CAPACITY',
  SERVICES_NO_LONGER_NEEDED = 'SERVICES_NO_LONGER_NEEDED',
  UNABLE_TO_CONTACT_CLIENT = 'UNABLE_TO_CONTACT_CLIENT',
  UNABLE_TO_CONTACT_RECEIVER = 'UNABLE_TO_CONTACT_RECEIVER',
  OTHER = 'OTHER',
}

registerEnumType(OutcomeReason, {
  name: 'OutcomeReason',
  description: 'Why a referral was not successful.',
  valuesConfig: {
    CLIENT_REFUSED_SERVICES: { description: 'The client refused the services' },
    LACK_OF_CAPACITY: { description: 'The receiver had no capacity' },
    SERVICES_NO_LONGER_NEEDED: { description: 'The client no longer needed them' },
    UNABLE_TO_CONTACT_CLIENT: { description: 'Nobody could reach the client' },
    UNABLE_TO_CONTACT_RECEIVER: { description: 'The sender could not reach the receiving organization (logged referrals)' },
    OTHER: { description: 'Another reason, given in the note' },
  },
});

export enum ReferralEventKind {
  SENT = 'SENT',
  STATUS_CHANGED = 'STATUS_CHANGED',
  COMMENTED = 'COMMENTED',
  ASSIGNED = 'ASSIGNED',
  FORWARDED = 'FORWARDED',
}

registerEnumType(ReferralEventKind, {
  name: 'ReferralEventKind',
  description: "What happened in one step of a referral's timeline.",
  valuesConfig: {
    SENT: { description: 'The referral was sent (or logged); a consent override is noted here with its reason' },
    STATUS_CHANGED: { description: 'The status changed from `fromStatus` to `toStatus`' },
    COMMENTED: { description: 'Someone on either side left a comment (`note`)' },
    ASSIGNED: { description: 'The receiver assigned (or unassigned) a caseworker' },
    FORWARDED: { description: 'The receiver forwarded the client to a third organization with a new, linked referral' },
  },
});
