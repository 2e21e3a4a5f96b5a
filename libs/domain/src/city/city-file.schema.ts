import { z } from 'zod';
import { calendarSchema } from '../calendar/calendar.schema';
import {
  idSchema,
  latSchema,
  localDateSchema,
  lonSchema,
  timeWindowSchema,
  timeZoneSchema,
} from '../common.schema';
import { pricingTierSchema } from '../pricing/pricing.schema';
import { exemptionSchema, ruleSchema } from '../rules/rule.schema';

export const lotCategorySchema = z.enum([
  'onstreet',
  'offstreet',
  'institutional',
  'temporary',
  'residential',
]);
export type LotCategory = z.infer<typeof lotCategorySchema>;

export const spaceTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lower-case type name');

export const sensorModelSchema = z
  .object({
    id: idSchema,
    name: z.string().max(100).optional(),
    heartbeatIntervalS: z.number().int().min(10).max(86400),
    /** Extra seconds on top of 2x the heartbeat interval before a silent sensor's space is unknown. */
    staleGraceS: z.number().int().min(0).max(86400).default(60),
    lowBatteryMv: z.number().int().min(0).max(10000),
  })
  .strict();

export const zoneSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    pricingTierId: idSchema,
    officer: z
      .object({
        name: z.string().min(1).max(100),
        badge: z.string().max(50).optional(),
        phone: z.string().max(30).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const lotSchema = z
  .object({
    id: idSchema,
    zoneId: idSchema,
    name: z.string().min(1).max(200),
    category: lotCategorySchema,
    capacity: z.number().int().min(0).max(100000),
    lat: latSchema,
    lon: lonSchema,
    /** Institutional lots: windows in which the public may use the lot; absent = always. */
    publicHours: z.array(timeWindowSchema).optional(),
    /** Temporary lots: inclusive local dates of validity. */
    validFrom: localDateSchema.optional(),
    validTo: localDateSchema.optional(),
    pricingTierId: idSchema.optional(),
    /** Rules applied to every space of the lot (before the space's own). */
    ruleIds: z.array(idSchema).default([]),
    /** Operator closure. */
    closed: z.boolean().default(false),
    /** Free-count thresholds for `almost_full`, as a fraction of capacity. */
    almostFullRatio: z.number().min(0).max(1).default(0.1),
  })
  .strict()
  .refine((l) => !l.validFrom || !l.validTo || l.validFrom <= l.validTo, {
    message: 'validFrom must not be after validTo',
    path: ['validTo'],
  });

export const spaceSchema = z
  .object({
    id: idSchema,
    lotId: idSchema,
    type: spaceTypeSchema.default('standard'),
    lat: latSchema,
    lon: lonSchema,
    ruleIds: z.array(idSchema).default([]),
  })
  .strict();

/** Gateway credentials are stored hashed: `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`. */
export const gatewaySchema = z
  .object({
    id: idSchema,
    name: z.string().max(200).optional(),
    secretHash: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be an scrypt hash')
      .optional(),
  })
  .strict();

export const sensorSchema = z
  .object({
    id: idSchema,
    modelId: idSchema,
    spaceId: idSchema,
    /** Gateways in radio range; an uplink through any of them is accepted. */
    gatewayIds: z.array(idSchema).min(1),
  })
  .strict();

export const signSchema = z
  .object({
    id: idSchema,
    name: z.string().max(200).optional(),
    lat: latSchema.optional(),
    lon: lonSchema.optional(),
    entries: z
      .array(
        z
          .object({
            lotId: idSchema,
            label: z.string().min(1).max(40),
            /** Rising/falling thresholds on the free count: show `full` at <= fullAt, clear it above fullClearAt. */
            fullAt: z.number().int().min(0).default(0),
            fullClearAt: z.number().int().min(0).default(3),
            almostFullAt: z.number().int().min(0).default(10),
            almostFullClearAt: z.number().int().min(0).default(15),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const CITY_FILE_VERSION = 1;

/** The city file v1: a whole city in one JSON document (docs/city-file.md). */
export const cityFileSchema = z
  .object({
    version: z.literal(CITY_FILE_VERSION),
    city: z
      .object({
        name: z.string().min(1).max(200),
        timeZone: timeZoneSchema.default('Asia/Shanghai'),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .default('CNY'),
      })
      .strict(),
    calendar: calendarSchema.default({
      holidays: [],
      adjustedWorkingDays: [],
      schoolVacations: [],
    }),
    pricingTiers: z.array(pricingTierSchema).default([]),
    rules: z.array(ruleSchema).default([]),
    exemptions: z.array(exemptionSchema).default([]),
    sensorModels: z.array(sensorModelSchema).default([]),
    zones: z.array(zoneSchema).default([]),
    lots: z.array(lotSchema).default([]),
    spaces: z.array(spaceSchema).default([]),
    gateways: z.array(gatewaySchema).default([]),
    sensors: z.array(sensorSchema).default([]),
    signs: z.array(signSchema).default([]),
  })
  .strict();

export type CityFile = z.infer<typeof cityFileSchema>;
export type CityFileInput = z.input<typeof cityFileSchema>;
export type ZoneDef = CityFile['zones'][number];
export type LotDef = CityFile['lots'][number];
export type SpaceDef = CityFile['spaces'][number];
export type SensorDef = CityFile['sensors'][number];
export type SensorModelDef = CityFile['sensorModels'][number];
export type GatewayDef = CityFile['gateways'][number];
export type SignDef = CityFile['signs'][number];
