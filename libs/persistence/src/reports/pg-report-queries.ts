import {
  ReportQueries,
  ZoneHour,
  ZoneRef,
  ZoneSensorHours,
  ZoneSessions,
  ZoneViolations,
} from '@app/enforcement';
import { ViolationKind } from '@app/domain';
import { DataSource } from 'typeorm';

const ZONE_SPACES = `SELECT s.id, l.zone_id FROM spaces s JOIN lots l ON l.id = s.lot_id WHERE l.zone_id = ANY($1)`;

/** Read-side SQL of the zone reports: recorded sessions, violations and uplinks. */
export class PgReportQueries extends ReportQueries {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async timeZone(): Promise<string> {
    const rows: Array<{ tz: unknown }> = await this.ds.query(
      `SELECT value AS tz FROM city_settings WHERE key = 'time_zone'`,
    );
    const tz = rows[0]?.tz;
    return typeof tz === 'string' && tz ? tz : 'Asia/Shanghai';
  }

  async zones(zones: readonly string[] | null): Promise<ZoneRef[]> {
    const rows: Array<{ id: string; name: string; spaces: number; sensors: number }> =
      await this.ds.query(
        `SELECT z.id, z.name,
           (SELECT count(*)::int FROM spaces s JOIN lots l ON l.id = s.lot_id WHERE l.zone_id = z.id) AS spaces,
           (SELECT count(*)::int FROM sensors se JOIN spaces s ON s.id = se.space_id
              JOIN lots l ON l.id = s.lot_id WHERE l.zone_id = z.id) AS sensors
         FROM zones z WHERE $1::text[] IS NULL OR z.id = ANY($1) ORDER BY z.id`,
        [zones],
      );
    return rows.map((r) => ({ zoneId: r.id, name: r.name, spaces: r.spaces, sensors: r.sensors }));
  }

  /** Hours stepped from `from` (a local midnight, so they are the city's local hours). */
  async hours(zones: readonly string[], from: number, to: number): Promise<ZoneHour[]> {
    const rows: Array<{ zone_id: string; start: Date; occupied_s: number; arrivals: number }> =
      await this.ds.query(
        `WITH sp AS (${ZONE_SPACES}),
         h AS (SELECT generate_series($2::timestamptz, $3::timestamptz - interval '1 microsecond',
                                      interval '1 hour') AS start)
         SELECT sp.zone_id, h.start,
           sum(EXTRACT(EPOCH FROM
             LEAST(coalesce(ps.ended_at, $3), h.start + interval '1 hour', $3) - GREATEST(ps.started_at, h.start)
           ))::float8 AS occupied_s,
           count(*) FILTER (WHERE ps.started_at >= h.start)::int AS arrivals
         FROM h
         JOIN parking_sessions ps ON ps.started_at < LEAST(h.start + interval '1 hour', $3)
                                 AND coalesce(ps.ended_at, $3) > h.start
         JOIN sp ON sp.id = ps.space_id
         GROUP BY sp.zone_id, h.start ORDER BY sp.zone_id, h.start`,
        [zones, new Date(from), new Date(to)],
      );
    return rows.map((r) => ({
      zoneId: r.zone_id,
      start: r.start.getTime(),
      occupiedS: Math.max(0, r.occupied_s),
      arrivals: r.arrivals,
    }));
  }

  async sessions(zones: readonly string[], from: number, to: number): Promise<ZoneSessions[]> {
    const rows: Array<{
      zone_id: string;
      n: number;
      mean_s: number | null;
      median_s: number | null;
    }> = await this.ds.query(
      `WITH sp AS (${ZONE_SPACES})
         SELECT sp.zone_id, count(*)::int AS n,
           avg(EXTRACT(EPOCH FROM ps.ended_at - ps.started_at))::float8 AS mean_s,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ps.ended_at - ps.started_at))
             FILTER (WHERE ps.ended_at IS NOT NULL)::float8 AS median_s
         FROM parking_sessions ps JOIN sp ON sp.id = ps.space_id
         WHERE ps.started_at >= $2 AND ps.started_at < $3
         GROUP BY sp.zone_id`,
      [zones, new Date(from), new Date(to)],
    );
    return rows.map((r) => ({
      zoneId: r.zone_id,
      sessions: r.n,
      meanDwellMin: r.mean_s === null ? null : r.mean_s / 60,
      medianDwellMin: r.median_s === null ? null : r.median_s / 60,
    }));
  }

  async violations(zones: readonly string[], from: number, to: number): Promise<ZoneViolations[]> {
    const rows: Array<{ zone_id: string; kind: ViolationKind; total: number; exempted: number }> =
      await this.ds.query(
        `SELECT zone_id, kind, count(*)::int AS total,
                count(*) FILTER (WHERE exemption_id IS NOT NULL)::int AS exempted
         FROM violations WHERE zone_id = ANY($1) AND since >= $2 AND since < $3
         GROUP BY zone_id, kind`,
        [zones, new Date(from), new Date(to)],
      );
    return rows.map((r) => ({
      zoneId: r.zone_id,
      kind: r.kind,
      total: r.total,
      exempted: r.exempted,
    }));
  }

  async sensorHours(
    zones: readonly string[],
    from: number,
    to: number,
  ): Promise<ZoneSensorHours[]> {
    const rows: Array<{ zone_id: string; n: number }> = await this.ds.query(
      `WITH sp AS (${ZONE_SPACES})
       SELECT sp.zone_id, count(*)::int AS n FROM (
         SELECT DISTINCT e.space_id, e.sensor_id,
           floor(EXTRACT(EPOCH FROM e.ts - $2::timestamptz) / 3600) AS h
         FROM occupancy_events e
         WHERE e.ts >= $2 AND e.ts < $3 AND NOT e.late AND e.space_id IS NOT NULL
       ) x JOIN sp ON sp.id = x.space_id
       GROUP BY sp.zone_id`,
      [zones, new Date(from), new Date(to)],
    );
    return rows.map((r) => ({ zoneId: r.zone_id, sensorHours: r.n }));
  }
}
