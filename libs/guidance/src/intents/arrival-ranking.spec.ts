import type { GuidanceCatalog } from '../ports/catalog.types';
import { GuidancePolicy, LotAccess, SpaceAccess } from '../ports/guidance-policy.port';
import { LiveReplica } from '../replica/live-replica';
import { NearbySearch } from '../search/nearby-search';
import type { NearbyQuery } from '../search/nearby-query';
import { ArrivalRanking } from './arrival-ranking';
import { FillRate } from './fill-rate';
import { IntentRanking } from './intent-ranking';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const S = 1000;
const MIN = 60 * S;

class OpenPolicy extends GuidancePolicy {
  policyKey() {
    return 'P';
  }
  spaceAt(): SpaceAccess {
    return {
      publicOpen: true,
      closed: false,
      audience: 'public',
      usableUntilMs: null,
      nextPublicFromMs: null,
      maxStayMin: null,
      pricePerHour: 2,
      stayCost: null,
      explanation: [],
    };
  }
  lotAt(): LotAccess {
    return { open: true, reason: null, nextChangeMs: null, pricePerHour: 2, explanation: [] };
  }
  rulesOf() {
    return [];
  }
}

/** Spaces on a north-south line from (31.23, 121.47), `stepM` apart ("B<i>" south, "Q<i>" north). */
function city(n: number, stepM = 20) {
  const deg = stepM / 111_195;
  const spaces = [];
  for (let i = 0; i < n; i++) {
    spaces.push({ id: `B${i}`, lat: 31.23 - (i + 1) * deg });
    spaces.push({ id: `Q${i}`, lat: 31.23 + (i + 1) * deg });
  }
  const catalog: GuidanceCatalog = {
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    lots: [
      {
        id: 'L1',
        zoneId: 'Z',
        name: 'Street',
        category: 'onstreet',
        capacity: spaces.length,
        lat: 31.23,
        lon: 121.47,
        almostFullRatio: 0.2,
      },
    ],
    spaces: spaces.map((s) => ({
      id: s.id,
      lotId: 'L1',
      type: 'standard',
      lat: s.lat,
      lon: 121.47,
      sensorId: `s-${s.id}`,
      staleLimitS: 86_400,
    })),
    signs: [],
    policy: new OpenPolicy(),
  };
  const replica = new LiveReplica();
  replica.setCatalog(catalog);
  const ver = new Map<string, number>();
  const report = (spaceId: string, occupied: boolean, t: number) => {
    const v = (ver.get(spaceId) ?? 0) + 1;
    ver.set(spaceId, v);
    replica.apply({
      spaceId,
      occupied,
      lastSeenMs: t,
      sinceMs: t,
      batteryLow: false,
      ver: v,
      staleMs: null,
    });
  };
  for (const s of spaces) report(s.id, false, T0);
  const ranking = new ArrivalRanking(replica.intents, replica.fill, {
    penaltyM: 600,
    intentPenaltyM: 150,
    useIntents: true,
  });
  const ranked = new NearbySearch(replica, new IntentRanking(replica.intents, 150), ranking);
  const before = new NearbySearch(replica, new IntentRanking(replica.intents, 150));
  return { replica, report, ranked, before, ranking };
}

const query = (extra: Partial<NearbyQuery> = {}): NearbyQuery => ({
  lat: 31.23,
  lon: 121.47,
  radiusM: 2000,
  limit: 5,
  type: null,
  atMs: T0,
  stayMin: null,
  ...extra,
});

/** The south ("B") end of the street is busy: its spaces are taken within seconds of freeing. */
function busySouth(c: ReturnType<typeof city>, n: number, untilMs: number) {
  let t = T0 + S;
  for (let round = 0; t < untilMs; round++) {
    for (let i = 0; i < n; i++) {
      c.report(`B${i}`, true, t);
      c.report(`B${i}`, false, t + 5 * S);
    }
    t += 20 * S;
  }
  return t;
}

const ids = (r: { items: { spaceId: string }[] }) => r.items.map((x) => x.spaceId);

describe('FillRate', () => {
  it('estimates a higher fill rate where free spaces are taken quickly', () => {
    const c = city(10, 100);
    const now = busySouth(c, 10, T0 + 10 * MIN);
    const busy = c.replica.spaces.index.get('B3')!;
    const quiet = c.replica.spaces.index.get('Q3')!;
    expect(c.replica.fill.rate(busy, now)).toBeGreaterThan(5 * c.replica.fill.rate(quiet, now));
    const pBusy = c.replica.fill.chanceFree(busy, now, 2 * MIN);
    const pQuiet = c.replica.fill.chanceFree(quiet, now, 2 * MIN);
    expect(pBusy).toBeLessThan(pQuiet);
    expect(pQuiet).toBeLessThanOrEqual(1);
    expect(pBusy).toBeGreaterThanOrEqual(0);
    // a longer trip, a smaller chance; a space free for long, a larger one
    expect(c.replica.fill.chanceFree(busy, now, 5 * MIN)).toBeLessThan(pBusy);
    expect(c.replica.fill.chanceFree(busy, now, 2 * MIN, 10 * MIN)).toBeGreaterThan(pBusy);
  });

  it('keeps its rates over a snapshot reload (only the free counts are recounted)', () => {
    const c = city(10, 100);
    const now = busySouth(c, 10, T0 + 10 * MIN);
    const busy = c.replica.spaces.index.get('B3')!;
    const r = c.replica.fill.rate(busy, now);
    c.replica.loadSnapshot(c.replica.spaces.ids.map((id, i) => c.replica.spaces.read(i)));
    expect(c.replica.fill.rate(busy, now)).toBeCloseTo(r, 12);
  });

  it('does not count a space going unknown as taken', () => {
    const f = new FillRate();
    const c = city(2, 50);
    f.attach(c.replica.spaces, 31.23);
    const i = c.replica.spaces.index.get('B0')!;
    f.change(i, false, false, T0 + MIN);
    const unknown = f.rate(i, T0 + 2 * MIN);
    f.change(i, true, false, T0 + 2 * MIN);
    f.change(i, false, true, T0 + 3 * MIN);
    expect(f.rate(i, T0 + 3 * MIN)).toBeGreaterThan(unknown);
  });
});

