import { NotFoundError } from '@app/domain';
import { distanceM } from '../geo/geo';
import type { SpaceAccess } from '../ports/guidance-policy.port';
import type { LiveReplica } from '../replica/live-replica';
import { clampCounts, LotCounts } from './lot-counts';
import { LotStatus, lotStatus } from './lot-status';

export interface LotView extends LotCounts {
  lotId: string;
  zoneId: string;
  name: string;
  lat: number;
  lon: number;
  distanceM?: number;
  category: string;
  capacity: number;
  status: LotStatus;
  pricePerHour: number | null;
  currency: string;
  explanation: string[];
  /** Open declared intents on the lot (present only when there are some). */
  expectedArrivals?: number;
  /** `free` minus expected arrivals, never below 0 (present with `expectedArrivals`). */
  freeOnArrival?: number;
}

export interface LotsNearbyQuery {
  lat: number;
  lon: number;
  radiusM: number;
  limit: number;
}

/** Lot counts and status computed from the replica, for the general public at an instant. */
export class LotAvailability {
  constructor(private readonly replica: LiveReplica) {}

  /** `memo`: rule answers by policy key at `nowMs`, to share across lots (see `viewAll`). */
  counts(lotIdx: number, nowMs: number, memo = new Map<string, SpaceAccess>()): LotCounts {
    const t = this.replica.spaces;
    const lot = t.lots[lotIdx];
    const { policy } = this.replica.catalog;
    const lotOpen = policy.lotAt(lot.id, nowMs).open;
    const raw: LotCounts = { free: 0, occupied: 0, unknown: 0, reserved: 0 };
    for (const i of t.lotSpaces[lotIdx]) {
      const sensed = t.sensed(i, nowMs);
      if (sensed !== 'free') {
        raw[sensed]++;
        continue;
      }
      let access = memo.get(t.policy[i]);
      if (!access) memo.set(t.policy[i], (access = policy.spaceAt(t.ids[i], nowMs, null)));
      if (lotOpen && access.publicOpen && !access.closed) raw.free++;
      else raw.reserved++;
    }
    return clampCounts(raw, lot.capacity);
  }

  view(lotId: string, nowMs: number): LotView {
    const idx = this.replica.ready ? this.replica.spaces.lotIndex.get(lotId) : undefined;
    if (idx === undefined) throw new NotFoundError('lot', lotId);
    return this.viewAt(idx, nowMs);
  }

  /** Every lot at one instant; the rule answers are computed once per policy key for all lots. */
  viewAll(nowMs: number): LotView[] {
    if (!this.replica.ready) return [];
    const memo = new Map<string, SpaceAccess>();
    return this.replica.spaces.lots.map((_, i) => this.viewAt(i, nowMs, memo));
  }

  nearby(q: LotsNearbyQuery, nowMs: number): { asOf: string; items: LotView[] } {
    const asOf = new Date(nowMs).toISOString();
    if (!this.replica.ready) return { asOf, items: [] };
    const lots = this.replica.spaces.lots;
    const hits: { idx: number; d: number }[] = [];
    for (let i = 0; i < lots.length; i++) {
      const d = distanceM(q.lat, q.lon, lots[i].lat, lots[i].lon);
      if (d <= q.radiusM) hits.push({ idx: i, d });
    }
    hits.sort((a, b) => a.d - b.d);
    const items = hits.slice(0, q.limit).map((h) => ({
      ...this.viewAt(h.idx, nowMs),
      distanceM: Math.round(h.d),
    }));
    return { asOf, items };
  }

  private viewAt(idx: number, nowMs: number, memo?: Map<string, SpaceAccess>): LotView {
    const lot = this.replica.spaces.lots[idx];
    const { policy, currency } = this.replica.catalog;
    const access = policy.lotAt(lot.id, nowMs);
    const c = this.counts(idx, nowMs, memo);
    const view: LotView = {
      lotId: lot.id,
      zoneId: lot.zoneId,
      name: lot.name,
      lat: lot.lat,
      lon: lot.lon,
      category: lot.category,
      capacity: lot.capacity,
      free: c.free,
      occupied: c.occupied,
      unknown: c.unknown,
      reserved: c.reserved,
      status: lotStatus(access.open, c, lot.capacity, lot.almostFullRatio),
      pricePerHour: access.pricePerHour,
      currency,
      explanation: access.explanation,
    };
    this.replica.intents.prune(nowMs);
    const expected = this.replica.intents.expectedArrivals(lot.id);
    if (expected > 0) {
      view.expectedArrivals = expected;
      view.freeOnArrival = Math.max(0, c.free - expected);
    }
    return view;
  }
}
