import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@app/config';
import { openRedisLive } from '@app/live-store';
import { CityChangeListener, openDatabase } from '@app/persistence';
import { startEnforcer } from './wiring';

/** The enforcement worker: parking sessions and live violation detection (docs/enforcement.md). */
async function main(): Promise<void> {
  const logger = new Logger('enforcer');
  const config = loadConfigOrExit();
  const ds = await openDatabase(config, 'enforcer');
  const live = openRedisLive(config.redis, { offlineQueue: true, name: 'enforcer' });
  const cityChanges = new CityChangeListener(config.db.url, {
    name: 'enforcer-city-listen',
    onError: (err) => logger.warn(`city_changed listener: ${String(err)}`),
  });
  const enforcer = await startEnforcer(ds, live.store, config.enforcement, Date.now, cityChanges);
  logger.log('enforcer running');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await enforcer.stop();
    await cityChanges.close();
    await live.close();
    await ds.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`enforcer failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
