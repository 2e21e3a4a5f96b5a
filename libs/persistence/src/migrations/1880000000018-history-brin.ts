import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A BRIN index on `occupancy_events.ts`: ingest appends rows in about time order, so each block
 * range covers a short span of time and a time-window query over every sensor (reports, uplink
 * statistics) can read only the blocks of its window inside the day partition, with an index far
 * smaller than a btree (bench/persistence/brin-ts.sql, one day of 2M rows: a one-hour window in
 * 13-25 ms instead of 256-379 ms, 24 kB). On the partitioned parent, so every day partition,
 * present and future, gets one.
 */
export class HistoryBrin1880000000018 implements MigrationInterface {
  name = 'HistoryBrin1880000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX occupancy_events_ts_brin ON occupancy_events USING brin (ts)
        WITH (autosummarize = on)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX occupancy_events_ts_brin`);
  }
}
