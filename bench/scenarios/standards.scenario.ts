import { catalogFromCity, Clock, Guidance, LiveReplica, LiveSpaceState } from '@app/guidance';
import { Publications } from '@app/publications';
import { generateCity } from '../../sensors-sim/src';
import { LatencyHistogram } from '../harness/histogram';
import { Figure, Scenario } from '../harness/scenario';

class BenchClock extends Clock {
  t = Date.parse('2026-05-12T02:00:00Z');
  now(): number {
    return this.t;
  }
}

const REBUILDS = 30;
const CACHED_CALLS = 2000;

/**
 * The DATEX II status publication of the whole city, in process over a guidance replica loaded
 * like the API's (every sensor fresh, random occupancy): the cost of one rebuild after a live
 * change, and what a request costs while nothing changed (the cached document, same ETag).
 */
export const standardsStatus: Scenario = {
  id: 'standards-status',
  title: 'DATEX II status publication: rebuild cost and cache',
  async run(ctx): Promise<Figure[]> {
    const { city } = generateCity({ spaces: ctx.spaces, seed: 'bench' });
    const clock = new BenchClock();
    const replica = new LiveReplica({ cellM: 150 });
    replica.setCatalog(catalogFromCity(city));
    const states: LiveSpaceState[] = city.spaces.map((s, i) => ({
      spaceId: s.id,
      occupied: (i * 7919) % 10 < 7,
      lastSeenMs: clock.t - 30_000,
      sinceMs: clock.t - 600_000,
      batteryLow: false,
      ver: 1,
      staleMs: 660_000,
    }));
    replica.loadSnapshot(states);
    const pub = new Publications(new Guidance(replica, clock));
    const coldStart = process.hrtime.bigint();
    const cold = pub.datex.status(clock.t);
    const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
    ctx.log(
      `${city.lots.length} lots, ${city.spaces.length} spaces; cold build ${coldMs.toFixed(1)} ms, ${cold.body.length} bytes`,
    );

    const rebuild = new LatencyHistogram();
    let etag = cold.etag;
    for (let k = 1; k <= REBUILDS; k++) {
      const s = states[(k * 4099) % states.length];
      replica.apply({ ...s, occupied: !s.occupied, ver: 1 + k, lastSeenMs: clock.t });
      clock.t += 1_100;
      const t0 = process.hrtime.bigint();
      const doc = pub.datex.status(clock.t);
      rebuild.recordSince(t0);
      if (doc.etag === etag) throw new Error('a live change did not change the status document');
      etag = doc.etag;
    }
    const built = pub.datex.rebuilds;

    const cached = new LatencyHistogram();
    for (let k = 0; k < CACHED_CALLS; k++) {
      clock.t += 10;
      const t0 = process.hrtime.bigint();
      const doc = pub.datex.status(clock.t);
      cached.recordSince(t0);
      if (doc.etag !== etag) throw new Error('the cached status document changed without a change');
    }
    if (pub.datex.rebuilds !== built) throw new Error('a document was rebuilt without a change');
    const r = rebuild.summary();
    const c = cached.summary();
    ctx.log(`rebuild p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms; cached p50 ${c.p50Ms} ms`);
    const n = city.spaces.length.toLocaleString('en-US');
    return [
      {
        name: `DATEX II status publication, ${n} spaces: rebuild after a change (p99)`,
        value: r.p99Ms,
        unit: 'ms',
        target: { value: 200, better: 'lower' },
        note: `p50 ${r.p50Ms} ms, max ${r.maxMs} ms, ${r.count} rebuilds; cold first build ${coldMs.toFixed(0)} ms; ${city.lots.length} lots, ${cold.body.length} bytes`,
      },
      {
        name: `DATEX II status publication, ${n} spaces: unchanged data (cached) p99`,
        value: c.p99Ms,
        unit: 'ms',
        note: `${c.count} calls over ${(CACHED_CALLS * 10) / 1000} s of clock with rechecks every 5 s: 0 rebuilds, same ETag (HTTP answers 304 to it)`,
      },
    ];
  },
};
