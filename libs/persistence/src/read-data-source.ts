import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

/**
 * The connection for read-only queries that may lag a little (police dashboard, reports): a
 * streaming replica when `DATABASE_READ_URL` is set, else the main DataSource itself. Inject
 * `ReadDataSource` and use `.ds`; it never migrates and is never written to.
 */
export class ReadDataSource {
  private constructor(
    readonly ds: DataSource,
    /** True when it is its own connection (closed by `close`). */
    readonly separate: boolean,
  ) {}

  static async open(config: Pick<AppConfig, 'db'>, main: DataSource): Promise<ReadDataSource> {
    const url = config.db.readUrl;
    if (!url) return new ReadDataSource(main, false);
    const ds = new DataSource(
      dataSourceOptions(config, { url, applicationName: 'smart-parking-read' }),
    );
    await ds.initialize();
    return new ReadDataSource(ds, true);
  }

  async close(): Promise<void> {
    if (this.separate && this.ds.isInitialized) await this.ds.destroy();
  }
}
