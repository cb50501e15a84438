import { Arg, Args, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './dto/webhook.inputs';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  updateWebhookEndpoint,
} from './webhooks.service';

export const WebhookEndpointConnection = Connection(WebhookEndpoint, 'WebhookEndpoint', 'A page of webhook endpoints, oldest first.');
export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery', 'A page of webhook deliveries, newest first.');

@ObjectType({ description: 'A registered endpoint and its signing secret, shown this once.' })
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' })
  endpoint!: WebhookEndpoint;

  @Field({
    description:
      'The signing secret (`whsec_…`): verify each request with it (Standard Webhooks, e.g. the `standardwebhooks` library). It is never shown again: keep it in your secret store.',
  })
  secret!: string;
}

@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Query(() => WebhookEndpointConnection, { description: "The acting organization's webhook endpoints. Admins." })
  webhookEndpoints(@Ctx() ctx: RequestContext, @Args(() => PageArgs) args: PageArgs) {
    return listWebhookEndpoints(ctx, args);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Query(() => WebhookDeliveryConnection, { description: "One endpoint's deliveries, the newest events first, with their last attempt. Admins." })
  webhookDeliveries(@Ctx() ctx: RequestContext, @Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs) {
    return listWebhookDeliveries(ctx, args);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => CreatedWebhookEndpoint, {
    description: `Registers an endpoint for the acting organization's events (at most 10 per organization); answers its signing secret once. Admins.`,
  })
  createWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput) {
    return createWebhookEndpoint(ctx, input);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookEndpoint, { description: 'Changes an endpoint: its URL, event types, description, or whether it is enabled. Admins.' })
  updateWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput) {
    return updateWebhookEndpoint(ctx, input);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => ID, { description: 'Deletes an endpoint and its delivery log; answers its id. Admins.' })
  deleteWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('input', () => DeleteWebhookEndpointInput) input: DeleteWebhookEndpointInput) {
    return deleteWebhookEndpoint(ctx, input);
  }

  @Authorized(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again (same `webhook-id`) at the endpoint\'s next run, within a minute. Admins.' })
  redeliverWebhook(@Ctx() ctx: RequestContext, @Arg('input', () => RedeliverWebhookInput) input: RedeliverWebhookInput) {
    return redeliverWebhook(ctx, input);
  }
}
