import type { AppModule } from '../../common/module';
import { webhookEndpointJob, webhookFanOutJob } from './webhook.jobs';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { WebhooksResolver } from './webhooks.resolver';

/** Signed webhooks: an organization's events POSTed to its endpoints by the platform's jobs. */
export const webhooksModule: AppModule = {
  name: 'webhooks',
  entities: [WebhookEndpoint, WebhookDelivery],
  resolvers: [WebhooksResolver],
  jobs: [webhookFanOutJob, webhookEndpointJob],
};
