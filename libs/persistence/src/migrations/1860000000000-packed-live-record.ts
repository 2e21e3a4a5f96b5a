import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable live record per space becomes the packed record exactly as Redis holds it
 * (docs/live-store.md section 2): ingest stores what the Lua apply returned without decoding it,
 * and PostgreSQL writes one narrow row instead of fifteen columns. Only the primary key is
 * indexed and pages are left half empty, so the per-event upsert is a HOT update (no index work).
 */
export class PackedLiveRecord1860000000000 implements MigrationInterface {
  name = 'PackedLiveRecord1860000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE live_space_record (
        space_id text PRIMARY KEY,
        lot_id text NOT NULL,
        ver bigint NOT NULL,
        record text NOT NULL
      ) WITH (fillfactor = 50);
      INSERT INTO live_space_record (space_id, lot_id, ver, record)
      SELECT space_id, lot_id, ver, concat_ws('|', state, since_ms, last_seen_ms, seq, boot_ts_ms,
        last_ts_ms, CASE WHEN occupied THEN '1' ELSE '0' END, coalesce(battery_mv, -1),
        CASE WHEN battery_low THEN '1' ELSE '0' END, sensor_id, ver, lost, stale_ms)
      FROM live_space_state;
      DROP TABLE live_space_state;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE live_space_state (
        space_id text PRIMARY KEY,
        lot_id text NOT NULL,
        sensor_id text NOT NULL,
        state char(1) NOT NULL CHECK (state IN ('f', 'o', 'u')),
        since_ms bigint NOT NULL,
        last_seen_ms bigint NOT NULL,
        seq bigint NOT NULL,
        boot_ts_ms bigint NOT NULL,
        last_ts_ms bigint NOT NULL,
        occupied boolean NOT NULL,
        battery_mv int,
        battery_low boolean NOT NULL DEFAULT false,
        ver bigint NOT NULL,
        lost bigint NOT NULL DEFAULT 0,
        stale_ms bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX live_space_state_sensor_idx ON live_space_state (sensor_id);
      INSERT INTO live_space_state (space_id, lot_id, sensor_id, state, since_ms, last_seen_ms,
        seq, boot_ts_ms, last_ts_ms, occupied, battery_mv, battery_low, ver, lost, stale_ms)
      SELECT space_id, lot_id, p[10], p[1], p[2]::bigint, p[3]::bigint, p[4]::bigint,
        p[5]::bigint, p[6]::bigint, p[7] = '1', nullif(p[8]::int, -1), p[9] = '1', ver,
        p[12]::bigint, p[13]::bigint
      FROM (SELECT space_id, lot_id, ver, string_to_array(record, '|') AS p
            FROM live_space_record) r;
      DROP TABLE live_space_record;
    `);
  }
}
