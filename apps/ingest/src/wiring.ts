import { AppConfig } from '@app/config';
import { createIngestCore, IngestCore, IngestMetrics } from '@app/ingestion';
import {
  LiveHealth,
  LiveStateWriter,
  LiveStore,
  MemoryLiveState,
  memoryLiveConnection,
  openRedisLive,
} from '@app/live-store';
import { CityChangeListener, PgCityReader, PgEventLog } from '@app/persistence';
import { Pool } from 'pg';
import { Registry } from 'prom-client';

/**
 * The ingest use cases wired to PostgreSQL and the live store (Redis, or the process's memory):
 * the worker's (and the rebuild CLI's) composition root.
 */
export interface IngestRuntime extends IngestCore {
  writer: LiveStateWriter;
  reader: LiveStore;
  /** Readiness of the live store (ping, connection state). */
  live: LiveHealth;
  pool: Pool;
  /** The process's one city_changed listener (null when not listening). */
  listener: CityChangeListener | null;
  close(): Promise<void>;
}

export interface IngestRuntimeOptions {
  registry?: Registry;
  /** Listen for NOTIFY city_changed and reload (default true). */
  listen?: boolean;
  onError?: (err: unknown) => void;
  name?: string;
  /** Live state shared within this process (one-process profile) instead of Redis. */
  live?: MemoryLiveState;
}

export async function createIngestRuntime(
  config: Pick<AppConfig, 'db' | 'redis'> & Partial<Pick<AppConfig, 'logging'>>,
  opts: IngestRuntimeOptions = {},
): Promise<IngestRuntime> {
  const onError = opts.onError ?? (() => undefined);
  const name = opts.name ?? 'ingest';
  const pool = new Pool({
    connectionString: config.db.url,
    max: config.db.poolSize,
    application_name: name,
    connectionTimeoutMillis: 3000,
    query_timeout: 30000,
  });
  pool.on('error', onError);
  const live = opts.live
    ? memoryLiveConnection(opts.live)
    : // a lost Redis is reported once per outage by the client itself, not per retry
      openRedisLive(config.redis, {
        offlineQueue: false,
        name,
        downLogIntervalMs: config.logging?.serviceDownIntervalMs,
      });
  const core = await createIngestCore({
    sensors: { load: () => PgCityReader.ofPool(pool).sensors() },
    live: live.writer,
    log: new PgEventLog(pool),
    metrics: new IngestMetrics(opts.registry ?? new Registry()),
    onError,
  });
  await live.health.whenReady().catch(onError);
  let listener: CityChangeListener | null = null;
  if (opts.listen ?? true) {
    listener = new CityChangeListener(config.db.url, { name: `${name}-listen`, onError });
    listener.subscribe(() => void core.reload().catch(onError));
    await listener.start();
  }
  return {
    ...core,
    writer: live.writer,
    reader: live.store,
    live: live.health,
    pool,
    listener,
    close: async () => {
      core.sweeper.stop();
      await listener?.close();
      await live.close();
      await pool.end();
    },
  };
}
