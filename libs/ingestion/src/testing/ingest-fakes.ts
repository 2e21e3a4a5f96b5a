import {
  ApplyItem,
  ApplyOutcome,
  LiveSpace,
  LiveStateWriter,
  PackedRecord,
  RebuildLot,
} from '@app/live-store';
import { EventLog, HistoryRow, RecordBatch, RejectionRow } from '../ports/event-log.port';
import { StoreRefusedError, StoreUnavailableError } from '../store-errors';

/** In-memory history for unit tests: refuses rows of chosen sensors, fails on demand. */
export class FakeEventLog extends EventLog {
  readonly refuse = new Set<string>();
  failNext = 0;
  recordCalls = 0;
  private readonly rows = new Map<string, HistoryRow>();
  readonly rejections: RejectionRow[] = [];
  readonly states = new Map<string, LiveSpace>();

  keys(): string[] {
    return [...this.rows.values()].map((r) => `${r.sensorId}|${r.seq}`);
  }

  private check(batch: RecordBatch): string | null {
    const bad = batch.events.find((e) => this.refuse.has(e.sensorId));
    return bad ? `22023: refused ${bad.sensorId}` : null;
  }

  async record(batch: RecordBatch): Promise<boolean[]> {
    this.recordCalls++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new StoreUnavailableError('unavailable', new Error('connection refused'));
    }
    const refused = this.check(batch);
    if (refused) throw new StoreRefusedError(refused);
    this.rejections.push(...batch.rejections);
    for (const s of batch.states) {
      const rec = JSON.parse(s.packed) as LiveSpace;
      const cur = this.states.get(s.spaceId);
      if (!cur || cur.ver < rec.ver) this.states.set(s.spaceId, rec);
    }
    return batch.events.map((e) => {
      const k = `${e.sensorId}|${e.seq}|${e.ts}`;
      if (this.rows.has(k)) return false;
      this.rows.set(k, e);
      return true;
    });
  }

  async probe(batch: RecordBatch): Promise<string | null> {
    return this.check(batch);
  }

  async loadSpaceStates(lotIds?: string[]): Promise<LiveSpace[]> {
    return [...this.states.values()].filter((s) => !lotIds || lotIds.includes(s.lotId));
  }
}

/** In-memory live store for unit tests: seq order per space, markers per lot, JSON records. */
export class FakeLiveWriter extends LiveStateWriter {
  private readonly records = new Map<string, LiveSpace>();
  private readonly markers = new Map<string, string>();
  private epoch = 0;

  space(spaceId: string): LiveSpace | undefined {
    return this.records.get(spaceId);
  }

  async applyBatch(items: ApplyItem[]): Promise<ApplyOutcome> {
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
    let n = 0;
    for (const lot of lots) {
      if (this.markers.has(lot.lotId) && force === false) continue;
      for (const s of lot.spaces) {
        if (s.record) this.records.set(s.spaceId, s.record);
        else this.records.delete(s.spaceId);
      }
      this.markers.set(lot.lotId, `e${++this.epoch}`);
      n++;
    }
    return n;
  }

  async settle(_records: PackedRecord[], lotIds: string[]) {
    return new Map(lotIds.map((l) => [l, this.markers.get(l) ?? '']));
  }

  async sweepStale(): Promise<number> {
    return 0;
  }

  async publishReset(): Promise<void> {}

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
