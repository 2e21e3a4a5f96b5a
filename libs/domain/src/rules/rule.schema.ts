import { z } from 'zod';
import { daySelectorSchema, idSchema, timeWindowSchema } from '../common.schema';

/** Version of the rule and exemption shapes below (city file v1 carries v1). */
export const RULE_SCHEMA_VERSION = 1;

/** Who a space is for. `public` is the general public; the city may define other audiences. */
export const audienceSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lower-case audience name');

/** In any of its windows only `audience` may park; the public is not guided there. */
export const audienceRuleSchema = z
  .object({
    id: idSchema,
    kind: z.literal('audience'),
    description: z.string().max(200).optional(),
    audience: audienceSchema,
    windows: z.array(timeWindowSchema).min(1),
  })
  .strict();

/** In any of its windows a stay may last at most `maxStayMin` minutes. */
export const shortStayRuleSchema = z
  .object({
    id: idSchema,
    kind: z.literal('short_stay'),
    description: z.string().max(200).optional(),
    maxStayMin: z.number().int().min(1).max(1440),
    windows: z.array(timeWindowSchema).min(1),
  })
  .strict();

/** A tidal space: the audience flips on an explicit schedule; outside every entry `defaultAudience`. */
export const tidalRuleSchema = z
  .object({
    id: idSchema,
    kind: z.literal('tidal'),
    description: z.string().max(200).optional(),
    defaultAudience: audienceSchema.default('public'),
    schedule: z
      .array(
        z
          .object({
            window: timeWindowSchema,
            audience: audienceSchema,
            maxStayMin: z.number().int().min(1).max(1440).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** No parking at all in the windows (street cleaning, markets). */
export const noParkingRuleSchema = z
  .object({
    id: idSchema,
    kind: z.literal('no_parking'),
    description: z.string().max(200).optional(),
    windows: z.array(timeWindowSchema).min(1),
  })
  .strict();

/** Rule schema v1, used by the city file. */
export const ruleSchema = z.discriminatedUnion('kind', [
  audienceRuleSchema,
  shortStayRuleSchema,
  tidalRuleSchema,
  noParkingRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;

export const violationKindSchema = z.enum([
  'overstay',
  'audience_breach',
  'tidal_breach',
  'no_parking_breach',
]);
export type ViolationKind = z.infer<typeof violationKindSchema>;

/**
 * An exemption spares violations from penalty (they are still recorded, marked with its id).
 * `when` selects the local days it is in force (e.g. `holidays`, `school_vacations`);
 * `minorOverstayMin` limits it to overstays up to that many minutes (the "minor" margin).
 */
export const exemptionSchema = z
  .object({
    id: idSchema,
    name: z.string().max(200).optional(),
    /** Any day selector (v1 listed holidays, school_vacations, rest_days, everyday; all still valid). */
    when: daySelectorSchema,
    violations: z.array(violationKindSchema).min(1),
    minorOverstayMin: z.number().int().min(0).max(1440).optional(),
    ruleKinds: z.array(z.enum(['audience', 'short_stay', 'tidal', 'no_parking'])).optional(),
  })
  .strict();
export type Exemption = z.infer<typeof exemptionSchema>;
