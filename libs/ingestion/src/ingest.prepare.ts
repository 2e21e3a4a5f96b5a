import {
  MAX_DETAIL_CHARS,
  parseSensorMessage,
  pgSafeText,
  RAW_KEEP_BYTES,
  SensorEvent,
} from '@app/domain';
import type { ApplyItem } from '@app/live-store';
import type { RejectionRow } from './ports/event-log.port';
import type { IngestMessage, MessageResult } from './ingest-result';
import type { SensorDirectory } from './sensor-directory';

export interface PendingEvent {
  msg: number;
  event: SensorEvent;
  item: ApplyItem;
}

export interface PreparedMessages {
  results: MessageResult[];
  rejections: RejectionRow[];
  pending: PendingEvent[];
}

/** First 4 KiB of the payload as text PostgreSQL can store (NUL dropped, bad bytes U+FFFD). */
export function rawHead(payload: Buffer): string {
  return pgSafeText(payload.subarray(0, RAW_KEEP_BYTES).toString('utf8').split('\0').join(''));
}

/** Parses and checks every message against the sensor directory (no I/O). */
export function prepareMessages(
  messages: IngestMessage[],
  directory: SensorDirectory,
): PreparedMessages {
  const results: MessageResult[] = [];
  const rejections: RejectionRow[] = [];
  const pending: PendingEvent[] = [];
  messages.forEach((m, msg) => {
    const res: MessageResult = { accepted: 0, late: 0, duplicates: 0, rejected: 0, events: [] };
    results.push(res);
    const parsed = parseSensorMessage(m.payload.toString('utf8'), m.payload.length, m.receivedAt);
    const reject = (
      reason: RejectionRow['reason'],
      rawDetail: string,
      index?: number,
      rawSensorId?: string,
    ) => {
      // Every text of the row must be storable, or the whole batch fails on every retry.
      const detail = pgSafeText(rawDetail, MAX_DETAIL_CHARS);
      const sensorId = rawSensorId === undefined ? undefined : pgSafeText(rawSensorId);
      rejections.push({
        receivedAt: m.receivedAt,
        gatewayId: pgSafeText(m.gatewayId),
        reason,
        detail,
        sensorId,
        raw: rawHead(m.payload),
        msg,
      });
      if (index === undefined) res.rejection = { reason, detail };
      else res.events.push({ index, sensorId, status: 'rejected', reason, detail });
    };
    for (const r of parsed.rejections) reject(r.reason, r.detail, r.index, r.sensorId);
    for (const ev of parsed.events) {
      const info = directory.sensor(ev.sensorId);
      if (!info)
        reject('unknown_sensor', `sensor ${ev.sensorId} is not registered`, ev.index, ev.sensorId);
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
          },
        });
    }
  });

  return { results, rejections, pending };
}
