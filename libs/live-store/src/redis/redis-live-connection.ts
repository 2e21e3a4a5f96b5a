import type { RedisConfig } from '@app/config';
import type Redis from 'ioredis';
import { LiveConnection } from '../live-connection';
import { createLiveRedis, LiveRedisOptions } from './live-redis.factory';
import { RedisIntentStore } from './redis-intent-store';
import { RedisLiveHealth } from './redis-live-health';
import { RedisLiveStore } from './redis-live-store';
import { RedisLiveWriter } from './redis-live-writer';
import { RedisRateLimitStore } from './redis-rate-limit-store';

export interface RedisLiveConnection extends LiveConnection {
  /** The client behind the ports (for tests and benchmarks; processes use the ports). */
  readonly redis: Redis;
}

/** The live-store ports on one new ioredis client (`createLiveRedis`); `close` quits it. */
export function openRedisLive(
  config: Pick<RedisConfig, 'url' | 'keyPrefix'>,
  opts: LiveRedisOptions = {},
): RedisLiveConnection {
  const redis = createLiveRedis(config, opts);
  return {
    redis,
    store: new RedisLiveStore(redis),
    writer: new RedisLiveWriter(redis),
    health: new RedisLiveHealth(redis),
    rateLimit: new RedisRateLimitStore(redis),
    intents: new RedisIntentStore(redis),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
