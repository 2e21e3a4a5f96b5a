import { catalogFromCity, distanceM, GridIndex, LiveReplica } from '@app/guidance';
import { generateCity } from '../city/city-generator';
import { DEFAULT_CITY_OPTIONS } from '../city/city-options';

const DAY_MS = 86_400_000;

/**
 * The city the driver agents move in: the guidance replica (what the API would answer from) and
 * the ground truth of which spaces are taken, for the public standard spaces open at the start.
 * Other spaces are never reported, so guidance never offers them and no agent parks there.
 */
export class DriverWorld {
  readonly replica = new LiveReplica();
  readonly t0: number;
  /** Table indexes of the spaces agents may use. */
  readonly usable: number[];
  readonly taken: Uint8Array;
  /** The spaces free in truth (what a driver on the street sees). */
  readonly freeTruth: GridIndex;
  private readonly ver: Float64Array;

  constructor(seed: string, spaces: number) {
    const { city } = generateCity({ seed, spaces });
    this.t0 = Date.parse(`${DEFAULT_CITY_OPTIONS.referenceDate}T10:00:00+08:00`) + DAY_MS;
    const catalog = catalogFromCity(city);
    this.replica.setCatalog(catalog);
    const t = this.replica.spaces;
    this.usable = [];
    for (let i = 0; i < t.size; i++) {
      if (t.types[i] !== 'standard') continue;
      const a = catalog.policy.spaceAt(t.ids[i], this.t0, 120);
      const lot = t.lotOf[i] >= 0 ? catalog.policy.lotAt(t.lots[t.lotOf[i]].id, this.t0) : null;
      if (a.publicOpen && !a.closed && (lot === null || lot.open)) this.usable.push(i);
    }
    this.taken = new Uint8Array(t.size);
    this.ver = new Float64Array(t.size);
    let sumLat = 0;
    for (const i of this.usable) sumLat += t.lat[i];
    this.freeTruth = new GridIndex(100, this.usable.length ? sumLat / this.usable.length : 0);
  }

  lat(i: number): number {
    return this.replica.spaces.lat[i];
  }

  lon(i: number): number {
    return this.replica.spaces.lon[i];
  }

  /** Sets a space's truth (and, `report`, the sensor's report to guidance) at `t`. */
  setTaken(i: number, taken: boolean): void {
    this.taken[i] = taken ? 1 : 0;
    if (taken) this.freeTruth.remove(i);
    else this.freeTruth.insert(i, this.lat(i), this.lon(i));
  }

  /** The sensor's report reaches guidance. */
  report(i: number, t: number): void {
    const t0 = this.replica.spaces;
    this.replica.apply({
      spaceId: t0.ids[i],
      occupied: this.taken[i] === 1,
      lastSeenMs: t,
      sinceMs: t,
      batteryLow: false,
      ver: ++this.ver[i],
      staleMs: DAY_MS, // heartbeats are not simulated: reports never go stale here
    });
  }

  /** The nearest space free in truth within `radiusM` of a point, -1 when none. */
  nearestFree(lat: number, lon: number, radiusM: number): number {
    let found = -1;
    this.freeTruth.search(lat, lon, radiusM, 1, (i) => {
      found = i;
      return true;
    });
    return found;
  }

  lotOf(i: number): string {
    const t = this.replica.spaces;
    return t.lotOf[i] >= 0 ? t.lots[t.lotOf[i]].id : `~${t.ids[i]}`;
  }

  distance(lat1: number, lon1: number, lat2: number, lon2: number): number {
    return distanceM(lat1, lon1, lat2, lon2);
  }
}
