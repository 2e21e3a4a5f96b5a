import { seqDistance } from './seq';
import { SensorEventType } from './sensor-event';

/** How many seqs below the current one the window remembers. */
export const SEEN_WINDOW = 32;

/** What the live state remembers of a sensor to order its uplinks. */
export interface SensorCursor {
  sensorId: string;
  seq: number;
  /** `ts` of the last `startup` seen, 0 when none. */
  bootTs: number;
  /**
   * Unsigned 32-bit window of the current boot: bit k-1 set when seq - k was seen (applied in
   * order or recorded late), k = 1..32.
   */
  seen: number;
}

export type OrderVerdict = 'apply' | 'late' | 'duplicate';

export interface OrderDecision {
  verdict: OrderVerdict;
  /** Uplinks lost between the previous applied seq and this one. */
  gap: number;
  /** The cursor after the event: `prev` itself when nothing changed. */
  next: SensorCursor;
}

/** The window after moving the current seq `d` (1..2^31-1) ahead: the old current is bit d-1. */
export function shiftSeen(seen: number, d: number): number {
  if (d > SEEN_WINDOW) return 0;
  if (d === SEEN_WINDOW) return 0x80000000;
  return ((seen << d) | (1 << (d - 1))) >>> 0;
}

/**
 * Seq ordering (docs/contracts.md, sensor event contract v1): seq compared with RFC 1982 arithmetic; a `startup` newer than
 * the current boot resets the baseline; an event older than the current boot's startup is late.
 * A seq repeated within a boot is a duplicate whatever its ts, as far back as the window reaches
 * (32 seqs); an older one is late (cannot tell). A late event inside the window marks its bit,
 * so the cursor changes although the live state does not.
 * The Lua apply script in libs/live-store implements exactly this; keep them in step.
 */
export function orderEvent(
  prev: SensorCursor | undefined,
  ev: { sensorId: string; seq: number; type: SensorEventType; ts: number },
): OrderDecision {
  const applied = (bootTs: number, gap: number, seen: number): OrderDecision => ({
    verdict: 'apply',
    gap,
    next: { sensorId: ev.sensorId, seq: ev.seq, bootTs, seen },
  });
  if (!prev || prev.sensorId !== ev.sensorId) {
    return applied(ev.type === 'startup' ? ev.ts : 0, 0, 0);
  }
  if (ev.type === 'startup' && ev.ts > prev.bootTs) return applied(ev.ts, 0, 0);
  if (ev.ts < prev.bootTs) return { verdict: 'late', gap: 0, next: prev };
  const d = seqDistance(prev.seq, ev.seq);
  if (d === 0) return { verdict: 'duplicate', gap: 0, next: prev };
  if (d < 2 ** 31) return applied(prev.bootTs, d - 1, shiftSeen(prev.seen, d));
  const k = 2 ** 32 - d;
  if (k > SEEN_WINDOW) return { verdict: 'late', gap: 0, next: prev };
  if ((prev.seen >>> (k - 1)) & 1) return { verdict: 'duplicate', gap: 0, next: prev };
  return { verdict: 'late', gap: 0, next: { ...prev, seen: (prev.seen | (1 << (k - 1))) >>> 0 } };
}
