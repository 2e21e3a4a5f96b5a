import { IngestConfig } from '@app/config';
import {
  AbortedError,
  AppliedBatch,
  IngestMetrics,
  IngestService,
  mergeApplied,
} from '@app/ingestion';
import { InboundMessage } from './inbound-message';

/** A message's size as an estimate of its events (~120 bytes per event on the wire). */
const BYTES_PER_EVENT = 120;
const estimateEvents = (m: InboundMessage) =>
  Math.max(1, Math.round(m.payload.length / BYTES_PER_EVENT));
/** Applied batches recorded together at most: a few batches' worth, one statement. */
const COMMIT_BATCHES_MAX = 8;

interface Applied {
  applied: AppliedBatch;
  messages: InboundMessage[];
  appliedAt: number;
}

/**
 * Two stages. The live-state apply runs one batch at a time, as soon as a batch is formed (by
 * size, or when its oldest message has waited `batchMaxDelayMs`), so changes are visible within
 * milliseconds. The durable record runs up to `concurrency` statements at once and each takes
 * every batch applied meanwhile, so a busy PostgreSQL gets fewer, larger statements. Messages are
 * acknowledged only after their record, in receive order.
 */
export class IngestWorker {
  private buffer: InboundMessage[] = [];
  private bufferEvents = 0;
  private timer: NodeJS.Timeout | null = null;
  private commitTimer: NodeJS.Timeout | null = null;
  private applying = false;
  private committing = 0;
  private readonly toCommit: Applied[] = [];
  private lastAck: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  /** Start time of every apply or record in progress (for the stuck-batch check). */
  private readonly active = new Set<{ since: number }>();
  /** Messages not yet acknowledged or dropped, oldest first (insertion order). */
  private readonly unacked = new Set<InboundMessage>();
  private readonly abort = new AbortController();
  private stopping = false;
  private readonly retry = {
    signal: this.abort.signal,
    onError: (err: unknown, attempt: number) => {
      if (attempt === 1 || attempt % 20 === 0)
        this.log(`store unavailable (attempt ${attempt})`, err);
    },
  };

  constructor(
    private readonly service: IngestService,
    private readonly cfg: IngestConfig,
    private readonly metrics: IngestMetrics,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  readonly onMessage = (m: InboundMessage): void => {
    if (this.stopping) return;
    this.buffer.push(m);
    this.unacked.add(m);
    this.bufferEvents += estimateEvents(m);
    this.metrics.inflight.inc();
    this.next();
  };

  /** Flushes when a batch is full or its oldest message is due, else waits until it is. */
  private next(): void {
    if (this.buffer.length === 0 || this.applying) return;
    const wait = this.cfg.batchMaxDelayMs - (Date.now() - this.buffer[0].receivedAt);
    if (this.stopping || this.bufferEvents >= this.cfg.batchMaxEvents || wait <= 0) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), wait);
  }

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
    this.track(this.apply(batch));
  }

  private track(p: Promise<void>): void {
    const t = p.finally(() => this.running.delete(t));
    this.running.add(t);
  }

  private async apply(messages: InboundMessage[]): Promise<void> {
    const stage = { since: Date.now() };
    this.active.add(stage);
    try {
      const applied = await this.service.apply(messages, this.retry);
      this.toCommit.push({ applied, messages, appliedAt: Date.now() });
    } catch (err) {
      if (!(err instanceof AbortedError)) this.log('batch failed, not acknowledged', err);
      this.metrics.inflight.dec(messages.length);
      for (const m of messages) this.unacked.delete(m);
    } finally {
      this.active.delete(stage);
      this.applying = false;
      this.next();
      this.pump();
    }
  }

  /**
   * Starts durable records while slots are free: at once when a batch's worth is queued, else
   * once the oldest queued batch has waited `commitMaxDelayMs` (acks wait; visibility does not).
   */
  private pump(): void {
    if (this.abort.signal.aborted) return; // abandoned at shutdown: left unacknowledged
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    while (this.committing < this.cfg.concurrency && this.toCommit.length > 0) {
      const wait = this.cfg.commitMaxDelayMs - (Date.now() - this.toCommit[0].appliedAt);
      if (!this.stopping && wait > 0 && this.queuedEvents() < this.cfg.batchMaxEvents) {
        this.commitTimer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.committing++;
      this.track(this.commit(this.toCommit.splice(0, COMMIT_BATCHES_MAX)));
    }
  }

  private queuedEvents(): number {
    let n = 0;
    for (const a of this.toCommit) n += a.applied.pending.length + a.applied.rejections.length;
    return n;
  }

  private async commit(group: Applied[]): Promise<void> {
    const prev = this.lastAck;
    let release!: () => void;
    this.lastAck = new Promise((r) => (release = r));
    const count = group.reduce((n, g) => n + g.messages.length, 0);
    const stage = { since: Date.now() };
    this.active.add(stage);
    try {
      await this.service.commit(mergeApplied(group.map((g) => g.applied)), this.retry, false);
      await prev;
      for (const g of group) for (const m of g.messages) m.ack();
    } catch (err) {
      if (!(err instanceof AbortedError)) this.log('batch failed, not acknowledged', err);
      await prev;
    } finally {
      this.active.delete(stage);
      for (const g of group) for (const m of g.messages) this.unacked.delete(m);
      this.metrics.inflight.dec(count);
      release();
      this.committing--;
      this.pump();
    }
  }

  /** Batch stages running longer than `limitMs`, and the age of the oldest unacked message. */
  progress(now: number, limitMs: number): { stuck: number; oldestMs: number } {
    let stuck = 0;
    for (const a of this.active) if (now - a.since > limitMs) stuck++;
    const first = this.unacked.values().next();
    return { stuck, oldestMs: first.done ? 0 : now - first.value.receivedAt };
  }

  get pending(): number {
    return this.buffer.length + this.running.size + this.toCommit.length;
  }

  /** Stops taking messages, finishes the batches in progress (abandoning after `graceMs`). */
  async drain(graceMs: number): Promise<void> {
    this.stopping = true;
    const left = () => this.buffer.length || this.running.size || this.toCommit.length;
    while (left() && !this.abort.signal.aborted) {
      this.flush();
      this.pump();
      const all = Promise.all([...this.running]);
      const timeout = new Promise<'timeout'>((r) =>
        setTimeout(() => r('timeout'), graceMs).unref(),
      );
      if ((await Promise.race([all, timeout])) === 'timeout') {
        this.abort.abort();
        await Promise.all([...this.running]);
        break;
      }
    }
  }
}
