import { Logger, Provider } from '@nestjs/common';
import { AppConfig } from '@app/config';
import {
  CityCatalogSource,
  Clock,
  Guidance,
  LiveReplica,
  LiveStateSource,
  PgCityCatalogSource,
  RedisLiveStateSource,
  SystemClock,
} from '@app/guidance';
import { LIVE_REDIS, LiveStore } from '@app/live-store';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

/** Wiring of the guidance use cases to their adapters (PostgreSQL city tables, Redis live store). */
export const guidanceProviders: Provider[] = [
  { provide: Clock, useClass: SystemClock },
  {
    provide: LiveReplica,
    inject: [AppConfig],
    useFactory: (c: AppConfig) => new LiveReplica({ cellM: c.guidance.gridCellM }),
  },
  {
    provide: LiveStateSource,
    inject: [LiveStore, LIVE_REDIS],
    useFactory: (store: LiveStore, redis: Redis) => new RedisLiveStateSource(store, redis),
  },
  {
    provide: CityCatalogSource,
    inject: [DataSource, AppConfig],
    useFactory: async (ds: DataSource, c: AppConfig) => {
      const logger = new Logger('guidance');
      const source = new PgCityCatalogSource(ds, c.db.url, (err) =>
        logger.warn(`city_changed listener: ${String(err)}`),
      );
      await source.listen();
      return source;
    },
  },
  {
    provide: Guidance,
    inject: [LiveReplica, Clock],
    useFactory: (replica: LiveReplica, clock: Clock) => new Guidance(replica, clock),
  },
];
