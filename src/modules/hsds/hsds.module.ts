import type { AppModule } from '../../common/module';
import { hsdsRouter } from './hsds.router';

/**
 * The service directory as an HSDS 3.0 read API under /hsds, for directory partners with an API key
 * (DIRECTORY_READ). It owns no tables: it reads the directory's and the organizations' through the
 * request's RLS-scoped transaction, as GraphQL does.
 */
export const hsdsModule: AppModule = {
  name: 'hsds',
  entities: [],
  resolvers: [],
  routes: [{ path: '/hsds', router: hsdsRouter }],
};
