import type { SensorEvent } from '@app/domain';
import type { HistoryRow } from './ports/event-log.port';
import type { EventStatus, IngestMessage } from './ingest-result';
import type { IngestMetrics } from './ingest.metrics';
import type { AppliedBatch } from './applied-batch';

export function toHistoryRow(
  m: IngestMessage,
  ev: SensorEvent,
  spaceId: string,
  late: boolean,
): HistoryRow {
  return {
    sensorId: ev.sensorId,
    spaceId,
    gatewayId: m.gatewayId,
    seq: ev.seq,
    type: ev.type,
    occupied: ev.occupied,
    ts: ev.ts,
    receivedAt: m.receivedAt,
    batteryMv: ev.batteryMv,
    temperatureC: ev.temperatureC,
    rssi: ev.rssi,
    late,
    extra: ev.extra,
  };
}

/**
 * The history rows of a batch: every pending event except those the live store judged
 * duplicates (already applied in this boot, so recorded by the batch that applied them).
 * `rowOf[i]` is the row of pending event i, or -1.
 */
export function historyRows(b: AppliedBatch): { rows: HistoryRow[]; rowOf: number[] } {
  const rows: HistoryRow[] = [];
  const rowOf: number[] = new Array(b.pending.length);
  for (let i = 0; i < b.pending.length; i++) {
    const v = b.outcome?.verdicts[i].verdict;
    if (v === 'duplicate') {
      rowOf[i] = -1;
      continue;
    }
    const p = b.pending[i];
    rowOf[i] = rows.length;
    rows.push(toHistoryRow(b.messages[p.msg], p.event, p.item.spaceId, v === 'late'));
  }
  return { rows, rowOf };
}

/**
 * Counts the outcome in metrics and, with `details` (HTTP ingest answers per event), fills the
 * per-event results; the MQTT worker only acks, so it skips building them.
 */
export function tally(
  b: AppliedBatch,
  rows: HistoryRow[],
  rowOf: number[],
  fresh: boolean[],
  metrics: IngestMetrics,
  details = true,
): void {
  const { pending, results, outcome } = b;
  let accepted = 0;
  let late = 0;
  let dup = 0;
  let gaps = 0;
  for (let i = 0; i < pending.length; i++) {
    gaps += outcome?.verdicts[i].gap ?? 0;
    const r = rowOf[i];
    const status: EventStatus =
      r < 0 || !fresh[r] ? 'duplicate' : rows[r].late ? 'late' : 'accepted';
    if (status === 'duplicate') dup++;
    else if (status === 'late') late++;
    else accepted++;
    if (!details) continue;
    const p = pending[i];
    const res = results[p.msg];
    if (status === 'duplicate') res.duplicates++;
    else if (status === 'late') res.late++;
    else res.accepted++;
    res.events.push({ index: p.event.index, sensorId: p.event.sensorId, status });
  }
  if (details) {
    for (const res of results) {
      res.rejected = res.events.filter((e) => e.status === 'rejected').length;
      if (res.rejection) res.rejected = Math.max(res.rejected, 1);
      res.events.sort((a, b) => a.index - b.index);
    }
  }
  metrics.accepted.inc(accepted + late);
  metrics.late.inc(late);
  metrics.duplicates.inc(dup);
  metrics.gaps.inc(gaps);
  for (const r of b.rejections) metrics.rejected.inc({ reason: r.reason });
}
