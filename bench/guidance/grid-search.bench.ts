/**
 * Micro-benchmark of the nearby hot path, independent of HTTP and of machine-wide load:
 * `node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/guidance/grid-search.bench.ts
 * [--queries 200000]`. The bench harness's city (sensors-sim, 135,000 spaces, seed `bench`), half
 * the spaces free and fresh, random points over the city, 500 m / 20 like the `nearby` scenario
 * (20 % with `at` + `stay`). Prints one JSON line per part: the grid walk alone (every point
 * accepted), the whole search (freshness + rule book + items), search + JSON.stringify, and the
 * JSON text written directly (`NearbySearch.json`, what the API sends).
 */
import { catalogFromCity, LiveReplica, NearbySearch } from '@app/guidance';
import { generateCity } from '../../sensors-sim/src';
import { extentOf, pointIn } from '../harness/stack';
import { rng } from './bench-city';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

function time(label: string, n: number, body: (i: number) => number): void {
  for (let i = 0; i < Math.min(n, 20_000); i++) body(i);
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += body(i);
  const ns = Number(process.hrtime.bigint() - t0) / n;
  process.stdout.write(
    JSON.stringify({
      part: label,
      usPerOp: +(ns / 1000).toFixed(2),
      avgOut: +(sink / n).toFixed(2),
    }) + '\n',
  );
}

function main(): void {
  const city = generateCity({ spaces: 135_000, seed: 'bench' }).city;
  const replica = new LiveReplica({ cellM: 150 });
  replica.setCatalog(catalogFromCity(city));
  const now = Date.now();
  const r = rng(1);
  replica.loadSnapshot(
    city.spaces.map((s) => ({
      spaceId: s.id,
      occupied: r() < 0.5,
      lastSeenMs: now - Math.floor(r() * 300_000),
      sinceMs: now - 3_600_000,
      batteryLow: false,
      ver: 1,
      staleMs: 660_000,
    })),
  );
  const n = arg('queries', 200_000);
  const extent = extentOf(city);
  const qr = rng(3);
  const queries = Array.from({ length: 4096 }, () => {
    const p = pointIn(extent, qr);
    const withStay = qr() < 0.2;
    return {
      ...p,
      radiusM: 500,
      limit: 20,
      type: null,
      atMs: withStay ? now + 1_800_000 : now,
      stayMin: withStay ? 60 : null,
    };
  });
  const grid = replica.freeIndex;
  let got = 0;
  const accept = () => (got++, true);
  time('grid-walk', n, (i) => {
    const q = queries[i & 4095];
    got = 0;
    grid.search(q.lat, q.lon, q.radiusM, q.limit, accept);
    return got;
  });
  const search = new NearbySearch(replica);
  time('nearby-search', n, (i) => search.search(queries[i & 4095], now).items.length);
  time('search+stringify', n, (i) =>
    Buffer.byteLength(JSON.stringify(search.search(queries[i & 4095], now))),
  );
  time('search-json', n, (i) => Buffer.byteLength(search.json(queries[i & 4095], now)));
}

main();
