import { LatencyHistogram } from '../harness/histogram';
import { Figure, Scenario } from '../harness/scenario';
import { pointIn, sleep, useStack } from '../harness/stack';
import { metricsText, rssMiB, seriesByWorker } from './api-memory.scenario';
import { withChildren } from '../harness/cpu-meter';

const CITY_CHANGED = 'city_changed';

/** Catalog loads of every API process (one scrape answers for every HTTP worker). */
async function catalogLoads(apiUrl: string, adminToken: string): Promise<number[]> {
  const text = await metricsText(apiUrl, adminToken);
  return [...seriesByWorker(text, 'guidance_catalog_loads_total').values()];
}

/**
 * A city reload while serving: `NOTIFY city_changed` (what a city import sends) makes every API
 * process reload its catalog; meanwhile the harness sends one nearby request every 10 ms and
 * records how long each waited. Done when /metrics shows the reload in every process.
 */
export const reload: Scenario = {
  id: 'reload',
  title: 'nearby latency during a city reload',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const before = Math.max(...(await catalogLoads(stack.apiUrl, stack.appEnv.ADMIN_TOKEN)));
    const hist = new LatencyHistogram();
    let r = 0.5;
    const rand = () => (r = (r * 9301 + 49297) % 233280) / 233280;
    let stop = false;
    let failed = 0;
    const loop = (async () => {
      while (!stop) {
        const p = pointIn(stack.extent, rand);
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${stack.apiUrl}/v1/spaces/nearby?lat=${p.lat}&lon=${p.lon}`);
        await res.arrayBuffer();
        if (res.status !== 200) failed++;
        hist.recordSince(t0);
        await sleep(10);
      }
    })();
    await sleep(1000);
    const pids = withChildren(stack.api.proc.pid ?? 0);
    const rssBefore = Math.max(...pids.map(rssMiB));
    let rssPeak = rssBefore;
    const t0 = Date.now();
    await stack.pg.query(`NOTIFY ${CITY_CHANGED}`);
    const deadline = t0 + Math.min(120_000, 30_000 + ctx.spaces / 4);
    let seenAll = false;
    for (;;) {
      await sleep(200);
      rssPeak = Math.max(rssPeak, ...pids.map(rssMiB));
      const seen = await catalogLoads(stack.apiUrl, stack.appEnv.ADMIN_TOKEN);
      seenAll = seen.length > 0 && Math.min(...seen) > before;
      if (seenAll || Date.now() > deadline) break;
    }
    const reloadMs = Date.now() - t0;
    await sleep(1000);
    stop = true;
    await loop;
    const s = hist.summary();
    ctx.log(`reload seen after ${reloadMs} ms; ${JSON.stringify(s)}; ${failed} failed`);
    return [
      {
        name: 'longest nearby wait during a city reload',
        value: s.maxMs,
        unit: 'ms',
        target: { value: 50, better: 'lower' },
        note: `${s.count} requests one at a time (every 10 ms), p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ${failed} failed; ${seenAll ? 'reload visible in /metrics after' : 'reload NOT yet visible in every process after'} ${(reloadMs / 1000).toFixed(1)} s; API RSS ${rssBefore.toFixed(0)} -> peak ${rssPeak.toFixed(0)} MiB (largest process)`,
      },
    ];
  },
};
