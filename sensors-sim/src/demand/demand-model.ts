import type { Prng } from '../random/prng';
import { DayCalendar, DayKind } from './day-calendar';
import {
  DEMAND_CURVES,
  DEMAND_PROFILES,
  dwellSpec,
  meanDwellMin,
  type DemandProfile,
} from './demand-profiles';

const SLOT_MS = 15 * 60_000;
const SLOTS = 96;
const HOUR_MS = 3_600_000;
const MIN_DWELL_MS = 30_000;
const KINDS = [DayKind.SchoolDay, DayKind.WorkingDay, DayKind.RestDay];

/**
 * Arrivals and departures per space. A space is a one-car queue: arrivals come at rate lambda(t)
 * while it is free, a car stays a lognormal dwell. lambda follows the fluid model of the target
 * share p(t) (hourly curve, interpolated): dp/dt = lambda (1 - p) - p / meanDwell, so
 * lambda = (p' + p / meanDwell) / (1 - p), never below a trickle.
 */
export class DemandModel {
  /** [profile][dayKind * 96 + slot] arrivals per ms, piecewise constant per 15 minutes. */
  private readonly rates: Float64Array[];

  constructor(
    readonly calendar: DayCalendar,
    private readonly demandScale = 1,
  ) {
    this.rates = DEMAND_PROFILES.map((profile) => {
      const out = new Float64Array(KINDS.length * SLOTS);
      for (const kind of KINDS) {
        for (let s = 0; s < SLOTS; s++) {
          const from = s / 4;
          const p = this.curveAt(profile, kind, from + 0.125);
          const slope =
            (this.curveAt(profile, kind, from + 0.25) - this.curveAt(profile, kind, from)) / 0.25;
          const dwellH = meanDwellMin(dwellSpec(profile, Math.floor(from))) / 60;
          const perHour = Math.max(0.02, (slope + p / dwellH) / (1 - p));
          out[kind * SLOTS + s] = perHour / HOUR_MS;
        }
      }
      return out;
    });
  }

  /** Target occupied share at a local hour (fractional) of a day kind: hourly values at mid-hour, interpolated. */
  curveAt(profile: DemandProfile, kind: DayKind, hour: number): number {
    const curve = this.curveOf(profile, kind);
    const x = (((hour - 0.5) % 24) + 24) % 24;
    const h0 = Math.floor(x);
    const f = x - h0;
    const v = curve[h0] * (1 - f) + curve[(h0 + 1) % 24] * f;
    return Math.min(0.95, v * this.demandScale);
  }

  /** Target occupied share at an instant. */
  targetAt(profile: DemandProfile, ms: number): number {
    const local = ms + this.calendar.utcOffsetMs;
    const hour = (((local % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS;
    return this.curveAt(profile, this.calendar.kindOf(ms), hour);
  }

  /** Exact sample of the next arrival after `from` for piecewise-constant rates. */
  nextArrival(profile: DemandProfile, from: number, rng: Prng): number {
    const table = this.rates[DEMAND_PROFILES.indexOf(profile)];
    const offset = this.calendar.utcOffsetMs;
    let budget = rng.exponential(1);
    let t = from;
    for (let guard = 0; guard < SLOTS * 30; guard++) {
      const local = t + offset;
      const slotEnd = (Math.floor(local / SLOT_MS) + 1) * SLOT_MS - offset;
      const slot = Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / SLOT_MS);
      const rate = table[this.calendar.kindOf(t) * SLOTS + slot];
      const mass = rate * (slotEnd - t);
      if (mass >= budget) return t + budget / rate;
      budget -= mass;
      t = slotEnd;
    }
    return t;
  }

  dwellMs(profile: DemandProfile, arrival: number, rng: Prng): number {
    const spec = dwellSpec(profile, this.calendar.hourOf(arrival));
    return Math.max(MIN_DWELL_MS, rng.lognormal(spec.medianMin, spec.sigma) * 60_000);
  }

  private curveOf(profile: DemandProfile, kind: DayKind): readonly number[] {
    const curve = DEMAND_CURVES[profile];
    const schoolTraffic = profile === 'school' || profile === 'tidal';
    const working = kind === DayKind.SchoolDay || (kind === DayKind.WorkingDay && !schoolTraffic);
    return working ? curve.working : curve.rest;
  }
}
