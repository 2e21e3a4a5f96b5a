import type { CatalogSpace } from '../ports/catalog.types';
import { SpaceTable } from './space-table';

const space = (id: string, type: string, staleLimitS: number | null): CatalogSpace => ({
  id,
  lotId: 'L',
  type,
  lat: 30,
  lon: 120,
  sensorId: staleLimitS === null ? null : `sn-${id}`,
  staleLimitS,
});
const lot = {
  id: 'L',
  zoneId: 'Z',
  name: 'L',
  category: 'onstreet' as const,
  capacity: 3,
  lat: 30,
  lon: 120,
  almostFullRatio: 0.9,
};

describe('SpaceTable', () => {
  // built from separate strings, as rows read from PostgreSQL are
  const types = ['standard', ['stan', 'dard'].join(''), 'ev'];
  const table = new SpaceTable(
    [lot],
    [space('A', types[0], 600), space('B', types[1], 600), space('C', types[2], null)],
    (id) => (id === 'C' ? 'k2' : ['k', '1'].join('')),
  );

  it('interns repeated types and policy keys (one string per distinct value)', () => {
    expect(table.types).toEqual(['standard', 'standard', 'ev']);
    expect(table.policyKeys).toEqual(['k1', 'k2']);
    expect(Array.from(table.policyOf)).toEqual([0, 0, 1]);
    expect(table.policy).toEqual(['k1', 'k1', 'k2']);
  });

  it('an empty copy shares the spaces but starts unknown with the catalog stale limits', () => {
    table.write(0, {
      spaceId: 'A',
      occupied: false,
      lastSeenMs: 1000,
      sinceMs: 500,
      batteryLow: true,
      ver: 3,
      staleMs: 5000,
    });
    expect(table.staleMs[0]).toBe(5000);
    const copy = table.emptyCopy();
    expect(copy.ids).toBe(table.ids);
    expect(copy.index.get('B')).toBe(1);
    expect(copy.lotSpaces).toEqual([[0, 1, 2]]);
    expect(copy.read(0)).toEqual({
      spaceId: 'A',
      occupied: null,
      lastSeenMs: null,
      sinceMs: null,
      batteryLow: false,
      ver: -1,
      staleMs: 600_000,
    });
    expect(Number.isNaN(copy.staleMs[2])).toBe(true);
    // the original keeps its live state
    expect(table.read(0).occupied).toBe(false);
  });
});
