import type { Principal } from '@app/domain';
import type { LiveStore } from '@app/live-store';
import { PoliceDashboardService } from './police-dashboard.service';
import type { LotRef, PoliceQueries } from './ports/police-queries.port';
import type { PublicLotCounts, PublicLotNow } from './ports/public-lot-counts.port';

const lots: LotRef[] = [
  { lotId: 'L1', zoneId: 'Z1', name: 'One', capacity: 10 },
  { lotId: 'L2', zoneId: 'Z1', name: 'Two', capacity: 4 },
  { lotId: 'L3', zoneId: 'Z2', name: 'Three', capacity: 5 },
];
const queries = {
  lots: async (zones: readonly string[] | null) =>
    lots.filter((l) => zones === null || zones.includes(l.zoneId)),
  zones: async (zones: readonly string[] | null) =>
    ['Z1', 'Z2']
      .filter((z) => zones === null || zones.includes(z))
      .map((zoneId) => ({ zoneId, name: `zone ${zoneId}` })),
} as unknown as PoliceQueries;
const live = {
  lotCounts: async (ids: string[]) =>
    ids.map((lotId) => ({ lotId, free: 3, occupied: 1, unknown: 0 })),
} as unknown as LiveStore;
const operator = { role: 'operator', zones: null } as unknown as Principal;

describe('PoliceDashboardService zone counts', () => {
  it('sums the driver-facing lot counts: free without the reserved spaces, reserved apart', async () => {
    const now: Record<string, PublicLotNow> = {
      L1: { lotId: 'L1', free: 2, occupied: 5, unknown: 1, reserved: 2, status: 'open' },
      L2: { lotId: 'L2', free: 0, occupied: 4, unknown: 0, reserved: 0, status: 'full' },
      L3: { lotId: 'L3', free: 1, occupied: 0, unknown: 4, reserved: 0, status: 'unknown' },
    };
    const counts: PublicLotCounts = { lots: (ids) => ids.map((id) => now[id]) };
    const s = new PoliceDashboardService(queries, live, () => 0, counts);
    expect(await s.zones(operator)).toEqual([
      {
        zoneId: 'Z1',
        name: 'zone Z1',
        capacity: 14,
        free: 2,
        occupied: 9,
        unknown: 1,
        reserved: 2,
      },
      { zoneId: 'Z2', name: 'zone Z2', capacity: 5, free: 1, occupied: 0, unknown: 4, reserved: 0 },
    ]);
  });

  it('falls back to the live sensor counts while the driver-facing source is not ready', async () => {
    const s = new PoliceDashboardService(queries, live, () => 0, { lots: () => null });
    const [z1] = await s.zones(operator);
    expect(z1).toMatchObject({ free: 6, occupied: 2, unknown: 0, reserved: 0 });
  });
});
