import { CompiledWindow, compileWindow, splitDay } from '../calendar/compiled-window';
import { DayContext } from '../calendar/day-context';
import { DayCache } from '../time/day-cache';
import { DayNumber, HOUR_MS, MINUTE_MS } from '../time/local-date';
import { PricingTier } from './pricing.schema';

/** A piece of a local day with one price. */
export interface PriceSegment {
  readonly start: number;
  readonly end: number;
  readonly pricePerHour: number;
  /** Index of the band in force, or -1 for the base price. */
  readonly band: number;
}

/**
 * One pricing tier compiled against the city's clock and calendar. The first band whose window
 * covers an instant sets the price; outside every band the base price applies.
 */
export class TierPricing {
  private readonly windows: readonly CompiledWindow[];
  private readonly days = new DayCache<readonly PriceSegment[]>(32);

  constructor(
    readonly tier: PricingTier,
    private readonly ctx: DayContext,
  ) {
    this.windows = tier.bands.map((b) => compileWindow(b.window));
  }

  /** Price per hour in force at the instant. */
  priceAt(instant: number, day: DayNumber = this.ctx.clock.dayOf(instant)): number {
    return this.segmentAt(instant, day).pricePerHour;
  }

  segmentAt(instant: number, day: DayNumber = this.ctx.clock.dayOf(instant)): PriceSegment {
    const segs = this.segmentsOf(day);
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].start <= instant) lo = mid;
      else hi = mid - 1;
    }
    return segs[lo];
  }

  /** The day's price segments, covering the local day without gaps. */
  segmentsOf(day: DayNumber): readonly PriceSegment[] {
    return this.days.get(day, (d) => this.buildDay(d));
  }

  /**
   * Cost of a stay [start, end): the first `freeMinutes` are free, each moment is charged pro rata
   * at the price in force, each local day's charge is capped at `dailyCap`; rounded to 0.01.
   */
  cost(start: number, end: number): number {
    const chargeFrom = start + this.tier.freeMinutes * MINUTE_MS;
    if (end <= chargeFrom) return 0;
    const clock = this.ctx.clock;
    let total = 0;
    for (let day = clock.dayOf(chargeFrom); day <= clock.dayOf(end - 1); day++) {
      let dayCharge = 0;
      for (const s of this.segmentsOf(day)) {
        const a = Math.max(s.start, chargeFrom);
        const b = Math.min(s.end, end);
        if (b > a) dayCharge += (s.pricePerHour * (b - a)) / HOUR_MS;
      }
      const cap = this.tier.dailyCap;
      total += cap !== null && cap !== undefined ? Math.min(dayCharge, cap) : dayCharge;
    }
    return Math.round(total * 100) / 100;
  }

  /** "6 CNY per hour now; first 15 minutes free; at most 40 CNY per day". */
  describe(pricePerHour: number, currency: string): string {
    const parts = [`${pricePerHour} ${currency} per hour now`];
    if (this.tier.freeMinutes > 0) parts.push(`first ${this.tier.freeMinutes} minutes free`);
    if (this.tier.dailyCap !== null && this.tier.dailyCap !== undefined) {
      parts.push(`at most ${this.tier.dailyCap} ${currency} per day`);
    }
    return parts.join('; ');
  }

  private buildDay(day: DayNumber): PriceSegment[] {
    const out: PriceSegment[] = [];
    for (const p of splitDay(day, this.windows, this.ctx)) {
      const band = p.active.length > 0 ? p.active[0] : -1;
      const pricePerHour =
        band >= 0 ? this.tier.bands[band].pricePerHour : this.tier.basePricePerHour;
      const last = out[out.length - 1];
      if (last && last.band === band) out[out.length - 1] = { ...last, end: p.end };
      else out.push({ start: p.start, end: p.end, pricePerHour, band });
    }
    return out;
  }
}
