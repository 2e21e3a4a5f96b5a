import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { CityChangeListener } from './city/city-change.listener';
import { openDatabase } from './open-database';
import { PartitionMaintenanceService } from './partition-maintenance.service';

/**
 * Gives the app one migrated TypeORM DataSource (inject `DataSource`) and the process's one
 * `city_changed` listener (inject `CityChangeListener`, started by its first user); closes both.
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
    PartitionMaintenanceService,
  ],
  exports: [DataSource, CityChangeListener],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    private readonly cityListener: CityChangeListener,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.cityListener.close();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
