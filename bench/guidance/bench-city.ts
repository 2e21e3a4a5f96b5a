import { CityFile, cityFileSchema } from '@app/domain';
import { catalogFromCity, GuidanceCatalog, LiveSpaceState } from '@app/guidance';
import { Prng } from '../../sensors-sim/src/random/prng';
import { syntheticCity } from '../city-import/synthetic-city';

/** The simulator's seeded PRNG as a function, so every run measures the same work. */
export function rng(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

/** The synthetic city's extent (bench/city-import/synthetic-city.ts). */
export const EXTENT = { minLat: 30.2, maxLat: 30.35, minLon: 120.1, maxLon: 120.22 };

export function randomPoint(r: () => number): { lat: number; lon: number } {
  return {
    lat: EXTENT.minLat + r() * (EXTENT.maxLat - EXTENT.minLat),
    lon: EXTENT.minLon + r() * (EXTENT.maxLon - EXTENT.minLon),
  };
}

export function benchCity(): { city: CityFile; catalog: GuidanceCatalog } {
  const city = cityFileSchema.parse(syntheticCity());
  return { city, catalog: catalogFromCity(city) };
}

/** ~45 % free, ~45 % occupied, ~10 % never reported; every reported one fresh at `now`. */
export function liveStates(city: CityFile, now: number, r: () => number): LiveSpaceState[] {
  const out: LiveSpaceState[] = [];
  for (const s of city.spaces) {
    const x = r();
    if (x < 0.1) continue;
    out.push({
      spaceId: s.id,
      occupied: x >= 0.55,
      lastSeenMs: now - Math.floor(r() * 300_000),
      sinceMs: now - 3_600_000,
      batteryLow: false,
      ver: 1,
      staleMs: 660_000,
    });
  }
  return out;
}
