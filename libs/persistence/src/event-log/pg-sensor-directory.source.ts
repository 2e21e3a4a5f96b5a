import { SensorDirectorySource, SensorInfo } from '@app/ingestion';
import { Pool } from 'pg';
import { SELECT_SENSORS } from './event-log.sql';

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

/** Loads the sensors from the city tables (changes come through the process's CityChangeListener). */
export class PgSensorDirectorySource extends SensorDirectorySource {
  constructor(private readonly pool: Pool) {
    super();
  }

  async load(): Promise<SensorInfo[]> {
    const res = await this.pool.query<SensorRow>(SELECT_SENSORS);
    return res.rows.map((r) => ({
      sensorId: r.sensor_id,
      spaceId: r.space_id,
      lotId: r.lot_id,
      zoneId: r.zone_id,
      staleMs: (2 * r.heartbeat_interval_s + r.stale_grace_s) * 1000,
      lowBatteryMv: r.low_battery_mv,
      gateways: new Set(r.gateways),
    }));
  }
}
