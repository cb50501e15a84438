import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { AuditEvent } from './audit-event.entity';
import { listAuditEvents } from './audit.service';
import { AuditEventsArgs } from './dto/audit.inputs';

export const AuditEventConnection = Connection(AuditEvent, 'AuditEvent', 'A page of audit events, newest first.');

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(Permission.AUDIT_READ)
  @Query(() => AuditEventConnection, {
    description:
      "The acting organization's audit trail, newest first: its own actions, and other organizations' reads of its clients through referrals. Admins and coordinators.",
  })
  auditEvents(@Ctx() ctx: RequestContext, @Args(() => AuditEventsArgs) args: AuditEventsArgs) {
    return listAuditEvents(ctx, args);
  }

  @FieldResolver(() => Organization, { description: 'The organization that acted.' })
  actorOrganization(@Root() event: AuditEvent, @Ctx() ctx: RequestContext) {
    return ctx.loader(organizationLoader).load(event.organizationId);
  }
}
