import type { RedisConfig } from '@app/config';
import type Redis from 'ioredis';
import { LiveConnection } from '../live-connection';
import { createLiveRedis } from './live-redis.factory';
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
  opts: { offlineQueue?: boolean; name?: string; onError?: (err: unknown) => void } = {},
): RedisLiveConnection {
  const redis = createLiveRedis(config, { offlineQueue: opts.offlineQueue, name: opts.name });
  if (opts.onError) redis.on('error', opts.onError);
  return {
    redis,
    store: new RedisLiveStore(redis),
    writer: new RedisLiveWriter(redis),
    health: new RedisLiveHealth(redis),
    rateLimit: new RedisRateLimitStore(redis),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
