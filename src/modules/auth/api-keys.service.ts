import { randomUUID } from 'node:crypto';
import { conflict, forbidden, notFound } from '../../common/errors';
import { creationOrder, paginate, type Page, type PageArgs } from '../../common/pagination';
import type { RequestContext } from '../../context/request-context';
import { ApiKey } from './api-key.entity';
import type { CreateApiKeyInput, RevokeApiKeyInput } from './dto/auth.inputs';

/** Characters of the secret kept in clear, enough to tell keys apart in a list. */
const VISIBLE_PREFIX_LENGTH = 12;

export async function createApiKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
  const principal = await ctx.requirePrincipal();
  if (principal.kind !== 'user') throw forbidden('Only a signed-in admin can create API keys');
  const { secret, hash } = ctx.services.credentials.newApiKey();
  const em = await ctx.db();
  const apiKey = await em.save(
    em.create(ApiKey, {
      organizationId: principal.organizationId,
      id: randomUUID(),
      name: input.name.trim(),
      prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
      secretHash: hash,
      scopes: input.scopes,
      createdByUserId: principal.userId,
    }),
  );
  return { apiKey, secret };
}

export async function listApiKeys(ctx: RequestContext, args: PageArgs): Promise<Page<ApiKey>> {
  const { organizationId } = await ctx.requirePrincipal();
  const query = (await ctx.db())
    .createQueryBuilder(ApiKey, 'k')
    .where('k.organization_id = :organizationId', { organizationId });
  return paginate(query, args, creationOrder('k'), ctx.config.graphql.maxPageSize);
}

export async function findApiKey(ctx: RequestContext, id: string): Promise<ApiKey | null> {
  const { organizationId } = await ctx.requirePrincipal();
  return (await ctx.db()).findOne(ApiKey, { where: { organizationId, id } });
}

export async function revokeApiKey(ctx: RequestContext, input: RevokeApiKeyInput): Promise<ApiKey> {
  const { organizationId } = await ctx.requirePrincipal();
  const em = await ctx.db();
  const apiKey = await em.findOne(ApiKey, { where: { organizationId, id: input.apiKeyId }, lock: { mode: 'pessimistic_write' } });
  if (!apiKey) throw notFound('API key', ['input', 'apiKeyId']);
  if (apiKey.revokedAt) throw conflict('This API key has already been revoked');
  apiKey.revokedAt = new Date();
  return em.save(apiKey);
}
