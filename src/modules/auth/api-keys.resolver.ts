import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import { Permission } from '../../common/permissions';
import type { RequestContext } from '../../context/request-context';
import { ApiKey } from './api-key.entity';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service';
import { ApiKeyConnection, ApiKeyCreated } from './auth.types';
import { CreateApiKeyInput, RevokeApiKeyInput } from './dto/auth.inputs';

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  @Authorized(Permission.API_KEYS_MANAGE)
  @Query(() => ApiKeyConnection, { description: "The acting organization's API keys, oldest first. Admins only." })
  apiKeys(@Ctx() ctx: RequestContext, @Args(() => PageArgs) args: PageArgs) {
    return listApiKeys(ctx, args);
  }

  @Authorized(Permission.API_KEYS_MANAGE)
  @Mutation(() => ApiKeyCreated, { description: 'Creates an API key with explicit scopes. The secret is shown once. Admins only.' })
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return createApiKey(ctx, input);
  }

  @Authorized(Permission.API_KEYS_MANAGE)
  @Mutation(() => ApiKey, { description: 'Revokes an API key; it stops working at once. Admins only.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput) {
    return revokeApiKey(ctx, input);
  }
}
