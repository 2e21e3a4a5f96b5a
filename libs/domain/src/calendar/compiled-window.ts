import { TimeWindow } from '../common.schema';
import { clockOfMinute, DayNumber, minuteOfClock } from '../time/local-date';
import { DayContext } from './day-context';
import { describeSelector, selectorMask } from './day-flags';

/** A daily window ready for evaluation: minutes since local midnight and the day-selector mask. */
export interface CompiledWindow {
  readonly mask: number;
  readonly from: number;
  /** 1..1440; when <= from the window ends on the next local day. */
  readonly to: number;
  readonly crossesMidnight: boolean;
  /** "from 19:00 to 07:00 (daily)". */
  readonly text: string;
}

export function compileWindow(w: TimeWindow): CompiledWindow {
  const from = minuteOfClock(w.from);
  const to = minuteOfClock(w.to);
  return {
    mask: selectorMask(w.days),
    from,
    to,
    crossesMidnight: to <= from,
    text: windowText(w, from, to),
  };
}

/** "from 19:00 to 07:00", "from 05:00 to 06:00 on working days", "all day on rest days". */
function windowText(w: TimeWindow, from: number, to: number): string {
  const days = w.days === 'everyday' ? '' : ` ${describeSelector(w.days)}`;
  if (from === 0 && to === 1440) return `all day${days || ' daily'}`;
  return `from ${clockOfMinute(from)} to ${clockOfMinute(to)}${days}`;
}

/**
 * The instants [start, end) of the window's occurrence that starts on local `day`, or null if the
 * day selector does not match that day or the occurrence is empty (wholly inside a DST gap).
 */
export function windowOccurrence(
  w: CompiledWindow,
  day: DayNumber,
  ctx: DayContext,
): readonly [number, number] | null {
  if ((ctx.calendar.flagsOf(day) & w.mask) === 0) return null;
  const start = ctx.clock.instantOf(day, w.from);
  const end = w.crossesMidnight
    ? ctx.clock.instantOf(day + 1, w.to)
    : ctx.clock.instantOf(day, w.to);
  return start < end ? [start, end] : null;
}

/** One piece of a local day during which the same windows are active. */
export interface DayPiece {
  readonly start: number;
  readonly end: number;
  /** Indexes (into the given windows) of the windows active during the piece. */
  readonly active: readonly number[];
}

/**
 * Cuts local `day` into pieces at every window boundary. Occurrences that started the day before
 * and cross midnight are included (a window belongs to the day it starts on).
 */
export function splitDay(
  day: DayNumber,
  windows: readonly CompiledWindow[],
  ctx: DayContext,
): DayPiece[] {
  const dayStart = ctx.clock.startOf(day);
  const dayEnd = ctx.clock.startOf(day + 1);
  const occ: Array<readonly [number, number, number]> = [];
  const bounds = new Set<number>([dayStart, dayEnd]);
  windows.forEach((w, i) => {
    for (const d of [day - 1, day]) {
      const o = windowOccurrence(w, d, ctx);
      if (!o || o[1] <= dayStart || o[0] >= dayEnd) continue;
      occ.push([i, o[0], o[1]]);
      if (o[0] > dayStart) bounds.add(o[0]);
      if (o[1] < dayEnd) bounds.add(o[1]);
    }
  });
  const sorted = [...bounds].sort((a, b) => a - b);
  const pieces: DayPiece[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const s = sorted[k];
    const active: number[] = [];
    for (const [i, a, b] of occ) if (a <= s && s < b && !active.includes(i)) active.push(i);
    active.sort((x, y) => x - y);
    pieces.push({ start: s, end: sorted[k + 1], active });
  }
  return pieces;
}
