import { CalendarIndex, ZoneClock } from '@app/domain';
import { predictArrival } from '../model/arrival-predictor';
import { DayKindClock } from '../model/day-kind';
import { ForecastModel } from '../model/forecast-model';
import type { ForecastStore } from '../ports/forecast-store.port';

/** What a nearby answer carries per lot for a later arrival. */
export interface LotArrival {
  at: string;
  /** Probability of at least one usable space at `at`. */
  probability: number;
  expectedFree: number;
  usualFree: number | null;
  explanation: string[];
}

export interface LotNow {
  /** Sensed free spaces now (public or reserved), or null when the lot's state is unknown. */
  freeNow: number | null;
  /** The rules close the lot to the public at the arrival. */
  closedAtArrival: boolean;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Answers availability at arrival from the last stored build; `refresh` reloads it when a newer
 * build exists (cheap: one query when nothing changed).
 */
export class ArrivalForecaster {
  private model = ForecastModel.empty();
  private kinds: DayKindClock | null = null;

  constructor(private readonly store: ForecastStore) {}

  get builtAtMs(): number {
    return this.model.builtAtMs;
  }

  async refresh(): Promise<boolean> {
    const builtAt = await this.store.builtAt();
    if (builtAt === null || (builtAt === this.model.builtAtMs && this.kinds)) return false;
    const [model, time] = await Promise.all([this.store.loadModel(), this.store.cityTime()]);
    if (!model) return false;
    this.kinds = new DayKindClock(new ZoneClock(time.timeZone), new CalendarIndex(time.calendar));
    this.model = model;
    return true;
  }

  /** The forecast for one lot, or null without statistics for it. */
  lot(lotId: string, now: LotNow, nowMs: number, atMs: number): LotArrival | null {
    const stats = this.model.statsOf(lotId);
    if (!stats || !this.kinds) return null;
    const at = new Date(atMs).toISOString();
    if (now.closedAtArrival) {
      return {
        at,
        probability: 0,
        expectedFree: 0,
        usualFree: null,
        explanation: ['closed to the public at arrival'],
      };
    }
    const f = predictArrival(stats, this.model.calibration, {
      nowCell: this.kinds.cellOf(nowMs),
      atCell: this.kinds.cellOf(atMs),
      horizonMin: (atMs - nowMs) / 60_000,
      freeNow: now.freeNow,
    });
    return {
      at,
      probability: round2(f.probability),
      expectedFree: round2(f.expectedFree),
      usualFree: f.usualFree === null ? null : round2(f.usualFree),
      explanation: f.explanation,
    };
  }
}
