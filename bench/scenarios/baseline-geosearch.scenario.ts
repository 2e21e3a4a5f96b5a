import Redis from 'ioredis';
import { rng } from '../guidance/bench-city';
import { LatencyHistogram } from '../harness/histogram';
import { Figure, Scenario } from '../harness/scenario';
import { pointIn, useStack } from '../harness/stack';
import { REF } from './refs';

/**
 * Raw limit: a bare GEOSEARCH (500 m, COUNT 20, ASC) loop through ioredis over every space of the
 * city (one GEO key with all spaces' coordinates), on the run's private Redis.
 */
export const baselineGeosearch: Scenario = {
  id: 'baseline-geosearch',
  title: 'bare GEOSEARCH loop (reference)',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const redis = new Redis(stack.redis.url);
    const key = `ref:{geo}`;
    try {
      const spaces = stack.city.spaces;
      for (let i = 0; i < spaces.length; i += 5000) {
        const args: (string | number)[] = [];
        for (const s of spaces.slice(i, i + 5000)) args.push(s.lon, s.lat, s.id);
        await redis.geoadd(key, ...args);
      }
      const r = rng(11);
      const extent = stack.extent;
      const hist = new LatencyHistogram();
      const durationMs = 5000;
      const end = Date.now() + durationMs;
      let done = 0;
      const worker = async () => {
        while (Date.now() < end) {
          const p = pointIn(extent, r);
          const t = process.hrtime.bigint();
          await redis.geosearch(
            key,
            'FROMLONLAT',
            p.lon,
            p.lat,
            'BYRADIUS',
            500,
            'm',
            'ASC',
            'COUNT',
            20,
            'WITHDIST',
          );
          hist.recordSince(t);
          done++;
        }
      };
      const t0 = Date.now();
      await Promise.all(Array.from({ length: 16 }, worker));
      const s = hist.summary();
      ctx.log(`GEOSEARCH: ${done} queries, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms`);
      return [
        { name: REF.geoRate, value: done / ((Date.now() - t0) / 1000), unit: 'q/s' },
        { name: REF.geoP50, value: s.p50Ms, unit: 'ms' },
        { name: REF.geoP99, value: s.p99Ms, unit: 'ms' },
      ];
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  },
};
