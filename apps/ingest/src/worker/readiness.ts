import { IngestMetrics } from '@app/ingestion';
import type { LiveHealth } from '@app/live-store';
import type { Pool } from 'pg';
import type { IngestWorker } from './ingest-worker';

export interface ReadinessReport {
  ok: boolean;
  detail: Record<string, unknown>;
}

/**
 * Readiness of an ingest worker: PostgreSQL answers (probed every interval), the live store (Redis,
 * reported as `redis`; `memory` in one process) is ready, the
 * broker is connected, and no batch has been in progress longer than `stuckMs`. Also keeps the
 * stuck-batch gauges current for /metrics.
 */
export class IngestReadiness {
  private postgres = false;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;

  constructor(
    private readonly pool: Pool,
    private readonly live: LiveHealth,
    private readonly worker: IngestWorker,
    private readonly metrics: IngestMetrics,
    private readonly stuckMs: number,
    private readonly broker: () => { connected: boolean; detail?: Record<string, unknown> },
  ) {}

  async start(intervalMs = 1000): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const p = this.worker.progress(Date.now(), this.stuckMs);
    this.metrics.stuckBatches.set(p.stuck);
    this.metrics.oldestBatchAge.set(p.oldestMs / 1000);
    if (this.probing) return;
    this.probing = true;
    try {
      await this.pool.query({ text: 'SELECT 1', query_timeout: 2000 } as never);
      this.postgres = true;
    } catch {
      this.postgres = false;
    } finally {
      this.probing = false;
    }
  }

  report(): ReadinessReport {
    const p = this.worker.progress(Date.now(), this.stuckMs);
    const b = this.broker();
    const live = this.live.status() === 'ready';
    const stuck = p.stuck > 0 || p.oldestMs > this.stuckMs;
    return {
      ok: this.postgres && live && b.connected && !stuck,
      detail: {
        postgres: this.postgres,
        [this.live.name]: this.live.status(),
        mqtt: b.connected,
        ...(b.detail ?? {}),
        stuckBatches: p.stuck,
        oldestUnackedMs: p.oldestMs,
        pending: this.worker.pending,
      },
    };
  }
}
