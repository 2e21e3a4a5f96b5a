import { staleLimitS } from '@app/domain';
import type { SensorInfo } from '@app/ingestion';
import type { CitySql } from './city-sql';

interface SensorRow {
  sensor_id: string;
  space_id: string;
  lot_id: string;
  zone_id: string;
  heartbeat_interval_s: number;
  stale_grace_s: number;
  low_battery_mv: number | null;
  gateways: string[];
}

const SELECT_SENSORS = `
SELECT s.id AS sensor_id, s.space_id, sp.lot_id, l.zone_id,
  m.heartbeat_interval_s, m.stale_grace_s, m.low_battery_mv,
  coalesce(array_agg(g.gateway_id) FILTER (WHERE g.gateway_id IS NOT NULL), '{}') AS gateways
FROM sensors s
JOIN spaces sp ON sp.id = s.space_id
JOIN lots l ON l.id = sp.lot_id
JOIN sensor_models m ON m.id = s.model_id
LEFT JOIN sensor_gateways g ON g.sensor_id = s.id
GROUP BY s.id, sp.id, l.id, m.id`;

/** Every sensor with its place, stale limit and gateways (ingest's sensor directory). */
export async function readSensors(sql: CitySql): Promise<SensorInfo[]> {
  const rows = await sql<SensorRow>(SELECT_SENSORS);
  return rows.map((r) => ({
    sensorId: r.sensor_id,
    spaceId: r.space_id,
    lotId: r.lot_id,
    zoneId: r.zone_id,
    staleMs:
      staleLimitS({ heartbeatIntervalS: r.heartbeat_interval_s, staleGraceS: r.stale_grace_s }) *
      1000,
    lowBatteryMv: r.low_battery_mv,
    gateways: new Set(r.gateways),
  }));
}
