import type { AppModule } from '../../common/module';
import { IdempotencyKey } from './idempotency-key.entity';
import { PersistedQuery } from './persisted-query.entity';
import { RateLimitCounter } from './rate-limit-counter.entity';

/** What keeps the API fair and safe to retry: rate limits, idempotency keys, persisted queries. No GraphQL fields of its own. */
export const operationsModule: AppModule = {
  name: 'operations',
  entities: [RateLimitCounter, IdempotencyKey, PersistedQuery],
  resolvers: [],
};
