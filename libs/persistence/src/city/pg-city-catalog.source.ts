import { CityCatalogSource, GuidanceCatalog, unpackCatalog } from '@app/guidance';
import type { ClientConfig } from 'pg';
import { map, Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { buildPackedCatalog } from './catalog-worker/build-packed-catalog';
import { CityChangeListener } from './city-change.listener';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The city tables as guidance's catalog source. A load reads and compiles the city in a worker
 * thread (its own connection, the DataSource's settings) and unpacks the result here one slice
 * per event-loop turn. Changes come from the process's one CityChangeListener, which also
 * signals after a reconnect (notifications sent meanwhile are lost).
 */
export class PgCityCatalogSource extends CityCatalogSource {
  constructor(
    private readonly ds: DataSource,
    private readonly listener: CityChangeListener,
  ) {
    super();
  }

  async load(): Promise<GuidanceCatalog> {
    return unpackCatalog(await buildPackedCatalog(this.clientConfig()), nextTurn);
  }

  changes(): Observable<void> {
    return this.listener.changes().pipe(map(() => undefined));
  }

  /** The DataSource's connection settings for the worker's own client. */
  private clientConfig(): ClientConfig {
    const o = this.ds.options as PostgresConnectionOptions;
    const config: ClientConfig = {
      connectionString: o.url,
      host: o.host,
      port: o.port,
      user: o.username,
      password: typeof o.password === 'string' ? o.password : undefined,
      database: o.database,
      application_name: `${o.applicationName ?? 'smart-parking'} catalog`,
    };
    // TLS settings as plain data only (a worker receives a structured clone)
    if (o.ssl) config.ssl = o.ssl as ClientConfig['ssl'];
    return Object.fromEntries(
      Object.entries(config).filter(([, v]) => v !== undefined),
    ) as ClientConfig;
  }
}
