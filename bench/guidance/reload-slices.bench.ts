/**
 * In process, no HTTP: the main-thread part of a city reload at 135,000 spaces (the worker's
 * packing is done before measuring): the longest synchronous slice between two yields, per step.
 * `flock /tmp/bench.lock npx ts-node -T -r tsconfig-paths/register bench/guidance/reload-slices.bench.ts`
 */
import { performance } from 'node:perf_hooks';
import { LiveReplica, packCatalog, unpackCatalog } from '@app/guidance';
import { benchCity, liveStates, rng } from './bench-city';

async function main(): Promise<void> {
  const { city } = benchCity();
  const replica = new LiveReplica();
  replica.setCatalog(
    await unpackCatalog(structuredClone(packCatalog(city)), async () => undefined),
  );
  replica.loadSnapshot(liveStates(city, Date.now(), rng(7)));
  const t0 = performance.now();
  const packed = structuredClone(packCatalog(city));
  console.log(`pack + clone (worker side) ${(performance.now() - t0).toFixed(0)} ms`);
  for (let round = 0; round < 3; round++) {
    let last = performance.now();
    let longest = 0;
    const pause = () =>
      new Promise<void>((resolve) => {
        longest = Math.max(longest, performance.now() - last);
        setImmediate(() => {
          last = performance.now();
          resolve();
        });
      });
    const a = performance.now();
    const catalog = await unpackCatalog(packed, pause);
    longest = Math.max(longest, performance.now() - last);
    const unpackLongest = longest;
    longest = 0;
    last = performance.now();
    await replica.installCatalog(catalog, pause);
    longest = Math.max(longest, performance.now() - last);
    console.log(
      `round ${round}: unpack longest slice ${unpackLongest.toFixed(1)} ms, install longest slice ${longest.toFixed(1)} ms, total ${(performance.now() - a).toFixed(0)} ms`,
    );
  }
}

void main();
