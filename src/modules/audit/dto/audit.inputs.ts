import { IsId } from '../../../common/validation';
import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { BidirectionalPageArgs } from '../../../common/pagination';

@ArgsType()
export class AuditEventsArgs extends BidirectionalPageArgs {
  @Field(() => ID, { nullable: true, description: 'Only events about this record, e.g. one client or referral.' })
  @IsId()
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events of this action, e.g. "readClient" or "sendReferral".' })
  @MaxLength(100)
  action?: string | null;
}
