import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ArrivalForecaster, ForecastBuilder, ForecastStore } from '@app/forecast';
import { DataSource } from 'typeorm';

const RELOAD_MS = 10 * 60_000;
const BUILD_CHECK_MS = 60 * 60_000;
const REBUILD_AFTER_MS = 24 * 3_600_000;
/** pg_try_advisory_lock key: one API instance rebuilds at a time. */
const BUILD_LOCK = 0x46_43_53_54;

/**
 * Loads the availability-at-arrival statistics at start and every 10 minutes when a newer build
 * exists, and rebuilds them once a day (checked hourly; the first check an hour after start,
 * so short-lived processes such as tests never rebuild). One instance builds (advisory lock).
 */
@Injectable()
export class ForecastRuntime implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('forecast');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly forecaster: ArrivalForecaster,
    private readonly store: ForecastStore,
    private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timers = [
      setInterval(() => void this.reload(), RELOAD_MS).unref(),
      setInterval(() => void this.rebuildIfDue(Date.now()), BUILD_CHECK_MS).unref(),
    ];
  }

  onModuleDestroy(): void {
    this.timers.forEach((t) => clearInterval(t));
  }

  async reload(): Promise<void> {
    try {
      await this.forecaster.refresh();
    } catch (err) {
      this.logger.warn(`forecast statistics not loaded: ${(err as Error).message}`);
    }
  }

  /** Rebuilds when the stored build is older than a day; false when not due or locked. */
  async rebuildIfDue(nowMs: number): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    try {
      const built = await this.store.builtAt();
      if (built !== null && nowMs - built < REBUILD_AFTER_MS) return false;
      await runner.connect();
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1) AS ok', [
        BUILD_LOCK,
      ])) as { ok: boolean }[];
      if (!lock.ok) return false;
      try {
        const s = await new ForecastBuilder(this.store).build(nowMs);
        this.logger.log(`forecast rebuilt: ${s.lots} lots, ${s.sampledDays} new days sampled`);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [BUILD_LOCK]);
      }
      await this.reload();
      return true;
    } catch (err) {
      this.logger.warn(`forecast rebuild failed: ${(err as Error).message}`);
      return false;
    } finally {
      await runner.release();
    }
  }
}
