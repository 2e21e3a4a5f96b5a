import { SensorDirectorySource, SensorInfo } from '@app/ingestion';
import { Client, ClientConfig, Pool } from 'pg';
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

/** Loads sensors from the city tables and listens for `NOTIFY city_changed`. */
export class PgSensorDirectorySource extends SensorDirectorySource {
  private listener: Client | null = null;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly listenConfig: ClientConfig,
  ) {
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

  async listen(onChange: () => void): Promise<void> {
    const connect = async (): Promise<void> => {
      const c = new Client(this.listenConfig);
      c.on('notification', (n) => {
        if (n.channel === 'city_changed') onChange();
      });
      c.on('error', () => undefined);
      c.on('end', () => {
        if (this.closed) return;
        // Reconnect and reload: a change may have been announced while we were away.
        setTimeout(() => void connect().then(onChange, () => undefined), 1000).unref();
      });
      await c.connect();
      await c.query('LISTEN city_changed');
      this.listener = c;
    };
    await connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }
}
