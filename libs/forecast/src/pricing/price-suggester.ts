import { TierPricing, type DayContext, type PricingTier } from '@app/domain';
import { SLOT_MS } from '../model/day-kind';
import { NO_SAMPLE, type LotHistory } from '../model/lot-history';
import { nextPrice, type PricePolicy } from './price-policy';

export interface PriceSuggestion {
  tierId: string;
  /** Index of the tier's band, or -1 for the base price (outside every band). */
  band: number;
  /** "base" or the band's window text. */
  label: string;
  currentPrice: number;
  suggestedPrice: number;
  /** Mean occupied share of the sensed spaces during the band, or null without samples. */
  occupancy: number | null;
  action: 'raise' | 'lower' | 'keep' | 'no_data';
  evidence: {
    /** Occupied share by local hour (0..23) during the band; null where the band never applies. */
    occupancyByHour: (number | null)[];
    /** Samples (lot x 15-minute instant) behind the figure. */
    samples: number;
    days: number;
    weeks: number;
    from: string;
    to: string;
  };
}

interface Acc {
  occupied: number;
  known: number;
  samples: number;
  byHourOcc: Float64Array;
  byHourKnown: Float64Array;
}

const newAcc = (): Acc => ({
  occupied: 0,
  known: 0,
  samples: 0,
  byHourOcc: new Float64Array(24),
  byHourKnown: new Float64Array(24),
});

/**
 * Suggested prices per pricing tier and time band from measured occupancy (the recorded history
 * sampled per lot on the 15-minute grid) under the SFpark rule. Suggestions only: an operator
 * applies them through the city file.
 */
export function suggestPrices(
  history: LotHistory,
  tiers: readonly PricingTier[],
  lotTier: ReadonlyMap<string, string>,
  ctx: DayContext,
  policy: PricePolicy,
): PriceSuggestion[] {
  const pricing = new Map(tiers.map((t) => [t.id, new TierPricing(t, ctx)]));
  const acc = new Map<string, Acc[]>(
    tiers.map((t) => [t.id, t.bands.map(newAcc).concat(newAcc())]),
  );
  const lotsByTier = new Map<string, number[]>();
  history.lotIds.forEach((id, lot) => {
    const tier = lotTier.get(id);
    if (tier && pricing.has(tier)) lotsByTier.set(tier, [...(lotsByTier.get(tier) ?? []), lot]);
  });
  for (let i = 0; i < history.instants; i++) {
    const ms = history.instantMs(i);
    const hour = Math.floor(ctx.clock.partsOf(ms).minuteOfDay / 60);
    for (const [tierId, lots] of lotsByTier) {
      const band = pricing.get(tierId)!.segmentAt(ms).band;
      const a = acc.get(tierId)![band < 0 ? acc.get(tierId)!.length - 1 : band];
      for (const lot of lots) {
        const free = history.freeAt(lot, i);
        const known = history.knownAt(lot, i);
        if (free === NO_SAMPLE || known === 0) continue;
        a.occupied += known - free;
        a.known += known;
        a.samples++;
        a.byHourOcc[hour] += known - free;
        a.byHourKnown[hour] += known;
      }
    }
  }
  const days = Math.round((history.instants * SLOT_MS) / 86_400_000);
  const evidenceSpan = {
    days,
    weeks: Math.round((days / 7) * 10) / 10,
    from: new Date(history.startMs).toISOString(),
    to: new Date(history.instantMs(history.instants)).toISOString(),
  };
  const out: PriceSuggestion[] = [];
  for (const tier of tiers) {
    const accs = acc.get(tier.id)!;
    accs.forEach((a, k) => {
      const band = k === tier.bands.length ? -1 : k;
      const current = band < 0 ? tier.basePricePerHour : tier.bands[band].pricePerHour;
      const occupancy = a.known > 0 ? a.occupied / a.known : null;
      const suggested = occupancy === null ? current : nextPrice(current, occupancy, policy);
      out.push({
        tierId: tier.id,
        band,
        label: band < 0 ? 'base' : windowLabel(tier.bands[band].window),
        currentPrice: current,
        suggestedPrice: suggested,
        occupancy: occupancy === null ? null : Math.round(occupancy * 1000) / 1000,
        action:
          occupancy === null
            ? 'no_data'
            : suggested > current
              ? 'raise'
              : suggested < current
                ? 'lower'
                : 'keep',
        evidence: {
          occupancyByHour: Array.from(a.byHourOcc, (o, h) =>
            a.byHourKnown[h] > 0 ? Math.round((o / a.byHourKnown[h]) * 1000) / 1000 : null,
          ),
          samples: a.samples,
          ...evidenceSpan,
        },
      });
    });
  }
  return out;
}

function windowLabel(w: PricingTier['bands'][number]['window']): string {
  const days = typeof w.days === 'string' ? w.days : JSON.stringify(w.days);
  return `${w.from}-${w.to} ${days}`;
}
