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

/** Fills per-event results and counts the outcome in metrics. */
export function tally(
  results: MessageResult[],
  pending: Array<{ msg: number; event: SensorEvent }>,
  rows: HistoryRow[],
  fresh: boolean[],
  outcome: ApplyOutcome | null,
  metrics: IngestMetrics,
  rejections: RejectionRow[],
): void {
  let accepted = 0;
  let late = 0;
  let dup = 0;
  let gaps = 0;
  pending.forEach((p, i) => {
    const res = results[p.msg];
    const base = { index: p.event.index, sensorId: p.event.sensorId };
    gaps += outcome?.verdicts[i].gap ?? 0;
    if (!fresh[i]) {
      res.duplicates++;
      dup++;
      res.events.push({ ...base, status: 'duplicate' });
    } else if (rows[i].late) {
      res.late++;
      late++;
      res.events.push({ ...base, status: 'late' });
    } else {
      res.accepted++;
      accepted++;
      res.events.push({ ...base, status: 'accepted' });
    }
  });
  for (const res of results) {
    res.rejected = res.events.filter((e) => e.status === 'rejected').length;
    if (res.rejection) res.rejected = Math.max(res.rejected, 1);
    res.events.sort((a, b) => a.index - b.index);
  }
  metrics.accepted.inc(accepted + late);
  metrics.late.inc(late);
  metrics.duplicates.inc(dup);
  metrics.gaps.inc(gaps);
  for (const r of rejections) metrics.rejected.inc({ reason: r.reason });
}
