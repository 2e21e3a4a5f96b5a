import { Provider } from '@nestjs/common';
import { AppConfig } from '@app/config';
import {
  CityCatalogSource,
  Clock,
  Guidance,
  IntentService,
  IntentSync,
  LiveReplica,
  LiveStateSource,
  LiveStoreStateSource,
  SystemClock,
} from '@app/guidance';
import { IntentStore, LiveStore } from '@app/live-store';
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
    inject: [LiveReplica, Clock, AppConfig],
    useFactory: (replica: LiveReplica, clock: Clock, c: AppConfig) =>
      new Guidance(replica, clock, {
        intentPenaltyM: c.guidance.intents.penaltyM,
        arrivalPenaltyM: c.guidance.intents.arrivalPenaltyM,
        signsSubtractIntents: c.guidance.intents.signsSubtract,
      }),
  },
  {
    provide: IntentService,
    inject: [LiveReplica, IntentStore, Clock, AppConfig],
    useFactory: (replica: LiveReplica, store: IntentStore, clock: Clock, c: AppConfig) =>
      new IntentService(replica, store, clock, {
        marginMs: c.guidance.intents.marginS * 1000,
        horizonMs: 3 * 3600_000,
      }),
  },
  {
    provide: IntentSync,
    inject: [LiveReplica, IntentStore, Clock],
    useFactory: (replica: LiveReplica, store: IntentStore, clock: Clock) =>
      new IntentSync(replica, store, clock),
  },
];
