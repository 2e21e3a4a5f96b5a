import { CalendarIndex, ZoneClock, type CityFile, type DayContext } from '@app/domain';
import { DEFAULT_PRICE_POLICY, suggestPrices, type PricePolicy } from '@app/forecast';
import { generateCity } from '../../../sensors-sim/src';
import { simulateHistory } from './sim-history';

export interface FeedbackOptions {
  spaces: number;
  citySeed: string;
  startMs: number;
  rounds: number;
  roundDays: number;
  /** Demand multiplier = (price / starting price) ^ elasticity. */
  elasticity: number;
  /** Multiplies every tier's demand (the simulator's demand scale) before the price reaction. */
  demand: number;
  policy: PricePolicy;
}

export interface FeedbackRow {
  round: number;
  tierId: string;
  label: string;
  price: number;
  demandMultiplier: number;
  occupancy: number | null;
  suggested: number;
}

/** The lots of the city's tier `tierId` with their spaces and sensors (a city of its own). */
function tierCity(city: CityFile, tierId: string): CityFile {
  const zoneTier = new Map(city.zones.map((z) => [z.id, z.pricingTierId]));
  const lots = city.lots.filter((l) => (l.pricingTierId ?? zoneTier.get(l.zoneId)) === tierId);
  const lotIds = new Set(lots.map((l) => l.id));
  const spaces = city.spaces.filter((s) => lotIds.has(s.lotId));
  const spaceIds = new Set(spaces.map((s) => s.id));
  return { ...city, lots, spaces, sensors: city.sensors.filter((s) => spaceIds.has(s.spaceId)) };
}

/** The band whose price the run moves: the tier's first band, else its base price. */
const mainBand = (tier: CityFile['pricingTiers'][number]) => (tier.bands.length > 0 ? 0 : -1);

/**
 * A simulated feedback loop: each round simulates `roundDays` of every pricing tier with the
 * tier's demand scaled by its price change (the elasticity assumption), measures occupancy from
 * the recorded readings, and applies the suggestion for the tier's main band before the next.
 */
export function feedback(o: FeedbackOptions): FeedbackRow[] {
  const { city } = generateCity({ spaces: o.spaces, seed: o.citySeed });
  const ctx: DayContext = {
    clock: new ZoneClock(city.city.timeZone),
    calendar: new CalendarIndex(city.calendar),
  };
  const tiers = city.pricingTiers.map((t) => ({ ...t, bands: t.bands.map((b) => ({ ...b })) }));
  const start = new Map(tiers.map((t) => [t.id, priceOf(t)]));
  const rows: FeedbackRow[] = [];
  for (let round = 0; round < o.rounds; round++) {
    for (const tier of tiers) {
      const sub = tierCity(city, tier.id);
      if (sub.sensors.length === 0) continue;
      const price = priceOf(tier);
      const multiplier = o.demand * Math.pow(price / start.get(tier.id)!, o.elasticity);
      const sim = simulateHistory(sub, {
        seed: `feedback-${round}`,
        startMs: o.startMs + round * o.roundDays * 86_400_000,
        durationMs: o.roundDays * 86_400_000,
        demandScale: multiplier,
      });
      const lotTier = new Map(sub.lots.map((l) => [l.id, tier.id]));
      const s = suggestPrices(sim.history, [tier], lotTier, ctx, o.policy).find(
        (x) => x.band === mainBand(tier),
      )!;
      rows.push({
        round,
        tierId: tier.id,
        label: s.label,
        price,
        demandMultiplier: Math.round(multiplier * 1000) / 1000,
        occupancy: s.occupancy,
        suggested: s.suggestedPrice,
      });
      setPrice(tier, s.suggestedPrice);
    }
  }
  return rows;
}

function priceOf(t: CityFile['pricingTiers'][number]): number {
  return mainBand(t) < 0 ? t.basePricePerHour : t.bands[0].pricePerHour;
}

function setPrice(t: CityFile['pricingTiers'][number], price: number): void {
  if (mainBand(t) < 0) t.basePricePerHour = price;
  else t.bands[0].pricePerHour = price;
}

export function formatFeedback(rows: FeedbackRow[], o: FeedbackOptions): string {
  const p = o.policy;
  const out = [
    `city: ${o.spaces} spaces (seed ${o.citySeed}); ${o.rounds} rounds of ${o.roundDays} days; demand x${o.demand}; elasticity ${o.elasticity}; target ${p.targetLow * 100}-${p.targetHigh * 100} %, step ${p.step}, limits ${p.minPrice}-${p.maxPrice}`,
    '',
    '| round | tier | band | price | demand x | occupancy | suggested |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const occ = r.occupancy === null ? '-' : `${(r.occupancy * 100).toFixed(1)} %`;
    out.push(
      `| ${r.round + 1} | ${r.tierId} | ${r.label} | ${r.price} | ${r.demandMultiplier} | ${occ} | ${r.suggested} |`,
    );
  }
  return out.join('\n');
}

export { DEFAULT_PRICE_POLICY };
