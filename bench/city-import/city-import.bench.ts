import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfigOrExit } from '@app/config';
import { normaliseCityFile, parseCityFile } from '@app/domain';
import { openDatabase, PgCityStore } from '@app/persistence';
import { syntheticCity } from './synthetic-city';

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Times a full import of a synthetic 135,000-space city into a throwaway database on the
 * configured PostgreSQL server: npm run bench:city-import (target: well under 30 s).
 * Each import is what CityService.import does: parse + validate + normalise, then the write.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const server = new URL(config.db.url);
  const name = `bench_city_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: new URL('/postgres', server).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(`/${name}`, server).toString();
  const ds = await openDatabase({ db: { ...config.db, url, runMigrations: true } }, 'bench');
  const store = new PgCityStore(ds);

  async function importStep(label: string, json: string): Promise<void> {
    const t0 = performance.now();
    const city = normaliseCityFile(parseCityFile(JSON.parse(json)));
    const t1 = performance.now();
    const counts = await store.replaceCity(city);
    const t2 = performance.now();
    console.log(
      `${label}: ${secs(t2 - t0)} (parse+validate ${secs(t1 - t0)}, database ${secs(t2 - t1)})`,
      JSON.stringify(counts.total),
    );
  }

  try {
    const city = syntheticCity();
    const json = JSON.stringify(city);
    console.log(
      `synthetic city: ${city.spaces?.length} spaces, ${(json.length / 1e6).toFixed(1)} MB`,
    );
    await importStep('first import into an empty database', json);
    await importStep('re-import, nothing changed', json);
    city.spaces?.forEach((s, i) => {
      if (i % 10 === 0) s.type = 'accessible';
    });
    await importStep('re-import, 10% of spaces changed', JSON.stringify(city));
    const t = performance.now();
    const out = await store.readCity();
    console.log(`export: ${secs(performance.now() - t)} (${out.spaces.length} spaces)`);
  } finally {
    await ds.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
