import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { openDatabase } from './open-database';
import { PartitionMaintenanceService } from './partition-maintenance.service';

/** Gives the app one migrated TypeORM DataSource (inject `DataSource`); closes it on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => openDatabase(config),
    },
    PartitionMaintenanceService,
  ],
  exports: [DataSource],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
