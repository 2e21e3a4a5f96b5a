import { z } from 'zod';
import {
  LIMIT_DEFAULT,
  LIMIT_MAX,
  RADIUS_DEFAULT_M,
  RADIUS_MAX_M,
  STAY_MAX_MIN,
} from '@app/guidance';
import { arrivalField, eta } from './forecast.schemas';
import { count, dateTime, id64, named } from './registry';

/*
 * Query strings of the driver API as documented types. The parsing itself is hand-written for
 * speed (libs/guidance/src/search/query-params.ts) and shares these bounds; bounds are
 * inclusive unless said otherwise, out-of-range values are refused (400), never clamped.
 */
const lat = z.number().min(-90).max(90).describe('WGS84 latitude');
const lon = z.number().min(-180).max(180).describe('WGS84 longitude');
const radius = z
  .number()
  .gt(0)
  .max(RADIUS_MAX_M)
  .default(RADIUS_DEFAULT_M)
  .describe(`metres, > 0, default ${RADIUS_DEFAULT_M}, max ${RADIUS_MAX_M}`);
const limit = z
  .int()
  .min(1)
  .max(LIMIT_MAX)
  .default(LIMIT_DEFAULT)
  .describe(`items, default ${LIMIT_DEFAULT}, max ${LIMIT_MAX}`);
const at = dateTime().describe('arrival time, RFC 3339 with an offset (default now)');
const stay = z
  .int()
  .min(1)
  .max(STAY_MAX_MIN)
  .describe(`planned stay in minutes, 1..${STAY_MAX_MIN}`);

export const pointQuerySchema = z.object({ lat, lon, radius, limit });
export const spacesNearbyQuerySchema = z.object({
  lat,
  lon,
  radius,
  limit,
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/)
    .optional()
    .describe('space type: standard, ev, accessible, ...'),
  at: at.optional(),
  stay: stay.optional(),
  eta,
});
export const lotsNearbyQuerySchema = pointQuerySchema.extend({ at: at.optional(), eta });
export const spaceRulesQuerySchema = z.object({ at: at.optional(), stay: stay.optional() });
export const lotStreamQuerySchema = z.object({
  lotId: id64().optional().describe('only this lot'),
  zoneId: id64().optional().describe('only the lots of this zone'),
});
export const spaceStreamQuerySchema = z.object({
  bbox: z
    .string()
    .optional()
    .describe('minLon,minLat,maxLon,maxLat (one of bbox, lotId or zoneId is required)'),
  lotId: id64().optional(),
  zoneId: id64().optional(),
});
export const spaceIdParams = z.object({ spaceId: z.string() });
export const lotIdParams = z.object({ lotId: z.string() });
export const signIdParams = z.object({ signId: z.string() });

export const lotStatus = z
  .enum(['open', 'almost_full', 'full', 'closed', 'unknown'])
  .describe(
    'closed: operator closure, outside validity or public hours; unknown: fewer than half of the capacity has a fresh sensor',
  );
const nullableNumber = () => z.number().nullable();

export const nearbySpaceSchema = named(
  'NearbySpace',
  z.object({
    spaceId: z.string(),
    lotId: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
    distanceM: z.number().describe('metres from the query point'),
    type: z.string(),
    state: z.literal('free'),
    ageS: z.number().describe('seconds since the sensor last reported'),
    usableUntil: dateTime().nullable().describe('when the public may no longer park there'),
    maxStayMin: z.int().nullable(),
    pricePerHour: nullableNumber().describe('at `at`'),
    currency: z.string(),
    arrival: arrivalField,
  }),
);

export const nearbySpacesSchema = named(
  'NearbySpaces',
  z
    .object({ asOf: dateTime(), items: z.array(nearbySpaceSchema) })
    .describe('Free spaces open to the public at `at`, nearest first')
    .meta({
      examples: [
        {
          asOf: '2026-03-02T00:15:00.000Z',
          items: [
            {
              spaceId: 'sp-core-yan-an-rd-001',
              lotId: 'lot-core-yan-an-rd',
              lat: 30.2752,
              lon: 120.1563,
              distanceM: 21,
              type: 'standard',
              state: 'free',
              ageS: 12,
              usableUntil: '2026-03-02T14:00:00.000Z',
              maxStayMin: 120,
              pricePerHour: 8,
              currency: 'CNY',
            },
          ],
        },
      ],
    }),
);

