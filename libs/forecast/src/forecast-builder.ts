import { CalendarIndex, ZoneClock } from '@app/domain';
import { DayKindClock } from './model/day-kind';
import type { ForecastModel } from './model/forecast-model';
import { ModelBuilder } from './model/model-builder';
import type { ForecastStore } from './ports/forecast-store.port';

const DAY_MS = 86_400_000;
export const HISTORY_DAYS_DEFAULT = 28;

export interface BuildSummary {
  sampledDays: number;
  lots: number;
  fromMs: number;
  toMs: number;
}

/**
 * The periodic rebuild: samples the complete days not sampled yet, then recomputes the
 * statistics over the last `historyDays` complete UTC days and stores them.
 */
export class ForecastBuilder {
  constructor(private readonly store: ForecastStore) {}

  async build(nowMs: number, historyDays = HISTORY_DAYS_DEFAULT): Promise<BuildSummary> {
    const toMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
    const fromMs = toMs - historyDays * DAY_MS;
    const sampledDays = await this.store.sampleDays(fromMs, toMs);
    const history = await this.store.readHistory(fromMs, toMs);
    const model: ForecastModel = new ModelBuilder(await this.kinds()).build(history, nowMs);
    await this.store.saveModel(model);
    return { sampledDays, lots: model.lots.length, fromMs, toMs };
  }

  async kinds(): Promise<DayKindClock> {
    const t = await this.store.cityTime();
    return new DayKindClock(new ZoneClock(t.timeZone), new CalendarIndex(t.calendar));
  }
}
