import type { AppModule } from '../../common/module';
import { DirectoryResolver } from './directory.resolver';
import { Location } from './location.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { ServiceCategory } from './service-category.entity';
import { Service } from './service.entity';

/** The service directory (HSDS field names): categories, services, locations and capacity. */
export const directoryModule: AppModule = {
  name: 'directory',
  entities: [ServiceCategory, Service, Location, ServiceAtLocation],
  resolvers: [DirectoryResolver],
};
