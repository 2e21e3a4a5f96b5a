import { AppConfig } from '@app/config';
import { createLiveRedis, LiveStore, RedisLiveStore } from '@app/live-store';

/**
 * The live state the one-process profile shares between api, ingest worker and enforcer.
 * The one place that chooses it.
 */
export interface DevLiveState {
  /** What the banner says about it. */
  description: string;
  /** The enforcer's read side. */
  enforcerStore(): { store: LiveStore; close(): Promise<void> };
}

/**
 * TEMPORARY until the in-memory live store (MemoryLiveState) lands: the api and the ingest
 * worker build their Redis clients from REDIS_URL as usual, and so does the enforcer here.
 */
export function createDevLiveState(config: AppConfig): DevLiveState {
  return {
    description: `Redis ${config.redis.url} (prefix "${config.redis.keyPrefix}")`,
    enforcerStore: () => {
      const redis = createLiveRedis(config.redis, { offlineQueue: true, name: 'enforcer' });
      return {
        store: new RedisLiveStore(redis),
        close: async () => {
          await redis.quit().catch(() => redis.disconnect());
        },
      };
    },
  };
}
