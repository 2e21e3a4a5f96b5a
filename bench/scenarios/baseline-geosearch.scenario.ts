import Redis from 'ioredis';
import { LatencyHistogram } from '../harness/histogram';
import { Scenario } from '../harness/scenario';

const CENTRE = { lat: 30.12, lon: 104.63 };

/** Raw limit: a bare GEOSEARCH (500 m, COUNT 20, ASC) loop through ioredis over every space. */
export const baselineGeosearch: Scenario = {
  id: 'baseline-geosearch',
  title: 'bare GEOSEARCH loop (reference)',
  async run(ctx) {
    const redis = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
    const key = `bench:${process.pid}:{geo}`;
    try {
      // ~135,000 points spread over ~12 x 12 km around the centre, like the synthetic city.
      const spread = 0.06;
      let rnd = 42;
      const next = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < ctx.spaces; i += 5000) {
        const args: (string | number)[] = [];
        for (let k = i; k < Math.min(ctx.spaces, i + 5000); k++) {
          args.push(
            CENTRE.lon + (next() - 0.5) * 2 * spread,
            CENTRE.lat + (next() - 0.5) * 2 * spread,
            `s${k}`,
          );
        }
        await redis.geoadd(key, ...args);
      }
      const hist = new LatencyHistogram();
      const concurrency = 16;
      const durationMs = 5000;
      const end = Date.now() + durationMs;
      let done = 0;
      const worker = async () => {
        while (Date.now() < end) {
          const lon = CENTRE.lon + (next() - 0.5) * 0.04;
          const lat = CENTRE.lat + (next() - 0.5) * 0.04;
          const t = process.hrtime.bigint();
          await redis.geosearch(
            key,
            'FROMLONLAT',
            lon,
            lat,
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
      await Promise.all(Array.from({ length: concurrency }, worker));
      const s = hist.summary();
      ctx.log(`GEOSEARCH: ${done} queries, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms`);
      return [
        {
          name: 'raw: GEOSEARCH 500 m COUNT 20 (all spaces)',
          value: done / (durationMs / 1000),
          unit: 'q/s',
        },
        { name: 'raw: GEOSEARCH latency p50 (16 in flight)', value: s.p50Ms, unit: 'ms' },
        { name: 'raw: GEOSEARCH latency p99 (16 in flight)', value: s.p99Ms, unit: 'ms' },
      ];
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  },
};
