import { z } from 'zod';
import { idSchema, timeWindowSchema } from '../common.schema';

/** Version of the pricing shape below (city file v1 carries v1). */
export const PRICING_SCHEMA_VERSION = 1;

const money = z.number().min(0).max(100000);

export const priceBandSchema = z
  .object({
    window: timeWindowSchema,
    pricePerHour: money,
  })
  .strict();

/** A pricing tier (zones and lots refer to it). Outside every band the base price applies. */
export const pricingTierSchema = z
  .object({
    id: idSchema,
    name: z.string().max(100).optional(),
    basePricePerHour: money,
    bands: z.array(priceBandSchema).default([]),
    /** Minutes free at the start of every stay. */
    freeMinutes: z.number().int().min(0).max(1440).default(0),
    /** Most a stay is charged per local day, or null for no cap. */
    dailyCap: money.nullable().default(null),
  })
  .strict();
export type PricingTier = z.infer<typeof pricingTierSchema>;
