import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createIngestCore, IngestCore, IngestMetrics } from '@app/ingestion';
import { LiveHealth, LiveStateWriter } from '@app/live-store';
import { CityChangeListener, PgCityReader, PgEventLog } from '@app/persistence';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export const INGEST_RUNTIME = Symbol('INGEST_RUNTIME');

/**
 * HTTP ingest's use cases on the API's own connections (its DataSource pool and live store). The
 * use cases hold a sensor directory of the whole city (~1 KB a sensor), so they are built on the
 * first HTTP ingest request, not at boot: an API that serves only drivers and staff (gateways on
 * MQTT) keeps neither the directory nor its reload on every city change.
 */
export interface ApiIngestRuntime {
  pool: Pool;
  /** The ingest use cases, loaded on first use (then kept current on city changes). */
  core(): Promise<IngestCore>;
  close(): Promise<void>;
}

export const ingestRuntimeProvider = {
  provide: INGEST_RUNTIME,
  inject: [DataSource, LiveStateWriter, LiveHealth, CityChangeListener],
  useFactory: (
    ds: DataSource,
    live: LiveStateWriter,
    health: LiveHealth,
    cityListener: CityChangeListener,
  ): ApiIngestRuntime => {
    const logger = new Logger('ingest-http');
    const onError = (err: unknown) => logger.warn(String(err));
    const pool = (ds.driver as PostgresDriver).master as Pool;
    let loading: Promise<IngestCore> | null = null;
    let off: (() => void) | null = null;
    let closed = false;
    const load = async (): Promise<IngestCore> => {
      const core = await createIngestCore({
        sensors: { load: () => PgCityReader.ofPool(pool).sensors() },
        live,
        log: new PgEventLog(pool),
        metrics: new IngestMetrics(new Registry()),
        onError,
      });
      await health.whenReady().catch(onError);
      if (!closed) {
        off = cityListener.subscribe(() => void core.reload().catch(onError));
        await cityListener.start();
      }
      return core;
    };
    return {
      pool,
      core: () => {
        loading ??= load().catch((err: unknown) => {
          loading = null;
          throw err;
        });
        return loading;
      },
      close: async () => {
        closed = true;
        off?.();
        const core = await loading?.catch(() => null);
        core?.sweeper.stop();
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
