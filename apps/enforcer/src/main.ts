import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { loadConfigOrExit } from '@app/config';
import { openRedisLive, probeLiveRedis } from '@app/live-store';
import { exitOnStartFailure, initLogging, PinoNestLogger, requireServices } from '@app/logging';
import { CityChangeListener, openDatabase, probeDatabase } from '@app/persistence';
import { startEnforcer } from './wiring';

const config = loadConfigOrExit();
const logger = initLogging({
  app: 'enforcer',
  level: config.logging.level,
  pretty: config.logging.pretty,
});
// the enforcement libraries log through Nest's Logger: the same pino lines
NestLogger.overrideLogger(new PinoNestLogger(logger));

/** The enforcement worker: parking sessions and live violation detection (docs/enforcement.md). */
async function main(): Promise<void> {
  await requireServices(logger, [probeDatabase(config.db.url), probeLiveRedis(config.redis)]);
  const ds = await openDatabase(config, 'enforcer');
  const live = openRedisLive(config.redis, {
    offlineQueue: true,
    name: 'enforcer',
    downLogIntervalMs: config.logging.serviceDownIntervalMs,
  });
  const cityChanges = new CityChangeListener(config.db.url, {
    name: 'enforcer-city-listen',
    onError: (err) => logger.warn({ err: String(err) }, 'city_changed listener'),
  });
  const enforcer = await startEnforcer(ds, live.store, config.enforcement, Date.now, cityChanges);
  logger.info('enforcer running');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: stopping`);
    await enforcer.stop();
    await cityChanges.close();
    await live.close();
    await ds.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch(exitOnStartFailure(logger, 'enforcer failed'));
