import { Logger, Provider } from '@nestjs/common';
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
  SignBoard,
  SystemClock,
} from '@app/guidance';
import { IntentStore, LiveStore, SignLevelStore } from '@app/live-store';
import { CityChangeListener, PgCityCatalogSource } from '@app/persistence';
import { DataSource } from 'typeorm';

/** At most one warning per interval while the live store cannot keep the signs' levels. */
function signStoreWarning(intervalMs: number): (err: unknown) => void {
  const logger = new Logger('signs');
  let next = 0;
  return (err) => {
    if (Date.now() < next) return;
    next = Date.now() + intervalMs;
    logger.warn(
      `sign levels not shared (live store: ${err instanceof Error ? err.message : String(err)}); this process keeps them meanwhile`,
    );
  };
}

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
    inject: [LiveReplica, Clock, AppConfig, SignLevelStore],
    useFactory: (replica: LiveReplica, clock: Clock, c: AppConfig, signLevels: SignLevelStore) =>
      new Guidance(
        replica,
        clock,
        {
          intentPenaltyM: c.guidance.intents.penaltyM,
          arrivalPenaltyM: c.guidance.intents.arrivalPenaltyM,
          signsSubtractIntents: c.guidance.intents.signsSubtract,
        },
        new SignBoard(signLevels, signStoreWarning(c.logging.serviceDownIntervalMs)),
      ),
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
