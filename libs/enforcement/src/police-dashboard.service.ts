import { NotFoundError, Principal, canSeeZone } from '@app/domain';
import { LiveSpace, LiveStore } from '@app/live-store';
import { occupancyBaseline } from './occupancy-baseline';
import { LotRef, PoliceQueries, Scope } from './ports/police-queries.port';
import { PublicLotCounts, PublicLotNow } from './ports/public-lot-counts.port';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** The zone overview's ingest rate is over the last minutes, its top-overstay list this long. */
const RATE_WINDOW_MS = 10 * 60_000;
const TOP_LOTS = 5;

export type SensorProblem = 'stale' | 'low_battery';

export interface SensorHealthItem {
  spaceId: string;
  lotId: string;
  zoneId: string;
  sensorId: string;
  state: LiveSpace['state'];
  lastSeen: string | null;
  batteryMv: number | null;
  batteryLow: boolean;
  lostUplinks: number;
  problems: SensorProblem[];
}

/** Dashboards for police and operators; every answer is limited to the caller's zones. */
export class PoliceDashboardService {
  constructor(
    private readonly q: PoliceQueries,
    private readonly live: LiveStore,
    private readonly now: () => number = Date.now,
    /** Driver-facing counts (free without reserved, status); live sensor counts without it. */
    private readonly publicCounts?: PublicLotCounts,
  ) {}

  /** Every visible zone with its live counts. */
  zones(p: Principal) {
    return this.summaries(p.zones);
  }

  async zoneOverview(p: Principal, zoneId: string) {
    const [zone] = canSeeZone(p, zoneId) ? await this.summaries([zoneId]) : [];
    if (!zone) throw new NotFoundError('zone', zoneId);
    const to = this.now();
    const from = to - DAY_MS;
    const refs = await this.q.lots([zoneId]);
    const lots = refs.map((l) => l.lotId);
    const [stats, uplinks, spaces, lotCounts, rejections, overstay, recent] = await Promise.all([
      this.q.sessionStats({ zoneId }, from, to),
      this.q.uplinkStats(zoneId, from, to),
      lots.length ? this.live.snapshotSpaces(lots) : Promise.resolve([]),
      this.lotCountsNow(refs),
      this.q.recentRejections(zoneId, from, 20),
      this.q.overstayByLot(zoneId, from, to, TOP_LOTS),
      this.q.uplinksReceived(zoneId, to - RATE_WINDOW_MS, to),
    ]);
    const names = new Map(refs.map((r) => [r.lotId, r.name]));
    return {
      ...zone,
      asOf: new Date(to).toISOString(),
      lots: withNames(lotCounts, refs),
      last24h: {
        sessions: stats.sessions,
        turnover: round(stats.turnover),
        meanDwellMin: stats.meanDwellMin === null ? null : round(stats.meanDwellMin),
        uplinksReceived: uplinks.received,
        uplinksLost: uplinks.lost,
        lostUplinkRate: uplinks.rate === null ? null : round(uplinks.rate, 5),
      },
      staleSensors: zone.unknown,
      lowBatterySensors: spaces.filter((s) => s.batteryLow).length,
      rejectedIngest24h: rejections,
      topOverstay24h: overstay.map((o) => ({ ...o, name: names.get(o.lotId) ?? o.lotId })),
      ingestRate: {
        windowMin: RATE_WINDOW_MS / 60_000,
        uplinks: recent,
        perMin: round(recent / (RATE_WINDOW_MS / 60_000)),
      },
    };
  }

  async sensorHealth(p: Principal, zoneId: string | undefined, only?: SensorProblem) {
    const lots = await this.visibleLots(p, zoneId);
    const zoneOf = new Map(lots.map((l) => [l.lotId, l.zoneId]));
    const lotIds = lots.map((l) => l.lotId);
    const [spaces, known] = lots.length
      ? await Promise.all([this.live.snapshotSpaces(lotIds), this.q.spaces(lotIds)])
      : [[], []];
    const items: SensorHealthItem[] = [];
    const reported = new Set(spaces.map((s) => s.spaceId));
    for (const k of known) {
      if (reported.has(k.spaceId) || (only && only !== 'stale')) continue;
      items.push({
        spaceId: k.spaceId,
        lotId: k.lotId,
        zoneId: zoneOf.get(k.lotId) ?? '',
        sensorId: k.sensorId ?? '',
        state: 'unknown',
        lastSeen: null,
        batteryMv: null,
        batteryLow: false,
        lostUplinks: 0,
        problems: ['stale'],
      });
    }
    for (const s of spaces) {
      const problems: SensorProblem[] = [];
      if (s.state === 'unknown') problems.push('stale');
      if (s.batteryLow) problems.push('low_battery');
      if (problems.length === 0 || (only && !problems.includes(only))) continue;
      items.push({
        spaceId: s.spaceId,
        lotId: s.lotId,
        zoneId: zoneOf.get(s.lotId) ?? '',
        sensorId: s.sensorId,
        state: s.state,
        lastSeen: s.lastSeen > 0 ? new Date(s.lastSeen).toISOString() : null,
        batteryMv: s.batteryMv,
        batteryLow: s.batteryLow,
        lostUplinks: s.lost,
        problems,
      });
    }
    items.sort((a, b) => a.spaceId.localeCompare(b.spaceId));
    return { asOf: new Date(this.now()).toISOString(), items };
  }

