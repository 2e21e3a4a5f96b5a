import type { CatalogLot, Guidance, LotStatus, LotView, SpaceAccess } from '@app/guidance';

/** A space's public state: `closed` = sensed free but not open to the general public now. */
export type SpotStatus = 'free' | 'occupied' | 'unknown' | 'closed';

/** One space as the open-data formats publish it: place and state, never who parks there. */
export interface SpotView {
  id: string;
  lotId: string | null;
  zoneId: string | null;
  lotCategory: string | null;
  type: string;
  lat: number;
  lon: number;
  status: SpotStatus;
  /** Last sensor report (heartbeat or change), epoch ms, or null when never heard. */
  observedMs: number | null;
}

export type { LotStatus, LotView };

/**
 * Reads lots and spaces from the guidance replica at an instant, with the same counts, status
 * and public-access answers the driver API gives (LotAvailability, the nearby search's rule).
 */
export class OpenDataView {
  constructor(private readonly guidance: Guidance) {}

  get ready(): boolean {
    return this.guidance.replica.ready;
  }

  /** Changes whenever the replica's live state or catalog changes (not with time alone). */
  version(): string {
    const r = this.guidance.replica;
    return `${this.tableGeneration()}:${r.applied}`;
  }

  /** The catalog's lots (the same array until the catalog is reloaded). */
  catalogLots(): readonly CatalogLot[] {
    return this.ready ? this.guidance.replica.spaces.lots : [];
  }

  lots(nowMs: number): LotView[] {
    return this.guidance.lots.viewAll(nowMs);
  }

  /** Space indexes of the replica's table (0..size-1). */
  get spaceCount(): number {
    return this.ready ? this.guidance.replica.spaces.size : 0;
  }

  spaceIndex(id: string): number | undefined {
    return this.ready ? this.guidance.replica.spaces.index.get(id) : undefined;
  }

  spaceLat(i: number): number {
    return this.guidance.replica.spaces.lat[i];
  }

  spaceLon(i: number): number {
    return this.guidance.replica.spaces.lon[i];
  }

  /** A reader of spaces at one instant (memoises the rule answers per policy key). */
  spots(nowMs: number): (i: number) => SpotView {
    const t = this.guidance.replica.spaces;
    const { policy } = this.guidance.replica.catalog;
    const memo = new Array<SpaceAccess | undefined>(t.policyKeys.length);
    return (i) => {
      let status: SpotStatus = t.sensed(i, nowMs);
      if (status === 'free') {
        const p = t.policyOf[i];
        const access = (memo[p] ??= policy.spaceAt(t.ids[i], nowMs, null));
        if (!access.publicOpen || access.closed) status = 'closed';
      }
      const lot = t.lotOf[i] >= 0 ? t.lots[t.lotOf[i]] : null;
      const seen = t.lastSeen[i];
      return {
        id: t.ids[i],
        lotId: lot?.id ?? null,
        zoneId: lot?.zoneId ?? null,
        lotCategory: lot?.category ?? null,
        type: t.types[i],
        lat: t.lat[i],
        lon: t.lon[i],
        status,
        observedMs: Number.isNaN(seen) ? null : seen,
      };
    };
  }

  private tables = new WeakMap<object, number>();
  private generations = 0;

  /** A number per replica table (a new one after every snapshot or catalog load). */
  private tableGeneration(): number {
    const t = this.guidance.replica.spaces;
    let g = this.tables.get(t);
    if (g === undefined) this.tables.set(t, (g = ++this.generations));
    return g;
  }
}
