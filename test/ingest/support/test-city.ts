import { Client } from 'pg';

export interface TestCityOptions {
  lots?: number;
  spacesPerLot?: number;
  gateways?: number;
  heartbeatS?: number;
  graceS?: number;
  lowBatteryMv?: number;
  secretHash?: string;
}

export interface TestCity {
  sensors: Array<{ sensorId: string; spaceId: string; lotId: string; gatewayId: string }>;
  lots: string[];
  gateways: string[];
}

/**
 * Seeds a small city: zone Z1, `lots` lots of `spacesPerLot` spaces, one sensor per space, sensor
 * i bound to gateway i % gateways; sensor S0 is also bound to the second gateway.
 */
export async function seedTestCity(url: string, o: TestCityOptions = {}): Promise<TestCity> {
  const lots = o.lots ?? 2;
  const per = o.spacesPerLot ?? 5;
  const gws = o.gateways ?? 2;
  const c = new Client({ connectionString: url });
  await c.connect();
  const city: TestCity = { sensors: [], lots: [], gateways: [] };
  try {
    await c.query('BEGIN');
    await c.query(`INSERT INTO pricing_tiers (id, body) VALUES ('T1', '{}')`);
    await c.query(`INSERT INTO zones (id, name, pricing_tier_id) VALUES ('Z1', 'Zone 1', 'T1')`);
    await c.query(
      `INSERT INTO sensor_models (id, name, heartbeat_interval_s, stale_grace_s, low_battery_mv)
       VALUES ('M1', 'model', $1, $2, $3)`,
      [o.heartbeatS ?? 600, o.graceS ?? 60, o.lowBatteryMv ?? 3300],
    );
    for (let g = 0; g < gws; g++) {
      city.gateways.push(`G${g}`);
      await c.query('INSERT INTO gateways (id, name, secret_hash) VALUES ($1, $1, $2)', [
        `G${g}`,
        o.secretHash ?? null,
      ]);
    }
    const spaces: unknown[][] = [[], [], [], [], []];
    const sensors: unknown[][] = [[], [], []];
    const bindings: unknown[][] = [[], []];
    for (let l = 0; l < lots; l++) {
      const lotId = `L${l}`;
      city.lots.push(lotId);
      await c.query(
        `INSERT INTO lots (id, zone_id, name, category, capacity, lat, lon)
         VALUES ($1, 'Z1', $1, 'onstreet', $2, 31.2, 121.4)`,
        [lotId, per],
      );
      for (let s = 0; s < per; s++) {
        const i = l * per + s;
        const spaceId = `P${i}`;
        const sensorId = `S${i}`;
        const gatewayId = `G${i % gws}`;
        spaces[0].push(spaceId);
        spaces[1].push(lotId);
        spaces[2].push(31.2 + i * 1e-5);
        spaces[3].push(121.4 + i * 1e-5);
        sensors[0].push(sensorId);
        sensors[1].push(spaceId);
        bindings[0].push(sensorId);
        bindings[1].push(gatewayId);
        if (i === 0 && gws > 1) {
          bindings[0].push(sensorId);
          bindings[1].push('G1');
        }
        city.sensors.push({ sensorId, spaceId, lotId, gatewayId });
      }
    }
    await c.query(
      `INSERT INTO spaces (id, lot_id, lat, lon)
       SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[])`,
      spaces.slice(0, 4),
    );
    await c.query(
      `INSERT INTO sensors (id, model_id, space_id) SELECT a, 'M1', b FROM unnest($1::text[], $2::text[]) AS u(a, b)`,
      sensors.slice(0, 2),
    );
    await c.query(
      `INSERT INTO sensor_gateways (sensor_id, gateway_id) SELECT * FROM unnest($1::text[], $2::text[])`,
      bindings,
    );
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
  return city;
}
