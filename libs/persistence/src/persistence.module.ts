import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { CityChangeListener } from './city/city-change.listener';
import { openDatabase } from './open-database';
import { PartitionMaintenanceService } from './partition-maintenance.service';
import { ReadDataSource } from './read-data-source';

/**
 * Gives the app one migrated TypeORM DataSource (inject `DataSource`) and the process's one
 * `city_changed` listener (inject `CityChangeListener`, started by its first user) and the
 * read-only connection for dashboards and reports (inject `ReadDataSource`); closes them.
 */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => openDatabase(config),
    },
    {
      provide: CityChangeListener,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new CityChangeListener(config.db.url, { name: 'api-city-listen' }),
    },
    {
      provide: ReadDataSource,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, ds: DataSource) => ReadDataSource.open(config, ds),
    },
    PartitionMaintenanceService,
  ],
  exports: [DataSource, CityChangeListener, ReadDataSource],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    private readonly cityListener: CityChangeListener,
    private readonly read: ReadDataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cityListener.close();
    await this.read.close();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
