import { CalendarIndex, ZoneClock } from '@app/domain';
import type { ForecastStore } from '../ports/forecast-store.port';
import type { PricePolicy } from './price-policy';
import { suggestPrices, type PriceSuggestion } from './price-suggester';

const DAY_MS = 86_400_000;

/**
 * The price review over the last `policy.reviewDays` complete days of recorded history (sampled
 * first where needed): suggestions per tier and band, never applied here.
 */
export class PriceReview {
  constructor(private readonly store: ForecastStore) {}

  async suggest(
    nowMs: number,
    policy: PricePolicy,
  ): Promise<{ from: string; to: string; policy: PricePolicy; items: PriceSuggestion[] }> {
    const toMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
    const fromMs = toMs - policy.reviewDays * DAY_MS;
    await this.store.sampleDays(fromMs, toMs);
    const [history, layout, time] = await Promise.all([
      this.store.readHistory(fromMs, toMs),
      this.store.pricing(),
      this.store.cityTime(),
    ]);
    const ctx = { clock: new ZoneClock(time.timeZone), calendar: new CalendarIndex(time.calendar) };
    return {
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      policy,
      items: suggestPrices(history, layout.tiers, layout.lotTier, ctx, policy),
    };
  }
}
