import { rng } from '../guidance/bench-city';
import { startBareFloor } from '../harness/bare-floor';
import { autocannonLoad, LoadFigures, openLoopLoad } from '../harness/http-load';
import { LatencyHistogram } from '../harness/histogram';
import { Figure, Scenario } from '../harness/scenario';
import { pointIn, sleep, useStack } from '../harness/stack';
import { REF } from './refs';

const SECONDS = 10;
const BARE_P99 = 'bare node:http p99 at 5,000 req/s (same bytes, same load)';

/**
 * `GET /v1/spaces/nearby` at a steady 2,000 and 5,000 req/s (open-loop generator in its own
 * process, HdrHistogram from the scheduled send time; BENCH_NEARBY_LOADGEN=autocannon for the
 * bursty autocannon instead) while 1,000 single-event messages/s are ingested through the broker.
 * At 5,000 req/s the target is a ratio: p99 at most twice that of a bare `node:http` server
 * answering the same bytes (bodies captured from the API) under the same load in the same run.
 */
export const nearby: Scenario = {
  id: 'nearby',
  title: 'nearby search at 2,000 and 5,000 req/s with 1,000 events/s ingest',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const r = rng(3);
    let items = 0;
    const bodies: string[] = [];
    // one request at a time, no other load: the floor of the latency through HTTP
    const idle = new LatencyHistogram();
    for (let i = 0; i < 500; i++) {
      const p = pointIn(stack.extent, r);
      const t = process.hrtime.bigint();
      const res = await fetch(`${stack.apiUrl}/v1/spaces/nearby?lat=${p.lat}&lon=${p.lon}`);
      const text = await res.text();
      if (i >= 100) idle.recordSince(t);
      bodies.push(text);
      items += (JSON.parse(text) as { items: unknown[] }).items.length;
    }
    const idleS = idle.summary();
    ctx.log(
      `one at a time: p50 ${idleS.p50Ms} ms, p99 ${idleS.p99Ms} ms; ${(items / 500).toFixed(1)} items per answer`,
    );
    const ingest = stack.publish({
      mode: 'events',
      batch: 1,
      rate: 1000,
      messages: 1000 * (3 * SECONDS + 14),
    });
    await sleep(2000);
    const figures: Figure[] = [
      {
        name: 'nearby p50 / p99, one request at a time, no load',
        value: idleS.p50Ms,
        unit: 'ms',
        note: `p99 ${idleS.p99Ms} ms (fetch from the harness, 400 requests)`,
      },
    ];
    const useAutocannon = process.env.BENCH_NEARBY_LOADGEN === 'autocannon';
    const procs = Number(process.env.BENCH_NEARBY_PROCS ?? 1);
    const sockets = Number(process.env.BENCH_NEARBY_SOCKETS ?? 64);
    const load = (url: string, rate: number): Promise<LoadFigures> =>
      useAutocannon
        ? autocannonLoad(url, rate, SECONDS, stack.extent)
        : openLoopLoad(url, rate, SECONDS, stack.extent, procs, sockets);
    const results = new Map<number, LoadFigures>();
    for (const rate of [2000, 5000]) {
      const meter = stack.cpuMeter().start();
      const res = await load(stack.apiUrl, rate);
      results.set(rate, res);
      const cpuLine = meter.stop();
      const gen = res.generatorCpuShare;
      const cpu = `${cpuLine}; ${gen === undefined ? 'the load generator' : `load generator ${Math.round(gen * 100)}%`}, the 1,000 events/s publisher and the harness make up the rest`;
      ctx.log(cpu);
      ctx.log(
        `${rate} req/s offered: ${Math.round(res.rps)} req/s, p50 ${res.p50Ms} ms, p99 ${res.p99Ms} ms, max ${res.maxMs} ms, ${res.failed} failed${res.generatorLoopMs ? `; generator event-loop delay p99 ${res.generatorLoopMs.p99.toFixed(1)} ms, max ${res.generatorLoopMs.max.toFixed(1)} ms` : ''}`,
      );
      const label = rate.toLocaleString('en-US');
      figures.push(
        {
          name: `nearby p50 at ${label} req/s (+1,000 events/s)`,
          value: res.p50Ms,
          unit: 'ms',
          reference: REF.geoP50,
        },
        {
          name: `nearby p99 at ${label} req/s (+1,000 events/s)`,
          value: res.p99Ms,
          unit: 'ms',
          target: rate === 2000 ? { value: 10, better: 'lower' } : undefined,
          reference: REF.geoP99,
          note: `max ${res.maxMs} ms, ${res.failed} failed of ${res.requests}; ${useAutocannon ? 'autocannon, 100 connections' : `open-loop generator, ${procs} process(es), ${sockets} sockets`}`,
          cpu,
        },
        {
          name: `nearby throughput at ${label} req/s offered`,
          value: res.rps,
          unit: 'req/s',
          reference: REF.geoRate,
          note: `avg ${(items / 500).toFixed(1)} items/answer (sanity sample)`,
        },
      );
    }
    const floor = await startBareFloor(bodies);
    let bare: LoadFigures;
    try {
      bare = await load(floor.url, 5000);
    } finally {
      floor.stop();
    }
    ctx.log(
      `bare node:http, same bytes, 5000 req/s offered: ${Math.round(bare.rps)} req/s, p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms, max ${bare.maxMs} ms`,
    );
    const at5k = results.get(5000)!;
    const p99At5k = figures.find((f) => f.name === 'nearby p99 at 5,000 req/s (+1,000 events/s)')!;
    p99At5k.target = { value: 2 * bare.p99Ms, better: 'lower' };
    p99At5k.reference = BARE_P99;
    // "all served": answered at the offered rate (1 % slack for the generator's start and end), none failed
    const served = figures.find((f) => f.name === 'nearby throughput at 5,000 req/s offered')!;
    served.target = { value: 4950, better: 'higher' };
    served.note = `${served.note}; ${at5k.failed} failed of ${at5k.requests}`;
    figures.push({
      name: BARE_P99,
      value: bare.p99Ms,
      unit: 'ms',
      note: `p50 ${bare.p50Ms} ms, ${Math.round(bare.rps)} req/s, ${bare.failed} failed; answers the API's captured bodies, same generator, same 1,000 events/s ingest`,
    });
    const ing = await ingest;
    figures.push({
      name: 'ingest during nearby load',
      value: ing.events / ing.seconds,
      unit: 'events/s',
      note: `${ing.events} events`,
    });
    return figures;
  },
};
