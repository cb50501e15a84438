import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound } from '../../common/errors';
import { creationOrder, paginate, type Page, type PageArgs } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import type {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  RedeliverWebhookInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './dto/webhook.inputs';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookEndpointStatus } from './webhook.entity';
import { newSigningSecret, sealSecret, urlProblem } from './webhook-signing';

/** Endpoints one organization may register: each is visited by every fan-out. */
export const MAX_ENDPOINTS = 10;

function assertUrl(ctx: RequestContext, url: string, argumentPath: string[]): void {
  const problem = urlProblem(url, ctx.config.webhooks.allowPrivateAddresses);
  if (problem) throw badInput(`The URL ${problem}`, argumentPath);
}

export async function createWebhookEndpoint(ctx: RequestContext, input: CreateWebhookEndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const principal = await ctx.requireUser();
  assertUrl(ctx, input.url, ['input', 'url']);
  const em = await ctx.db();
  // Serialized per organization, so that the count holds under concurrent registrations.
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`webhook-endpoints:${principal.organizationId}`]);
  if ((await em.countBy(WebhookEndpoint, { organizationId: principal.organizationId })) >= MAX_ENDPOINTS) {
    throw conflict(`An organization has at most ${MAX_ENDPOINTS} webhook endpoints: delete one first`);
  }
  const secret = newSigningSecret();
  const endpoint = em.create(WebhookEndpoint, {
    organizationId: principal.organizationId,
    id: randomUUID(),
    url: input.url,
    eventTypes: input.eventTypes,
    description: input.description ?? null,
    sealedSecret: sealSecret(ctx.config.webhooks.secretKey, secret),
    status: WebhookEndpointStatus.ACTIVE,
    disabledReason: null,
    failingSince: null,
    createdByUserId: principal.userId,
  });
  await em.insert(WebhookEndpoint, endpoint);
  return { endpoint: await em.findOneByOrFail(WebhookEndpoint, { organizationId: endpoint.organizationId, id: endpoint.id }), secret };
}

export async function updateWebhookEndpoint(ctx: RequestContext, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
  const { organizationId } = await ctx.requireUser();
  if (input.url) assertUrl(ctx, input.url, ['input', 'url']);
  const em = await ctx.db();
  const endpoint = await em.findOne(WebhookEndpoint, { where: { organizationId, id: input.endpointId }, lock: { mode: 'pessimistic_write' } });
  if (!endpoint) throw notFound('Webhook endpoint', ['input', 'endpointId']);
  if (endpoint.version !== input.expectedVersion) {
    throw conflict(`This endpoint changed since you read it (version ${endpoint.version})`, { version: endpoint.version, status: endpoint.status });
  }
  const enabling = input.enabled === true && endpoint.status === WebhookEndpointStatus.DISABLED;
  await em
    .createQueryBuilder()
    .update(WebhookEndpoint)
    .set({
      ...(input.url ? { url: input.url } : {}),
      ...(input.eventTypes ? { eventTypes: input.eventTypes } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.enabled === false ? { status: WebhookEndpointStatus.DISABLED, disabledReason: 'Disabled by an admin' } : {}),
      ...(enabling ? { status: WebhookEndpointStatus.ACTIVE, disabledReason: null, failingSince: null } : {}),
      version: () => 'version + 1',
      updatedAt: () => 'now()',
    })
    .where('organization_id = :organizationId AND id = :id', { organizationId, id: endpoint.id })
    .execute();
  return em.findOneByOrFail(WebhookEndpoint, { organizationId, id: endpoint.id });
}

export async function deleteWebhookEndpoint(ctx: RequestContext, input: DeleteWebhookEndpointInput): Promise<string> {
  const { organizationId } = await ctx.requireUser();
  const result = await (await ctx.db()).delete(WebhookEndpoint, { organizationId, id: input.endpointId });
  if (!result.affected) throw notFound('Webhook endpoint', ['input', 'endpointId']);
  return input.endpointId;
}

export async function listWebhookEndpoints(ctx: RequestContext, args: PageArgs): Promise<Page<WebhookEndpoint>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db()).createQueryBuilder(WebhookEndpoint, 'w').where('w.organization_id = :organizationId', { organizationId });
  return paginate(query, args, creationOrder('w'), ctx.config.graphql.maxPageSize);
}

/** An endpoint's deliveries, newest event first: the log an admin reads when a receiver says it missed something. */
export async function listWebhookDeliveries(ctx: RequestContext, args: WebhookDeliveriesArgs): Promise<Page<WebhookDelivery>> {
  const { organizationId } = await ctx.requirePrincipal();
  const em = await ctx.db();
  if (!(await em.existsBy(WebhookEndpoint, { organizationId, id: args.endpointId }))) throw notFound('Webhook endpoint', ['endpointId']);
  const query = em
    .createQueryBuilder(WebhookDelivery, 'd')
    .where('d.organization_id = :organizationId AND d.endpoint_id = :endpointId', { organizationId, endpointId: args.endpointId });
  if (args.status) query.andWhere('d.status = :status', { status: args.status });
  return paginate(
    query,
    args,
    [
      { column: 'd.event_sequence', value: (delivery) => delivery.eventSequence, type: 'bigint' },
      { column: 'd.id', value: (delivery) => delivery.id, type: 'uuid' },
    ],
    ctx.config.graphql.maxPageSize,
    'DESC',
  );
}

/** Sends a delivery again, with the same `webhook-id`: at the endpoint's next run (within a minute). */
export async function redeliverWebhook(ctx: RequestContext, input: RedeliverWebhookInput): Promise<WebhookDelivery> {
  const { organizationId } = await ctx.requireUser();
  const em = await ctx.db();
  const delivery = await em.findOne(WebhookDelivery, { where: { organizationId, id: input.deliveryId }, lock: { mode: 'pessimistic_write' } });
  if (!delivery) throw notFound('Webhook delivery', ['input', 'deliveryId']);
  await em
    .createQueryBuilder()
    .update(WebhookDelivery)
    .set({ status: WebhookDeliveryStatus.PENDING, nextAttemptAt: null, error: null, deliveredAt: null })
    .where('organization_id = :organizationId AND id = :id', { organizationId, id: delivery.id })
    .execute();
  return em.findOneByOrFail(WebhookDelivery, { organizationId, id: delivery.id });
}
