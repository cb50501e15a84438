import type { AppModule } from '../../common/module';
import { EventSubscriptionsResolver, EventsResolver } from './events.resolver';
import { OrganizationEvent } from './organization-event.entity';

/** The outbox of changes that matter to another party, and the ways organizations are told of them. */
export const eventsModule: AppModule = {
  name: 'events',
  entities: [OrganizationEvent],
  resolvers: [EventsResolver, EventSubscriptionsResolver],
};
