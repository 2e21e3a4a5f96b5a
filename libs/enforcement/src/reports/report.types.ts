import { ViolationKind } from '@app/domain';

export type ReportPeriod = 'day' | 'month';

export interface ReportBucket {
  /** Local start of the hour (daily report) or day (monthly), with its offset. */
  start: string;
  occupancyRatio: number | null;
  arrivals: number;
}

export interface ZoneReport {
  zoneId: string;
  name: string;
  spaces: number;
  sensors: number;
  /** Session time / (spaces x elapsed time of the period). */
  occupancyMean: number | null;
  /** Highest hourly occupancy and the local hour it happened. */
  occupancyPeak: number | null;
  peakHour: string | null;
  sessions: number;
  /** Sessions started / spaces / days (elapsed). */
  turnover: number | null;
  meanDwellMin: number | null;
  medianDwellMin: number | null;
  violations: {
    total: number;
    exempted: number;
    byKind: Record<ViolationKind, { total: number; exempted: number }>;
  };
  /** (sensor, hour) pairs with an uplink / (sensors x elapsed hours). */
  sensorAvailability: number | null;
  series: ReportBucket[];
}

export interface ZoneReportSet {
  period: ReportPeriod;
  /** `2026-12-01` or `2026-12`. */
  label: string;
  timeZone: string;
  from: string;
  to: string;
  /** The end of the figures: `to`, or now for a period still running. */
  until: string;
  zones: ZoneReport[];
}
