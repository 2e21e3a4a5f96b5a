import { DomainError } from '../errors/domain.error';
import { DayCache } from './day-cache';
import {
  clockOfMinute,
  dateOfDayNumber,
  DAY_MS,
  DayNumber,
  HOUR_MS,
  MINUTE_MS,
} from './local-date';

/** UTC offsets of one UTC day: `before` until `transitionAt`, `after` from it (ms, local - UTC). */
interface UtcDayOffsets {
  readonly before: number;
  readonly transitionAt: number;
  readonly after: number;
}

/** A local instant split into its local day, minute of the day and wall-clock text. */
export interface LocalParts {
  readonly day: DayNumber;
  readonly date: string;
  readonly minuteOfDay: number;
  readonly time: string;
  readonly offsetMin: number;
}

/**
 * The clock of one IANA time zone. Offsets come from `Intl` once per UTC day and are cached, so
 * the hot path (instant -> local day, local wall time -> instant) does integer arithmetic only and
 * never depends on the machine's own time zone.
 *
 * Daylight saving: a local wall time maps to the FIRST instant at which the local clock shows that
 * time or a later one on that date. A wall time inside a spring-forward gap (02:30 in Berlin on the
 * last Sunday of March) therefore maps to the end of the gap (03:00 CEST); a wall time that occurs
 * twice in an autumn overlap (02:30 on the last Sunday of October) maps to its first occurrence
 * (CEST). Local days are the dates the local clock shows, so a change day lasts 23 or 25 hours.
 */
export class ZoneClock {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly utcDays = new Map<number, UtcDayOffsets>();
  private readonly dayStarts = new Map<DayNumber, number>();
  /** In front of `utcDays`. */
  private readonly recent = new DayCache<UtcDayOffsets>(1024);

  constructor(readonly timeZone: string) {
    try {
      this.fmt = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new DomainError('validation_failed', `unknown time zone "${timeZone}"`);
    }
  }

  /** UTC offset in ms (local - UTC) in force at the instant. */
  offsetAt(instant: number): number {
    const utcDay = Math.floor(instant / DAY_MS);
    const rec = this.recent.get(utcDay, (d) => this.utcDays.get(d) ?? this.computeUtcDay(d));
    return instant < rec.transitionAt ? rec.before : rec.after;
  }

  /** The local wall-clock time of the instant, as ms since 1970-01-01T00:00 local. */
  toLocalMs(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /** The local day (date shown by the local clock) of the instant. */
  dayOf(instant: number): DayNumber {
    return Math.floor((instant + this.offsetAt(instant)) / DAY_MS);
  }

  /** Local day, minute of the day and texts of the instant. */
  partsOf(instant: number): LocalParts {
    const offset = this.offsetAt(instant);
    const local = instant + offset;
    const day = Math.floor(local / DAY_MS);
    const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
    return {
      day,
      date: dateOfDayNumber(day),
      minuteOfDay,
      time: clockOfMinute(minuteOfDay),
      offsetMin: Math.round(offset / MINUTE_MS),
    };
  }

  /** RFC 3339 text of the instant in local time with its offset, e.g. `2026-10-01T08:00:00+08:00`. */
  format(instant: number): string {
    const offset = this.offsetAt(instant);
    const iso = new Date(instant + offset).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(Math.round(offset / MINUTE_MS));
    return `${iso}${sign}${clockOfMinute(abs)}`;
  }

  /**
   * The first instant at which the local clock shows `minuteOfDay` (0..1440) or later on `day`
   * (see the class comment for gaps and overlaps). 1440 is the start of the next day.
   */
  instantOf(day: DayNumber, minuteOfDay: number): number {
    if (minuteOfDay === 0) return this.startOf(day);
    if (minuteOfDay >= 1440) return this.startOf(day + Math.floor(minuteOfDay / 1440));
    return this.fromLocalMs(day * DAY_MS + minuteOfDay * MINUTE_MS);
  }

  /** The instant the local day starts (its 00:00, or the end of a gap that swallows midnight). */
  startOf(day: DayNumber): number {
    let s = this.dayStarts.get(day);
    if (s === undefined) {
      s = this.fromLocalMs(day * DAY_MS);
      this.dayStarts.set(day, s);
    }
    return s;
  }

  /** Local wall time (ms since local epoch) -> instant, with the gap/overlap policy above. */
  fromLocalMs(local: number): number {
    const before = this.offsetAt(local - 15 * HOUR_MS);
    const after = this.offsetAt(local + 15 * HOUR_MS);
    if (before === after) {
      const u = local - before;
      if (this.offsetAt(u) === before) return u;
    }
    const u1 = local - before;
    const u2 = local - after;
    const ok1 = this.offsetAt(u1) === before;
    const ok2 = this.offsetAt(u2) === after;
    if (ok1 && ok2) return Math.min(u1, u2);
    if (ok1) return u1;
    if (ok2) return u2;
    return this.transitionBetween(Math.min(u1, u2), Math.max(u1, u2));
  }

  private transitionBetween(a: number, b: number): number {
    for (let d = Math.floor(a / DAY_MS) - 1; d <= Math.floor(b / DAY_MS) + 1; d++) {
      this.offsetAt(d * DAY_MS);
      const rec = this.utcDays.get(d);
      if (rec && rec.transitionAt > a && rec.transitionAt <= b) return rec.transitionAt;
    }
    return b;
  }

  private computeUtcDay(utcDay: number): UtcDayOffsets {
    const start = utcDay * DAY_MS;
    const before = this.rawOffset(start);
    const end = this.rawOffset(start + DAY_MS);
    let rec: UtcDayOffsets;
    if (before === end) rec = { before, transitionAt: Infinity, after: before };
    else {
      let lo = 0;
      let hi = 1440;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (this.rawOffset(start + mid * MINUTE_MS) === before) lo = mid;
        else hi = mid;
      }
      rec = { before, transitionAt: start + hi * MINUTE_MS, after: end };
    }
    this.utcDays.set(utcDay, rec);
    return rec;
  }

  private rawOffset(instant: number): number {
    const whole = Math.floor(instant / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of this.fmt.formatToParts(new Date(whole))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return local - whole;
  }
}
