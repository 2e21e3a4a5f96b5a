import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { schedulePartitionMaintenance } from './partitions';

/** Keeps a week of event-history partitions ahead while the process runs. */
@Injectable()
export class PartitionMaintenanceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('partitions');
  private stop?: () => void;

  constructor(private readonly ds: DataSource) {}

  onApplicationBootstrap(): void {
    this.stop = schedulePartitionMaintenance(this.ds, (err) =>
      this.logger.error(`partition maintenance failed: ${String(err)}`),
    );
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}
