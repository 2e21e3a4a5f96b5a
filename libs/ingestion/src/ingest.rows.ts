import type { SensorEvent } from '@app/domain';
import type { ApplyOutcome } from '@app/live-store';
import type { HistoryRow, RejectionRow } from './event-log.port';
import type { IngestMessage, MessageResult } from './ingest-result';
import type { IngestMetrics } from './ingest.metrics';

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
 * Counts the outcome in metrics and, with `details` (HTTP ingest answers per event), fills the
 * per-event results; the MQTT worker only acks, so it skips building them.
 */
export function tally(
  results: MessageResult[],
  pending: Array<{ msg: number; event: SensorEvent }>,
  rows: HistoryRow[],
  fresh: boolean[],
  outcome: ApplyOutcome | null,
  metrics: IngestMetrics,
  rejections: RejectionRow[],
  details = true,
): void {
  let accepted = 0;
  let late = 0;
  let dup = 0;
  let gaps = 0;
  for (let i = 0; i < pending.length; i++) {
    gaps += outcome?.verdicts[i].gap ?? 0;
    const status = !fresh[i] ? 'duplicate' : rows[i].late ? 'late' : 'accepted';
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
  for (const r of rejections) metrics.rejected.inc({ reason: r.reason });
}
