-- BRIN on occupancy_events.ts: what it costs per insert and what it saves on a time-window
-- query inside one day partition. Run on a throwaway database:
--   flock /tmp/bench.lock psql -X -q "$URL" -f bench/persistence/brin-ts.sql
-- One day of 2,000,000 events (~23 events/s per 1,000 sensors x 135,000 sensors is ~3M/day),
-- inserted in arrival order as ingest writes them.
\timing on
DROP TABLE IF EXISTS brin_probe_a, brin_probe_b;
CREATE TABLE brin_probe_a (sensor_id text NOT NULL, space_id text, seq bigint NOT NULL,
  occupied boolean NOT NULL, ts timestamptz NOT NULL, PRIMARY KEY (sensor_id, ts, seq));
CREATE INDEX ON brin_probe_a (space_id, ts);
CREATE TABLE brin_probe_b (LIKE brin_probe_a INCLUDING ALL);
CREATE INDEX brin_probe_b_ts ON brin_probe_b USING brin (ts) WITH (autosummarize = on);
\echo insert 2,000,000 rows without BRIN
INSERT INTO brin_probe_a SELECT 'SN-' || (g % 135000), 'S-' || (g % 135000), g / 135000,
  g % 2 = 0, timestamptz '2026-12-01' + g * interval '43 ms' FROM generate_series(1, 2000000) g;
\echo insert 2,000,000 rows with BRIN
INSERT INTO brin_probe_b SELECT 'SN-' || (g % 135000), 'S-' || (g % 135000), g / 135000,
  g % 2 = 0, timestamptz '2026-12-01' + g * interval '43 ms' FROM generate_series(1, 2000000) g;
VACUUM ANALYZE brin_probe_a;
VACUUM ANALYZE brin_probe_b;
SELECT pg_size_pretty(pg_relation_size('brin_probe_b_ts')) AS brin_size,
  pg_size_pretty(pg_relation_size('brin_probe_a_pkey')) AS pkey_size;
\echo one hour of the day, every sensor (reports over a time window)
SELECT count(*) FROM brin_probe_a WHERE ts >= '2026-12-01 10:00' AND ts < '2026-12-01 11:00';
SELECT count(*) FROM brin_probe_a WHERE ts >= '2026-12-01 10:00' AND ts < '2026-12-01 11:00';
SELECT count(*) FROM brin_probe_b WHERE ts >= '2026-12-01 10:00' AND ts < '2026-12-01 11:00';
SELECT count(*) FROM brin_probe_b WHERE ts >= '2026-12-01 10:00' AND ts < '2026-12-01 11:00';
EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM brin_probe_b
  WHERE ts >= '2026-12-01 10:00' AND ts < '2026-12-01 11:00';
DROP TABLE brin_probe_a, brin_probe_b;
