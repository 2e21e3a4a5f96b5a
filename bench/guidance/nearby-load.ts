/**
 * autocannon load generator child process (kept out of the server's event loop), used by
 * nearby.bench.ts and the harness's `BENCH_NEARBY_LOADGEN=autocannon`:
 * `nearby-load.ts <baseUrl> <rate> <seconds> <connections> [minLat,maxLat,minLon,maxLon]`.
 * Random points in the box (default: the bench city's extent), 20 % with `at` (+30 min) and
 * `stay=60`. Prints autocannon's summary (HdrHistogram latencies) as one JSON line.
 */
import autocannon from 'autocannon';
import { randomPoint, rng } from './bench-city';

async function main(): Promise<void> {
  const [url, rate, seconds, connections, box] = process.argv.slice(2);
  const r = rng(7);
  const [minLat, maxLat, minLon, maxLon] = box ? box.split(',').map(Number) : [];
  const point = box
    ? () => ({ lat: minLat + r() * (maxLat - minLat), lon: minLon + r() * (maxLon - minLon) })
    : () => randomPoint(r);
  const result = await autocannon({
    url,
    connections: Number(connections),
    overallRate: Number(rate),
    duration: Number(seconds),
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const p = point();
          const extra =
            r() < 0.2
              ? `&at=${encodeURIComponent(new Date(Date.now() + 1_800_000).toISOString())}&stay=60`
              : '';
          return {
            ...req,
            path: `/v1/spaces/nearby?lat=${p.lat.toFixed(6)}&lon=${p.lon.toFixed(6)}${extra}`,
          };
        },
      },
    ],
  });
  process.stdout.write(
    JSON.stringify({
      rate: Number(rate),
      requests: result.requests.total,
      rps: result.requests.average,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
    }) + '\n',
  );
}

void main();
