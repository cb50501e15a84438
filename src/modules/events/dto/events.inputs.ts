import { ArrayMaxSize } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { IsId } from '../../../common/validation';
import { OrganizationEventType } from '../event.enums';

@ArgsType()
export class OrganizationEventsArgs extends PageArgs {
  @Field(() => [OrganizationEventType], { nullable: true, description: 'Only events of these types; all types when absent or empty.' })
  @ArrayMaxSize(50)
  types?: OrganizationEventType[] | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this record, e.g. one referral.' })
  @IsId()
  subjectId?: string | null;
}

@ArgsType()
export class OrganizationEventsSubscriptionArgs {
  @Field(() => [OrganizationEventType], { nullable: true, description: 'Only events of these types; all types when absent or empty.' })
  @ArrayMaxSize(50)
  types?: OrganizationEventType[] | null;
}

@ArgsType()
export class ReferralEventsSubscriptionArgs extends OrganizationEventsSubscriptionArgs {
  @Field(() => ID, { nullable: true, description: 'Only events of this referral.' })
  @IsId()
  referralId?: string | null;
}
