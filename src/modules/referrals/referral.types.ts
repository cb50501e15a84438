import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReferralStatus } from './referral.lifecycle';

export enum ReferralSideEnum {
  SENDER = 'SENDER',
  RECEIVER = 'RECEIVER',
}

registerEnumType(ReferralSideEnum, {
  name: 'ReferralSide',
  description: 'Which side of a referral the acting organization is on.',
  valuesConfig: { SENDER: { description: 'It sent the referral' }, RECEIVER: { description: 'It received the referral' } },
});

export enum ReferralActionEnum {
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
  CANCEL = 'CANCEL',
  START = 'START',
  COMPLETE = 'COMPLETE',
  CLOSE = 'CLOSE',
}

registerEnumType(ReferralActionEnum, {
  name: 'ReferralAction',
  description: 'A change of state, named after its mutation (ACCEPT = acceptReferral...).',
  valuesConfig: {
    ACCEPT: { description: 'acceptReferral' },
    DECLINE: { description: 'declineReferral' },
    CANCEL: { description: 'cancelReferral' },
    START: { description: 'startReferral' },
    COMPLETE: { description: 'completeReferral' },
    CLOSE: { description: 'closeReferral' },
  },
});

export enum ReferralBox {
  INBOX = 'INBOX',
  OUTBOX = 'OUTBOX',
}

registerEnumType(ReferralBox, {
  name: 'ReferralBox',
  description: 'Referrals received (INBOX) or sent (OUTBOX) by the acting organization.',
  valuesConfig: { INBOX: { description: 'Received' }, OUTBOX: { description: 'Sent, including logged referrals' } },
});

@ObjectType({ description: 'How many referrals are in one status.' })
export class ReferralStatusCount {
  @Field(() => ReferralStatus, { description: 'The status.' })
  status!: ReferralStatus;

  @Field(() => Int, { description: 'How many referrals are in it.' })
  count!: number;
}

@ObjectType({ description: 'Referral counts for a dashboard.' })
export class ReferralCounts {
  @Field(() => ReferralBox, { description: 'Which referrals are counted.' })
  box!: ReferralBox;

  @Field(() => [ReferralStatusCount], { description: 'Count per status, every status listed (zero included).' })
  byStatus!: ReferralStatusCount[];

  @Field(() => Int, { description: 'Open referrals (SENT, ACCEPTED, IN_PROGRESS) past their due date.' })
  overdue!: number;

  @Field(() => Int, { description: 'All referrals in the box.' })
  total!: number;
}