describe('ArrivalRanking (nearby search with eta while intents are open)', () => {
  it('answers exactly as before without eta, and without any open intent', () => {
    const c = city(10);
    const now = busySouth(c, 10, T0 + 10 * MIN);
    const withEta = query({ etaMs: now + 3 * MIN });
    expect(c.ranked.json(withEta, now)).toBe(c.before.json(withEta, now));
    c.replica.intents.put({
      id: 'i1',
      lotId: 'L1',
      spaceId: 'Q5',
      etaMs: now + MIN,
      expiresAtMs: now + 20 * MIN,
    });
    expect(c.ranked.json(query(), now)).toBe(c.before.json(query(), now));
  });

  it('sends a driver to the quiet end rather than to the nearest space about to be taken', () => {
    const c = city(10);
    const now = busySouth(c, 10, T0 + 10 * MIN);
    c.replica.intents.put({
      id: 'far',
      lotId: 'L1',
      spaceId: 'Q9',
      etaMs: now + MIN,
      expiresAtMs: now + 20 * MIN,
    });
    // south (B) and north (Q) spaces alternate by distance: B0 and Q0 at 20 m, ...
    const plain = c.before.search(query({ etaMs: now + 3 * MIN }), now);
    expect(plain.items[0].spaceId).toMatch(/^[BQ]0$/);
    const r = c.ranked.search(query({ etaMs: now + 3 * MIN }), now);
    // the north spaces (Q0 may share its grid cell with the busy south end)
    expect(ids(r)).toHaveLength(5);
    for (const id of ids(r)) expect(id).toMatch(/^Q/);
    // distanceM stays the true distance (20 m per step)
    for (const x of r.items) expect(x.distanceM).toBe(20 * (Number(x.spaceId.slice(1)) + 1));
  });

  it('counts a space another driver declared as taken, even for a driver arriving first', () => {
    const c = city(10);
    const now = T0 + MIN;
    c.replica.intents.put({
      id: 'late',
      lotId: 'L1',
      spaceId: 'Q0',
      etaMs: now + 10 * MIN,
      expiresAtMs: now + 20 * MIN,
    });
    const r = c.ranked.search(query({ etaMs: now + 2 * MIN, limit: 3 }), now);
    expect(ids(r)).not.toContain('Q0');
    expect(ids(r)[0]).toBe('B0');
  });

  it('still answers a declared space when nothing else is near (intents are soft)', () => {
    const c = city(1);
    const now = T0 + MIN;
    c.report('B0', true, now);
    c.replica.intents.put({
      id: 'x',
      lotId: 'L1',
      spaceId: 'Q0',
      etaMs: now + 10 * MIN,
      expiresAtMs: now + 20 * MIN,
    });
    expect(ids(c.ranked.search(query({ etaMs: now + 2 * MIN }), now))).toEqual(['Q0']);
  });

  it('is exact: the walk keeps the best ranked spaces of all candidates', () => {
    const c = city(40, 15);
    const now = busySouth(c, 25, T0 + 10 * MIN);
    c.replica.intents.put({
      id: 'a',
      lotId: 'L1',
      spaceId: 'Q2',
      etaMs: now + MIN,
      expiresAtMs: now + 20 * MIN,
    });
    for (const limit of [1, 3, 7, 20]) {
      const q = query({ etaMs: now + 4 * MIN, limit });
      const got = c.ranked.search(q, now).items;
      // brute force: rank every free space within the radius
      const all = c.before.search({ ...q, etaMs: undefined, limit: 200 }, now).items;
      c.ranking.begin(200, q.etaMs, now);
      const t = c.replica.spaces;
      const brute = all
        .map((x) => ({
          id: x.spaceId,
          e: c.ranking.ranked(
            x.spaceId,
            t.index.get(x.spaceId)!,
            x.distanceM,
            t.since[t.index.get(x.spaceId)!],
          ),
        }))
        .sort((a, b) => a.e - b.e)
        .slice(0, limit)
        .map((x) => x.id);
      expect(got.map((x) => x.spaceId)).toEqual(brute);
    }
  });
});
