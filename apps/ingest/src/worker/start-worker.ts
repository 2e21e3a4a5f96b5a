import { AppConfig } from '@app/config';
import type { MemoryLiveState } from '@app/live-store';
import { createIngestRuntime, IngestRuntime } from '../wiring';
import { openDatabase } from '@app/persistence';
import { Server } from 'node:http';
import { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PartitionClient } from '../partitions/partition-client';
import { PartitionOwner } from '../partitions/partition-owner';
import { IngestWorker } from './ingest-worker';
import { startMetricsServer } from './metrics-server';
import { resolveSessionPrefix } from '../partitions/session-prefix';
import { IngestReadiness } from './readiness';
import { OutageLog } from '@app/logging';

export interface RunningWorker {
  runtime: IngestRuntime;
  owner: PartitionOwner;
  stop(graceMs?: number): Promise<void>;
}

export interface StartWorkerOptions {
  /** Live state shared within this process (one-process profile) instead of Redis. */
  live?: MemoryLiveState;
}

/**
 * Migrates, loads the city, then consumes the MQTT partitions it owns (rebuilding the live state
 * from PostgreSQL before it takes any) (see docs/ingest.md, "Partitions and ownership").
 */
export async function startWorker(
  config: AppConfig,
  logger: Logger,
  opts: StartWorkerOptions = {},
): Promise<RunningWorker> {
  const logErr = (msg: string, err?: unknown) =>
    logger.warn({ err: err instanceof Error ? err.message : err }, msg);
  const ds = await openDatabase(config, 'ingest-migrate');
  const mqtt = await resolveSessionPrefix(config.mqtt, ds).finally(() => ds.destroy());

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const runtime = await createIngestRuntime(config, {
    registry,
    onError: (err) => logErr('background error', err),
    name: `ingest-${mqtt.clientId}`,
    live: opts.live,
  });
  // no rebuild here: taking a partition rebuilds the whole live state from the durable records
  // (onAcquire below), and a standby owning none applies nothing
  logger.info({ sensors: runtime.directory.size }, 'sensor directory loaded');
  runtime.sweeper.start(config.ingest.sweepIntervalMs);

  const brokerOutage = new OutageLog(
    logger,
    { service: 'MQTT broker', variable: 'MQTT_URL', url: config.mqtt.url },
    config.logging.serviceDownIntervalMs,
  );
  const worker = new IngestWorker(runtime.service, config.ingest, runtime.metrics, logErr);
  const owner = new PartitionOwner(
    { connectionString: config.db.url },
    {
      partitions: config.ingest.partitions,
      sessionPrefix: mqtt.clientId,
      cityChanges: (fn) => runtime.listener?.subscribe(() => fn()) ?? (() => undefined),
      takeoverMs: config.ingest.takeoverMs,
      topicRoot: config.mqtt.topicRoot,
      makeClient: (partition, topics, onTakenOver) =>
        new PartitionClient(
          {
            partition,
            partitions: config.ingest.partitions,
            mqtt,
            ingest: config.ingest,
            onMessage: worker.onMessage,
            onTakenOver,
            log: logErr,
            outage: brokerOutage,
            debug: (msg, err) =>
              logger.debug({ err: err instanceof Error ? err.message : err }, msg),
          },
          topics,
        ),
      // a dead owner may have applied events it never recorded: back to the durable records
      onAcquire: async (partitions) => {
        const lots = await runtime.rebuilder.rebuild(true);
        logger.info({ partitions, lots }, 'live state rebuilt for acquired partitions');
      },
      log: logErr,
      info: (msg, detail) => logger.info(detail, msg),
    },
  );

  const readiness = new IngestReadiness(
    runtime.pool,
    runtime.live,
    worker,
    runtime.metrics,
    config.ingest.stuckMs,
    () => {
      const own = owner.status();
      return {
        // a standby owning no partition is ready: it has nothing to consume
        connected: own.connected && Object.values(own.mqtt).every(Boolean),
        detail: {
          ownership: own.connected ? 'connected' : 'disconnected',
          memberSlot: own.slot,
          partitions: own.partitions,
          mqttPartitions: own.mqtt,
        },
      };
    },
  );
  await readiness.start();
  let metricsServer: Server | null = null;
  if (config.ingest.metricsPort > 0) {
    metricsServer = await startMetricsServer(
      registry,
      config.http.host,
      config.ingest.metricsPort,
      () => readiness.report(),
    );
  }
  const partitions = await owner.start();
  logger.info(
    { clientId: mqtt.clientId, partitionsTotal: config.ingest.partitions, partitions },
    'ingest consuming',
  );

  return {
    runtime,
    owner,
    stop: async (graceMs = 10000) => {
      await owner.halt();
      await worker.drain(graceMs);
      await owner.stop();
      readiness.stop();
      metricsServer?.close();
      await runtime.close();
    },
  };
}
