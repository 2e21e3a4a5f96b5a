import { MigrationInterface, QueryRunner } from 'typeorm';

const UTC_TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/**
 * The shared database contract (team brief): the city tables and the partitioned event history.
 * Foreign keys and the one-sensor-per-space constraint are DEFERRABLE so that a city import can
 * rewire sensors and spaces inside one transaction and have them checked at commit.
 */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE city_settings (key text PRIMARY KEY, value jsonb NOT NULL);
      CREATE TABLE pricing_tiers (id text PRIMARY KEY, body jsonb NOT NULL);
      CREATE TABLE rules (id text PRIMARY KEY, kind text NOT NULL, body jsonb NOT NULL);
      CREATE TABLE exemptions (id text PRIMARY KEY, body jsonb NOT NULL);
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday', 'adjusted_working_day')),
        name text
      );
      CREATE TABLE school_vacations (
        id text PRIMARY KEY,
        name text,
        date_from date NOT NULL,
        date_to date NOT NULL,
        CHECK (date_from <= date_to)
      );
      CREATE TABLE sensor_models (
        id text PRIMARY KEY,
        name text,
        heartbeat_interval_s int NOT NULL CHECK (heartbeat_interval_s > 0),
        stale_grace_s int NOT NULL CHECK (stale_grace_s >= 0),
        low_battery_mv int NOT NULL CHECK (low_battery_mv >= 0)
      );
      CREATE TABLE zones (
        id text PRIMARY KEY,
        name text NOT NULL,
        pricing_tier_id text NOT NULL
          REFERENCES pricing_tiers (id) DEFERRABLE INITIALLY IMMEDIATE,
        officer jsonb
      );
      CREATE TABLE lots (
        id text PRIMARY KEY,
        zone_id text NOT NULL REFERENCES zones (id) DEFERRABLE INITIALLY IMMEDIATE,
        name text NOT NULL,
        category text NOT NULL
          CHECK (category IN ('onstreet', 'offstreet', 'institutional', 'temporary', 'residential')),
        capacity int NOT NULL CHECK (capacity >= 0),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        public_hours jsonb,
        valid_from date,
        valid_to date,
        pricing_tier_id text REFERENCES pricing_tiers (id) DEFERRABLE INITIALLY IMMEDIATE,
        rule_ids text[] NOT NULL DEFAULT '{}',
        closed bool NOT NULL DEFAULT false,
        almost_full_ratio real NOT NULL DEFAULT 0.1 CHECK (almost_full_ratio BETWEEN 0 AND 1),
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      );
      CREATE INDEX lots_zone_id_idx ON lots (zone_id);
      CREATE TABLE spaces (
        id text PRIMARY KEY,
        lot_id text NOT NULL REFERENCES lots (id) DEFERRABLE INITIALLY IMMEDIATE,
        type text NOT NULL DEFAULT 'standard',
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        rule_ids text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX spaces_lot_id_idx ON spaces (lot_id);
      CREATE TABLE gateways (id text PRIMARY KEY, name text, secret_hash text);
      CREATE TABLE sensors (
        id text PRIMARY KEY,
        model_id text NOT NULL REFERENCES sensor_models (id) DEFERRABLE INITIALLY IMMEDIATE,
        space_id text NOT NULL REFERENCES spaces (id) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT sensors_space_id_key UNIQUE (space_id) DEFERRABLE INITIALLY IMMEDIATE
      );
      CREATE INDEX sensors_model_id_idx ON sensors (model_id);
      CREATE TABLE sensor_gateways (
        sensor_id text NOT NULL
          REFERENCES sensors (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
        gateway_id text NOT NULL
          REFERENCES gateways (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
        position smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (sensor_id, gateway_id)
      );
      CREATE INDEX sensor_gateways_gateway_id_idx ON sensor_gateways (gateway_id);
      CREATE TABLE signs (id text PRIMARY KEY, body jsonb NOT NULL);
    `);

    await q.query(`
      CREATE TABLE occupancy_events (
        sensor_id text NOT NULL,
        space_id text,
        gateway_id text,
        seq bigint NOT NULL,
        type text NOT NULL,
        occupied boolean NOT NULL,
        ts timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        battery_mv int,
        temperature_c real,
        rssi real,
        late boolean NOT NULL DEFAULT false,
        extra jsonb,
        PRIMARY KEY (sensor_id, ts, seq)
      ) PARTITION BY RANGE (ts);
      CREATE INDEX occupancy_events_space_ts_idx ON occupancy_events (space_id, ts);
      CREATE TABLE occupancy_events_default PARTITION OF occupancy_events DEFAULT;
    `);

    // Daily UTC partitions; rows that already landed in the DEFAULT partition are moved over.
    await q.query(`
      CREATE FUNCTION ensure_occupancy_partitions(from_day date, to_day date)
      RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE
        d date := from_day;
        created integer := 0;
        pname text;
        lo timestamptz;
        hi timestamptz;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('ensure_occupancy_partitions'));
        WHILE d <= to_day LOOP
          pname := 'occupancy_events_p' || to_char(d, 'YYYYMMDD');
          IF to_regclass(pname) IS NULL THEN
            lo := d::timestamp AT TIME ZONE 'UTC';
            hi := (d + 1)::timestamp AT TIME ZONE 'UTC';
            IF EXISTS (SELECT 1 FROM occupancy_events_default WHERE ts >= lo AND ts < hi) THEN
              EXECUTE format('CREATE TABLE %I (LIKE occupancy_events INCLUDING DEFAULTS)', pname);
              EXECUTE format(
                'WITH moved AS (DELETE FROM occupancy_events_default WHERE ts >= $1 AND ts < $2 RETURNING *) '
                || 'INSERT INTO %I SELECT * FROM moved', pname) USING lo, hi;
              EXECUTE format(
                'ALTER TABLE occupancy_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                pname, lo, hi);
            ELSE
              EXECUTE format(
                'CREATE TABLE %I PARTITION OF occupancy_events FOR VALUES FROM (%L) TO (%L)',
                pname, lo, hi);
            END IF;
            created := created + 1;
          END IF;
          d := d + 1;
        END LOOP;
        RETURN created;
      END
      $fn$;
    `);
    await q.query(`SELECT ensure_occupancy_partitions(${UTC_TODAY} - 8, ${UTC_TODAY} + 7)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS ensure_occupancy_partitions(date, date);
      DROP TABLE IF EXISTS occupancy_events CASCADE;
      DROP TABLE IF EXISTS signs, sensor_gateways, sensors, gateways, spaces, lots, zones,
        sensor_models, school_vacations, calendar_days, exemptions, rules, pricing_tiers,
        city_settings;
    `);
  }
}
