import { ViolationKind } from '@app/domain';

export interface ZoneRef {
  zoneId: string;
  name: string;
  spaces: number;
  sensors: number;
}

/** One local hour of one zone, from the recorded sessions. */
export interface ZoneHour {
  zoneId: string;
  /** Start of the hour (epoch ms). */
  start: number;
  /** Seconds of session time inside the hour. */
  occupiedS: number;
  /** Sessions started in the hour. */
  arrivals: number;
}

/** Sessions started in the period, per zone. */
export interface ZoneSessions {
  zoneId: string;
  sessions: number;
  /** Ended sessions only; null when none ended. */
  meanDwellMin: number | null;
  medianDwellMin: number | null;
}

export interface ZoneViolations {
  zoneId: string;
  kind: ViolationKind;
  total: number;
  exempted: number;
}

export interface ZoneSensorHours {
  zoneId: string;
  /** Distinct (sensor, hour) pairs with at least one uplink that was not late. */
  sensorHours: number;
}

/** Read-side SQL of the daily and monthly zone reports (port). */
export abstract class ReportQueries {
  abstract timeZone(): Promise<string>;
  /** Zones with their numbers of spaces and sensors (null = every zone). */
  abstract zones(zones: readonly string[] | null): Promise<ZoneRef[]>;
  /** Hours [from, to) of the city's local clock; zones without sessions in an hour are absent. */
  abstract hours(zones: readonly string[], from: number, to: number): Promise<ZoneHour[]>;
  abstract sessions(zones: readonly string[], from: number, to: number): Promise<ZoneSessions[]>;
  /** Violations whose `since` falls in [from, to). */
  abstract violations(
    zones: readonly string[],
    from: number,
    to: number,
  ): Promise<ZoneViolations[]>;
  abstract sensorHours(
    zones: readonly string[],
    from: number,
    to: number,
  ): Promise<ZoneSensorHours[]>;
}