  /** The hourly series; with `compareWeeks` > 0 also the mean of the same hours that many weeks back. */
  async occupancySeries(p: Principal, scope: Scope, from: number, to: number, compareWeeks = 0) {
    await this.assertScope(p, scope);
    const [buckets, ...earlier] = await Promise.all(
      Array.from({ length: compareWeeks + 1 }, (_, k) =>
        this.q.occupancySeries(scope, from - k * WEEK_MS, to - k * WEEK_MS),
      ),
    );
    return {
      ...scope,
      from: iso(from),
      to: iso(to),
      buckets,
      ...(compareWeeks > 0
        ? { baseline: { weeks: compareWeeks, buckets: occupancyBaseline(buckets, earlier) } }
        : {}),
    };
  }

  async sessionStats(p: Principal, scope: Scope, from: number, to: number) {
    await this.assertScope(p, scope);
    const s = await this.q.sessionStats(scope, from, to);
    return {
      ...scope,
      from: iso(from),
      to: iso(to),
      ...s,
      // rounded as in the zone overview: one figure, one precision
      turnover: round(s.turnover),
      meanDwellMin: s.meanDwellMin === null ? null : round(s.meanDwellMin),
    };
  }

  /**
   * Each lot's counts now: the driver-facing ones (public free, reserved apart, status) when the
   * source is ready, else the live sensor counts (free includes reserved spaces, `reserved` 0).
   */
  private async lotCountsNow(refs: LotRef[]): Promise<(PublicLotNow & { zoneId: string })[]> {
    if (refs.length === 0) return [];
    const zoneOf = new Map(refs.map((r) => [r.lotId, r.zoneId]));
    const pub = this.publicCounts?.lots(refs.map((r) => r.lotId));
    if (pub) return pub.map((c) => ({ ...c, zoneId: zoneOf.get(c.lotId) ?? '' }));
    const live = await this.live.lotCounts(refs.map((r) => r.lotId));
    return live.map((c) => ({
      lotId: c.lotId,
      zoneId: zoneOf.get(c.lotId) ?? '',
      free: c.free,
      occupied: c.occupied,
      unknown: c.unknown,
      reserved: 0,
      status: null,
    }));
  }

  private async summaries(scope: readonly string[] | null) {
    const [zones, lots] = await Promise.all([this.q.zones(scope), this.q.lots(scope)]);
    const sums = new Map<
      string,
      { capacity: number; free: number; occupied: number; unknown: number; reserved: number }
    >();
    for (const l of lots) {
      const z = sums.get(l.zoneId) ?? {
        capacity: 0,
        free: 0,
        occupied: 0,
        unknown: 0,
        reserved: 0,
      };
      z.capacity += l.capacity;
      sums.set(l.zoneId, z);
    }
    for (const c of await this.lotCountsNow(lots)) {
      const z = sums.get(c.zoneId);
      if (!z) continue;
      z.free += c.free;
      z.occupied += c.occupied;
      z.unknown += c.unknown;
      z.reserved += c.reserved;
    }
    return zones.map((z) => ({
      ...z,
      ...(sums.get(z.zoneId) ?? { capacity: 0, free: 0, occupied: 0, unknown: 0, reserved: 0 }),
    }));
  }

  private async visibleLots(p: Principal, zoneId?: string): Promise<LotRef[]> {
    if (zoneId !== undefined && !canSeeZone(p, zoneId)) throw new NotFoundError('zone', zoneId);
    const lots = await this.q.lots(zoneId !== undefined ? [zoneId] : p.zones);
    if (zoneId !== undefined && lots.length === 0 && (await this.q.zones([zoneId])).length === 0) {
      throw new NotFoundError('zone', zoneId);
    }
    return lots;
  }

  private async assertScope(p: Principal, scope: Scope): Promise<void> {
    if ('zoneId' in scope) {
      const ok = canSeeZone(p, scope.zoneId) && (await this.q.zones([scope.zoneId])).length > 0;
      if (!ok) throw new NotFoundError('zone', scope.zoneId);
      return;
    }
    const lot = await this.q.lot(scope.lotId);
    if (!lot || !canSeeZone(p, lot.zoneId)) throw new NotFoundError('lot', scope.lotId);
  }
}

/** Live lot counts with each lot's name and capacity, in the lots' order. */
function withNames<T extends { lotId: string }>(counts: T[], refs: LotRef[]) {
  const byId = new Map(counts.map((c) => [c.lotId, c]));
  return refs.flatMap((r) => {
    const c = byId.get(r.lotId);
    return c ? [{ ...c, name: r.name, capacity: r.capacity }] : [];
  });
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
