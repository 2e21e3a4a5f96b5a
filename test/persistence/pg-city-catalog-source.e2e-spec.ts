/** @needs postgres (test/support/services.js) */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CityService } from '@app/city';
import { cityFileSchema } from '@app/domain';
import { catalogFromCity, LiveReplica } from '@app/guidance';
import {
  CityChangeListener,
  dataSourceOptions,
  PgCityCatalogSource,
  PgCityStore,
} from '@app/persistence';
import { createTestDatabase, TestDatabase } from '../support/db';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample-city.json');

describe('PgCityCatalogSource (the catalog read and compiled in a worker thread)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let listener: CityChangeListener;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(
      dataSourceOptions({ db: { url: db.url, poolSize: 2, runMigrations: true } }),
    );
    await ds.initialize();
    await new CityService(new PgCityStore(ds)).import(JSON.parse(readFileSync(SAMPLE, 'utf8')));
    listener = new CityChangeListener(db.url);
  });
  afterAll(async () => {
    await listener?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('answers like the in-process catalog of the same city', async () => {
    const lean = await new PgCityCatalogSource(ds, listener).load();
    const city = cityFileSchema.parse(JSON.parse(readFileSync(SAMPLE, 'utf8')));
    const whole = catalogFromCity(city);
    const [a, b] = [new LiveReplica(), new LiveReplica()];
    a.setCatalog(whole);
    b.setCatalog(lean);
    expect([...b.spaces.ids].sort()).toEqual([...a.spaces.ids].sort());
    expect(lean.lots.map((l) => l.id).sort()).toEqual(whole.lots.map((l) => l.id).sort());
    const keyOf = new Map<string, string>();
    const at = Date.parse('2026-12-01T09:30:00+08:00');
    for (const s of city.spaces) {
      const i = b.spaces.index.get(s.id)!;
      const j = a.spaces.index.get(s.id)!;
      expect([b.spaces.sensorIds[i], b.spaces.lat[i], b.spaces.types[i]]).toEqual([
        a.spaces.sensorIds[j],
        a.spaces.lat[j],
        a.spaces.types[j],
      ]);
      // the keys group the same spaces (their names may differ: opaque)
      const key = lean.policy.policyKey(s.id);
      expect(keyOf.get(whole.policy.policyKey(s.id)) ?? key).toBe(key);
      keyOf.set(whole.policy.policyKey(s.id), key);
      expect(b.spaces.policy[i]).toBe(key);
      expect(lean.policy.rulesOf(s.id)).toEqual(whole.policy.rulesOf(s.id));
      expect(lean.policy.spaceAt(s.id, at, 60, true)).toEqual(
        whole.policy.spaceAt(s.id, at, 60, true),
      );
    }
    expect(new Set(keyOf.values()).size).toBe(keyOf.size);
  });

  it('rejects with the database error when the worker cannot read the city', async () => {
    const other = new DataSource(
      dataSourceOptions({ db: { url: `${db.url}_missing`, poolSize: 1, runMigrations: false } }),
    );
    await expect(new PgCityCatalogSource(other, listener).load()).rejects.toThrow(/does not exist/);
  });
});
