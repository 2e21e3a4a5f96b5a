import type { GuidanceCatalog } from '../ports/catalog.types';
import { GuidancePolicy, LotAccess, SpaceAccess } from '../ports/guidance-policy.port';
import { LotAvailability } from '../lots/lot-availability';
import { LiveReplica } from '../replica/live-replica';
import { NearbySearch } from '../search/nearby-search';
import { IntentRanking } from './intent-ranking';

const NOW = Date.parse('2026-11-29T08:00:00Z');
const MIN = 60_000;

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

const live = (spaceId: string, occupied: boolean, ver = 1) => ({
  spaceId,
  occupied,
  lastSeenMs: NOW,
  sinceMs: NOW,
  batteryLow: false,
  ver,
  staleMs: null,
});

/** Ten free spaces about 11 m apart on a line, in one lot. */
function setup() {
  const ids = Array.from({ length: 10 }, (_, i) => `S${i}`);
  const catalog: GuidanceCatalog = {
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    lots: [
      {
        id: 'L1',
        zoneId: 'Z',
        name: 'Lot',
        category: 'onstreet',
        capacity: 10,
        lat: 31.23,
        lon: 121.47,
        almostFullRatio: 0.2,
      },
    ],
    spaces: ids.map((id, i) => ({
      id,
      lotId: 'L1',
      type: 'standard',
      lat: 31.23 + i * 0.0001,
      lon: 121.47,
      sensorId: `s-${id}`,
      staleLimitS: 660,
    })),
    signs: [],
    policy: new OpenPolicy(),
  };
  const replica = new LiveReplica();
  replica.setCatalog(catalog);
  replica.loadSnapshot(ids.map((id) => live(id, false)));
  const ranked = new NearbySearch(replica, new IntentRanking(replica.intents, 150));
  const plain = new NearbySearch(replica);
  return { replica, ranked, plain };
}

const q = {
  lat: 31.23,
  lon: 121.47,
  radiusM: 500,
  limit: 20,
  type: null,
  atMs: NOW,
  stayMin: null,
};
const ids = (s: NearbySearch, query: typeof q & { etaMs?: number }) =>
  s.search(query, NOW).items.map((i) => i.spaceId);
const intent = (id: string, spaceId: string | null, etaMs: number) => ({
  id,
  lotId: 'L1',
  spaceId,
  etaMs,
  expiresAtMs: etaMs + 10 * MIN,
});

describe('nearby ranking with declared intents', () => {
  it('answers byte for byte as without ranking when no intent is open', () => {
    const { ranked, plain } = setup();
    expect(ranked.json(q, NOW)).toBe(plain.json(q, NOW));
    expect(ranked.json({ ...q, limit: 3 }, NOW)).toBe(plain.json({ ...q, limit: 3 }, NOW));
  });

  it('ranks a space reached first by another driver below untargeted ones at a similar distance', () => {
    const { replica, ranked } = setup();
    replica.intents.put(intent('i1', 'S0', NOW + 5 * MIN));
    // S0 counts as 150 m away: after S1..S9 (11..99 m)
    expect(ids(ranked, { ...q, etaMs: NOW + 10 * MIN })).toEqual([
      'S1',
      'S2',
      'S3',
      'S4',
      'S5',
      'S6',
      'S7',
      'S8',
      'S9',
      'S0',
    ]);
    expect(ids(ranked, { ...q, limit: 3, etaMs: NOW + 10 * MIN })).toEqual(['S1', 'S2', 'S3']);
    // no ETA given: every targeted space is demoted
    expect(ids(ranked, { ...q, limit: 2 })).toEqual(['S1', 'S2']);
    // this driver arrives first: no demotion
    expect(ids(ranked, { ...q, limit: 2, etaMs: NOW + 2 * MIN })).toEqual(['S0', 'S1']);
    expect(ranked.json(q, NOW)).toContain('"distanceM":0,'); // distances stay true
  });

  it('still answers a targeted space when nothing untargeted is near (soft)', () => {
    const { replica, ranked } = setup();
    for (let i = 1; i < 10; i++) replica.apply(live(`S${i}`, true, 2));
    replica.intents.put(intent('i1', 'S0', NOW + 5 * MIN));
    expect(ids(ranked, q)).toEqual(['S0']);
  });

  it('ends an intent when its space is taken or when it expires', () => {
    const { replica, ranked } = setup();
    replica.intents.put(intent('i1', 'S0', NOW + 5 * MIN));
    replica.intents.put(intent('i2', 'S1', NOW - 20 * MIN)); // expired 10 min ago
    replica.apply(live('S0', true, 2));
    expect(replica.intents.has('i1')).toBe(false);
    expect(ids(ranked, { ...q, limit: 1 })).toEqual(['S1']);
    expect(replica.intents.size).toBe(0);
  });

  it('gives lots expectedArrivals and freeOnArrival only when intents are open', () => {
    const { replica } = setup();
    const lots = new LotAvailability(replica);
    expect(lots.view('L1', NOW)).not.toHaveProperty('expectedArrivals');
    replica.intents.put(intent('i1', 'S0', NOW + 5 * MIN));
    replica.intents.put(intent('i2', null, NOW + 6 * MIN));
    expect(lots.view('L1', NOW)).toMatchObject({ free: 10, expectedArrivals: 2, freeOnArrival: 8 });
    replica.intents.remove('i2');
    expect(lots.view('L1', NOW)).toMatchObject({ expectedArrivals: 1, freeOnArrival: 9 });
  });
});
