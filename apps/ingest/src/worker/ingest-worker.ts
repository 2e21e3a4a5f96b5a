import { IngestConfig } from '@app/config';
import { AbortedError, IngestMetrics, IngestService } from '@app/ingestion';
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
  private running = 0;
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
    if (this.buffer.length === 0 || this.running >= this.cfg.concurrency) return;
    // take at most one batch worth; the rest waits for the next free slot
    let take = 0;
    let events = 0;
    while (take < this.buffer.length && (take === 0 || events < this.cfg.batchMaxEvents)) {
      events += estimateEvents(this.buffer[take++]);
    }
    const batch = this.buffer.splice(0, take);
    this.bufferEvents -= events;
    this.running++;
    const p = this.process(batch).finally(() => {
      this.running--;
      this.batches.delete(p);
      if (this.buffer.length && (this.stopping || this.bufferEvents >= this.cfg.batchMaxEvents)) {
        this.flush();
      } else if (this.buffer.length && !this.timer) {
        this.timer = setTimeout(() => this.flush(), this.cfg.batchMaxDelayMs);
      }
    });
    this.batches.add(p);
  }

  private async process(batch: InboundMessage[]): Promise<void> {
    const prev = this.lastAck;
    let release!: () => void;
    this.lastAck = new Promise((r) => (release = r));
    try {
      await this.service.ingest(batch, {
        signal: this.abort.signal,
        onError: (err, attempt) => {
          if (attempt === 1 || attempt % 20 === 0)
            this.log(`store unavailable (attempt ${attempt})`, err);
        },
      });
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

  get pending(): number {
    return this.buffer.length + this.running;
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
