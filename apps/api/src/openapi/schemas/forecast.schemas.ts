import { z } from 'zod';
import { ETA_MAX_MIN } from '@app/forecast';
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
