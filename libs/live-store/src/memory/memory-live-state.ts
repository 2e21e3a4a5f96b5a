import { orderEvent, SensorCursor } from '@app/domain';
import {
  ApplyItem,
  ApplyOutcome,
  ApplyVerdict,
  indexesByLot,
  PackedRecord,
  RebuildLot,
} from '../live-apply';
import {
  LiveChange,
  LiveChangeMessage,
  LiveSpace,
  LiveState,
  LotCounts,
  sumZoneCounts,
  ZoneCounts,
} from '../live-space';
import { LiveStateWriter, LiveStore } from '../live-store.port';
import { decodeRecord, encodeRecord } from '../record-codec';

/** Events per published message, as the Redis writer's apply calls (one message per call). */
const APPLY_CHUNK_EVENTS = 500;

/** What Redis holds for one lot: the `s` hash, the `c` hash and the `m` marker. */
interface LotKeys {
  records: Map<string, string>;
  counts: Record<LiveState, number>;
  marker: string | undefined;
}

interface Subscriber {
  onMessage: (m: LiveChangeMessage) => void;
  onResync: () => void;
  active: boolean;
}

export interface MemoryLiveStateOptions {
  /** A subscriber that threw (default: rethrown outside the delivery, as an uncaught error). */
  onError?: (err: unknown) => void;
}

type Delta = Record<LiveState, number>;

const member = (lotId: string, spaceId: string) => `${lotId}\t${spaceId}`;
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The live state in process memory, for one process holding api, ingest and enforcer (the
 * development profile) and for tests: the read side (`LiveStore`) and the write side
 * (`LiveStateWriter`) on one shared state. Same semantics as the Redis adapter and its Lua
 * scripts (apply.lua.ts, rebuild.lua.ts, sweep.lua.ts), contract-tested against them: records
 * packed with the same codec, ordering by `orderEvent()`, counts, markers and epochs, stale
 * deadlines, one change message per apply chunk and per swept lot. Each call is atomic (no await
 * inside); change messages are delivered asynchronously, in order, as Redis pub/sub would, and
 * never inside the call that published them.
 */
