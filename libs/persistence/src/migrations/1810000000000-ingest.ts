import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingest-owned tables (docs/ingest.md): refused uplinks for operators, and the last applied state
 * per space so the Redis live state can be rebuilt from PostgreSQL in one scan.
 */
export class Ingest1810000000000 implements MigrationInterface {
  name = 'Ingest1810000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_rejections (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL,
        gateway_id text,
        reason text NOT NULL,
        detail text,
        sensor_id text,
        raw text
      );
      CREATE INDEX ingest_rejections_received_at_idx ON ingest_rejections (received_at);
      CREATE INDEX ingest_rejections_gateway_idx ON ingest_rejections (gateway_id, received_at);
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
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS live_space_state, ingest_rejections');
  }
}
