import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createIngestCore, IngestCore, IngestMetrics } from '@app/ingestion';
import { LiveHealth, LiveStateWriter } from '@app/live-store';
import { CityChangeListener, PgCityReader, PgEventLog } from '@app/persistence';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export const INGEST_RUNTIME = Symbol('INGEST_RUNTIME');

/** HTTP ingest's use cases on the API's own connections (its DataSource pool and live store). */
export interface ApiIngestRuntime extends IngestCore {
  pool: Pool;
  close(): Promise<void>;
}

export const ingestRuntimeProvider = {
  provide: INGEST_RUNTIME,
  inject: [DataSource, LiveStateWriter, LiveHealth, CityChangeListener],
  useFactory: async (
    ds: DataSource,
    live: LiveStateWriter,
    health: LiveHealth,
    cityListener: CityChangeListener,
  ): Promise<ApiIngestRuntime> => {
    const logger = new Logger('ingest-http');
    const onError = (err: unknown) => logger.warn(String(err));
    const pool = (ds.driver as PostgresDriver).master as Pool;
    const core = await createIngestCore({
      sensors: { load: () => PgCityReader.ofPool(pool).sensors() },
      live,
      log: new PgEventLog(pool),
      metrics: new IngestMetrics(new Registry()),
      onError,
    });
    await health.whenReady().catch(onError);
    const off = cityListener.subscribe(() => void core.reload().catch(onError));
    await cityListener.start();
    return {
      ...core,
      pool,
      close: async () => {
        core.sweeper.stop();
        off();
      },
    };
  },
};

/** Detaches HTTP ingest from the city listener when the API stops (the connections are the API's). */
@Injectable()
export class IngestRuntimeCloser implements OnApplicationShutdown {
  constructor(@Inject(INGEST_RUNTIME) private readonly rt: ApiIngestRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.rt.close();
  }
}