export class MemoryLiveState extends LiveStateWriter implements LiveStore {
  private readonly lots = new Map<string, LotKeys>();
  /** `{ingest}:lots`: every lot id that had keys. */
  private readonly lotSet = new Set<string>();
  /** `{ingest}:deadlines`: member `<lotId>\t<spaceId>` -> stale deadline (epoch ms). */
  private readonly deadlines = new Map<string, number>();
  private readonly subscribers = new Set<Subscriber>();
  private queue: Array<{ text: string; to: Subscriber[] }> = [];
  private scheduled = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly opts: MemoryLiveStateOptions = {}) {
    super();
  }

  // ---------------------------------------------------------------- write side

  async applyBatch(items: ApplyItem[]): Promise<ApplyOutcome> {
    if (items.length === 0) return { verdicts: [], records: [], epochs: new Map(), notLoaded: [] };
    const byLot = indexesByLot(items);
    const chunks: string[][] = [[]];
    let inChunk = 0;
    for (const [lot, idx] of byLot) {
      if (inChunk > 0 && inChunk + idx.length > APPLY_CHUNK_EVENTS) {
        chunks.push([]);
        inChunk = 0;
      }
      chunks[chunks.length - 1].push(lot);
      inChunk += idx.length;
    }
    const verdicts: ApplyVerdict[] = new Array<ApplyVerdict>(items.length);
    const records: PackedRecord[] = [];
    const epochs = new Map<string, string>();
    const notLoaded: string[] = [];
    for (const chunk of chunks) {
      const changes: LiveChange[] = [];
      const lotsChanged: Array<LotCounts & { zoneId: string }> = [];
      for (const lotId of chunk) {
        const idx = byLot.get(lotId) as number[];
        const zoneId = items[idx[0]].zoneId;
        const before = changes.length;
        const marker = this.applyLot(
          lotId,
          zoneId,
          idx.map((i) => items[i]),
          changes,
          records,
          (j, v) => (verdicts[idx[j]] = v),
        );
        if (marker === '') {
          notLoaded.push(lotId);
          continue;
        }
        epochs.set(lotId, marker);
        if (changes.length > before) lotsChanged.push(this.countsOf(lotId, zoneId));
      }
      if (changes.length > 0) this.publish({ v: 1, changes, lots: lotsChanged });
    }
    for (const lot of byLot.keys()) this.lotSet.add(lot);
    return { verdicts, records, epochs, notLoaded };
  }

  /** apply.lua.ts `applyLot`: '' when the lot is not loaded (nothing applied). */
  private applyLot(
    lotId: string,
    zoneId: string,
    items: ApplyItem[],
    changes: LiveChange[],
    records: PackedRecord[],
    verdictOf: (j: number, v: ApplyVerdict) => void,
  ): string {
    const lot = this.lots.get(lotId);
    if (!lot || lot.marker === undefined) return '';
    const cache = new Map<string, LiveSpace | null>();
    for (const it of items) {
      if (cache.has(it.spaceId)) continue;
      const raw = lot.records.get(it.spaceId);
      cache.set(it.spaceId, raw === undefined ? null : decodeRecord(lotId, it.spaceId, raw));
    }
    const dirty = new Set<string>();
    const marked = new Set<string>();
    const delta: Delta = { free: 0, occupied: 0, unknown: 0 };
    items.forEach((it, j) => {
      const r = cache.get(it.spaceId) ?? null;
      const cursor: SensorCursor | undefined = r
        ? { sensorId: r.sensorId, seq: r.seq, bootTs: r.bootTs, seen: r.seen ?? 0 }
        : undefined;
      const d = orderEvent(cursor, it);
      verdictOf(j, { verdict: d.verdict, gap: d.gap });
      if (d.verdict !== 'apply') {
        if (r && d.next !== cursor) {
          // a late event inside the window: only the window changes (stored, never published)
          r.seen = d.next.seen;
          r.ver += 1;
          marked.add(it.spaceId);
        }
        return;
      }
      const st: LiveState = it.occupied ? 'occupied' : 'free';
      const same = r !== null && r.sensorId === it.sensorId;
      const nr: LiveSpace = {
        spaceId: it.spaceId,
        lotId,
        state: st,
        since: r && r.state === st ? r.since : it.ts,
        lastSeen: r && r.lastSeen > it.receivedAt ? r.lastSeen : it.receivedAt,
        seq: it.seq,
        bootTs: d.next.bootTs,
        lastTs: it.ts,
        occupied: it.occupied,
        batteryMv: same ? r.batteryMv : null,
        batteryLow: same ? r.batteryLow : false,
        sensorId: it.sensorId,
        ver: r ? r.ver + 1 : 1,
        lost: same ? r.lost + d.gap : d.gap,
        staleMs: it.staleMs,
        seen: d.next.seen,
      };
      const bat = it.batteryMv ?? -1;
      if (bat >= 0) {
        const low = it.lowBatteryMv ?? -1;
        nr.batteryMv = bat;
        nr.batteryLow = low >= 0 && bat < low;
      }
      const prev: LiveState = r ? r.state : 'unknown';
      if (prev !== st) {
        delta[prev] -= 1;
        delta[st] += 1;
      }
      cache.set(it.spaceId, nr);
      dirty.add(it.spaceId);
    });
    for (const [spaceId, r] of cache) {
      if (!r) continue;
      const packed = encodeRecord(r);
      if (dirty.has(spaceId) || marked.has(spaceId)) lot.records.set(spaceId, packed);
      if (dirty.has(spaceId)) changes.push(toChange(r, zoneId));
      records.push({ spaceId, lotId, packed, ver: r.ver, staleAt: r.lastSeen + r.staleMs });
    }
    bump(lot.counts, delta);
    return lot.marker;
  }

  async rebuildLots(lots: RebuildLot[], now: number, force: boolean | 'refresh'): Promise<number> {
    const epoch = `${now}-${Math.random().toString(36).slice(2, 10)}`;
    let written = 0;
    for (const l of lots) {
      for (const s of l.spaces) {
        if (s.record && s.record.state !== 'unknown') {
          this.deadlines.set(member(l.lotId, s.spaceId), s.record.lastSeen + s.record.staleMs);
        }
      }
      this.lotSet.add(l.lotId);
      written += this.rebuildLot(l, epoch, force);
    }
    return written;
  }

  /** rebuild.lua.ts: mode 0 (false) skips a loaded lot, 1 (true) replaces, 2 ('refresh') merges. */
  private rebuildLot(l: RebuildLot, epoch: string, force: boolean | 'refresh'): number {
    let lot = this.lots.get(l.lotId);
    if (force === false && lot?.marker !== undefined) return 0;
    if (!lot) {
      lot = { records: new Map(), counts: { free: 0, occupied: 0, unknown: 0 }, marker: undefined };
      this.lots.set(l.lotId, lot);
    }
    if (force !== 'refresh') lot.records.clear();
    else {
      const keep = new Set(l.spaces.map((s) => s.spaceId));
      for (const id of [...lot.records.keys()]) if (!keep.has(id)) lot.records.delete(id);
    }
    let free = 0;
    let occupied = 0;
    for (const s of l.spaces) {
      let r: LiveSpace | null = null;
      if (force === 'refresh') {
        const cur = lot.records.get(s.spaceId);
        if (cur !== undefined) r = decodeRecord(l.lotId, s.spaceId, cur);
      }
      if (s.record) {
        const packed = encodeRecord(s.record);
        const g = decodeRecord(l.lotId, s.spaceId, packed);
        if (!r || r.ver < g.ver) {
          lot.records.set(s.spaceId, packed);
          r = g;
        }
      }
      if (r?.state === 'free') free++;
      else if (r?.state === 'occupied') occupied++;
    }
    lot.counts = { free, occupied, unknown: Math.max(0, l.spaces.length - free - occupied) };
    lot.marker = epoch;
    return 1;
  }

  async settle(records: PackedRecord[], lotIds: string[]): Promise<Map<string, string>> {
    for (const r of records) this.deadlines.set(member(r.lotId, r.spaceId), r.staleAt);
    return new Map(lotIds.map((l) => [l, this.lots.get(l)?.marker ?? '']));
  }

  async sweepStale(
    now: number,
    limit: number,
    zoneOf: (lotId: string) => string | undefined,
  ): Promise<number> {
    const due: Array<[string, number]> = [];
    for (const e of this.deadlines) if (e[1] <= now) due.push(e);
    due.sort((a, b) => a[1] - b[1] || byteOrder(a[0], b[0]));
    if (limit >= 0) due.length = Math.min(due.length, limit);
    if (due.length === 0) return 0;
    const byLot = new Map<string, string[]>();
    for (const [m] of due) {
      const [lot, space] = m.split('\t');
      const list = byLot.get(lot);
      if (list) list.push(space);
      else byLot.set(lot, [space]);
    }
    let changed = 0;
    for (const [lotId, spaces] of byLot)
      changed += this.sweepLot(lotId, zoneOf(lotId) ?? '', now, spaces);
    for (const [m] of due) {
      const at = this.deadlines.get(m);
      if (at !== undefined && at <= now) this.deadlines.delete(m);
    }
    return changed;
  }

  /** sweep.lua.ts: re-checks each record's own deadline; one message for the lot. */
  private sweepLot(lotId: string, zoneId: string, now: number, spaces: string[]): number {
    const lot = this.lots.get(lotId);
    if (!lot || lot.marker === undefined) return 0;
    const delta: Delta = { free: 0, occupied: 0, unknown: 0 };
    const changes: LiveChange[] = [];
    for (const spaceId of spaces) {
      const raw = lot.records.get(spaceId);
      if (raw === undefined) continue;
      const r = decodeRecord(lotId, spaceId, raw);
      const deadline = r.lastSeen + r.staleMs;
      if (r.state === 'unknown' || deadline > now) continue;
      delta[r.state] -= 1;
      delta.unknown += 1;
      r.state = 'unknown';
      r.since = deadline;
      r.ver += 1;
      lot.records.set(spaceId, encodeRecord(r));
      changes.push(toChange(r, zoneId));
    }
    bump(lot.counts, delta);
    if (changes.length > 0) {
      this.publish({ v: 1, changes, lots: [this.countsOf(lotId, zoneId)] });
    }
    return changes.length;
  }

  async invalidateLots(lotIds: string[]): Promise<void> {
    for (const l of lotIds) {
      const lot = this.lots.get(l);
      if (lot) lot.marker = undefined;
    }
  }

  async publishReset(): Promise<void> {
    this.publish({ v: 1, reset: true });
  }

  // ---------------------------------------------------------------- read side

  async snapshotSpaces(lotIds?: string[]): Promise<LiveSpace[]> {
    const out: LiveSpace[] = [];
    for (const lotId of lotIds ?? [...this.lotSet]) {
      const lot = this.lots.get(lotId);
      if (!lot) continue;
      for (const [spaceId, packed] of lot.records) out.push(decodeRecord(lotId, spaceId, packed));
    }
    return out;
  }

  async lotCounts(lotIds?: string[]): Promise<LotCounts[]> {
    return (lotIds ?? [...this.lotSet]).map((lotId) => {
      const c = this.lots.get(lotId)?.counts;
      return { lotId, free: c?.free ?? 0, occupied: c?.occupied ?? 0, unknown: c?.unknown ?? 0 };
    });
  }

  async zoneCounts(lotsByZone: Map<string, string[]>): Promise<ZoneCounts[]> {
    const all = [...new Set([...lotsByZone.values()].flat())];
    return sumZoneCounts(lotsByZone, await this.lotCounts(all));
  }

  async getSpace(lotId: string, spaceId: string): Promise<LiveSpace | null> {
    const packed = this.lots.get(lotId)?.records.get(spaceId);
    return packed === undefined ? null : decodeRecord(lotId, spaceId, packed);
  }

  async subscribeChanges(
    onMessage: (m: LiveChangeMessage) => void,
    onResync: () => void = () => undefined,
  ): Promise<() => Promise<void>> {
    const sub: Subscriber = { onMessage, onResync, active: true };
    this.subscribers.add(sub);
    return async () => {
      sub.active = false;
      this.subscribers.delete(sub);
    };
  }

  // ---------------------------------------------------------------- for tests and tools

  /** Resolves once every change message published so far has been delivered. */
  flushChanges(): Promise<void> {
    if (!this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Forgets every record, count, marker and deadline, as a Redis that lost its data. */
  clear(): void {
    this.lots.clear();
    this.lotSet.clear();
    this.deadlines.clear();
  }

  /** A space's packed record as stored (docs/live-store.md section 2), undefined when none. */
  packedRecord(lotId: string, spaceId: string): string | undefined {
    return this.lots.get(lotId)?.records.get(spaceId);
  }

  /** Stores a packed record as is (no counts, no marker): HSET on the lot's records. */
  putPackedRecord(lotId: string, spaceId: string, packed: string): void {
    let lot = this.lots.get(lotId);
    if (!lot) {
      lot = { records: new Map(), counts: { free: 0, occupied: 0, unknown: 0 }, marker: undefined };
      this.lots.set(lotId, lot);
    }
    lot.records.set(spaceId, packed);
  }

  // ---------------------------------------------------------------- change delivery

  private countsOf(lotId: string, zoneId: string): LotCounts & { zoneId: string } {
    const c = (this.lots.get(lotId) as LotKeys).counts;
    return { lotId, zoneId, free: c.free, occupied: c.occupied, unknown: c.unknown };
  }

  /** Queues the message for the current subscribers; delivered later, as text (like Redis). */
  private publish(m: LiveChangeMessage): void {
    if (this.subscribers.size === 0) return;
    this.queue.push({ text: JSON.stringify(m), to: [...this.subscribers] });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.deliver());
  }

  private deliver(): void {
    const errors: unknown[] = [];
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      for (const { text, to } of batch) {
        for (const sub of to) {
          if (!sub.active) continue;
          try {
            const m = JSON.parse(text) as LiveChangeMessage;
            sub.onMessage(m);
            if (m.reset) sub.onResync();
          } catch (err) {
            errors.push(err);
          }
        }
      }
    }
    this.scheduled = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    for (const err of errors) {
      if (this.opts.onError) this.opts.onError(err);
      else
        setImmediate(() => {
          throw err;
        });
    }
  }
}

function toChange(r: LiveSpace, zoneId: string): LiveChange {
  return {
    spaceId: r.spaceId,
    lotId: r.lotId,
    zoneId,
    state: r.state,
    since: r.since,
    lastSeen: r.lastSeen,
    seq: r.seq,
    batteryLow: r.batteryLow,
    ver: r.ver,
  };
}

/** HINCRBY per changed count, clamped at 0 (lua-common.ts `bump`). */
function bump(counts: Record<LiveState, number>, delta: Delta): void {
  for (const st of ['free', 'occupied', 'unknown'] as const) {
    if (delta[st] !== 0) counts[st] = Math.max(0, counts[st] + delta[st]);
  }
}
