import { Provider } from '@nestjs/common';
import { AppConfig } from '@app/config';
import {
  CityCatalogSource,
  Clock,
  Guidance,
  LiveReplica,
  LiveStateSource,
  LiveStoreStateSource,
  SystemClock,
} from '@app/guidance';
import { LiveStore } from '@app/live-store';
import { CityChangeListener, PgCityCatalogSource } from '@app/persistence';
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
    inject: [LiveStore],
    useFactory: (store: LiveStore) => new LiveStoreStateSource(store),
  },
  {
    provide: CityCatalogSource,
    inject: [DataSource, CityChangeListener],
    useFactory: async (ds: DataSource, listener: CityChangeListener) => {
      await listener.start();
      return new PgCityCatalogSource(ds, listener);
    },
  },
  {
    provide: Guidance,
    inject: [LiveReplica, Clock],
    useFactory: (replica: LiveReplica, clock: Clock) => new Guidance(replica, clock),
  },
];
