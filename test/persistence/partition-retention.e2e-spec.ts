/** @needs postgres (test/support/services.js) */
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@app/config';
import {
  occupancyDayPartitions,
  PartitionMaintenanceService,
  PersistenceModule,
  ReadDataSource,
  retireOccupancyPartitions,
} from '@app/persistence';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/db';
import { serviceEnv } from '../support/test-services';

const DAY_MS = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const compact = (d: string) => d.replaceAll('-', '');

describe('history partition retention and the read connection', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const now = new Date();

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    // days 20..12 back get partitions; one row in the 20-days-old and the 10-days-old day
    await ds.query('SELECT ensure_occupancy_partitions($1::date, $2::date)', [
      dayOf(now.getTime() - 20 * DAY_MS),
      dayOf(now.getTime()),
    ]);
    for (const back of [20, 10]) {
      await ds.query(
        `INSERT INTO occupancy_events (sensor_id, seq, type, occupied, ts)
         VALUES ($1, 1, 'occupancy', true, $2)`,
        [`s-${back}`, new Date(now.getTime() - back * DAY_MS)],
      );
    }
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('has a BRIN index on ts in every day partition', async () => {
    const rows: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM pg_indexes
       WHERE tablename LIKE 'occupancy_events_p%' AND indexdef LIKE '%USING brin (ts)%'`,
    );
    expect(rows[0].n).toBe((await occupancyDayPartitions(ds)).length);
  });

  it('keeps everything when retention is off', async () => {
    const before = await occupancyDayPartitions(ds);
    const r = await retireOccupancyPartitions(ds, { days: 0, mode: 'drop' }, now);
    expect(r.retired).toEqual([]);
    expect(await occupancyDayPartitions(ds)).toEqual(before);
  });

  it('detaches (keeping the table) the days past the limit, only those', async () => {
    const r = await retireOccupancyPartitions(ds, { days: 18, mode: 'detach' }, now);
    const gone = [20, 19].map(
      (b) => `occupancy_events_p${compact(dayOf(now.getTime() - b * DAY_MS))}`,
    );
    expect(r.retired).toEqual(gone);
    const left = (await occupancyDayPartitions(ds)).map((p) => p.name);
    for (const g of gone) expect(left).not.toContain(g);
    expect(left).toContain(`occupancy_events_p${compact(dayOf(now.getTime() - 18 * DAY_MS))}`);
    // detached: still a table with its row, no longer part of the history
    const [kept] = (await ds.query(`SELECT count(*)::int AS n FROM "${gone[0]}"`)) as Array<{
      n: number;
    }>;
    expect(kept.n).toBe(1);
    const [hist] = (await ds.query(
      `SELECT count(*)::int AS n FROM occupancy_events WHERE sensor_id = 's-20'`,
    )) as Array<{ n: number }>;
    expect(hist.n).toBe(0);
  });

  it('the API service drops partitions past HISTORY_RETENTION_DAYS and keeps the rest', async () => {
    const config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      HISTORY_RETENTION_DAYS: '9',
      DATABASE_READ_URL: db.url,
    });
    const app = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), PersistenceModule],
    }).compile();
    await app.init();
    try {
      await app.get(PartitionMaintenanceService).retire(now);
      const left = await occupancyDayPartitions(ds);
      const oldest = dayOf(now.getTime() - 9 * DAY_MS);
      expect(left[0].day).toBe(oldest);
      const [exists] = (await ds.query(`SELECT to_regclass($1)::text AS t`, [
        `occupancy_events_p${compact(dayOf(now.getTime() - 12 * DAY_MS))}`,
      ])) as Array<{ t: string | null }>;
      expect(exists.t).toBeNull();
      const [row] = (await ds.query(
        `SELECT count(*)::int AS n FROM occupancy_events WHERE sensor_id = 's-10'`,
      )) as Array<{ n: number }>;
      expect(row.n).toBe(0);
      const read = app.get(ReadDataSource);
      expect(read.separate).toBe(true);
      expect(read.ds).not.toBe(app.get(DataSource));
      const [one] = (await read.ds.query('SELECT 1 AS one')) as Array<{ one: number }>;
      expect(one.one).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('rejects a retention shorter than the late-event window', () => {
    expect(() => loadConfig({ HISTORY_RETENTION_DAYS: '5' })).toThrow(/HISTORY_RETENTION_DAYS/);
  });
});
