/**
 * The referral state machine, pure: which side may move a referral from which status to which.
 * The service enforces it under a row lock; this file decides nothing about storage.
 */
export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CLOSED = 'CLOSED',
}

/** The side of a referral an organization is on. */
export type ReferralSide = 'SENDER' | 'RECEIVER';

export type ReferralAction = 'accept' | 'decline' | 'cancel' | 'start' | 'complete' | 'close';

interface Transition {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: ReferralSide;
}

export const TRANSITIONS: Record<ReferralAction, Transition> = {
  accept: { from: [ReferralStatus.SENT], to: ReferralStatus.ACCEPTED, by: 'RECEIVER' },
  decline: { from: [ReferralStatus.SENT], to: ReferralStatus.DECLINED, by: 'RECEIVER' },
  cancel: { from: [ReferralStatus.SENT], to: ReferralStatus.CANCELLED, by: 'SENDER' },
  start: { from: [ReferralStatus.ACCEPTED], to: ReferralStatus.IN_PROGRESS, by: 'RECEIVER' },
  complete: { from: [ReferralStatus.IN_PROGRESS], to: ReferralStatus.COMPLETED, by: 'RECEIVER' },
  close: { from: [ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS], to: ReferralStatus.CLOSED, by: 'RECEIVER' },
};

export const FINAL_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.DECLINED,
  ReferralStatus.CANCELLED,
  ReferralStatus.COMPLETED,
  ReferralStatus.CLOSED,
];

/** Statuses in which the receiver holds the referral and may forward it to a third partner. */
/** How many days a receiver keeps seeing a client's shared fields after a referral ends, unless its sender sets otherwise. */
export const DEFAULT_RECEIVER_ACCESS_DAYS = 90;

/**
 * Whether the receiving organization still sees the client's shared fields (consent and agreement
 * permitting): while the referral is open; never once it declined or the sender cancelled it; after
 * it was completed or closed, until the access window its sender set has passed. Its status and
 * timeline stay visible in every case.
 */
export function receiverSeesClient(referral: { status: ReferralStatus; receiverAccessUntil: Date | null }, now: Date): boolean {
  switch (referral.status) {
    case ReferralStatus.DECLINED:
    case ReferralStatus.CANCELLED:
      return false;
    case ReferralStatus.COMPLETED:
    case ReferralStatus.CLOSED:
      return referral.receiverAccessUntil !== null && referral.receiverAccessUntil > now;
    default:
      return true;
  }
}

/** The end of a receiver's access to a referral that ends now, by its sender's window in days (null for the default). */
export function receiverAccessEnd(endedAt: Date, senderDays: number | null): Date {
  return new Date(endedAt.getTime() + (senderDays ?? DEFAULT_RECEIVER_ACCESS_DAYS) * 86_400_000);
}

export const FORWARDABLE_STATUSES: readonly ReferralStatus[] = [ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS];

export type TransitionCheck =
  | { ok: true; to: ReferralStatus }
  | { ok: false; reason: 'WRONG_SIDE' | 'ILLEGAL_FROM_STATUS'; message: string };

/**
 * Whether `side` may take `action` on a referral in status `from`. A logged referral (to an
 * organization that is not on the platform) has no receiver to act, so its sender records every step.
 */
export function checkTransition(
  action: ReferralAction,
  from: ReferralStatus,
  side: ReferralSide,
  options: { logged: boolean },
): TransitionCheck {
  const transition = TRANSITIONS[action];
  if (transition.by !== side && !(options.logged && side === 'SENDER')) {
    return {
      ok: false,
      reason: 'WRONG_SIDE',
      message: `Only the ${transition.by === 'RECEIVER' ? 'receiving' : 'sending'} organization can ${action} a referral`,
    };
  }
  if (!transition.from.includes(from)) {
    return {
      ok: false,
      reason: 'ILLEGAL_FROM_STATUS',
      message: `A referral in status ${from} cannot be ${PAST_TENSE[action]}: that needs status ${transition.from.join(' or ')}`,
    };
  }
  return { ok: true, to: transition.to };
}

const PAST_TENSE: Record<ReferralAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  cancel: 'cancelled',
  start: 'started',
  complete: 'completed',
  close: 'closed',
};

/** HL7 FHIR R4/R5 `Task.status` codes (http://hl7.org/fhir/task-status). */
export type FhirTaskStatus = 'requested' | 'accepted' | 'rejected' | 'cancelled' | 'in-progress' | 'completed' | 'failed';

export const FHIR_TASK_STATUS: Record<ReferralStatus, FhirTaskStatus> = {
  [ReferralStatus.SENT]: 'requested',
  [ReferralStatus.ACCEPTED]: 'accepted',
  [ReferralStatus.DECLINED]: 'rejected',
  [ReferralStatus.CANCELLED]: 'cancelled',
  [ReferralStatus.IN_PROGRESS]: 'in-progress',
  [ReferralStatus.COMPLETED]: 'completed',
  [ReferralStatus.CLOSED]: 'failed',
};
