export interface LotRef {
  lotId: string;
  zoneId: string;
  name: string;
  capacity: number;
}

/** Sessions of a set of spaces over a period (turnover and dwell). */
export interface SessionStats {
  spaces: number;
  sessions: number;
  days: number;
  /** Sessions started in the period per space per day. */
  turnover: number;
  /** Mean minutes of the sessions started in the period that have ended; null if none. */
  meanDwellMin: number | null;
}

export interface OccupancyBucket {
  /** Start of the city's local hour, RFC 3339 with the local offset (`...T06:00:00+08:00`). */
  hour: string;
  /** Mean number of spaces occupied during the hour (session time / 1 h). */
  occupiedAvg: number;
  occupancyRatio: number | null;
  arrivals: number;
}

export interface UplinkStats {
  received: number;
  lost: number;
  rate: number | null;
}

export interface RejectionView {
  total: number;
  /** All of the period's rejections counted by reason and by gateway, most first. */
  byReason: Array<{ reason: string; count: number }>;
  byGateway: Array<{ gatewayId: string | null; count: number }>;
  items: Array<{
    receivedAt: string;
    gatewayId: string | null;
    sensorId: string | null;
    reason: string;
    detail: string | null;
  }>;
}

/** A lot's violations detected in a period and their overstay. */
export interface LotOverstay {
  lotId: string;
  violations: number;
  overstayMin: number;
}

/** Where a police query is aimed: a zone or a lot. */
export type Scope = { zoneId: string } | { lotId: string };

/** Read-side queries of the police and operator dashboards (port). */
export abstract class PoliceQueries {
  abstract lots(zones: readonly string[] | null): Promise<LotRef[]>;
  abstract lot(lotId: string): Promise<LotRef | null>;
  /** The spaces of some lots with their sensor, if any. */
  abstract spaces(
    lotIds: readonly string[],
  ): Promise<Array<{ spaceId: string; lotId: string; sensorId: string | null }>>;
  abstract zones(zones: readonly string[] | null): Promise<Array<{ zoneId: string; name: string }>>;
  abstract sessionStats(scope: Scope, from: number, to: number): Promise<SessionStats>;
  abstract occupancySeries(scope: Scope, from: number, to: number): Promise<OccupancyBucket[]>;
  abstract uplinkStats(zoneId: string, from: number, to: number): Promise<UplinkStats>;
  abstract recentRejections(zoneId: string, from: number, limit: number): Promise<RejectionView>;
  /** The zone's lots with the most overstay (unexempted violations detected in the period), most first. */
  abstract overstayByLot(
    zoneId: string,
    from: number,
    to: number,
    limit: number,
  ): Promise<LotOverstay[]>;
  /** Uplinks of the zone's sensors received in the period (not late). */
  abstract uplinksReceived(zoneId: string, from: number, to: number): Promise<number>;
}
