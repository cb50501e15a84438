import type { AppModule } from '../../common/module';
import { LabelsResolver, ServiceCategoryLabelResolver } from './labels.resolver';

/** Labels in the platform's languages for the codes the API answers (enums, service categories, errors). */
export const labelsModule: AppModule = {
  name: 'labels',
  entities: [],
  resolvers: [LabelsResolver, ServiceCategoryLabelResolver],
};
