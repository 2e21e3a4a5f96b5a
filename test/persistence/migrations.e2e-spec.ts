/** @needs postgres (test/support/services.js) */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  ensureOccupancyPartitions,
  revertAllMigrations,
  runMigrations,
} from '@app/persistence';
import { createTestDatabase, TestDatabase } from '../support/db';
import { pgAdminUrl } from '../support/test-services';

const CONTRACT_TABLES = [
  'calendar_days',
  'city_settings',
  'exemptions',
  'gateways',
  'lots',
  'occupancy_events',
  'pricing_tiers',
  'rules',
  'school_vacations',
  'sensor_gateways',
  'sensor_models',
  'sensors',
  'signs',
  'spaces',
  'zones',
];

async function userTables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ relname: string }> = await ds.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations'`,
  );
  return rows.map((r) => r.relname).sort();
}

/** Reverts the latest migrations down to and including `name` (later ones first). */
async function undoThrough(ds: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last]: Array<{ name: string }> = await ds.query(
      'SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1',
    );
    if (!last) throw new Error(`${name} is not applied`);
    await ds.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(
      dataSourceOptions({ db: { url: db.url, poolSize: 3, runMigrations: true } }),
    );
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the test database comes fully migrated with every contract table', async () => {
    const tables = await userTables(ds);
    for (const t of CONTRACT_TABLES) expect(tables).toContain(t);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('creates daily partitions around today and a DEFAULT partition', async () => {
    const rows: Array<{ relname: string; bound: string }> = await ds.query(
      `SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'occupancy_events'::regclass`,
    );
    const names = rows.map((r) => r.relname);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    expect(names).toContain(`occupancy_events_p${day(-7)}`);
    expect(names).toContain(`occupancy_events_p${day(0)}`);
    expect(names).toContain(`occupancy_events_p${day(7)}`);
    expect(rows.find((r) => r.relname === 'occupancy_events_default')?.bound).toBe('DEFAULT');
  });

  it('moves rows out of the DEFAULT partition when their day gets a partition', async () => {
    await ds.query(
      `INSERT INTO occupancy_events (sensor_id, seq, type, occupied, ts)
       VALUES ('s-1', 1, 'status', true, '2030-01-02T03:00:00Z')`,
    );
    const before: Array<{ t: string }> = await ds.query(
      `SELECT tableoid::regclass::text AS t FROM occupancy_events WHERE sensor_id = 's-1'`,
    );
    expect(before[0].t).toBe('occupancy_events_default');
    expect(await ensureOccupancyPartitions(ds, '2030-01-01', '2030-01-03')).toBe(3);
    expect(await ensureOccupancyPartitions(ds, '2030-01-01', '2030-01-03')).toBe(0);
    const after: Array<{ t: string }> = await ds.query(
      `SELECT tableoid::regclass::text AS t FROM occupancy_events WHERE sensor_id = 's-1'`,
    );
    expect(after[0].t).toBe('occupancy_events_p20300102');
    await expect(
      ds.query(
        `INSERT INTO occupancy_events (sensor_id, seq, type, occupied, ts)
         VALUES ('s-1', 1, 'status', true, '2030-01-02T03:00:00Z')`,
      ),
    ).rejects.toThrow(/duplicate key/);
  });

  it('keeps durable live records across the packed-record migration, down and up', async () => {
    const packed =
      'o|1764430000000|1764430005000|42|1764420000000|1764430004000|1|-1|0|S-7|9|3|660000';
    await ds.query(
      `INSERT INTO live_space_record (space_id, lot_id, ver, record) VALUES ('P-7', 'L-1', 9, $1)`,
      [packed],
    );
    await undoThrough(ds, 'PackedLiveRecord1860000000000');
    const [old]: Array<Record<string, unknown>> = await ds.query(
      `SELECT sensor_id, state, since_ms::text, seq::text, occupied, battery_mv, battery_low,
              lost::text, stale_ms::text FROM live_space_state WHERE space_id = 'P-7'`,
    );
    expect(old).toEqual({
      sensor_id: 'S-7',
      state: 'o',
      since_ms: '1764430000000',
      seq: '42',
      occupied: true,
      battery_mv: null,
      battery_low: false,
      lost: '3',
      stale_ms: '660000',
    });
    await runMigrations(ds);
    const [back]: Array<{ record: string; ver: string }> = await ds.query(
      `SELECT record, ver::text FROM live_space_record WHERE space_id = 'P-7'`,
    );
    expect(back).toEqual({ record: packed, ver: '9' });
    const [opts]: Array<{ o: string[] }> = await ds.query(
      `SELECT reloptions AS o FROM pg_class WHERE relname = 'live_space_record'`,
    );
    expect(opts.o).toContain('fillfactor=50');
  });

  it('reverts every migration cleanly and runs them all again', async () => {
    const applied: Array<{ n: number }> = await ds.query(
      'SELECT count(*)::int AS n FROM migrations',
    );
    const reverted = await revertAllMigrations(ds);
    expect(reverted).toBe(applied[0].n);
    expect(await userTables(ds)).toEqual([]);
    const fn: Array<{ f: string | null }> = await ds.query(
      `SELECT to_regproc('ensure_occupancy_partitions')::text AS f`,
    );
    expect(fn[0].f).toBeNull();
    const again = await runMigrations(ds);
    expect(again).toHaveLength(applied[0].n);
    const tables = await userTables(ds);
    for (const t of CONTRACT_TABLES) expect(tables).toContain(t);
  });

  it('drop() removes the database', async () => {
    const other = await createTestDatabase();
    await other.drop();
    const c = new Client({ connectionString: pgAdminUrl() });
    await c.connect();
    try {
      const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [other.name]);
      expect(r.rowCount).toBe(0);
    } finally {
      await c.end();
    }
  });
});
