import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import Redis from 'ioredis';
import { LiveStore } from '../live-store.port';
import { createLiveRedis } from './live-redis.factory';
import { RedisLiveStore } from './redis-live-store';

export const LIVE_REDIS = Symbol('LIVE_REDIS');

/** Provides the read side `LiveStore` (and the raw client as LIVE_REDIS) from AppConfig. */
@Global()
@Module({
  providers: [
    {
      provide: LIVE_REDIS,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => createLiveRedis(c.redis, { offlineQueue: false, name: 'api' }),
    },
    { provide: LiveStore, inject: [LIVE_REDIS], useFactory: (r: Redis) => new RedisLiveStore(r) },
  ],
  exports: [LiveStore, LIVE_REDIS],
})
export class LiveStoreModule implements OnApplicationShutdown {
  constructor(@Inject(LIVE_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
