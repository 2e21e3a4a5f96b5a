import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of the ingest path (exposed by the worker's /metrics). */
export class IngestMetrics {
  readonly accepted: Counter;
  readonly rejected: Counter<'reason'>;
  readonly duplicates: Counter;
  readonly late: Counter;
  readonly gaps: Counter;
  readonly batchSize: Histogram;
  readonly lag: Histogram;
  readonly inflight: Gauge;
  readonly recordFailures: Counter<'stage' | 'cause'>;
  readonly refusedBatches: Counter;
  readonly stuckBatches: Gauge;
  readonly oldestBatchAge: Gauge;
  readonly staleSwept: Counter;

  constructor(readonly registry: Registry = new Registry()) {
    const r = [registry];
    this.accepted = new Counter({
      name: 'ingest_events_accepted_total',
      help: 'Events recorded in history (new, including late ones)',
      registers: r,
    });
    this.rejected = new Counter({
      name: 'ingest_events_rejected_total',
      help: 'Refused events or messages by reason',
      labelNames: ['reason'],
      registers: r,
    });
    this.duplicates = new Counter({
      name: 'ingest_events_duplicate_total',
      help: 'Uplinks already in history (repeats, multi-gateway reception)',
      registers: r,
    });
    this.late = new Counter({
      name: 'ingest_events_late_total',
      help: 'Events older than the applied state (recorded, not applied)',
      registers: r,
    });
    this.gaps = new Counter({
      name: 'ingest_seq_gap_uplinks_total',
      help: 'Uplinks lost according to seq gaps',
      registers: r,
    });
    this.batchSize = new Histogram({
      name: 'ingest_batch_events',
      help: 'Events per processed batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2000, 5000],
      registers: r,
    });
    this.lag = new Histogram({
      name: 'ingest_lag_seconds',
      help: 'Receive -> durably recorded and applied',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1, 5],
      registers: r,
    });
    this.inflight = new Gauge({
      name: 'ingest_inflight_messages',
      help: 'Messages received but not yet acknowledged',
      registers: r,
    });
    this.recordFailures = new Counter({
      name: 'ingest_store_failures_total',
      help: 'Failed store attempts that are retried, by stage (redis, postgres) and cause',
      labelNames: ['stage', 'cause'],
      registers: r,
    });
    this.refusedBatches = new Counter({
      name: 'ingest_batches_refused_total',
      help: 'Batches the history refused for good (split; the refusing messages rejected)',
      registers: r,
    });
    this.stuckBatches = new Gauge({
      name: 'ingest_stuck_batches',
      help: 'Batches in progress for longer than INGEST_STUCK_MS',
      registers: r,
    });
    this.oldestBatchAge = new Gauge({
      name: 'ingest_oldest_batch_seconds',
      help: 'Age of the oldest batch received but not yet acknowledged',
      registers: r,
    });
    this.staleSwept = new Counter({
      name: 'ingest_spaces_marked_unknown_total',
      help: 'Spaces turned unknown by the liveness sweeper',
      registers: r,
    });
  }
}
