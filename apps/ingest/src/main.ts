import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { probeLiveRedis } from '@app/live-store';
import { exitOnStartFailure, initLogging, requireServices } from '@app/logging';
import { probeDatabase } from '@app/persistence';
import { startWorker } from './worker/start-worker';

const config = loadConfigOrExit();
const logger = initLogging({
  app: 'ingest',
  level: config.logging.level,
  pretty: config.logging.pretty,
});

async function main(): Promise<void> {
  // PostgreSQL and Redis must answer at start (else one line each, exit 69); the broker need
  // not: the partitions retry it with capped backoff (docs/operations.md#logs)
  await requireServices(logger, [probeDatabase(config.db.url), probeLiveRedis(config.redis)]);
  const worker = await startWorker(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    // never hang on a dead broker or store: unacked messages are redelivered anyway
    setTimeout(() => process.exit(1), 20_000).unref();
    worker
      .stop()
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch(exitOnStartFailure(logger, 'ingest failed'));
