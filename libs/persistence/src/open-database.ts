import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';
import { runMigrations } from './migrations.runner';
import { ensureOccupancyPartitionsAround } from './partitions';

/**
 * Connects, migrates when `config.db.runMigrations` (Immich style: at start, never synchronize)
 * and makes sure the event history has its partitions for the days around now.
 */
export async function openDatabase(
  config: Pick<AppConfig, 'db'>,
  applicationName?: string,
): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config, { applicationName }));
  await ds.initialize();
  try {
    if (config.db.runMigrations) await runMigrations(ds);
    await ensureOccupancyPartitionsAround(ds);
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  return ds;
}
