-- What PostgreSQL spends per ingested event, without the app: 100,000-row loops of 2,000-row
-- statements like the ingest batch. Run on a migrated scratch database, nothing else running:
--   createdb -h 127.0.0.1 -U postgres pgcost
--   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pgcost npm run migration:run
--   psql -h 127.0.0.1 -U postgres -d pgcost -f bench/ingest/pg-write-cost.sql
-- Divide each loop's time by 100,000 for the cost per row (session 2, two runs: history 12-17 us,
-- live record 6-10 us; the ev_c inserts with COLLATE "C" 7-30 % cheaper than ev_default).
\timing on
CREATE TEMP TABLE src AS
  SELECT 'sim-sensor-' || lpad((i * 7919 % 135000)::text, 6, '0') AS sensor_id,
         'sim-space-' || lpad((i * 7919 % 135000)::text, 6, '0') AS space_id, i AS seq
  FROM generate_series(1, 100000) i;
INSERT INTO live_space_record
  SELECT 'sim-space-' || lpad(i::text, 6, '0'), 'L' || (i / 57), 1, 'o|0|0|1|0|0|1|3600|0|s|1|0|660000'
  FROM generate_series(0, 134999) i ON CONFLICT DO NOTHING;
VACUUM ANALYZE live_space_record;

-- history: partitioned table, primary key + (space_id, ts) index, ON CONFLICT DO NOTHING
DO $$ BEGIN FOR b IN 0..49 LOOP
  INSERT INTO occupancy_events (sensor_id, space_id, gateway_id, seq, type, occupied, ts,
    received_at, battery_mv, late)
  SELECT sensor_id, space_id, 'G1', seq, 'status', true, now() - interval '1 s' + seq * interval '1 us',
    now(), 3600, false
  FROM src WHERE seq > b * 2000 AND seq <= (b + 1) * 2000 ON CONFLICT DO NOTHING;
END LOOP; END $$;

-- durable live record: upsert, newer ver wins (HOT updates: check n_tup_hot_upd below)
DO $$ BEGIN FOR b IN 0..49 LOOP
  INSERT INTO live_space_record AS s (space_id, lot_id, ver, record)
  SELECT space_id, 'L1', 1000000 + seq, 'o|0|0|' || seq || '|0|0|1|3600|0|' || sensor_id || '|2|0|660000'
  FROM src WHERE seq > b * 2000 AND seq <= (b + 1) * 2000
  ON CONFLICT (space_id) DO UPDATE SET lot_id = EXCLUDED.lot_id, ver = EXCLUDED.ver,
    record = EXCLUDED.record WHERE s.ver < EXCLUDED.ver;
END LOOP; END $$;
SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'live_space_record';

-- the same history shape without partitions, default collation against COLLATE "C"
CREATE TEMP TABLE ev_default (sensor_id text, space_id text, seq bigint, ts timestamptz,
  PRIMARY KEY (sensor_id, ts, seq));
CREATE INDEX ON ev_default (space_id, ts);
CREATE TEMP TABLE ev_c (sensor_id text COLLATE "C", space_id text COLLATE "C", seq bigint,
  ts timestamptz, PRIMARY KEY (sensor_id, ts, seq));
CREATE INDEX ON ev_c (space_id, ts);
INSERT INTO ev_default SELECT sensor_id, space_id, seq, now() + seq * interval '1 ms' FROM src;
INSERT INTO ev_c SELECT sensor_id, space_id, seq, now() + seq * interval '1 ms' FROM src;
INSERT INTO ev_default SELECT sensor_id, space_id, seq + 1000000, now() + seq * interval '1 ms' FROM src;
INSERT INTO ev_c SELECT sensor_id, space_id, seq + 1000000, now() + seq * interval '1 ms' FROM src;
