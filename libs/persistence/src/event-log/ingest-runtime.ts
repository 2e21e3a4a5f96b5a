import { AppConfig } from '@app/config';
import {
  IngestMetrics,
  IngestService,
  LiveRebuilder,
  SensorDirectory,
  StaleSweeper,
} from '@app/ingestion';
import { createLiveRedis, redisReady, RedisLiveStore, RedisLiveWriter } from '@app/live-store';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { PgEventLog } from './pg-event-log';
import { PgSensorDirectorySource } from './pg-sensor-directory.source';

/** A lot's zone and space list, to find the lots a city change touched (Redis keeps no coordinates). */
function lotSignatures(directory: SensorDirectory): Map<string, string> {
  return new Map(
    directory.lots().map((l) => [
      l.lotId,
      `${l.zoneId}|${l.spaces
        .map((s) => s.spaceId)
        .sort()
        .join(';')}`,
    ]),
  );
}

/** Everything the ingest use case needs, wired to PostgreSQL and Redis (worker and HTTP ingest). */
export interface IngestRuntime {
  service: IngestService;
  directory: SensorDirectory;
  rebuilder: LiveRebuilder;
  sweeper: StaleSweeper;
  metrics: IngestMetrics;
  writer: RedisLiveWriter;
  reader: RedisLiveStore;
  redis: Redis;
  pool: Pool;
  /** Reloads the sensor directory from the city tables. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface IngestRuntimeOptions {
  registry?: Registry;
  /** Listen for NOTIFY city_changed and reload (default true). */
  listen?: boolean;
  onError?: (err: unknown) => void;
  name?: string;
}

export async function createIngestRuntime(
  config: Pick<AppConfig, 'db' | 'redis'>,
  opts: IngestRuntimeOptions = {},
): Promise<IngestRuntime> {
  const onError = opts.onError ?? (() => undefined);
  const pool = new Pool({
    connectionString: config.db.url,
    max: config.db.poolSize,
    application_name: opts.name ?? 'ingest',
    connectionTimeoutMillis: 3000,
    query_timeout: 30000,
  });
  pool.on('error', onError);
  const redis = createLiveRedis(config.redis, { offlineQueue: false, name: opts.name ?? 'ingest' });
  redis.on('error', onError);
  const metrics = new IngestMetrics(opts.registry ?? new Registry());
  const source = new PgSensorDirectorySource(pool, {
    connectionString: config.db.url,
    application_name: `${opts.name ?? 'ingest'}-listen`,
  });
  const directory = new SensorDirectory(await source.load());
  await redisReady(redis).catch(onError);
  const writer = new RedisLiveWriter(redis);
  const log = new PgEventLog(pool);
  const rebuilder = new LiveRebuilder(log, writer, directory);
  const service = new IngestService(directory, writer, log, rebuilder, metrics);
  const sweeper = new StaleSweeper(writer, directory, metrics, onError);
  const reload = async () => {
    const before = lotSignatures(directory);
    directory.replace(await source.load());
    const after = lotSignatures(directory);
    const changed = [...after.keys()].filter(
      (l) => before.has(l) && before.get(l) !== after.get(l),
    );
    await rebuilder.refresh(changed);
  };
  if (opts.listen ?? true) await source.listen(() => void reload().catch(onError));
  return {
    service,
    directory,
    rebuilder,
    sweeper,
    metrics,
    writer,
    reader: new RedisLiveStore(redis),
    redis,
    pool,
    reload,
    close: async () => {
      sweeper.stop();
      await source.close();
      await redis.quit().catch(() => redis.disconnect());
      await pool.end();
    },
  };
}
