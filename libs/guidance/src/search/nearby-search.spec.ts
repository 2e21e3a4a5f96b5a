import type { GuidanceCatalog } from '../ports/catalog.types';
import { GuidancePolicy, LotAccess, SpaceAccess } from '../ports/guidance-policy.port';
import { LiveReplica } from '../replica/live-replica';
import { NearbySearch } from './nearby-search';
import { LotAvailability } from '../lots/lot-availability';

const NOW = Date.parse('2026-11-29T08:00:00Z');

/** Residents only for spaces whose id starts with R; 2 CNY/h everywhere. */
class FakePolicy extends GuidancePolicy {
  calls = 0;
  policyKey(id: string) {
    return id.startsWith('R') ? 'R' : 'P';
  }
  spaceAt(id: string): SpaceAccess {
    this.calls++;
    const pub = !id.startsWith('R');
    return {
      publicOpen: pub,
      closed: false,
      audience: pub ? 'public' : 'residents',
      usableUntilMs: pub ? NOW + 3_600_000 : NOW,
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

function setup() {
  const policy = new FakePolicy();
  const spaces = ['A', 'B', 'R1', 'C'].map((id, i) => ({
    id,
    lotId: 'L1',
    type: id === 'C' ? 'ev' : 'standard',
    lat: 31.23 + i * 0.0001,
    lon: 121.47,
    sensorId: `s-${id}`,
    staleLimitS: 660,
  }));
  const catalog: GuidanceCatalog = {
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    lots: [
      {
        id: 'L1',
        zoneId: 'Z',
        name: 'Lot',
        category: 'onstreet',
        capacity: 5,
        lat: 31.23,
        lon: 121.47,
        almostFullRatio: 0.2,
      },
    ],
    spaces,
    signs: [],
    policy,
  };
  const replica = new LiveReplica();
  replica.setCatalog(catalog);
  const live = (spaceId: string, occupied: boolean | null, lastSeenMs: number, ver = 1) => ({
    spaceId,
    occupied,
    lastSeenMs,
    sinceMs: lastSeenMs,
    batteryLow: false,
    ver,
    staleMs: null,
  });
  replica.loadSnapshot([
    live('A', false, NOW - 10_000),
    live('B', false, NOW - 700_000),
    live('R1', false, NOW),
    live('C', false, NOW - 1000),
  ]);
  return { replica, policy, live };
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

describe('NearbySearch over the replica', () => {
  it('offers only fresh, public, free spaces, nearest first, with rule fields', () => {
    const { replica, policy } = setup();
    const r = new NearbySearch(replica).search(q, NOW);
    expect(r.items.map((i) => i.spaceId)).toEqual(['A', 'C']);
    expect(r.items[0]).toMatchObject({
      lotId: 'L1',
      state: 'free',
      ageS: 10,
      distanceM: 0,
      pricePerHour: 2,
      currency: 'CNY',
      usableUntil: new Date(NOW + 3_600_000).toISOString(),
    });
    expect(policy.calls).toBe(2); // memoised per policy key
  });

  it('filters by type and follows live changes (older versions ignored)', () => {
    const { replica, live } = setup();
    const search = new NearbySearch(replica);
    expect(search.search({ ...q, type: 'ev' }, NOW).items.map((i) => i.spaceId)).toEqual(['C']);
    replica.apply(live('A', true, NOW, 2));
    replica.apply(live('A', false, NOW, 1));
    expect(search.search(q, NOW).items.map((i) => i.spaceId)).toEqual(['C']);
    replica.apply(live('B', false, NOW, 2));
    expect(search.search(q, NOW).items.map((i) => i.spaceId)).toEqual(['B', 'C']);
  });

  it('counts lots: stale as unknown, residents-only free as reserved, the rest of capacity unknown', () => {
    const { replica } = setup();
    const view = new LotAvailability(replica).view('L1', NOW);
    expect(view).toMatchObject({ free: 2, occupied: 0, reserved: 1, unknown: 2, status: 'open' });
  });
});
