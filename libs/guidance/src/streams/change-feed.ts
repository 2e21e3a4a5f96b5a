import { filter, map, Observable, share } from 'rxjs';
import type { LotAvailability, LotView } from '../lots/lot-availability';
import type { LiveReplica, SpaceUpdate } from '../replica/live-replica';

export interface SpaceEvent {
  spaceId: string;
  lotId: string | null;
  zoneId: string | null;
  state: 'free' | 'occupied' | 'unknown';
  since: string | null;
  lastSeen: string | null;
  lat: number;
  lon: number;
}

export type LotEvent = Pick<
  LotView,
  'lotId' | 'zoneId' | 'capacity' | 'free' | 'occupied' | 'unknown' | 'reserved' | 'status'
>;

export interface SpaceFilter {
  lotId?: string;
  zoneId?: string;
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Live changes as rxjs streams, fed by the replica (hence by the live store's change channel, so
 * every API instance streams every change). Lot events are coalesced per lot over `lotFlushMs`
 * and sent only when a lot's counts or status changed.
 */
export class ChangeFeed {
  readonly lots$: Observable<LotEvent>;

  constructor(
    private readonly replica: LiveReplica,
    lots: LotAvailability,
    private readonly clock: () => number = Date.now,
    lotFlushMs = 200,
  ) {
    this.lots$ = new Observable<LotEvent>((sub) => {
      const dirty = new Set<string>();
      const last = new Map<string, string>();
      const s = this.replica.updates$.subscribe((u) => u.lotId !== null && dirty.add(u.lotId));
      const timer = setInterval(() => {
        for (const lotId of dirty) {
          if (!this.replica.spaces.lotIndex.has(lotId)) continue;
          const e = this.lotEvent(lots.view(lotId, this.clock()));
          const key = JSON.stringify(e);
          if (last.get(lotId) === key) continue;
          last.set(lotId, key);
          sub.next(e);
        }
        dirty.clear();
      }, lotFlushMs);
      return () => {
        s.unsubscribe();
        clearInterval(timer);
      };
    }).pipe(share());
  }

  lotEvent(v: LotView): LotEvent {
    const { lotId, zoneId, capacity, free, occupied, unknown, reserved, status } = v;
    return { lotId, zoneId, capacity, free, occupied, unknown, reserved, status };
  }

  spaces(f: SpaceFilter): Observable<SpaceEvent> {
    return this.replica.updates$.pipe(
      filter((u) => this.matches(u, f)),
      map((u) => this.spaceEvent(u)),
    );
  }

  lotsMatching(f: { lotId?: string; zoneId?: string }): Observable<LotEvent> {
    return this.lots$.pipe(
      filter((e) => (!f.lotId || e.lotId === f.lotId) && (!f.zoneId || e.zoneId === f.zoneId)),
    );
  }

  private matches(u: SpaceUpdate, f: SpaceFilter): boolean {
    const t = this.replica.spaces;
    if (f.lotId && u.lotId !== f.lotId) return false;
    if (f.zoneId) {
      const lot = t.lotOf[u.spaceIdx];
      if (lot < 0 || t.lots[lot].zoneId !== f.zoneId) return false;
    }
    if (f.bbox) {
      const { minLon, minLat, maxLon, maxLat } = f.bbox;
      const lat = t.lat[u.spaceIdx];
      const lon = t.lon[u.spaceIdx];
      if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) return false;
    }
    return true;
  }

  private spaceEvent(u: SpaceUpdate): SpaceEvent {
    const t = this.replica.spaces;
    const i = u.spaceIdx;
    const lot = t.lotOf[i];
    return {
      spaceId: u.spaceId,
      lotId: u.lotId,
      zoneId: lot >= 0 ? t.lots[lot].zoneId : null,
      state: t.sensed(i, this.clock()),
      since: iso(Number.isNaN(t.since[i]) ? null : t.since[i]),
      lastSeen: iso(Number.isNaN(t.lastSeen[i]) ? null : t.lastSeen[i]),
      lat: t.lat[i],
      lon: t.lon[i],
    };
  }
}
