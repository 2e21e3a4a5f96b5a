import Redis from 'ioredis';
import type { RedisConfig } from '@app/config';

/**
 * An ioredis client whose failures surface instead of queueing without bound: with
 * `offlineQueue: false` commands fail at once while disconnected and the caller retries.
 */
export function createLiveRedis(
  config: Pick<RedisConfig, 'url' | 'keyPrefix'>,
  opts: { offlineQueue?: boolean; name?: string } = {},
): Redis {
  return new Redis(config.url, {
    keyPrefix: config.keyPrefix,
    enableOfflineQueue: opts.offlineQueue ?? false,
    maxRetriesPerRequest: 2,
    connectionName: opts.name,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    lazyConnect: false,
  });
}

/** Channel name for the change stream: pub/sub channels are not prefixed by ioredis. */
export function changesChannel(redis: Redis): string {
  return `${redis.options.keyPrefix ?? ''}live:changes`;
}

/** Resolves when the client is ready (commands fail fast without an offline queue). */
export async function redisReady(redis: Redis, timeoutMs = 10000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    function onReady() {
      clearTimeout(timer);
      resolve();
    }
    redis.once('ready', onReady);
  });
}
