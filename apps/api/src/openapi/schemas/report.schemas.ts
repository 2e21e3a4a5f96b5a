import { z } from 'zod';
import { violationKindSchema } from '@app/domain';
import { count, dateTime, named } from './registry';

const ratio = () => z.number().min(0).nullable();
const tally = z.object({ total: count(), exempted: count() });
const findingTally = z.object({ suspected: count(), exempted: count() });
const byKind = <S extends z.ZodType>(s: S) =>
  z.object(Object.fromEntries(violationKindSchema.options.map((k) => [k, s])) as Record<string, S>);

export const zoneReportSetSchema = named(
  'ZoneReportSet',
  z.object({
    period: z.enum(['day', 'month']),
    label: z.string().describe('`2026-12-01` (day) or `2026-12` (month)'),
    timeZone: z.string(),
    from: dateTime(),
    to: dateTime(),
    until: dateTime().describe('end of the figures: `to`, or now while the period runs'),
    zones: z.array(
      z.object({
        zoneId: z.string(),
        name: z.string(),
        spaces: count(),
        sensors: count(),
        occupancyMean: ratio().describe('session time / (spaces x elapsed time)'),
        occupancyPeak: ratio().describe('highest hourly occupancy'),
        peakHour: dateTime().nullable(),
        sessions: count(),
        turnover: z.number().nullable().describe('sessions started / spaces / days'),
        meanDwellMin: z.number().nullable(),
        medianDwellMin: z.number().nullable(),
        violations: z.object({ total: count(), exempted: count(), byKind: byKind(tally) }),
        sensorAvailability: ratio().describe(
          '(sensor, hour) pairs with an uplink / (sensors x elapsed hours)',
        ),
        series: z.array(
          z.object({ start: dateTime(), occupancyRatio: ratio(), arrivals: count() }),
        ),
      }),
    ),
  }),
);

const side = z.object({
  suspectedBreaches: count(),
  exemptedViolations: count(),
  breachMinutes: count(),
  byKind: byKind(findingTally),
  publicSpaceHours: z.number(),
});
const zoneWhatIfFields = {
  spaces: count(),
  sessions: count(),
  sessionsAffected: count(),
  baseline: side,
  candidate: side,
  delta: z.object({
    suspectedBreaches: z.int(),
    exemptedViolations: z.int(),
    publicSpaceHours: z.number(),
  }),
};

export const whatIfResultSchema = named(
  'WhatIfResult',
  z.object({
    from: dateTime(),
    to: dateTime(),
    sessions: count(),
    sessionsUnknownSpace: count(),
    zones: z.array(z.object({ zoneId: z.string(), ...zoneWhatIfFields })),
    totals: z.object(zoneWhatIfFields),
    timings: z.object({ readMs: count(), replayMs: count() }),
  }),
);
