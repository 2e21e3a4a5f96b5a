import { rng } from '../guidance/bench-city';
import { openLoopLoad } from '../harness/http-load';
import { Figure, Scenario } from '../harness/scenario';
import { sleep, useStack } from '../harness/stack';

const SECONDS = 10;
const RATE = 2000;

/**
 * The nearby hot path with declared intents open: one intent per 50 spaces is declared through
 * `POST /v1/guidance/intents` (spread over the city, ETAs 2-20 min ahead), then 2,000 req/s of
 * nearby queries of which 10 % carry the driver's `eta` (ranked against the intents), with
 * 1,000 events/s ingested meanwhile. The same p99 target as the plain nearby scenario.
 */
export const nearbyIntents: Scenario = {
  id: 'nearby-intents',
  title: 'nearby search at 2,000 req/s, intents open, 10 % of queries with eta',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const r = rng(11);
    const want = Math.max(10, Math.floor(stack.city.spaces.length / 50));
    let declared = 0;
    for (let k = 0; k < want; k++) {
      const s = stack.city.spaces[Math.floor(r() * stack.city.spaces.length)];
      const eta = new Date(Date.now() + (2 + r() * 18) * 60_000).toISOString();
      const res = await fetch(`${stack.apiUrl}/v1/guidance/intents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ spaceId: s.id, eta }),
      });
      if (res.status === 201) declared++;
    }
    ctx.log(`${declared} intents declared of ${want}`);
    const ingest = stack.publish({
      mode: 'events',
      batch: 1,
      rate: 1000,
      messages: 1000 * (SECONDS + 6),
    });
    await sleep(1000);
    process.env.BENCH_NEARBY_ETA_SHARE = '0.1';
    let res;
    try {
      res = await openLoopLoad(stack.apiUrl, RATE, SECONDS, stack.extent);
    } finally {
      delete process.env.BENCH_NEARBY_ETA_SHARE;
    }
    await ingest;
    ctx.log(
      `${RATE} req/s offered (10 % with eta, ${declared} intents): ${Math.round(res.rps)} req/s, p50 ${res.p50Ms} ms, p99 ${res.p99Ms} ms, max ${res.maxMs} ms, ${res.failed} failed`,
    );
    return [
      {
        name: 'nearby p99 at 2,000 req/s, 10 % with eta, intents open (+1,000 events/s)',
        value: res.p99Ms,
        unit: 'ms',
        target: { value: 10, better: 'lower' },
        note: `p50 ${res.p50Ms} ms, max ${res.maxMs} ms, ${res.failed} failed of ${res.requests}; ${declared} intents`,
      },
    ];
  },
};
