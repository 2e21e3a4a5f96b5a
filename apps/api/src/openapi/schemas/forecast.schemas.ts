import { z } from 'zod';
import { ETA_MAX_MIN } from '@app/guidance';
import { dateTime, named } from './registry';

export const eta = z
  .int()
  .min(0)
  .max(ETA_MAX_MIN)
  .optional()
  .describe(`minutes until arrival, 0..${ETA_MAX_MIN} (instead of \`at\`)`);

export const lotArrivalSchema = named(
  'LotArrival',
  z
    .object({
      at: dateTime(),
      probability: z.number().min(0).max(1).describe('of at least one usable space at `at`'),
      expectedFree: z.number().min(0),
      usualFree: z
        .number()
        .nullable()
        .describe('mean free spaces recorded at that time of day and kind of day'),
      explanation: z.array(z.string()),
    })
    .describe('Availability at a later arrival, from the lot history (docs/forecast.md)'),
);

/** Present only when the query asks about a later arrival; null: no statistics for the lot. */
export const arrivalField = lotArrivalSchema.nullable().optional();

const share = (def: number, what: string) =>
  z.coerce.number().min(0).max(1).default(def).describe(`${what} (0..1), default ${def}`);

/** Query of the price review: the policy, defaults from the SFpark evaluation. */
export const priceQuerySchema = z
  .object({
    targetLow: share(0.6, 'lower edge of the target occupancy band'),
    targetHigh: share(0.8, 'upper edge of the target occupancy band'),
    deepLow: share(0.3, 'below this occupancy the price falls two steps'),
    step: z.coerce.number().positive().max(1000).default(0.5).describe('price step per hour'),
    minPrice: z.coerce.number().min(0).max(100000).default(0.5),
    maxPrice: z.coerce.number().min(0).max(100000).default(30),
    reviewDays: z.coerce.number().int().min(1).max(90).default(28).describe('days of history'),
  })
  .strict();

export const priceSuggestionsSchema = named(
  'PriceSuggestions',
  z.object({
    from: dateTime(),
    to: dateTime(),
    policy: z.record(z.string(), z.number()),
    items: z.array(
      z.object({
        tierId: z.string(),
        band: z.int().describe('index of the tier band, -1: the base price'),
        label: z.string(),
        currentPrice: z.number(),
        suggestedPrice: z.number(),
        occupancy: z.number().nullable().describe('mean occupied share during the band'),
        action: z.enum(['raise', 'lower', 'keep', 'no_data']),
        evidence: z.object({
          occupancyByHour: z.array(z.number().nullable()).length(24),
          samples: z.int(),
          days: z.int(),
          weeks: z.number(),
          from: dateTime(),
          to: dateTime(),
        }),
      }),
    ),
  }),
);
