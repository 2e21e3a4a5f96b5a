import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { retireOccupancyPartitions } from './partition-retention';
import { schedulePartitionMaintenance } from './partitions';

const EVERY_MS = 6 * 3600 * 1000;

/**
 * Keeps a week of event-history partitions ahead while the process runs and, when
 * `HISTORY_RETENTION_DAYS` is set, retires the day partitions past it (at boot, then every 6 h).
 */
@Injectable()
export class PartitionMaintenanceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('partitions');
  private stop?: () => void;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = schedulePartitionMaintenance(this.ds, (err) =>
      this.logger.error(`partition maintenance failed: ${String(err)}`),
    );
    if ((this.config.db.retention?.days ?? 0) > 0) {
      void this.retire();
      this.timer = setInterval(() => void this.retire(), EVERY_MS);
      this.timer.unref();
    }
  }

  /** One retention pass (also for tests and operators); resolves when done, never rejects. */
  retire(now: Date = new Date()): Promise<void> {
    const retention = this.config.db.retention;
    if (!retention || retention.days <= 0) return Promise.resolve();
    this.running ??= retireOccupancyPartitions(this.ds, retention, now)
      .then((r) => {
        if (r.retired.length > 0) {
          this.logger.log(
            `history partitions ${r.mode === 'drop' ? 'dropped' : 'detached'}: ${r.retired.join(', ')}`,
          );
        }
      })
      .catch((err: unknown) => this.logger.error(`partition retention failed: ${String(err)}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  async onModuleDestroy(): Promise<void> {
    this.stop?.();
    clearInterval(this.timer);
    await this.running;
  }
}
