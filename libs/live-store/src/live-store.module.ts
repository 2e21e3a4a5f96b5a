import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IntentStore } from './intent-store.port';
import { LiveConnection } from './live-connection';
import { LiveHealth } from './live-health.port';
import { LiveStateWriter, LiveStore } from './live-store.port';
import { MemoryLiveState } from './memory/memory-live-state';
import { memoryLiveConnection } from './memory/memory-live-connection';
import { RateLimitStore } from './rate-limit.port';
import { SignLevelStore } from './sign-level.port';
import { openRedisLive } from './redis/redis-live-connection';

/** The raw ioredis client of the Redis form (tests only); null with the memory form. */
export const LIVE_REDIS = Symbol('LIVE_REDIS');
export const LIVE_CONNECTION = Symbol('LIVE_CONNECTION');
export const LIVE_STORE_OPTIONS = Symbol('LIVE_STORE_OPTIONS');

export interface LiveStoreOptions {
  /** Serve the live store from this process's memory instead of Redis (one-process profile). */
  memory?: MemoryLiveState;
}

/** Carries the options of `LiveStoreModule.forRoot` to the (global) LiveStoreModule. */
@Global()
@Module({})
export class LiveStoreOptionsModule {}

/**
 * Provides the live-store ports from AppConfig: `LiveStore`, `LiveStateWriter`,
 * `RateLimitStore` and `LiveHealth` (and the raw client as LIVE_REDIS for tests). Redis by
 * default; `LiveStoreModule.forRoot({ memory })` in the root module switches every importer to
 * the given in-process state. Feature modules keep importing `LiveStoreModule` itself.
 */
@Global()
@Module({
  providers: [
    {
      provide: LIVE_CONNECTION,
      inject: [AppConfig, { token: LIVE_STORE_OPTIONS, optional: true }],
      useFactory: (c: AppConfig, o?: LiveStoreOptions): LiveConnection =>
        o?.memory
          ? memoryLiveConnection(o.memory)
          : openRedisLive(c.redis, {
              offlineQueue: false,
              name: 'api',
              downLogIntervalMs: c.logging.serviceDownIntervalMs,
            }),
    },
    {
      provide: LIVE_REDIS,
      inject: [LIVE_CONNECTION],
      useFactory: (l: LiveConnection) => ('redis' in l ? l.redis : null),
    },
    { provide: LiveStore, inject: [LIVE_CONNECTION], useFactory: (l: LiveConnection) => l.store },
    {
      provide: LiveStateWriter,
      inject: [LIVE_CONNECTION],
      useFactory: (l: LiveConnection) => l.writer,
    },
    {
      provide: RateLimitStore,
      inject: [LIVE_CONNECTION],
      useFactory: (l: LiveConnection) => l.rateLimit,
    },
    { provide: LiveHealth, inject: [LIVE_CONNECTION], useFactory: (l: LiveConnection) => l.health },
    {
      provide: IntentStore,
      inject: [LIVE_CONNECTION],
      useFactory: (l: LiveConnection) => l.intents,
    },
    {
      provide: SignLevelStore,
      inject: [LIVE_CONNECTION],
      useFactory: (l: LiveConnection) => l.signLevels,
    },
  ],
  exports: [
    LiveStore,
    LiveStateWriter,
    RateLimitStore,
    LiveHealth,
    IntentStore,
    SignLevelStore,
    LIVE_REDIS,
  ],
})
export class LiveStoreModule implements OnApplicationShutdown {
  constructor(@Inject(LIVE_CONNECTION) private readonly live: LiveConnection) {}

  /** Imported once by the root module: the options for every `LiveStoreModule` importer. */
  static forRoot(options: LiveStoreOptions = {}): DynamicModule {
    return {
      module: LiveStoreOptionsModule,
      global: true,
      imports: [LiveStoreModule],
      providers: [{ provide: LIVE_STORE_OPTIONS, useValue: options }],
      exports: [LIVE_STORE_OPTIONS, LiveStoreModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.live.close();
  }
}
