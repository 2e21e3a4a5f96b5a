import {
  ApplyItem,
  ApplyOutcome,
  LiveSpace,
  LiveStateWriter,
  PackedRecord,
  RebuildLot,
} from '@app/live-store';
import { FailureCause, StoreUnavailableError } from '../store-errors';

type Hook<A extends unknown[]> = (...args: A) => Promise<void> | void;

/**
 * In-memory live store for unit tests: seq order per space, a rebuild marker (epoch) per lot,
 * stale deadlines registered by `settle`, JSON records. `lose()` is a Redis restart; hooks hold
 * a call mid-flight; `failApply` makes the next applies fail transiently.
 */
export class FakeLiveWriter extends LiveStateWriter {
  failApply = 0;
  failKind: FailureCause = 'unavailable';
  beforeApply?: Hook<[ApplyItem[]]>;
  beforeSettle?: Hook<[PackedRecord[], string[]]>;
  beforeRebuild?: Hook<[RebuildLot[], boolean | 'refresh']>;
  readonly calls = {
    apply: 0,
    settle: 0,
    resets: 0,
    rebuilds: [] as Array<{ lots: string[]; force: boolean | 'refresh' }>,
    sweeps: [] as Array<{ now: number; limit: number }>,
  };
  /** Spaces turned unknown by `sweepStale`, with the zone the caller resolved for their lot. */
  readonly swept: Array<{ spaceId: string; zoneId: string | undefined }> = [];
  private readonly records = new Map<string, LiveSpace>();
  private readonly markers = new Map<string, string>();
  private readonly deadlines = new Map<string, number>();
  private epoch = 0;

  space(spaceId: string): LiveSpace | undefined {
    return this.records.get(spaceId);
  }

  marker(lotId: string): string | undefined {
    return this.markers.get(lotId);
  }

  deadline(spaceId: string): number | undefined {
    return this.deadlines.get(spaceId);
  }

  /** Redis restarted without its data: every record, marker and deadline is gone. */
  lose(): void {
    this.records.clear();
    this.markers.clear();
    this.deadlines.clear();
  }

  async applyBatch(items: ApplyItem[]): Promise<ApplyOutcome> {
    this.calls.apply++;
    await this.beforeApply?.(items);
    if (this.failApply > 0) {
      this.failApply--;
      throw new StoreUnavailableError(this.failKind, new Error('redis away'));
    }
    const out: ApplyOutcome = { verdicts: [], records: [], epochs: new Map(), notLoaded: [] };
    const touched = new Map<string, LiveSpace>();
    for (const it of items) {
      const marker = this.markers.get(it.lotId);
      if (marker === undefined) {
        if (!out.notLoaded.includes(it.lotId)) out.notLoaded.push(it.lotId);
        out.verdicts.push({ verdict: 'apply', gap: 0 });
        continue;
      }
      out.epochs.set(it.lotId, marker);
      const cur = this.records.get(it.spaceId);
      const verdict =
        cur && cur.seq === it.seq ? 'duplicate' : cur && cur.seq > it.seq ? 'late' : 'apply';
      out.verdicts.push({ verdict, gap: 0 });
      if (verdict !== 'apply') continue;
      const rec: LiveSpace = {
        spaceId: it.spaceId,
        lotId: it.lotId,
        state: it.occupied ? 'occupied' : 'free',
        since: it.ts,
        lastSeen: it.receivedAt,
        seq: it.seq,
        bootTs: 0,
        lastTs: it.ts,
        occupied: it.occupied,
        batteryMv: null,
        batteryLow: false,
        sensorId: it.sensorId,
        ver: (cur?.ver ?? 0) + 1,
        lost: 0,
        staleMs: it.staleMs,
      };
      this.records.set(it.spaceId, rec);
      touched.set(it.spaceId, rec);
    }
    for (const r of touched.values()) out.records.push(packed(r));
    return out;
  }

  async rebuildLots(lots: RebuildLot[], _now: number, force: boolean | 'refresh') {
    this.calls.rebuilds.push({ lots: lots.map((l) => l.lotId), force });
    await this.beforeRebuild?.(lots, force);
    let n = 0;
    for (const lot of lots) {
      if (this.markers.has(lot.lotId) && force === false) continue;
      for (const s of lot.spaces) {
        const cur = this.records.get(s.spaceId);
        if (force === 'refresh' && cur && (!s.record || cur.ver >= s.record.ver)) continue;
        if (s.record) this.records.set(s.spaceId, s.record);
        else this.records.delete(s.spaceId);
        if (s.record && s.record.state !== 'unknown')
          this.deadlines.set(s.spaceId, s.record.lastSeen + s.record.staleMs);
      }
      this.markers.set(lot.lotId, `e${++this.epoch}`);
      n++;
    }
    return n;
  }

  async settle(records: PackedRecord[], lotIds: string[]) {
    this.calls.settle++;
    await this.beforeSettle?.(records, lotIds);
    for (const r of records) this.deadlines.set(r.spaceId, r.staleAt);
    return new Map(lotIds.map((l) => [l, this.markers.get(l) ?? '']));
  }

  /** Like the Lua sweep: re-checks each record's own deadline; answers how many changed. */
  async sweepStale(now: number, limit: number, zoneOf: (lotId: string) => string | undefined) {
    this.calls.sweeps.push({ now, limit });
    const due = [...this.deadlines]
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit);
    let changed = 0;
    for (const [spaceId] of due) {
      this.deadlines.delete(spaceId);
      const rec = this.records.get(spaceId);
      const deadline = rec ? rec.lastSeen + rec.staleMs : Infinity;
      if (!rec || rec.state === 'unknown' || deadline > now) continue;
      this.records.set(spaceId, { ...rec, state: 'unknown', since: deadline, ver: rec.ver + 1 });
      this.swept.push({ spaceId, zoneId: zoneOf(rec.lotId) });
      changed++;
    }
    return changed;
  }

  async publishReset(): Promise<void> {
    this.calls.resets++;
  }

  async invalidateLots(lotIds: string[]): Promise<void> {
    for (const l of lotIds) this.markers.delete(l);
  }
}

function packed(r: LiveSpace): PackedRecord {
  return {
    spaceId: r.spaceId,
    lotId: r.lotId,
    ver: r.ver,
    packed: JSON.stringify(r),
    staleAt: r.lastSeen + r.staleMs,
  };
}
