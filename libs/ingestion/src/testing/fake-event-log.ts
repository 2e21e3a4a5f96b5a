import { LiveSpace } from '@app/live-store';
import { EventLog, HistoryRow, RecordBatch, RejectionRow } from '../ports/event-log.port';
import { FailureCause, StoreRefusedError, StoreUnavailableError } from '../store-errors';

/**
 * In-memory history for unit tests: one transaction per `record` (all or nothing), refuses rows
 * of chosen sensors for good, fails transiently on demand, and lets a test hold a call.
 */
export class FakeEventLog extends EventLog {
  readonly refuse = new Set<string>();
  /** The next `record` calls fail transiently (a store away), with this cause. */
  failNext = 0;
  failKind: FailureCause = 'unavailable';
  recordCalls = 0;
  loadCalls: Array<string[] | undefined> = [];
  /** Awaited before each `record` (before it can fail or commit): hold it with a Deferred. */
  beforeRecord?: (batch: RecordBatch, call: number) => Promise<void> | void;
  /** Awaited before each `loadSpaceStates`. */
  beforeLoad?: (lotIds?: string[]) => Promise<void> | void;
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
    const call = ++this.recordCalls;
    await this.beforeRecord?.(batch, call);
    if (this.failNext > 0) {
      this.failNext--;
      throw new StoreUnavailableError(this.failKind, new Error('connection refused'));
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
    this.loadCalls.push(lotIds);
    await this.beforeLoad?.(lotIds);
    return [...this.states.values()].filter((s) => !lotIds || lotIds.includes(s.lotId));
  }
}
