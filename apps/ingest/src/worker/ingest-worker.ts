import { IngestConfig } from '@app/config';
import { AbortedError, AppliedBatch, IngestMetrics, IngestService } from '@app/ingestion';
import { InboundMessage } from './mqtt-intake';

/** A message's size as an estimate of its events (~120 bytes per event on the wire). */
const BYTES_PER_EVENT = 120;
const estimateEvents = (m: InboundMessage) =>
  Math.max(1, Math.round(m.payload.length / BYTES_PER_EVENT));

/**
 * Groups messages into batches (by size or time), runs them through the ingest use case with a
 * bounded number in progress, and acknowledges each batch's messages - in receive order - only
 * after the use case has durably recorded them.
 */
export class IngestWorker {
  private buffer: InboundMessage[] = [];
  private bufferEvents = 0;
  private timer: NodeJS.Timeout | null = null;
  private applying = false;
  private committing = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private lastAck: Promise<void> = Promise.resolve();
  private readonly batches = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private stopping = false;

  constructor(
    private readonly service: IngestService,
    private readonly cfg: IngestConfig,
    private readonly metrics: IngestMetrics,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  readonly onMessage = (m: InboundMessage): void => {
    if (this.stopping) return;
    this.buffer.push(m);
    this.bufferEvents += estimateEvents(m);
    this.metrics.inflight.inc();
    if (this.bufferEvents >= this.cfg.batchMaxEvents) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.cfg.batchMaxDelayMs);
  };

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0 || this.applying) return;
    // take at most one batch worth; the rest waits for the live-state stage to be free
    let take = 0;
    let events = 0;
    while (take < this.buffer.length && (take === 0 || events < this.cfg.batchMaxEvents)) {
      events += estimateEvents(this.buffer[take++]);
    }
    const batch = this.buffer.splice(0, take);
    this.bufferEvents -= events;
    this.applying = true;
    const p = this.process(batch).finally(() => this.batches.delete(p));
    this.batches.add(p);
  }

  private next(): void {
    if (this.buffer.length === 0) return;
    if (this.stopping || this.bufferEvents >= this.cfg.batchMaxEvents) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.cfg.batchMaxDelayMs);
  }

  /**
   * Two stages: the live-state apply runs one batch at a time as soon as a batch is formed (so
   * changes are visible within milliseconds), the durable record runs up to `concurrency`
   * batches at once; acks follow the record, in receive order.
   */
  private async process(batch: InboundMessage[]): Promise<void> {
    const prev = this.lastAck;
    let release!: () => void;
    this.lastAck = new Promise((r) => (release = r));
    const retry = {
      signal: this.abort.signal,
      onError: (err: unknown, attempt: number) => {
        if (attempt === 1 || attempt % 20 === 0) {
          this.log(`store unavailable (attempt ${attempt})`, err);
        }
      },
    };
    try {
      let applied: AppliedBatch;
      try {
        applied = await this.service.apply(batch, retry);
      } finally {
        this.applying = false;
        this.next();
      }
      await this.slot();
      try {
        await this.service.commit(applied, retry, false);
      } finally {
        this.freeSlot();
      }
      await prev;
      for (const m of batch) m.ack();
    } catch (err) {
      if (!(err instanceof AbortedError)) this.log('batch failed, not acknowledged', err);
      await prev;
    } finally {
      this.metrics.inflight.dec(batch.length);
      release();
    }
  }

  private async slot(): Promise<void> {
    while (this.committing >= this.cfg.concurrency) {
      await new Promise<void>((r) => this.slotWaiters.push(r));
    }
    this.committing++;
  }

  private freeSlot(): void {
    this.committing--;
    this.slotWaiters.shift()?.();
  }

  get pending(): number {
    return this.buffer.length + this.batches.size;
  }

  /** Stops taking messages, finishes the batches in progress (abandoning after `graceMs`). */
  async drain(graceMs: number): Promise<void> {
    this.stopping = true;
    while (this.buffer.length || this.batches.size) {
      this.flush();
      const all = Promise.all([...this.batches]);
      const timeout = new Promise<'timeout'>((r) =>
        setTimeout(() => r('timeout'), graceMs).unref(),
      );
      if ((await Promise.race([all, timeout])) === 'timeout') {
        this.abort.abort();
        await all;
        break;
      }
    }
  }
}
