import { LiveStateWriter } from '@app/live-store';
import { IngestMetrics } from './ingest.metrics';
import { SensorDirectory } from './sensor-directory';

/** Periodically turns spaces whose sensor went silent `unknown` (deadline ZSET, no full scan). */
export class StaleSweeper {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly live: LiveStateWriter,
    private readonly directory: SensorDirectory,
    private readonly metrics: IngestMetrics,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Sweeps until nothing is due (bounded per call); returns how many spaces changed. */
  async sweepOnce(limit = 5000): Promise<number> {
    let total = 0;
    for (let round = 0; round < 20; round++) {
      const n = await this.live.sweepStale(
        this.clock(),
        limit,
        (l) => this.directory.lot(l)?.zoneId,
      );
      total += n;
      if (n < limit) break;
    }
    this.metrics.staleSwept.inc(total);
    return total;
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.sweepOnce()
        .catch(this.onError)
        .finally(() => (this.busy = false));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
