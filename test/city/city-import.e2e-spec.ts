/** @needs postgres (test/support/services.js) */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CityService } from '@app/city';
import { CityFile, CityFileInvalidError, normaliseCityFile, parseCityFile } from '@app/domain';
import { cityChanges, dataSourceOptions, PgCityStore } from '@app/persistence';
import { Subscription } from 'rxjs';
import { createTestDatabase, TestDatabase } from '../support/db';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample-city.json');
const sample = (): Record<string, unknown> => JSON.parse(readFileSync(SAMPLE, 'utf8'));

async function snapshot(ds: DataSource): Promise<string> {
  const tables = ['zones', 'lots', 'spaces', 'sensors', 'sensor_gateways', 'gateways', 'rules'];
  const parts: string[] = [];
  for (const t of tables) {
    const r: Array<{ h: string }> = await ds.query(
      `SELECT md5(string_agg(xmin::text || ':' || t::text, ',' ORDER BY t::text)) AS h FROM ${t} t`,
    );
    parts.push(`${t}=${r[0].h}`);
  }
  return parts.join(' ');
}

describe('city import/export (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let svc: CityService;
  let listener: Client;
  const notices: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(
      dataSourceOptions({ db: { url: db.url, poolSize: 4, runMigrations: true } }),
    );
    await ds.initialize();
    svc = new CityService(new PgCityStore(ds));
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (n) => notices.push(n.payload ?? ''));
    await listener.query('LISTEN city_changed');
  });
  afterAll(async () => {
    await listener?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('imports the sample city and exports the same content', async () => {
    const counts = await svc.import(sample());
    expect(counts.unchanged).toBe(false);
    expect(counts.tables.spaces).toEqual({ inserted: 301, updated: 0, deleted: 0, unchanged: 0 });
    expect(counts.total.updated + counts.total.deleted + counts.total.unchanged).toBe(0);
    const exported = await svc.export();
    expect(exported).toEqual(normaliseCityFile(parseCityFile(sample())));
    // and the export is itself an importable city file
    expect(parseCityFile(JSON.parse(JSON.stringify(exported)))).toEqual(exported);
  });

  it('notifies city_changed after a changing import', async () => {
    for (let i = 0; i < 50 && notices.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0])).toMatchObject({ inserted: expect.any(Number) });
  });

  it('a second import of the same file changes nothing and writes no row', async () => {
    const before = await snapshot(ds);
    const counts = await svc.import(sample());
    expect(counts.unchanged).toBe(true);
    expect(counts.total).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(counts.tables.spaces.unchanged).toBe(301);
    expect(await snapshot(ds)).toBe(before);
    await new Promise((r) => setTimeout(r, 100));
    expect(notices).toHaveLength(1);
  });

  it('a changed file updates, inserts and deletes exactly what differs (FK-safe)', async () => {
    const city = parseCityFile(sample()) as CityFile;
    const lotId = city.lots[0].id;
    const removedSpace = city.spaces.find((s) => s.lotId === lotId)!;
    const removedSensor = city.sensors.find((s) => s.spaceId === removedSpace.id)!;
    city.spaces = city.spaces.filter((s) => s.id !== removedSpace.id);
    city.sensors = city.sensors.filter((s) => s.id !== removedSensor.id);
    // move two sensors onto each other's spaces (checked at commit, not row by row)
    const [a, b] = city.sensors;
    [a.spaceId, b.spaceId] = [b.spaceId, a.spaceId];
    city.lots[1] = { ...city.lots[1], name: 'Renamed lot' };
    city.gateways.push({ id: 'gw-new', name: 'New gateway' });
    city.sensors[2].gatewayIds = ['gw-new'];
    const counts = await svc.import(city);
    expect(counts.tables.spaces).toMatchObject({ deleted: 1, inserted: 0, updated: 0 });
    expect(counts.tables.sensors).toMatchObject({ deleted: 1, updated: 2 });
    expect(counts.tables.lots).toMatchObject({ updated: 1, deleted: 0 });
    expect(counts.tables.gateways).toMatchObject({ inserted: 1 });
    expect(counts.tables.sensor_gateways.inserted).toBe(1);
    expect(await svc.export()).toEqual(normaliseCityFile(parseCityFile(city)));
  });

  it('refuses a faulty file naming each fault by JSON path and leaves the database unchanged', async () => {
    await svc.import(sample());
    const before = await snapshot(ds);
    const bad = sample() as Record<string, Array<Record<string, unknown>>>;
    bad.spaces[12] = { ...bad.spaces[12], lotId: 'lot-nowhere' };
    bad.rules[0] = { ...bad.rules[0], windows: [{ days: 'everyday', from: '19:00', to: '7pm' }] };
    bad.zones.push({ ...bad.zones[0] });
    bad.lots[3] = { ...bad.lots[3], capacity: -5 };
    let error: CityFileInvalidError | undefined;
    try {
      await svc.import(bad);
    } catch (e) {
      error = e as CityFileInvalidError;
    }
    expect(error).toBeInstanceOf(CityFileInvalidError);
    const paths = error!.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.spaces[12].lotId',
        '$.rules[0].windows[0].to',
        '$.zones[4].id',
        '$.lots[3].capacity',
      ]),
    );
    expect(await snapshot(ds)).toBe(before);
  });

  it('cityChanges() emits after a committed changing import', async () => {
    const seen: Array<Record<string, unknown>> = [];
    let sub: Subscription | undefined;
    const first = new Promise<void>((resolve) => {
      sub = cityChanges(db.url).subscribe((c) => {
        seen.push(c.payload);
        resolve();
      });
    });
    // LISTEN is asynchronous: retry the change until the listener has seen one
    const city = sample() as Record<string, Array<Record<string, unknown>>>;
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      city.zones[0].name = `Renamed ${i}`;
      await svc.import(city);
      await Promise.race([first, new Promise((r) => setTimeout(r, 50))]);
    }
    sub?.unsubscribe();
    expect(seen[0]).toMatchObject({ updated: 1, inserted: 0, deleted: 0 });
  });

  it('bulk mode (many new spaces) re-validates foreign keys in one pass and restores them', async () => {
    const fks = async (): Promise<string[]> =>
      (
        await ds.query(
          `SELECT conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint
            WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1`,
        )
      ).map((r: { d: string }) => r.d);
    const before = await fks();
    await svc.import({ version: 1, city: { name: 'Empty' } });
    const bulk = new PgCityStore(ds);
    bulk.bulkThreshold = 100;
    const counts = await new CityService(bulk).import(sample());
    expect(counts.tables.spaces.inserted).toBe(301);
    expect(await fks()).toEqual(before);
    expect(await svc.export()).toEqual(normaliseCityFile(parseCityFile(sample())));
    await expect(
      ds.query(`INSERT INTO spaces (id, lot_id, lat, lon) VALUES ('x', 'no-such-lot', 0, 0)`),
    ).rejects.toThrow(/foreign key/);
  });

  it('an empty city deletes everything in FK-safe order', async () => {
    const counts = await svc.import({ version: 1, city: { name: 'Empty' } });
    expect(counts.tables.spaces.deleted).toBe(301);
    const left: Array<{ n: number }> = await ds.query(
      `SELECT (SELECT count(*) FROM spaces) + (SELECT count(*) FROM sensors)
            + (SELECT count(*) FROM lots) + (SELECT count(*) FROM calendar_days) AS n`,
    );
    expect(Number(left[0].n)).toBe(0);
  });
});