const lotFields = {
  lotId: z.string(),
  zoneId: z.string(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  category: z.string(),
  capacity: count(),
  free: count().describe('free, fresh, open to the general public now'),
  occupied: count(),
  unknown: count().describe('stale or silent sensors and capacity without a sensor'),
  reserved: count().describe('free and fresh but reserved now for another audience'),
  status: lotStatus,
  pricePerHour: nullableNumber(),
  currency: z.string(),
  explanation: z.array(z.string()),
  expectedArrivals: count()
    .optional()
    .describe('open declared intents on the lot (present only when there are some)'),
  freeOnArrival: count().optional().describe('free minus expected arrivals, never below 0'),
};

const LOT_EXAMPLE = {
  lotId: 'lot-core-yan-an-rd',
  zoneId: 'zone-core',
  name: 'Yan An Road',
  lat: 30.2751,
  lon: 120.1561,
  category: 'on_street',
  capacity: 40,
  free: 12,
  occupied: 25,
  unknown: 3,
  reserved: 0,
  status: 'open',
  pricePerHour: 8,
  currency: 'CNY',
  explanation: [],
};

/** The dashboard's map: every lot the caller may see (counts and status as `Lot`). */
export const dashboardLotsSchema = named(
  'DashboardLots',
  z.object({
    asOf: dateTime(),
    ready: z.boolean().describe('false until the live replica holds a snapshot (items empty)'),
    items: z.array(z.object(lotFields)),
  }),
);
export const dashboardConfigSchema = named(
  'DashboardConfig',
  z.object({
    tileUrl: z.string().nullable().describe('map tile URL template ({z}/{x}/{y}); null: none'),
    tileAttribution: z.string(),
  }),
);
export const dashboardSignsSchema = named(
  'DashboardSigns',
  z.object({
    items: z.array(
      z.object({ signId: z.string(), name: z.string().nullable(), lotIds: z.array(z.string()) }),
    ),
  }),
);

export const nearbyLotSchema = named(
  'NearbyLot',
  z.object({
    ...lotFields,
    distanceM: z.number().describe('metres from the query point'),
    arrival: arrivalField,
  }),
);
export const nearbyLotsSchema = named(
  'NearbyLots',
  z.object({ asOf: dateTime(), items: z.array(nearbyLotSchema) }).meta({
    examples: [{ asOf: '2026-03-02T00:15:00.000Z', items: [{ ...LOT_EXAMPLE, distanceM: 85 }] }],
  }),
);
export const lotSchema = named(
  'Lot',
  z
    .object({ ...lotFields, asOf: dateTime() })
    .meta({ examples: [{ ...LOT_EXAMPLE, asOf: '2026-03-02T00:15:00.000Z' }] }),
);

const ruleSummary = named(
  'RuleSummary',
  z.object({ id: z.string(), kind: z.string(), description: z.string().nullable() }),
);
const rulesFields = {
  spaceId: z.string(),
  lotId: z.string().nullable(),
  at: dateTime(),
  stay: z.int().nullable(),
  publicOpen: z.boolean().describe('the general public may park from `at` (for the whole stay)'),
  audience: z.string().nullable().describe('who may park at `at`, null for nobody'),
  usableUntil: dateTime().nullable(),
  nextPublicFrom: dateTime().nullable(),
  maxStayMin: z.int().nullable(),
  pricePerHour: nullableNumber(),
  stayCost: nullableNumber().describe('price of the planned stay'),
  currency: z.string(),
  rules: z.array(ruleSummary),
  explanation: z.array(z.string()),
};
export const spaceRulesSchema = named('SpaceRules', z.object(rulesFields));
export const spaceSchema = named(
  'Space',
  z.object({
    ...rulesFields,
    zoneId: z.string().nullable(),
    type: z.string(),
    lat: z.number(),
    lon: z.number(),
    state: z.enum(['free', 'occupied', 'unknown', 'closed']),
    since: dateTime().nullable(),
    ageS: z.number().nullable(),
    sensor: z.object({
      sensorId: z.string().nullable(),
      health: z.enum(['ok', 'low_battery', 'stale', 'no_data', 'no_sensor']),
      lastSeen: dateTime().nullable(),
      staleLimitS: z.number().nullable(),
      batteryLow: z.boolean(),
    }),
    asOf: dateTime(),
  }),
);

export const signSchema = named(
  'Sign',
  z
    .object({
      signId: z.string(),
      name: z.string().nullable(),
      asOf: dateTime(),
      entries: z.array(
        z.object({
          lotId: z.string(),
          label: z.string(),
          free: count(),
          level: z.enum(['open', 'almost_full', 'full', 'closed', 'unknown']),
          text: z.string().describe('what the panel prints: `P1 37`, `P1 FULL`, `P1 --`'),
        }),
      ),
    })
    .meta({
      examples: [
        {
          signId: 'sign-yan-an-north',
          name: 'Yan An Rd north',
          asOf: '2026-03-02T00:15:00.000Z',
          entries: [
            { lotId: 'lot-core-yan-an-rd', label: 'P1', free: 12, level: 'open', text: 'P1 12' },
          ],
        },
      ],
    }),
);

export const lotEventSchema = named(
  'LotEvent',
  z.object({
    lotId: z.string(),
    zoneId: z.string(),
    capacity: count(),
    free: count(),
    occupied: count(),
    unknown: count(),
    reserved: count(),
    status: lotStatus,
  }),
);
export const spaceEventSchema = named(
  'SpaceEvent',
  z.object({
    spaceId: z.string(),
    lotId: z.string().nullable(),
    zoneId: z.string().nullable(),
    state: z.enum(['free', 'occupied', 'unknown']),
    since: dateTime().nullable(),
    lastSeen: dateTime().nullable(),
    lat: z.number(),
    lon: z.number(),
  }),
);
export const streamEndSchema = named(
  'StreamEnd',
  z.object({ message: z.string() }).describe('data of the final `overflow` / `shutdown` event'),
);

export const healthSchema = named('Health', z.object({ status: z.literal('ok') }));
export const readinessSchema = named(
  'Readiness',
  z.object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({
      postgres: z.string(),
      /** the live store: `redis`, or `memory` in the one-process development profile */
      redis: z.string().optional(),
      memory: z.string().optional(),
      replica: z.string(),
    }),
  }),
);
