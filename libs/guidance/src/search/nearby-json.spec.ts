import fc from 'fast-check';
import type { GuidanceCatalog } from '../ports/catalog.types';
import { GuidancePolicy, LotAccess, SpaceAccess } from '../ports/guidance-policy.port';
import { LiveReplica } from '../replica/live-replica';
import { NearbySearch } from './nearby-search';

const NOW = Date.parse('2026-11-29T08:00:00Z');

/** Answers that vary with the space's lot, the arrival time and the stay. */
class VaryingPolicy extends GuidancePolicy {
  policyKey(id: string) {
    return id.slice(0, 2);
  }
  spaceAt(id: string, atMs: number, stayMin: number | null): SpaceAccess {
    const h = id.charCodeAt(1) + Math.floor(atMs / 60_000) + (stayMin ?? 0);
    return {
      publicOpen: h % 5 !== 0,
      closed: h % 7 === 0,
      audience: 'public',
      usableUntilMs: h % 3 === 0 ? null : atMs + (h % 11) * 600_000 + 123,
      nextPublicFromMs: null,
      maxStayMin: h % 2 === 0 ? null : 30 + (h % 4) * 30,
      pricePerHour: h % 4 === 0 ? null : (h % 9) / 2,
      stayCost: null,
      explanation: [],
    };
  }
  lotAt(): LotAccess {
    return { open: true, reason: null, nextChangeMs: null, pricePerHour: null, explanation: [] };
  }
  rulesOf() {
    return [];
  }
}

const idChars = fc.constantFrom('a', 'b', 'Z', '"', '\\', 'é', '\u2028', '\n', '7');

describe('NearbySearch.json', () => {
  it('is byte for byte JSON.stringify of the object answer', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string({ unit: idChars, minLength: 1, maxLength: 6 }),
            lot: fc.integer({ min: 0, max: 3 }),
            type: fc.constantFrom('standard', 'ev', 'accessible'),
            dLat: fc.double({ min: -0.005, max: 0.005, noNaN: true }),
            dLon: fc.double({ min: -0.005, max: 0.005, noNaN: true }),
            occupied: fc.option(fc.boolean()),
            ageMs: fc.integer({ min: 0, max: 900_000 }),
          }),
          { maxLength: 80 },
        ),
        fc.record({
          dLat: fc.double({ min: -0.005, max: 0.005, noNaN: true }),
          radiusM: fc.integer({ min: 1, max: 5000 }),
          limit: fc.integer({ min: 1, max: 200 }),
          type: fc.constantFrom(null, 'ev', 'standard'),
          atOffsetMs: fc.integer({ min: 0, max: 86_400_000 }),
          stayMin: fc.option(fc.integer({ min: 1, max: 1440 })),
        }),
        (specs, query) => {
          const spaces = specs.map((s, i) => ({
            id: `${'LMNO'[s.lot]}${i}${s.name}`,
            lotId: s.lot === 3 ? 'missing' : `L"${s.lot}`,
            type: s.type,
            lat: 31.23 + s.dLat,
            lon: 121.47 + s.dLon,
            sensorId: `s${i}`,
            staleLimitS: 660,
          }));
          const catalog: GuidanceCatalog = {
            currency: 'CNY',
            timeZone: 'Asia/Shanghai',
            lots: [0, 1, 2].map((l) => ({
              id: `L"${l}`,
              zoneId: 'Z',
              name: 'Lot',
              category: 'onstreet',
              capacity: 100,
              lat: 31.23,
              lon: 121.47,
              almostFullRatio: 0.2,
            })),
            spaces,
            signs: [],
            policy: new VaryingPolicy(),
          };
          const replica = new LiveReplica({ cellM: 150 });
          replica.setCatalog(catalog);
          replica.loadSnapshot(
            specs.map((s, i) => ({
              spaceId: spaces[i].id,
              occupied: s.occupied,
              lastSeenMs: NOW - s.ageMs,
              sinceMs: NOW - s.ageMs,
              batteryLow: false,
              ver: 1,
              staleMs: null,
            })),
          );
          const search = new NearbySearch(replica);
          const q = {
            lat: 31.23 + query.dLat,
            lon: 121.47,
            radiusM: query.radiusM,
            limit: query.limit,
            type: query.type,
            atMs: NOW + query.atOffsetMs,
            stayMin: query.stayMin,
          };
          const text = search.json(q, NOW);
          expect(text).toBe(JSON.stringify(search.search(q, NOW)));
          expect(search.json(q, NOW)).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers an empty list before the first catalog', () => {
    const search = new NearbySearch(new LiveReplica());
    const q = { lat: 1, lon: 2, radiusM: 500, limit: 20, type: null, atMs: NOW, stayMin: null };
    expect(search.json(q, NOW)).toBe(JSON.stringify(search.search(q, NOW)));
  });
});
