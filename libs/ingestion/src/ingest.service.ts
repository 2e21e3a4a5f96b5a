import { ApplyItem, ApplyOutcome, LiveStateWriter } from '@app/live-store';
import { EventLog, HistoryRow } from './event-log.port';
import { IngestMessage, MessageResult } from './ingest-result';
import { IngestMetrics } from './ingest.metrics';
import { LiveRebuilder } from './live-rebuilder';
import { retrying, RetryOptions } from './retry';
import { SensorDirectory } from './sensor-directory';
import { toHistoryRow, tally } from './ingest.rows';
import { PreparedMessages, prepareMessages } from './ingest.prepare';

/** A batch applied to the live state, waiting to be recorded. */
export interface AppliedBatch extends PreparedMessages {
  messages: IngestMessage[];
  items: ApplyItem[];
  outcome: ApplyOutcome | null;
}

/**
 * The ingest use case shared by MQTT and HTTP: validate -> order/dedup (live store, atomic per
 * lot) -> record history durably -> confirm the live state survived -> results. Resolving means
 * every accepted event of every message is durably recorded: only then may the caller ack.
 */
export class IngestService {
  constructor(
    private readonly directory: SensorDirectory,
    private readonly live: LiveStateWriter,
    private readonly log: EventLog,
    private readonly rebuilder: LiveRebuilder,
    private readonly metrics: IngestMetrics,
  ) {}

  async ingest(messages: IngestMessage[], retry: RetryOptions = {}): Promise<MessageResult[]> {
    return this.commit(await this.apply(messages, retry), retry);
  }

  /** Stage 1: validate and apply to the live state (fast; makes the change visible). */
  async apply(messages: IngestMessage[], retry: RetryOptions = {}): Promise<AppliedBatch> {
    const prepared = prepareMessages(messages, this.directory);
    const items = prepared.pending.map((p) => p.item);
    const outcome = items.length ? await this.applyLoaded(items, retry) : null;
    return { ...prepared, messages, items, outcome };
  }

  /**
   * Stage 2: record durably; when it resolves the messages may be acknowledged. The per-event
   * results are filled only with `details` (the MQTT worker does not read them).
   */
  async commit(
    b: AppliedBatch,
    retry: RetryOptions = {},
    details = true,
  ): Promise<MessageResult[]> {
    const { messages, results, rejections, pending, items, outcome } = b;
    const rows: HistoryRow[] = pending.map((p, i) =>
      toHistoryRow(
        messages[p.msg],
        p.event,
        p.item.spaceId,
        outcome?.verdicts[i].verdict === 'late',
      ),
    );
    const fresh = await retrying(
      () => this.log.record({ events: rows, rejections, states: outcome?.records ?? [] }),
      this.withMetrics(retry, 'postgres'),
    );
    if (outcome) await this.confirmLive(items, outcome, retry);

    tally(results, pending, rows, fresh, outcome, this.metrics, rejections, details);
    const now = Date.now();
    this.metrics.batchSize.observe(pending.length + rejections.length);
    for (const m of messages) this.metrics.lag.observe((now - m.receivedAt) / 1000);
    return results;
  }

  private withMetrics(retry: RetryOptions, stage: string): RetryOptions {
    return {
      ...retry,
      onError: (err, attempt) => {
        this.metrics.recordFailures.inc({ stage });
        retry.onError?.(err, attempt);
      },
    };
  }

  /** Applies to Redis, rebuilding lots that lost their keys first; retries while Redis is away. */
  private async applyLoaded(items: ApplyItem[], retry: RetryOptions): Promise<ApplyOutcome> {
    const opts = this.withMetrics(retry, 'redis');
    const first = await retrying(() => this.live.applyBatch(items), opts);
    if (first.notLoaded.length === 0) return first;
    await retrying(() => this.rebuilder.rebuild(false), opts);
    const missing = new Set(first.notLoaded);
    const idx = items.map((_, i) => i).filter((i) => missing.has(items[i].lotId));
    const second = await this.applyLoaded(
      idx.map((i) => items[i]),
      retry,
    );
    idx.forEach((i, j) => (first.verdicts[i] = second.verdicts[j]));
    first.records.push(...second.records);
    for (const [k, v] of second.epochs) first.epochs.set(k, v);
    first.notLoaded = [];
    return first;
  }

  /**
   * Registers the stale deadlines (after the record, so a batch that is never recorded never
   * postpones staleness). If Redis restarted between our apply and the commit, the rebuild may
   * predate our rows: apply again (idempotent) so the live state includes this batch before we
   * acknowledge.
   */
  private async confirmLive(items: ApplyItem[], outcome: ApplyOutcome, retry: RetryOptions) {
    const opts = this.withMetrics(retry, 'redis');
    const lots = [...outcome.epochs.keys()];
    const now = await retrying(() => this.live.settle(outcome.records, lots), opts);
    const lost = new Set([...now].filter(([l, e]) => e !== outcome.epochs.get(l)).map(([l]) => l));
    if (lost.size === 0) return;
    const again = await this.applyLoaded(
      items.filter((it) => lost.has(it.lotId)),
      retry,
    );
    await retrying(
      () => this.log.record({ events: [], rejections: [], states: again.records }),
      opts,
    );
    await retrying(() => this.live.settle(again.records, []), opts);
  }
}
