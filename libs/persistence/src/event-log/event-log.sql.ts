/** Multi-row statements over unnest()ed arrays: one round trip per batch, never row by row. */
export const INSERT_EVENTS = `
INSERT INTO occupancy_events (sensor_id, space_id, gateway_id, seq, type, occupied, ts,
  received_at, battery_mv, temperature_c, rssi, late, extra)
SELECT u.sensor_id, u.space_id, u.gateway_id, u.seq, u.type, u.occupied,
  to_timestamp(u.ts_ms / 1000.0), to_timestamp(u.rcv_ms / 1000.0), u.battery_mv,
  u.temperature_c, u.rssi, u.late, u.extra::jsonb
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bool[],
  $7::bigint[], $8::bigint[], $9::int[], $10::real[], $11::real[], $12::bool[], $13::text[])
  AS u(sensor_id, space_id, gateway_id, seq, type, occupied, ts_ms, rcv_ms, battery_mv,
    temperature_c, rssi, late, extra)
ON CONFLICT (sensor_id, ts, seq) DO NOTHING
RETURNING sensor_id, seq, round(extract(epoch FROM ts) * 1000)::bigint AS ts_ms`;

export const UPSERT_STATES = `
INSERT INTO live_space_state AS s (space_id, lot_id, sensor_id, state, since_ms, last_seen_ms,
  seq, boot_ts_ms, last_ts_ms, occupied, battery_mv, battery_low, ver, lost, stale_ms)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
  $7::bigint[], $8::bigint[], $9::bigint[], $10::bool[], $11::int[], $12::bool[], $13::bigint[],
  $14::bigint[], $15::bigint[])
ON CONFLICT (space_id) DO UPDATE SET lot_id = EXCLUDED.lot_id, sensor_id = EXCLUDED.sensor_id,
  state = EXCLUDED.state, since_ms = EXCLUDED.since_ms, last_seen_ms = EXCLUDED.last_seen_ms,
  seq = EXCLUDED.seq, boot_ts_ms = EXCLUDED.boot_ts_ms, last_ts_ms = EXCLUDED.last_ts_ms,
  occupied = EXCLUDED.occupied, battery_mv = EXCLUDED.battery_mv,
  battery_low = EXCLUDED.battery_low, ver = EXCLUDED.ver, lost = EXCLUDED.lost,
  stale_ms = EXCLUDED.stale_ms, updated_at = now()
WHERE s.ver < EXCLUDED.ver`;

export const INSERT_REJECTIONS = `
INSERT INTO ingest_rejections (received_at, gateway_id, reason, detail, sensor_id, raw)
SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
  $6::text[])`;

export const SELECT_STATES = `
SELECT space_id, lot_id, sensor_id, state, since_ms, last_seen_ms, seq, boot_ts_ms, last_ts_ms,
  occupied, battery_mv, battery_low, ver, lost, stale_ms
FROM live_space_state WHERE $1::text[] IS NULL OR lot_id = ANY($1::text[])`;

export const SELECT_SENSORS = `
SELECT s.id AS sensor_id, s.space_id, sp.lot_id, l.zone_id, sp.lon, sp.lat,
  m.heartbeat_interval_s, m.stale_grace_s, m.low_battery_mv,
  coalesce(array_agg(g.gateway_id) FILTER (WHERE g.gateway_id IS NOT NULL), '{}') AS gateways
FROM sensors s
JOIN spaces sp ON sp.id = s.space_id
JOIN lots l ON l.id = sp.lot_id
JOIN sensor_models m ON m.id = s.model_id
LEFT JOIN sensor_gateways g ON g.sensor_id = s.id
GROUP BY s.id, sp.id, l.id, m.id`;
