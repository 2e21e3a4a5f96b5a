import { ApplyItem, ApplyOutcome, LiveStateWriter } from '@app/live-store';
import { EventLog, HistoryRow } from './ports/event-log.port';
import { IngestMessage, MessageResult } from './ingest-result';
import { findRefused, lotsOf, refuseAll, withoutRefused } from './ingest.isolate';
import { IngestMetrics } from './ingest.metrics';
import { prepareMessages } from './ingest.prepare';
import type { AppliedBatch } from './applied-batch';
import { historyRows, tally } from './ingest.rows';
import { LiveRebuilder } from './live-rebuilder';
import { retrying, RetryOptions } from './retry';
import { failureCause, StoreRefusedError } from './store-errors';
import { SensorDirectory } from './sensor-directory';

/** Isolation rounds before every message of a still refused batch is refused. */
const ISOLATE_ROUNDS = 3;

/**
 * The ingest use case shared by MQTT and HTTP: validate -> order/dedup (live store, atomic per
 * lot) -> record history durably -> confirm the live state survived -> results. Resolving means
 * every accepted event of every message is durably recorded: only then may the caller ack.
 * A batch the history refuses for good is split: the refusing events become `store_refused`
 * rejections, their lots are reloaded from the durable records and the rest is recorded.
 */
export class IngestService {
  constructor(
    private readonly directory: SensorDirectory,
    private readonly live: LiveStateWriter,
    private readonly log: EventLog,
    private readonly rebuilder: LiveRebuilder,
    private readonly metrics: IngestMetrics,
  ) {}

  /**
   * Apply + record in one call (HTTP ingest). When the record fails (store away past the retry
   * limit) the touched lots are invalidated, so the live state is never left ahead of history.
   */
  async ingest(messages: IngestMessage[], retry: RetryOptions = {}): Promise<MessageResult[]> {
    const applied = await this.apply(messages, retry);
    try {
      return await this.commit(applied, retry);
    } catch (err) {
      const lots = [...new Set(applied.items.map((i) => i.lotId))];
      await this.invalidate(lots).catch(() => undefined);
      throw err;
    }
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
   * results are filled only with `details` (the MQTT worker does not read them). A duplicate
   * verdict (this uplink was already applied in this boot) is not recorded again.
   */
  async commit(
    applied: AppliedBatch,
    retry: RetryOptions = {},
    details = true,
  ): Promise<MessageResult[]> {
    let b = applied;
    for (let round = 1; ; round++) {
      const { rows, rowOf } = historyRows(b);
      try {
        const fresh = await retrying(
          () =>
            this.log.record({
              events: rows,
              rejections: b.rejections,
              states: b.outcome?.records ?? [],
            }),
          this.withMetrics(retry, 'postgres'),
        );
        if (b.outcome) await this.confirmLive(b.items, b.outcome, retry);
        tally(b, rows, rowOf, fresh, this.metrics, details);
        break;
      } catch (err) {
        if (!(err instanceof StoreRefusedError)) throw err;
        this.metrics.refusedBatches.inc();
        b = await this.isolate(b, rows, rowOf, err, round < ISOLATE_ROUNDS, retry);
      }
    }
    const now = Date.now();
    this.metrics.batchSize.observe(b.pending.length + b.rejections.length);
    for (const m of b.messages) this.metrics.lag.observe((now - m.receivedAt) / 1000);
    return b.results;
  }

  /** Drops the live state of these lots back to the durable records. */
  private async invalidate(lots: string[]): Promise<void> {
    if (lots.length === 0) return;
    await this.live.invalidateLots(lots);
    await this.rebuilder.reload(lots);
  }

  private async isolate(
    b: AppliedBatch,
    rows: HistoryRow[],
    rowOf: number[],
    err: StoreRefusedError,
    search: boolean,
    retry: RetryOptions,
  ): Promise<AppliedBatch> {
    const opts = this.withMetrics(retry, 'postgres');
    let refused = search ? await findRefused(this.log, b, rows, rowOf, opts) : null;
    if (!refused || refused.events.size + refused.rejections.size === 0) {
      refused = refuseAll(b, err.detail);
    }
    const lots = lotsOf(b, refused);
    const next = withoutRefused(b, refused);
    if (lots.size === 0 || !next.outcome) return next;
    // the refused events were applied: reload their lots (only) from history, re-apply the others
    await retrying(() => this.invalidate([...lots]), this.withMetrics(retry, 'redis'));
    const idx = next.items.map((_, i) => i).filter((i) => lots.has(next.items[i].lotId));
    const again = idx.length
      ? await this.applyLoaded(
          idx.map((i) => next.items[i]),
          retry,
        )
      : null;
    const o = next.outcome;
    idx.forEach((i, j) => (o.verdicts[i] = (again as ApplyOutcome).verdicts[j]));
    o.records = o.records.filter((r) => !lots.has(r.lotId)).concat(again?.records ?? []);
    o.epochs = new Map(o.epochs);
    for (const l of lots) o.epochs.delete(l);
    for (const [l, e] of again?.epochs ?? []) o.epochs.set(l, e);
    return next;
  }

  private withMetrics(retry: RetryOptions, stage: string): RetryOptions {
    return {
      ...retry,
      onError: (err, attempt) => {
        this.metrics.recordFailures.inc({ stage, cause: failureCause(err) });
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
      this.withMetrics(retry, 'postgres'),
    );
    await retrying(() => this.live.settle(again.records, []), opts);
  }
}
