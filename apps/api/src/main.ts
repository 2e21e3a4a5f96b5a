import 'reflect-metadata';
import cluster from 'node:cluster';
import { AppConfig, loadConfigOrExit } from '@app/config';
import { probeLiveRedis } from '@app/live-store';
import { exitOnStartFailure, initLogging, Logger, requireServices } from '@app/logging';
import { probeDatabase } from '@app/persistence';
import { createApiApp } from './bootstrap';
import { serveClusterMetrics } from './metrics/cluster-metrics';

/**
 * With HTTP_WORKERS > 1 this process only forks that many API processes sharing the port
 * (node:cluster hands out connections round robin), restarts one that dies and forwards
 * SIGTERM/SIGINT. Each worker is a whole API instance: its own replica of the live state, as
 * separate instances behind a load balancer would be.
 */
function runPrimary(workers: number, logger: Logger): void {
  let stopping = false;
  serveClusterMetrics();
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      logger.warn(
        { pid: worker.process.pid, code, signal },
        `api worker ${worker.process.pid} ended (${signal ?? code}), restarting`,
      );
      cluster.fork();
    } else if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
    });
  }
}

async function main(config: AppConfig, logger: Logger): Promise<void> {
  // the primary (or the only process) checks the services once: a missing one is one line and
  // exit 69, before any worker is forked
  if (cluster.isPrimary) {
    await requireServices(logger, [probeDatabase(config.db.url), probeLiveRedis(config.redis)]);
  }
  if (config.http.workers > 1 && cluster.isPrimary) return runPrimary(config.http.workers, logger);
  const app = await createApiApp(config, { logger });
  await app.listen(config.http.port, config.http.host);
  logger.info(
    { host: config.http.host, port: config.http.port },
    `api listening on ${config.http.host}:${config.http.port} (pid ${process.pid})`,
  );
}

const config = loadConfigOrExit();
const logger = initLogging({
  app: 'api',
  level: config.logging.level,
  pretty: config.logging.pretty,
});
main(config, logger).catch(exitOnStartFailure(logger, 'api failed to start'));
