/**
 * In-process cost of the arrival-aware ranking (docs/guidance-intents.md): the 135,000-space bench
 * city, 20,000 past changes (fill-rate history), one open intent per 50 spaces, one live change
 * per 5 queries; nearby (500 m, limit 20) without `eta`, with `eta` (K = 600 m) and with `eta` but
 * the arrival ranking off. Run alone on the machine:
 * `flock /tmp/bench.lock node -r ts-node/register/transpile-only -r tsconfig-paths/register
 * bench/guidance/nearby-eta.bench.ts`. Prints one JSON line per run (two rounds).
 */
import { ArrivalRanking, IntentRanking, LiveReplica, NearbySearch } from '@app/guidance';
import { LatencyHistogram } from '../harness/histogram';
import { benchCity, liveStates, randomPoint, rng } from './bench-city';

const now = Date.now();
const r = rng(42);
const { city, catalog } = benchCity();
const replica = new LiveReplica({ cellM: 150 });
replica.setCatalog(catalog);
const states = liveStates(city, now, r);
replica.loadSnapshot(states);
// some history for the fill rate, and one intent per 50 spaces
let ver = 2;
for (let k = 0; k < 20000; k++) {
  const s = states[Math.floor(r() * states.length)];
  replica.apply({
    ...s,
    occupied: r() < 0.5,
    lastSeenMs: now - 600_000 + k * 30,
    sinceMs: now - 600_000 + k * 30,
    ver: ver++,
  });
}
for (let k = 0; k < states.length / 50; k++) {
  const s = states[Math.floor(r() * states.length)];
  replica.intents.put({
    id: `i${k}`,
    lotId: 'L',
    spaceId: s.spaceId,
    etaMs: now + (2 + r() * 18) * 60_000,
    expiresAtMs: now + 3_600_000,
  });
}
const arrival = (k: number) =>
  new ArrivalRanking(replica.intents, replica.fill, {
    penaltyM: k,
    intentPenaltyM: 150,
    useIntents: true,
  });
const runs: [string, NearbySearch, boolean][] = [
  [
    'no eta (intents open)',
    new NearbySearch(replica, new IntentRanking(replica.intents, 150), arrival(600)),
    false,
  ],
  [
    'eta, arrival ranking K=600',
    new NearbySearch(replica, new IntentRanking(replica.intents, 150), arrival(600)),
    true,
  ],
  [
    'eta, arrival ranking off (K=0)',
    new NearbySearch(replica, new IntentRanking(replica.intents, 150), arrival(0)),
    true,
  ],
];
for (let rep = 0; rep < 2; rep++)
  for (const [name, search, eta] of runs) {
    const hist = new LatencyHistogram();
    const rr = rng(7);
    let bytes = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 0) {
        const s = states[Math.floor(rr() * states.length)];
        replica.apply({ ...s, occupied: rr() < 0.5, lastSeenMs: now, sinceMs: now, ver: ver++ });
      }
      const p = randomPoint(rr);
      const start = process.hrtime.bigint();
      const res = search.json(
        {
          ...p,
          radiusM: 500,
          limit: 20,
          type: null,
          atMs: now,
          stayMin: null,
          etaMs: eta ? now + 5 * 60_000 : undefined,
        },
        now,
      );
      hist.recordSince(start);
      bytes += res.length;
    }
    console.log(
      JSON.stringify({
        rep,
        name,
        spaces: replica.spaces.size,
        intents: replica.intents.size,
        avgBytes: Math.round(bytes / n),
        ...hist.summary(),
      }),
    );
  }
