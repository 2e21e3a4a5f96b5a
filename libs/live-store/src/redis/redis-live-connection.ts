import { LiveRedis } from './command-batch';
import { LiveConnection } from '../live-connection';
import { createLiveClient, LiveRedisConfig, LiveRedisOptions } from './live-redis.factory';
import { RedisIntentStore } from './redis-intent-store';
import { RedisLiveHealth } from './redis-live-health';
import { RedisLiveStore } from './redis-live-store';
import { RedisLiveWriter } from './redis-live-writer';
import { RedisRateLimitStore } from './redis-rate-limit-store';
import { RedisSignLevelStore } from './redis-sign-level-store';

export interface RedisLiveConnection extends LiveConnection {
  /** The client behind the ports (for tests and benchmarks; processes use the ports). */
  readonly redis: LiveRedis;
}

/**
 * The live-store ports on one new ioredis client (`createLiveClient`: a Redis, or a Redis Cluster
 * with `clusterNodes`); `close` quits it.
 */
export function openRedisLive(
  config: LiveRedisConfig,
  opts: LiveRedisOptions = {},
): RedisLiveConnection {
  const redis = createLiveClient(config, opts);
  return {
    redis,
    store: new RedisLiveStore(redis),
    writer: new RedisLiveWriter(redis),
    health: new RedisLiveHealth(redis),
    rateLimit: new RedisRateLimitStore(redis),
    intents: new RedisIntentStore(redis),
    signLevels: new RedisSignLevelStore(redis),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
