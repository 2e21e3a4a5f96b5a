import { parseSensorMessage, RAW_KEEP_BYTES, SensorEvent } from '@app/domain';
import { ApplyItem, ApplyOutcome, LiveStateWriter } from '@app/live-store';
import { EventLog, HistoryRow, RejectionRow } from './event-log.port';
import { IngestMessage, MessageResult } from './ingest-result';
import { IngestMetrics } from './ingest.metrics';
import { LiveRebuilder } from './live-rebuilder';
import { retrying, RetryOptions } from './retry';
import { SensorDirectory } from './sensor-directory';
import { toHistoryRow, tally } from './ingest.rows';

interface Pending {
  msg: number;
  event: SensorEvent;
  item: ApplyItem;
}

/** First 4 KiB of the payload as text; PostgreSQL text cannot hold NUL. */
function rawHead(payload: Buffer): string {
  return payload.subarray(0, RAW_KEEP_BYTES).toString('utf8').split('\0').join('');
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
    const results: MessageResult[] = [];
    const rejections: RejectionRow[] = [];
    const pending: Pending[] = [];
    messages.forEach((m, msg) => {
      const res: MessageResult = { accepted: 0, late: 0, duplicates: 0, rejected: 0, events: [] };
      results.push(res);
      const parsed = parseSensorMessage(m.payload.toString('utf8'), m.payload.length, m.receivedAt);
      const reject = (
        reason: RejectionRow['reason'],
        detail: string,
        index?: number,
        sensorId?: string,
      ) => {
        rejections.push({
          receivedAt: m.receivedAt,
          gatewayId: m.gatewayId,
          reason,
          detail,
          sensorId,
          raw: rawHead(m.payload),
        });
        if (index === undefined) res.rejection = { reason, detail };
        else res.events.push({ index, sensorId, status: 'rejected', reason, detail });
      };
      for (const r of parsed.rejections) reject(r.reason, r.detail, r.index, r.sensorId);
      for (const ev of parsed.events) {
        const info = this.directory.sensor(ev.sensorId);
        if (!info)
          reject(
            'unknown_sensor',
            `sensor ${ev.sensorId} is not registered`,
            ev.index,
            ev.sensorId,
          );
        else if (!info.gateways.has(m.gatewayId))
          reject(
            'wrong_gateway',
            `sensor ${ev.sensorId} is not bound to gateway ${m.gatewayId}`,
            ev.index,
            ev.sensorId,
          );
        else
          pending.push({
            msg,
            event: ev,
            item: {
              lotId: info.lotId,
              zoneId: info.zoneId,
              spaceId: info.spaceId,
              sensorId: ev.sensorId,
              seq: ev.seq,
              type: ev.type,
              occupied: ev.occupied,
              ts: ev.ts,
              receivedAt: m.receivedAt,
              batteryMv: ev.batteryMv,
              lowBatteryMv: info.lowBatteryMv,
              staleMs: info.staleMs,
              lon: info.lon,
              lat: info.lat,
            },
          });
      }
    });

    const items = pending.map((p) => p.item);
    const outcome = items.length ? await this.applyLoaded(items, retry) : null;
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

    tally(results, pending, rows, fresh, outcome, this.metrics, rejections);
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
   * If Redis restarted between our apply and the commit, the rebuild may predate our rows:
   * apply again (idempotent) so the live state includes this batch before we acknowledge.
   */
  private async confirmLive(items: ApplyItem[], outcome: ApplyOutcome, retry: RetryOptions) {
    const opts = this.withMetrics(retry, 'redis');
    const now = await retrying(() => this.live.lotEpochs([...outcome.epochs.keys()]), opts);
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
  }
}
