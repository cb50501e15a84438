import { IsId, NOT_BLANK } from '../../../common/validation';
import { ArrayMaxSize, ArrayUnique, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IdempotentInput } from '../../operations/dto/idempotent.input';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { BidirectionalPageArgs } from '../../../common/pagination';
import { DateTimeScalar, LocalDateScalar } from '../../../common/scalars';
import { ClientField } from '../../clients/client-field';
import { OutcomeReason, ReferralOutcome, Urgency } from '../referral.enums';
import { ReferralStatus } from '../referral.lifecycle';


@InputType({ description: 'What a referral is about: the client, why, and how urgent.' })
export class ReferralDetailsInput extends IdempotentInput {
  @Field(() => ID, { description: "The client, one of the sending organization's own." })
  @IsId()
  clientId!: string;

  @Field(() => ID, { nullable: true, description: 'Optionally, the receiving organization\'s service to refer to. It must be ACTIVE and accepting referrals.' })
  @IsId()
  serviceId?: string | null;

  @Field({ description: 'Why the client is referred (1–4,000 characters).' })
  @Length(1, 4000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;

  @Field(() => String, { nullable: true, description: "The client's needs and goals (at most 4,000 characters)." })
  @MaxLength(4000)
  needs?: string | null;

  @Field(() => Urgency, { defaultValue: Urgency.ROUTINE, description: 'How soon the client needs the service.' })
  urgency: Urgency = Urgency.ROUTINE;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the service should have started.' })
  dueOn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The consent the referral rests on. Omit to use the client's most recent consent in force that covers the receiver (and service).",
  })
  @IsId()
  consentId?: string | null;

  @Field(() => [ClientField], {
    nullable: true,
    description: "Client fields to share; must be covered by the consent. Omit to share all the consent covers. With a consent override, only these are shared.",
  })
  @ArrayUnique()
  @ArrayMaxSize(20)
  sharedFields?: ClientField[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Send without a valid consent, for a reason written here (10–2,000 characters), e.g. a child at immediate risk. Coordinators and admins only; audited and shown to the receiver.',
  })
  @Length(10, 2000)
  @Matches(NOT_BLANK, { message: 'consentOverrideReason must not be blank' })
  consentOverrideReason?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The joint programme the referral is made within, one you deliver as lead or implementing partner: it then counts in the programme\'s referral funnel.',
  })
  @IsId()
  programId?: string | null;
}

@InputType({ description: 'A referral to another organization on the platform, or a logged referral to one that is not.' })
export class SendReferralInput extends ReferralDetailsInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The receiving organization. It needs an ACTIVE partnership with you whose agreement lets you send REFERRALS.',
  })
  @IsId()
  receivingOrganizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Instead of receivingOrganizationId: the name of an organization that is not on the platform. The referral is logged and tracked by you alone.',
  })
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'externalReceiverName must not be blank' })
  externalReceiverName?: string | null;
}

@InputType({ description: 'Forwards the client of a referral you received to a third partner, as a new referral linked to it.' })
export class ForwardReferralInput extends ReferralDetailsInput {
  @Field(() => ID, { description: 'The referral you received and accepted.' })
  @IsId()
  referralId!: string;

  @Field(() => Int, { description: 'The `version` of the received referral you read; CONFLICT if it changed since.' })
  expectedVersion!: number;

  @Field(() => ID, { description: 'The third organization to forward to, under an ACTIVE partnership with you that allows REFERRALS.' })
  @IsId()
  receivingOrganizationId!: string;

  @Field(() => String, { nullable: true, description: "A note for the received referral's timeline, seen by its sender (at most 4,000 characters)." })
  @MaxLength(4000)
  note?: string | null;
}

@InputType({ description: 'Identifies a referral and the version the caller last read.' })
export class ReferralChangeInput {
  @Field(() => ID, { description: 'The referral.' })
  @IsId()
  referralId!: string;

