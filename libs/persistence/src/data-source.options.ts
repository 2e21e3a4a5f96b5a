import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { DataSourceOptions } from 'typeorm';

/** Compiled (.js) and source (.ts) migrations alike; the folder is shared with the ingest lib. */
export const MIGRATIONS_GLOB = join(__dirname, 'migrations', '*.{ts,js}');

/**
 * TypeORM options from the validated config. Schema changes happen only through migrations:
 * `synchronize` is always false.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'db'>,
  overrides: { url?: string; poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: overrides.url ?? config.db.url,
    synchronize: false,
    migrationsRun: false,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    entities: [],
    logging: false,
    applicationName: overrides.applicationName ?? 'smart-parking',
    extra: { max: overrides.poolSize ?? config.db.poolSize },
  };
}
