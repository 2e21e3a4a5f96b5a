/**
 * One batch, one statement: history, durable live records and rejections as data-modifying CTEs
 * over unnest()ed arrays. A single statement is its own transaction (all or nothing) and costs
 * one round trip; it is prepared once per connection.
 *
 * Answers the number of history rows inserted and, only when some were already there, their keys
 * (`sensor|seq|ts_ms`, newline-separated) so the caller can tell new from duplicate.
 */
export const RECORD_BATCH = `
WITH ev AS (
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
  RETURNING sensor_id, seq, ts
), st AS (
  INSERT INTO live_space_record AS s (space_id, lot_id, ver, record)
  SELECT * FROM unnest($14::text[], $15::text[], $16::bigint[], $17::text[])
  ON CONFLICT (space_id) DO UPDATE
    SET lot_id = EXCLUDED.lot_id, ver = EXCLUDED.ver, record = EXCLUDED.record
  WHERE s.ver < EXCLUDED.ver
), rj AS (
  INSERT INTO ingest_rejections (received_at, gateway_id, reason, detail, sensor_id, raw)
  SELECT to_timestamp(r.rcv_ms / 1000.0), r.gateway_id, r.reason, r.detail, r.sensor_id, r.raw
  FROM unnest($18::bigint[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])
    AS r(rcv_ms, gateway_id, reason, detail, sensor_id, raw)
)
SELECT count(*)::int AS n,
  CASE WHEN count(*) < $24::int THEN string_agg(
    sensor_id || '|' || seq || '|' || round(extract(epoch FROM ts) * 1000)::bigint, E'\\n')
  END AS keys
FROM ev`;

export const SELECT_RECORDS = `
SELECT space_id, lot_id, record
FROM live_space_record WHERE $1::text[] IS NULL OR lot_id = ANY($1::text[])`;
