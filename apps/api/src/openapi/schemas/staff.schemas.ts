import { lotStatus } from './guidance.schemas';
import { z } from 'zod';
import { CASE_STATUSES, REJECT_REASONS, ROLES, violationKindSchema } from '@app/domain';
import { count, dateTime, named } from './registry';

const role = z.enum(ROLES);
const caseStatus = z.enum(CASE_STATUSES);

export const loginAnswerSchema = named(
  'LoginAnswer',
  z
    .object({
      accessToken: z.string().describe('HS256 JWT: send as `Authorization: Bearer <token>`'),
      tokenType: z.literal('Bearer'),
      expiresAt: dateTime(),
      user: z.object({ username: z.string(), role, zones: z.array(z.string()).nullable() }),
    })
    .meta({
      examples: [
        {
          accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl',
          tokenType: 'Bearer',
          expiresAt: '2026-03-02T08:00:00.000Z',
          user: { username: 'li', role: 'police', zones: ['zone-core'] },
        },
      ],
    }),
);
export const meSchema = named(
  'Me',
  z.object({ username: z.string(), role, zones: z.array(z.string()).nullable() }),
);
export const userSchema = named(
  'User',
  z.object({
    id: z.string(),
    username: z.string(),
    role,
    zones: z.array(z.string()),
    disabled: z.boolean(),
  }),
);
export const userListSchema = named('UserList', z.object({ items: z.array(userSchema) }));
export const createdUserSchema = named(
  'CreatedUser',
  z.object({ id: z.string(), username: z.string(), role, zones: z.array(z.string()) }),
);

export const violationSchema = named(
  'Violation',
  z
    .object({
      id: z.string(),
      sessionId: z.string(),
      spaceId: z.string(),
      lotId: z.string(),
      zoneId: z.string(),
      kind: violationKindSchema,
      ruleId: z.string(),
      status: caseStatus,
      exempted: z.boolean(),
      exemptionId: z.string().nullable(),
      detectedAt: dateTime(),
      since: dateTime().describe('the deadline that was passed'),
      overstayS: count().describe('seconds past the deadline (so far, or in total)'),
      sessionOpen: z.boolean(),
      sessionStartedAt: dateTime(),
      sessionEndedAt: dateTime().nullable(),
      explanation: z.string(),
    })
    .meta({
      examples: [
        {
          id: '8f1c2d9e-2b1a-4c43-9f0e-3d2b1a0c9e8f',
          sessionId: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
          spaceId: 'sp-core-yan-an-rd-001',
          lotId: 'lot-core-yan-an-rd',
          zoneId: 'zone-core',
          kind: 'overstay',
          ruleId: 'core-2h',
          status: 'reported',
          exempted: false,
          exemptionId: null,
          detectedAt: '2026-03-02T04:01:00.000Z',
          since: '2026-03-02T04:00:00.000Z',
          overstayS: 60,
          sessionOpen: true,
          sessionStartedAt: '2026-03-02T02:00:00.000Z',
          sessionEndedAt: null,
          explanation: 'parked 2 h 1 min where the maximum stay is 2 h',
        },
      ],
    }),
);
export const violationListSchema = named(
  'ViolationList',
  z.object({
    items: z.array(violationSchema),
    total: count().describe('matching violations in the caller’s zones'),
    limit: z.int(),
    offset: z.int(),
  }),
);
export const caseStepSchema = named(
  'CaseStep',
  z.object({
    from: caseStatus.nullable(),
    to: caseStatus,
    by: z.string(),
    at: dateTime(),
    comment: z.string(),
  }),
);
export const caseTrailSchema = named(
  'CaseTrail',
  z.object({ violationId: z.string(), steps: z.array(caseStepSchema) }),
);

