import type { SpaceAccess } from '../ports/guidance-policy.port';
import type { LiveReplica } from '../replica/live-replica';
import type { NearbyQuery } from './nearby-query';

export interface NearbySpaceItem {
  spaceId: string;
  lotId: string | null;
  lat: number;
  lon: number;
  distanceM: number;
  type: string;
  state: 'free';
  ageS: number;
  usableUntil: string | null;
  maxStayMin: number | null;
  pricePerHour: number | null;
  currency: string;
}

export interface NearbySpacesResult {
  asOf: string;
  items: NearbySpaceItem[];
}

/**
 * Free spaces near a point, nearest first: walks the free-space grid outwards and keeps a space
 * only if its sensor is fresh now and the rule book opens it to the public at `at` for the whole
 * stay. Rule answers are memoised per policy key within one query (neighbours share lots).
 */
export class NearbySearch {
  constructor(private readonly replica: LiveReplica) {}

  search(q: NearbyQuery, nowMs: number): NearbySpacesResult {
    const items: NearbySpaceItem[] = [];
    if (!this.replica.ready) return { asOf: new Date(nowMs).toISOString(), items };
    const t = this.replica.spaces;
    const { policy, currency } = this.replica.catalog;
    const memo = new Map<string, SpaceAccess>();
    this.replica.freeIndex.search(q.lat, q.lon, q.radiusM, q.limit, (i, d) => {
      if (q.type !== null && t.types[i] !== q.type) return false;
      if (!t.fresh(i, nowMs)) return false;
      const key = t.policy[i];
      let access = memo.get(key);
      if (!access) memo.set(key, (access = policy.spaceAt(t.ids[i], q.atMs, q.stayMin)));
      if (!access.publicOpen || access.closed) return false;
      const lot = t.lotOf[i];
      items.push({
        spaceId: t.ids[i],
        lotId: lot >= 0 ? t.lots[lot].id : null,
        lat: t.lat[i],
        lon: t.lon[i],
        distanceM: Math.round(d),
        type: t.types[i],
        state: 'free',
        ageS: t.ageS(i, nowMs) ?? 0,
        usableUntil: access.usableUntilMs === null ? null : iso(access.usableUntilMs),
        maxStayMin: access.maxStayMin,
        pricePerHour: access.pricePerHour,
        currency,
      });
      return true;
    });
    return { asOf: new Date(nowMs).toISOString(), items };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