  @Field(() => Int, { description: 'The `version` you read. If someone changed the referral since, the answer is CONFLICT with its current status.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A note for the timeline (at most 4,000 characters).' })
  @MaxLength(4000)
  note?: string | null;
}

@InputType({ description: 'Declines a SENT referral; the reason goes back to the sender.' })
export class DeclineReferralInput extends ReferralChangeInput {
  @Field({ description: 'Why the referral is declined (1–4,000 characters).' })
  @Length(1, 4000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

@InputType({ description: 'Completes an IN_PROGRESS referral with its outcome: the closed loop.' })
export class CompleteReferralInput extends ReferralChangeInput {
  @Field(() => ReferralOutcome, { description: 'Whether the client got what they were referred for.' })
  outcome!: ReferralOutcome;

  @Field(() => OutcomeReason, { nullable: true, description: 'Required when NOT_SUCCESSFUL. OTHER needs a note.' })
  outcomeReason?: OutcomeReason | null;

  @Field({ description: 'Whether the service was delivered.' })
  serviceDelivered!: boolean;
}

@InputType({ description: 'Closes an ACCEPTED or IN_PROGRESS referral without completing the work.' })
export class CloseReferralInput extends ReferralChangeInput {
  @Field(() => OutcomeReason, { description: 'Why it is closed. OTHER needs a note.' })
  outcomeReason!: OutcomeReason;
}

@InputType({ description: 'Assigns a received referral to a caseworker of your organization, or unassigns it.' })
export class AssignReferralInput extends ReferralChangeInput {
  @Field(() => ID, { nullable: true, description: 'A member of your organization (their user id), or null to unassign.' })
  @IsId()
  assigneeUserId?: string | null;
}

@InputType({ description: 'A comment on a referral, visible to both organizations.' })
export class CommentOnReferralInput {
  @Field(() => ID, { description: 'The referral.' })
  @IsId()
  referralId!: string;

  @Field({ description: 'The comment (1–4,000 characters).' })
  @Length(1, 4000)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export enum ReferralSort {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
  DUE_SOONEST = 'DUE_SOONEST',
}

registerEnumType(ReferralSort, {
  name: 'ReferralSort',
  description: 'Order of a referral list.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'Most recently sent first' },
    OLDEST_FIRST: { description: 'Longest waiting first' },
    DUE_SOONEST: { description: 'Earliest due date first; referrals without one last' },
  },
});

@InputType({ description: 'Filters for a referral inbox or outbox; all given filters must match.' })
export class ReferralFilter {
  @Field(() => [ReferralStatus], { nullable: true, description: 'Only these statuses.' })
  statuses?: ReferralStatus[] | null;

  @Field(() => [Urgency], { nullable: true, description: 'Only these urgencies.' })
  urgencies?: Urgency[] | null;

  @Field(() => [String], { nullable: true, description: 'Only referrals to services in these categories (codes from `serviceCategories`).' })
  @ArrayMaxSize(50)
  serviceCategoryCodes?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only referrals sent at or after this time.' })
  sentAfter?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only referrals sent before this time.' })
  sentBefore?: Date | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only referrals due on or after this date.' })
  dueFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only referrals due on or before this date.' })
  dueTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Inbox: only referrals assigned to the signed-in user.' })
  assignedToMe?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only open referrals (SENT, ACCEPTED, IN_PROGRESS) past their due date.' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Outbox: only referrals of this client.' })
  @IsId()
  clientId?: string | null;
}

@ArgsType()
export class ReferralListArgs extends BidirectionalPageArgs {
  @Field(() => ReferralFilter, { nullable: true, description: 'What to include.' })
  @ValidateNested()
  filter?: ReferralFilter | null;

  @Field(() => ReferralSort, { defaultValue: ReferralSort.NEWEST_FIRST, description: 'Order.' })
  sort: ReferralSort = ReferralSort.NEWEST_FIRST;
}
