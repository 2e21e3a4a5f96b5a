import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be an id');
const format = z.enum(['json', 'csv', 'xlsx']).default('json');
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'must be RFC 3339')
  .transform((s) => Date.parse(s));

export const dailyReportQuerySchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
    zone: id.optional(),
    format,
  })
  .strict();

export const monthlyReportQuerySchema = z
  .object({
    month: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM'),
    zone: id.optional(),
    format,
  })
  .strict();

export const whatIfBodySchema = z
  .object({
    from: instant,
    to: instant,
    zones: z.array(id).min(1).optional(),
    city: z.record(z.string(), z.unknown()).describe('the changed city file (docs/city-file.md)'),
    baseline: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('compare against this city file instead of the stored city'),
  })
  .strict();
