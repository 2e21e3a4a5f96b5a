import { seqDistance } from './seq';
import { SensorEventType } from './sensor-event';

/** What the live state remembers of a sensor to order its uplinks. */
export interface SensorCursor {
  sensorId: string;
  seq: number;
  /** `ts` of the last `startup` seen, 0 when none. */
  bootTs: number;
}

export type OrderVerdict = 'apply' | 'late' | 'duplicate';

export interface OrderDecision {
  verdict: OrderVerdict;
  /** Uplinks lost between the previous applied seq and this one. */
  gap: number;
  /** The cursor after the event (unchanged unless applied). */
  next: SensorCursor;
}

/**
 * Seq ordering (MISSION section 3): seq compared with RFC 1982 arithmetic; a `startup` newer than
 * the current boot resets the baseline; an event older than the current boot's startup is late.
 * The Lua apply script in libs/live-store implements exactly this; keep them in step.
 */
export function orderEvent(
  prev: SensorCursor | undefined,
  ev: { sensorId: string; seq: number; type: SensorEventType; ts: number },
): OrderDecision {
  const applied = (bootTs: number, gap: number): OrderDecision => ({
    verdict: 'apply',
    gap,
    next: { sensorId: ev.sensorId, seq: ev.seq, bootTs },
  });
  if (!prev || prev.sensorId !== ev.sensorId) {
    return applied(ev.type === 'startup' ? ev.ts : 0, 0);
  }
  if (ev.type === 'startup' && ev.ts > prev.bootTs) return applied(ev.ts, 0);
  if (ev.ts < prev.bootTs) return { verdict: 'late', gap: 0, next: prev };
  const d = seqDistance(prev.seq, ev.seq);
  if (d === 0) return { verdict: 'duplicate', gap: 0, next: prev };
  if (d < 2 ** 31) return applied(prev.bootTs, d - 1);
  return { verdict: 'late', gap: 0, next: prev };
}
