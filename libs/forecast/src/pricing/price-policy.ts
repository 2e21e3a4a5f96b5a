import { z } from 'zod';

/**
 * Defaults from the SFpark evaluation (SFMTA 2014, Pierce & Shoup 2013): target 60-80 %
 * occupied; above 80 % the price rises one step, between 30 % and 60 % it falls one step, below
 * 30 % two steps; at most one change per review period (SFpark: about monthly after the first
 * 6-8 weeks); prices kept within limits (SFpark: $0.25-$6 per hour with $0.25 steps, taken here
 * as 0.5 of the city's currency per step and 0.5-30 per hour).
 */
export const pricePolicySchema = z
  .object({
    targetLow: z.number().min(0).max(1).default(0.6),
    targetHigh: z.number().min(0).max(1).default(0.8),
    /** Below this occupancy the price falls two steps. */
    deepLow: z.number().min(0).max(1).default(0.3),
    step: z.number().positive().max(1000).default(0.5),
    minPrice: z.number().min(0).max(100000).default(0.5),
    maxPrice: z.number().min(0).max(100000).default(30),
    /** Days of history one review looks at. */
    reviewDays: z.int().min(1).max(90).default(28),
  })
  .refine((p) => p.targetLow < p.targetHigh, { message: 'targetLow must be below targetHigh' })
  .refine((p) => p.minPrice <= p.maxPrice, { message: 'minPrice must not exceed maxPrice' });
export type PricePolicy = z.infer<typeof pricePolicySchema>;

export const DEFAULT_PRICE_POLICY: PricePolicy = pricePolicySchema.parse({});

/** The SFpark rule: the next price for a measured occupancy. */
export function nextPrice(current: number, occupancy: number, p: PricePolicy): number {
  let steps = 0;
  if (occupancy > p.targetHigh) steps = 1;
  else if (occupancy < p.deepLow) steps = -2;
  else if (occupancy < p.targetLow) steps = -1;
  const next = Math.min(p.maxPrice, Math.max(p.minPrice, current + steps * p.step));
  return Math.round(next * 100) / 100;
}
