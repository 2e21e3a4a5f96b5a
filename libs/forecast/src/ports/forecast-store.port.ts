import type { CalendarData, PricingTier } from '@app/domain';
import type { ForecastModel } from '../model/forecast-model';
import type { LotHistory } from '../model/lot-history';

export interface CityTime {
  timeZone: string;
  calendar: CalendarData;
}

export interface PricingLayout {
  tiers: PricingTier[];
  /** Pricing tier of every lot (its own, else its zone's). */
  lotTier: Map<string, string>;
}

/** Where the recorded history is sampled from and the built model is kept (PostgreSQL). */
export abstract class ForecastStore {
  /** The city's time zone and calendar (day kinds). */
  abstract cityTime(): Promise<CityTime>;
  /**
   * Samples every complete UTC day in [fromMs, toMs) not sampled yet from the recorded events;
   * returns how many days it sampled.
   */
  abstract sampleDays(fromMs: number, toMs: number): Promise<number>;
  /** The sampled history of every lot in [fromMs, toMs) (UTC day bounds). */
  abstract readHistory(fromMs: number, toMs: number): Promise<LotHistory>;
  abstract saveModel(model: ForecastModel): Promise<void>;
  /** When the stored model was built, or null. */
  abstract builtAt(): Promise<number | null>;
  abstract loadModel(): Promise<ForecastModel | null>;
  abstract pricing(): Promise<PricingLayout>;
}
