import { z } from 'zod';
import { CASE_STATUSES, violationKindSchema } from '@app/domain';

const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'must be RFC 3339')
  .transform((s) => Date.parse(s));
const id = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be an id');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const violationQuerySchema = z
  .object({
    zone: id.optional(),
    status: z.enum(CASE_STATUSES).optional(),
    kind: violationKindSchema.optional(),
    exempted: bool.optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const transitionBodySchema = z
  .object({
    to: z.enum(CASE_STATUSES),
    comment: z.string().max(2000).default(''),
  })
  .strict();

const period = { from: instant.optional(), to: instant.optional() };
const fromBeforeTo = (q: { from?: number; to?: number }) =>
  q.from === undefined || q.to === undefined || q.from < q.to;
const fromBeforeToError = { message: 'from must be before to', path: ['from'] };

export const periodQuerySchema = z.object(period).strict().refine(fromBeforeTo, fromBeforeToError);

/** The series' period, and how many earlier weeks to compare it with (same weekday and hours). */
export const occupancyQuerySchema = z
  .object({
    ...period,
    compareWeeks: z.coerce
      .number()
      .int()
      .min(0)
      .max(8)
      .default(0)
      .describe(
        'also answer `baseline`: the mean of the same local hours 1..n weeks earlier (0..8, ' +
          'default 0 = none; the period may then be at most 8 days)',
      ),
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToError);

export const sensorQuerySchema = z
  .object({ zone: id.optional(), problem: z.enum(['stale', 'low_battery']).optional() })
  .strict();

export const violationStreamQuerySchema = z.object({ zone: id.optional() }).strict();
