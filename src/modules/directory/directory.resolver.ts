import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, connectionSelection, TOTAL_COUNT } from '../../common/pagination';
import { joinedOr } from '../../common/hot-read';
import { Permission } from '../../common/permissions';
import { assertUuid } from '../../common/validation';
import type { RequestContext } from '../../context/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader } from '../organizations/organization.loaders';
import { serviceCategoryLoader, serviceLocationsLoader } from './directory.loaders';
import {
  capacityOf,
  createService,
  getService,
  listServiceCategories,
  updateService,
  updateServiceCapacity,
} from './directory.service';
import { searchServices } from './directory.reads';
import { CreateServiceInput, ServicesArgs, UpdateServiceCapacityInput, UpdateServiceInput } from './dto/directory.inputs';
import { Location } from './location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service, ServiceCapacity } from './service.entity';
import { Idempotent } from '../operations/idempotency';

export const ServiceConnection = Connection(Service, 'Service', 'A page of the service directory, ordered by name (accents and case ignored).', {
  pagesBack: true,
  totalCount: TOTAL_COUNT,
});

@Resolver(() => Service)
export class DirectoryResolver {
  @Authorized(Permission.DIRECTORY_READ)
  @Query(() => [ServiceCategory], { description: 'The shared service taxonomy, by name.' })
  serviceCategories(@Ctx() ctx: RequestContext) {
    return listServiceCategories(ctx);
  }

  @Authorized(Permission.DIRECTORY_READ)
  @Query(() => ServiceConnection, {
    description: 'Searches the service directory of every organization on the platform. Only ACTIVE services unless `includeInactive`.',
  })
  services(@Ctx() ctx: RequestContext, @Args(() => ServicesArgs) args: ServicesArgs, @Info() info: GraphQLResolveInfo) {
    return searchServices(ctx, args, connectionSelection(info));
  }

  @Authorized(Permission.DIRECTORY_READ)
  @Query(() => Service, { description: 'One service in the directory.' })
  service(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The service id.' }) id: string) {
    assertUuid(id, ['id']);
    return getService(ctx, id);
  }

  @Authorized(Permission.SERVICES_MANAGE)
  @Mutation(() => Service, { description: 'Publishes a new service of the acting organization in the directory. Admins and coordinators.' })
  @Idempotent(Service)
  createService(@Ctx() ctx: RequestContext, @Arg('input', () => CreateServiceInput) input: CreateServiceInput) {
    return createService(ctx, input);
  }

  @Authorized(Permission.SERVICES_MANAGE)
  @Mutation(() => Service, {
    description: "Changes one of the acting organization's services, e.g. stops it taking referrals. Admins and coordinators.",
  })
  updateService(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateServiceInput) input: UpdateServiceInput) {
    return updateService(ctx, input);
  }

  @Authorized(Permission.SERVICES_MANAGE)
  @Mutation(() => Service, { description: "Publishes a service's current capacity. Admins and coordinators." })
  updateServiceCapacity(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateServiceCapacityInput) input: UpdateServiceCapacityInput) {
    return updateServiceCapacity(ctx, input);
  }

  @FieldResolver(() => Organization, { description: 'The organization that offers the service (HSDS: organization).' })
  organization(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return joinedOr(service, 'organization', () => ctx.loader(organizationLoader).load(service.organizationId));
  }

  @FieldResolver(() => ServiceCategory, { description: 'Its category in the shared taxonomy.' })
  category(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return joinedOr(service, 'category', () => ctx.loader(serviceCategoryLoader).load(service.categoryCode));
  }

  @FieldResolver(() => [Location], { description: 'Where it is delivered (HSDS: service_at_location).' })
  locations(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return joinedOr(service, 'locations', () => ctx.loader(serviceLocationsLoader).load(service));
  }

  @FieldResolver(() => ServiceCapacity, { nullable: true, description: 'Current capacity; null when the service does not publish it.' })
  capacity(@Root() service: Service) {
    return capacityOf(service);
  }
}
