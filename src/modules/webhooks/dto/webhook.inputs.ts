import { ArrayMaxSize, ArrayUnique, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { IsId } from '../../../common/validation';
import { OrganizationEventType } from '../../events/event.enums';
import { WebhookDeliveryStatus } from '../webhook.entity';

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where to POST events: an https:// URL on a public address (at most 2,000 characters).' })
  @MaxLength(2000)
  url!: string;

  @Field(() => [OrganizationEventType], { description: 'The event types to send; all of them when empty.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  eventTypes!: OrganizationEventType[];

  @Field(() => String, { nullable: true, description: 'What it is for, for the admins (at most 500 characters).' })
  @MaxLength(500)
  description?: string | null;
}

@InputType({ description: 'Changes to an endpoint; what is left out stays as it is.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @IsId()
  endpointId!: string;

  @Field(() => Int, { description: 'The `version` you read; if someone changed it since, the answer is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A new URL (same rules as when registering).' })
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [OrganizationEventType], { nullable: true, description: 'New event types; empty for all.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  eventTypes?: OrganizationEventType[] | null;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false disables it; true enables it again, and what waited is sent in order.' })
  enabled?: boolean | null;
}

@InputType({ description: 'The endpoint to delete, with its delivery log.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @IsId()
  endpointId!: string;
}

@InputType({ description: 'A delivery to send again.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'The delivery (from `webhookDeliveries`).' })
  @IsId()
  deliveryId!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The endpoint whose deliveries to list.' })
  @IsId()
  endpointId!: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  status?: WebhookDeliveryStatus | null;
}
