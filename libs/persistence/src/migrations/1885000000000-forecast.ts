import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Availability at arrival (docs/forecast.md): `forecast_lot_days` holds each lot's recorded
 * occupancy sampled on the 15-minute grid, one row per lot and UTC day (sampled once from
 * `occupancy_events`, so a rebuild never rereads old partitions); `forecast_lot_stats` and
 * `forecast_model` hold the last build the API loads.
 */
export class Forecast1885000000000 implements MigrationInterface {
  name = 'Forecast1885000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forecast_lot_days (
        day date NOT NULL,
        lot_id text NOT NULL,
        free smallint[] NOT NULL,
        known smallint[] NOT NULL,
        PRIMARY KEY (day, lot_id)
      );
      CREATE TABLE forecast_sampled_days (day date PRIMARY KEY, sampled_at timestamptz NOT NULL);
      CREATE TABLE forecast_lot_stats (
        lot_id text PRIMARY KEY,
        capacity int NOT NULL,
        persistence real NOT NULL,
        mean_free real[] NOT NULL,
        any_free real[] NOT NULL,
        samples int[] NOT NULL
      );
      CREATE TABLE forecast_model (
        id smallint PRIMARY KEY CHECK (id = 1),
        built_at timestamptz NOT NULL,
        history_from timestamptz NOT NULL,
        history_to timestamptz NOT NULL,
        calibration jsonb NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE forecast_model;
      DROP TABLE forecast_lot_stats;
      DROP TABLE forecast_sampled_days;
      DROP TABLE forecast_lot_days;
    `);
  }
}
