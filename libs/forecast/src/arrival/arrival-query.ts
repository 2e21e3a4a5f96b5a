import { BadParameterError } from '@app/domain';
import { ETA_MAX_MIN } from '@app/guidance';
/** An arrival less than this far ahead is answered from the current state alone. */
const NOW_TOLERANCE_MS = 60_000;

/** True when the query asks about a later arrival at all (a cheap check for the hot path). */
export function mentionsArrival(q: Record<string, unknown>): boolean {
  return q.eta !== undefined || q.at !== undefined;
}

/**
 * The arrival instant of a nearby query: `eta` minutes from now (0..1440), or `at` when it lies
 * in the future; null when the arrival is now. `at` itself is validated by guidance.
 */
export function arrivalAt(q: Record<string, unknown>, nowMs: number, atMs: number): number | null {
  const raw = q.eta;
  if (raw !== undefined && raw !== '') {
    if (q.at !== undefined && q.at !== '')
      throw new BadParameterError('eta', 'give at or eta, not both');
    if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw) || Number(raw) > ETA_MAX_MIN) {
      throw new BadParameterError('eta', `must be an integer number of minutes, 0..${ETA_MAX_MIN}`);
    }
    const eta = Number(raw);
    return eta * 60_000 < NOW_TOLERANCE_MS ? null : nowMs + eta * 60_000;
  }
  return atMs - nowMs < NOW_TOLERANCE_MS ? null : atMs;
}
