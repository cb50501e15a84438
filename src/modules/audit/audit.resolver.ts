import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Connection, connectionSelection, COUNT_CAP } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { AuditEvent } from './audit-event.entity';
import { listAuditEvents } from './audit.service';
import { AuditEventsArgs } from './dto/audit.inputs';

export const AuditEventConnection = Connection(AuditEvent, 'AuditEvent', 'A page of audit events, newest first.', {
  pagesBack: true,
  // A trail only grows: counted whole, an old organization's would cost a scan of every event it holds.
  totalCount: `How many events the trail holds under your filters, ignoring the cursor, counted up to ${COUNT_CAP.toLocaleString('en')}: ${COUNT_CAP} means at least that many. Counted only when asked (one more statement).`,
});

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(Permission.AUDIT_READ)
  @Query(() => AuditEventConnection, {
    description:
      "The acting organization's audit trail, newest first: its own actions, and other organizations' reads of its clients through referrals. Admins and coordinators.",
  })
  auditEvents(@Ctx() ctx: RequestContext, @Args(() => AuditEventsArgs) args: AuditEventsArgs, @Info() info: GraphQLResolveInfo) {
    return listAuditEvents(ctx, args, connectionSelection(info).totalCount);
  }

  @FieldResolver(() => Organization, { description: 'The organization that acted.' })
  actorOrganization(@Root() event: AuditEvent, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(event.organizationId);
  }
}
