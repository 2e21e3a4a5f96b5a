import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import pino from 'pino';
import { startWorker } from './worker/start-worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = pino({ level: config.logLevel, base: { app: 'ingest' } });
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

main().catch((err) => {
  process.stderr.write(`ingest failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
