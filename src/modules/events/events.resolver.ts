import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { OrganizationEventsArgs } from './dto/events.inputs';
import { listOrganizationEvents } from './events.service';
import { OrganizationEvent } from './organization-event.entity';

export const OrganizationEventConnection = Connection(OrganizationEvent, 'OrganizationEvent', 'A page of organization events, newest first.');

@Resolver(() => OrganizationEvent)
export class EventsResolver {
  @Authorized(Permission.EVENTS_READ)
  @Query(() => OrganizationEventConnection, {
    description:
      "What happened to the records the acting organization shares or owns, newest first: referrals sent to it or by it and their steps, consents revoked, partnerships, programme invitations and reported values, invitations to join it. A history to page through; to be told as it happens, subscribe or register a webhook.",
  })
  organizationEvents(@Ctx() ctx: RequestContext, @Args(() => OrganizationEventsArgs) args: OrganizationEventsArgs) {
    return listOrganizationEvents(ctx, args);
  }
}