/** Counts as the driver API's lot endpoints give them. */
const placeCounts = {
  name: z.string(),
  capacity: count(),
  /** public free spaces only */
  free: count(),
  occupied: count(),
  unknown: count(),
  /** free but reserved for another audience now */
  reserved: count(),
};
const zoneCounts = { zoneId: z.string(), ...placeCounts };
export const zoneSummarySchema = named('ZoneSummary', z.object(zoneCounts));
export const zoneListSchema = named('ZoneList', z.object({ items: z.array(zoneSummarySchema) }));
export const zoneOverviewSchema = named(
  'ZoneOverview',
  z.object({
    ...zoneCounts,
    asOf: dateTime(),
    lots: z.array(
      z.object({
        lotId: z.string(),
        zoneId: z.string(),
        ...placeCounts,
        /** the driver API's lot status; null while only live sensor counts are available */
        status: lotStatus.nullable(),
      }),
    ),
    last24h: z.object({
      sessions: count(),
      turnover: z.number(),
      meanDwellMin: z.number().nullable(),
      uplinksReceived: count(),
      uplinksLost: count(),
      lostUplinkRate: z.number().nullable(),
    }),
    staleSensors: count(),
    lowBatterySensors: count(),
    rejectedIngest24h: z.object({
      total: count(),
      byReason: z
        .array(
          z.object({ reason: z.enum(REJECT_REASONS as [string, ...string[]]), count: count() }),
        )
        .describe('all of the last 24 h, by reason, most first'),
      byGateway: z
        .array(z.object({ gatewayId: z.string().nullable(), count: count() }))
        .describe('all of the last 24 h, by gateway (null: none known), most first'),
      items: z.array(
        z.object({
          receivedAt: dateTime(),
          gatewayId: z.string().nullable(),
          sensorId: z.string().nullable(),
          reason: z.enum(REJECT_REASONS as [string, ...string[]]),
          detail: z.string().nullable(),
        }),
      ),
    }),
    topOverstay24h: z
      .array(
        z.object({
          lotId: z.string(),
          name: z.string(),
          violations: count(),
          overstayMin: count(),
        }),
      )
      .describe(
        'the zone’s lots with the most overstay minutes in violations of the last 24 h (5)',
      ),
    ingestRate: z
      .object({
        windowMin: count(),
        uplinks: count(),
        perMin: z.number(),
      })
      .describe('uplinks of the zone’s sensors received in the last `windowMin` minutes'),
  }),
);
const scope = { zoneId: z.string().optional(), lotId: z.string().optional() };
export const occupancySeriesSchema = named(
  'OccupancySeries',
  z.object({
    ...scope,
    from: dateTime(),
    to: dateTime(),
    buckets: z.array(
      z.object({
        hour: z.string().describe("start of the city's local hour, with the local offset"),
        occupiedAvg: z.number(),
        occupancyRatio: z.number().nullable(),
        arrivals: count(),
      }),
    ),
    baseline: z
      .object({
        weeks: count(),
        buckets: z.array(
          z.object({
            hour: z.string().describe('the hour of `buckets` this mean is for'),
            occupiedAvg: z.number().nullable(),
            occupancyRatio: z.number().nullable(),
            arrivals: z.number().nullable(),
            weeks: count().describe('earlier weeks that had this local hour'),
          }),
        ),
      })
      .optional()
      .describe(
        'only with compareWeeks > 0: each hour of `buckets` against the mean of the same weekday ' +
          'and local hour of the earlier weeks (null: none had it)',
      ),
  }),
);
export const sessionStatsSchema = named(
  'SessionStats',
  z.object({
    ...scope,
    from: dateTime(),
    to: dateTime(),
    spaces: count(),
    sessions: count(),
    days: z.number(),
    turnover: z.number().describe('sessions started per space per day'),
    meanDwellMin: z.number().nullable(),
  }),
);
export const sensorHealthSchema = named(
  'SensorHealth',
  z.object({
    asOf: dateTime(),
    items: z.array(
      z.object({
        spaceId: z.string(),
        lotId: z.string(),
        zoneId: z.string(),
        sensorId: z.string(),
        state: z.enum(['free', 'occupied', 'unknown']),
        lastSeen: dateTime().nullable(),
        batteryMv: z.int().nullable(),
        batteryLow: z.boolean(),
        lostUplinks: count(),
        problems: z.array(z.enum(['stale', 'low_battery'])),
      }),
    ),
  }),
);
export const violationIdParams = z.object({ id: z.string() });
export const zoneIdParams = z.object({ zoneId: z.string() });

const tableCounts = named(
  'TableCounts',
  z.object({ inserted: count(), updated: count(), deleted: count(), unchanged: count() }),
);
export const cityImportSchema = named(
  'CityImportCounts',
  z.object({
    tables: z
      .record(z.string(), tableCounts)
      .describe('per table: rows inserted, updated, deleted, unchanged'),
    total: tableCounts,
    unchanged: z.boolean().describe('the database already equalled the file'),
  }),
);

export const ingestResultSchema = named(
  'IngestResult',
  z.object({
    accepted: count(),
    late: count(),
    duplicates: count(),
    rejected: count(),
    events: z.array(
      z.object({
        index: count(),
        sensorId: z.string().optional(),
        status: z.enum(['accepted', 'late', 'duplicate', 'rejected']),
        reason: z.enum(REJECT_REASONS as [string, ...string[]]).optional(),
        detail: z.string().optional(),
      }),
    ),
  }),
);
