import { AppConfig } from '@app/config';
import { retrying } from '@app/ingestion';
import { createIngestRuntime, IngestRuntime } from '@app/persistence/event-log';
import { openDatabase } from '@app/persistence';
import { Server } from 'node:http';
import { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { IngestWorker } from './ingest-worker';
import { startMetricsServer } from './metrics-server';
import { MqttIntake } from './mqtt-intake';
import { IngestReadiness } from './readiness';

export interface RunningWorker {
  runtime: IngestRuntime;
  stop(graceMs?: number): Promise<void>;
}

/** Migrates, loads the city, rebuilds the live state if Redis lost it, then consumes MQTT. */
export async function startWorker(config: AppConfig, logger: Logger): Promise<RunningWorker> {
  const logErr = (msg: string, err?: unknown) =>
    logger.warn({ err: err instanceof Error ? err.message : err }, msg);
  const ds = await openDatabase(config, 'ingest-migrate');
  await ds.destroy();

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const runtime = await createIngestRuntime(config, {
    registry,
    onError: (err) => logErr('background error', err),
    name: `ingest-${config.mqtt.clientId}`,
  });
  const rebuilt = await retrying(() => runtime.rebuilder.rebuild(false), {
    onError: (err) => logErr('initial rebuild failed, retrying', err),
  });
  logger.info({ sensors: runtime.directory.size, lotsRebuilt: rebuilt }, 'live state ready');
  runtime.sweeper.start(config.ingest.sweepIntervalMs);

  const worker = new IngestWorker(runtime.service, config.ingest, runtime.metrics, logErr);
  const intake = new MqttIntake(config.mqtt, config.ingest, worker.onMessage, logErr);
  const readiness = new IngestReadiness(
    runtime.pool,
    runtime.redis,
    worker,
    runtime.metrics,
    config.ingest.stuckMs,
    () => ({ connected: intake.connected }),
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
  await intake.start();
  logger.info(
    { group: config.mqtt.shareGroup, clientId: config.mqtt.clientId },
    'ingest consuming',
  );

  return {
    runtime,
    stop: async (graceMs = 10000) => {
      await worker.drain(graceMs);
      await intake.stop();
      readiness.stop();
      metricsServer?.close();
      await runtime.close();
    },
  };
}
