import { Args, Authorized, Ctx, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { badInput } from '../../common/errors';
import { Connection } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { OrganizationEventsArgs, OrganizationEventsSubscriptionArgs, ReferralEventsSubscriptionArgs } from './dto/events.inputs';
import { EventSubjectType } from './event.enums';
import type { EventHub } from './event-hub';
import { listOrganizationEvents, readNotifiedEvent, type EventNotice } from './events.service';
import { OrganizationEvent } from './organization-event.entity';

export const OrganizationEventConnection = Connection(OrganizationEvent, 'OrganizationEvent', 'A page of organization events, newest first.');

/**
 * What a subscription's stream is opened with (graphql-ws's context): the organization that
 * subscribed, verified when the socket connected, and this instance's hub. Each event is then read
 * and resolved with a request context of its own, as a query would be (see server.ts).
 */
export interface SubscriberContext {
  organizationId: string;
  hub: EventHub;
}

type SubscribeData<Args> = SubscribeResolverData<unknown, Args, SubscriberContext>;

@Resolver(() => OrganizationEvent)
export class EventsResolver {
  @Authorized(Permission.EVENTS_READ)
  @Query(() => OrganizationEventConnection, {
    description:
      'What happened to the records the acting organization shares or owns, newest first: referrals sent to it or by it and their steps, consents revoked, partnerships, programme invitations and reported values, invitations to join it. A history to page through; to be told as it happens, subscribe to `organizationEvents`.',
  })
  organizationEvents(@Ctx() ctx: RequestContext, @Args(() => OrganizationEventsArgs) args: OrganizationEventsArgs) {
    return listOrganizationEvents(ctx, args);
  }
}

/** The subscriptions: each method is named as its field, so that tools and the isolation harness find it by name. */
@Resolver(() => OrganizationEvent)
export class EventSubscriptionsResolver {
  // Not @Authorized: type-graphql would check the stream's opening with the connection's context, not a
  // request's. Who may subscribe is decided when the socket connects (EVENTS_READ), and each event is
  // read under the subscriber's row-level security.
  @Subscription(() => OrganizationEvent, {
    description:
      'Every event of the acting organization as it commits (see the query `organizationEvents`), optionally of some types only. Over WebSocket (graphql-ws protocol) on the GraphQL path, signed in by `connection_init` with `{ "authorization": "Bearer <access token>" }`; the socket closes with 4401 when the token expires or the session ends: reconnect with a fresh token, and read the query to catch up.',
    subscribe: ({ args, context }: SubscribeData<OrganizationEventsSubscriptionArgs>) =>
      context.hub.subscribe(context.organizationId, (notice) => !args.types?.length || args.types.includes(notice.type)),
  })
  organizationEvents(@Root() notice: EventNotice, @Ctx() ctx: RequestContext, @Args(() => OrganizationEventsSubscriptionArgs) _args: OrganizationEventsSubscriptionArgs) {
    return readNotifiedEvent(ctx, notice);
  }

  @Subscription(() => OrganizationEvent, {
    description:
      "The acting organization's referral events as they commit: referrals it sent or received, optionally of some types or one referral only. Select `referral` to get the referral as `referral(id:)` would show it (client fields by consent, reads audited).",
    subscribe: ({ args, context }: SubscribeData<ReferralEventsSubscriptionArgs>) => {
      if (args.types?.some((type) => !type.startsWith('REFERRAL_'))) throw badInput('`types` takes REFERRAL_ event types only', ['types']);
      return context.hub.subscribe(
        context.organizationId,
        (notice) =>
          notice.subjectType === EventSubjectType.REFERRAL &&
          (!args.types?.length || args.types.includes(notice.type)) &&
          (!args.referralId || args.referralId === notice.subjectId),
      );
    },
  })
  referralEvents(@Root() notice: EventNotice, @Ctx() ctx: RequestContext, @Args(() => ReferralEventsSubscriptionArgs) _args: ReferralEventsSubscriptionArgs) {
    return readNotifiedEvent(ctx, notice);
  }
}
