import {
  LotOverstay,
  LotRef,
  OccupancyBucket,
  PoliceQueries,
  RejectionView,
  Scope,
  SessionStats,
  UplinkStats,
} from '@app/enforcement';
import { ZoneClock } from '@app/domain';
import { DataSource } from 'typeorm';

interface RejectionRow {
  received_at: Date;
  gateway_id: string | null;
  sensor_id: string | null;
  reason: string;
  detail: string | null;
}

const DAY_MS = 86_400_000;
const SCOPE_SQL = `(($1::text IS NOT NULL AND l.zone_id = $1) OR ($2::text IS NOT NULL AND l.id = $2))`;

function scopeParams(s: Scope): [string | null, string | null] {
  return 'zoneId' in s ? [s.zoneId, null] : [null, s.lotId];
}

/** Read-side SQL for the police and operator dashboards (sessions, history, city tables). */
export class PgPoliceQueries extends PoliceQueries {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async lots(zones: readonly string[] | null): Promise<LotRef[]> {
    const rows: Array<{ id: string; zone_id: string; name: string; capacity: number }> =
      await this.ds.query(
        `SELECT id, zone_id, name, capacity FROM lots
         WHERE $1::text[] IS NULL OR zone_id = ANY($1) ORDER BY id`,
        [zones],
      );
    return rows.map((r) => ({
      lotId: r.id,
      zoneId: r.zone_id,
      name: r.name,
      capacity: r.capacity,
    }));
  }

  async lot(lotId: string): Promise<LotRef | null> {
    const rows: Array<{ id: string; zone_id: string; name: string; capacity: number }> =
      await this.ds.query('SELECT id, zone_id, name, capacity FROM lots WHERE id = $1', [lotId]);
    const r = rows[0];
    return r ? { lotId: r.id, zoneId: r.zone_id, name: r.name, capacity: r.capacity } : null;
  }

  /** The spaces of some lots with their sensor, if any. */
  async spaces(
    lotIds: readonly string[],
  ): Promise<Array<{ spaceId: string; lotId: string; sensorId: string | null }>> {
    const rows: Array<{ id: string; lot_id: string; sensor_id: string | null }> =
      await this.ds.query(
        `SELECT s.id, s.lot_id, se.id AS sensor_id FROM spaces s
       LEFT JOIN sensors se ON se.space_id = s.id WHERE s.lot_id = ANY($1)`,
        [lotIds],
      );
    return rows.map((r) => ({ spaceId: r.id, lotId: r.lot_id, sensorId: r.sensor_id }));
  }

  async zones(zones: readonly string[] | null): Promise<Array<{ zoneId: string; name: string }>> {
    const rows: Array<{ id: string; name: string }> = await this.ds.query(
      `SELECT id, name FROM zones WHERE $1::text[] IS NULL OR id = ANY($1) ORDER BY id`,
      [zones],
    );
    return rows.map((r) => ({ zoneId: r.id, name: r.name }));
  }

  async sessionStats(scope: Scope, from: number, to: number): Promise<SessionStats> {
    const rows: Array<{ spaces: number; sessions: number; dwell_s: number | null }> =
      await this.ds.query(
        `WITH sp AS (
           SELECT s.id FROM spaces s JOIN lots l ON l.id = s.lot_id WHERE ${SCOPE_SQL}
         )
         SELECT (SELECT count(*)::int FROM sp) AS spaces,
                count(ps.id)::int AS sessions,
                avg(EXTRACT(EPOCH FROM ps.ended_at - ps.started_at))::float8 AS dwell_s
         FROM parking_sessions ps
         WHERE ps.space_id IN (SELECT id FROM sp) AND ps.started_at >= $3 AND ps.started_at < $4`,
        [...scopeParams(scope), new Date(from), new Date(to)],
      );
    const r = rows[0];
    const days = (to - from) / DAY_MS;
    return {
      spaces: r.spaces,
      sessions: r.sessions,
      days,
      turnover: r.spaces > 0 && days > 0 ? r.sessions / r.spaces / days : 0,
      meanDwellMin: r.dwell_s === null ? null : r.dwell_s / 60,
    };
  }

  /** The city's IANA time zone (city settings; Asia/Shanghai when the city has none). */
  async timeZone(): Promise<string> {
    const rows: Array<{ tz: unknown }> = await this.ds.query(
      `SELECT value AS tz FROM city_settings WHERE key = 'time_zone'`,
    );
    const tz = rows[0]?.tz;
    return typeof tz === 'string' && tz ? tz : 'Asia/Shanghai';
  }

  /**
   * Hourly buckets [from, to) from the sessions (derived from the event history). Buckets follow
   * the city's local hours and are labelled in local time with the offset
   * (`2026-11-30T06:00:00+08:00`), so a dashboard's "06:00" is the city's 06:00.
   */
  async occupancySeries(scope: Scope, from: number, to: number): Promise<OccupancyBucket[]> {
    const clock = new ZoneClock(await this.timeZone());
    const rows: Array<{ hour: Date; occupied_s: number; arrivals: number; capacity: number }> =
      await this.ds.query(
        `WITH sp AS (
           SELECT s.id FROM spaces s JOIN lots l ON l.id = s.lot_id WHERE ${SCOPE_SQL}
         ), h AS (
           SELECT generate_series(
             date_trunc('hour', $3::timestamptz AT TIME ZONE $5) AT TIME ZONE $5,
             $4::timestamptz - interval '1 microsecond', interval '1 hour') AS hour
         )
         SELECT h.hour,
           coalesce(sum(EXTRACT(EPOCH FROM
             LEAST(coalesce(ps.ended_at, now()), h.hour + interval '1 hour') - GREATEST(ps.started_at, h.hour)
           )) FILTER (WHERE ps.id IS NOT NULL), 0)::float8 AS occupied_s,
           count(ps.id) FILTER (WHERE ps.started_at >= h.hour)::int AS arrivals,
           (SELECT count(*)::int FROM sp) AS capacity
         FROM h LEFT JOIN parking_sessions ps
           ON ps.space_id IN (SELECT id FROM sp)
          AND ps.started_at < h.hour + interval '1 hour'
          AND coalesce(ps.ended_at, now()) > h.hour
         GROUP BY h.hour ORDER BY h.hour`,
        [...scopeParams(scope), new Date(from), new Date(to), clock.timeZone],
      );
    return rows.map((r) => {
      const occupiedAvg = Math.max(0, r.occupied_s) / 3600;
      return {
        hour: clock.format(r.hour.getTime()),
        occupiedAvg: Math.round(occupiedAvg * 1000) / 1000,
        occupancyRatio:
          r.capacity > 0 ? Math.round((occupiedAvg / r.capacity) * 1000) / 1000 : null,
        arrivals: r.arrivals,
      };
    });
  }

  /**
   * Lost uplinks of a zone's sensors over a period, from seq gaps in the event history
   * (RFC 1982 distance to the previous uplink of the same boot; a startup starts a new boot).
   */
  async uplinkStats(zoneId: string, from: number, to: number): Promise<UplinkStats> {
    const rows: Array<{ received: number; lost: number }> = await this.ds.query(
      `WITH ev AS (
         SELECT e.type, e.seq,
                lag(e.seq) OVER (PARTITION BY e.sensor_id ORDER BY e.ts, e.seq) AS prev
         FROM occupancy_events e
         JOIN spaces s ON s.id = e.space_id JOIN lots l ON l.id = s.lot_id
         WHERE l.zone_id = $1 AND e.ts >= $2 AND e.ts < $3 AND NOT coalesce(e.late, false)
       )
       SELECT count(*)::int AS received,
              coalesce(sum(CASE
                WHEN prev IS NULL OR type = 'startup' THEN 0
                WHEN ((seq - prev - 1) % 4294967296 + 4294967296) % 4294967296 < 100000
                  THEN ((seq - prev - 1) % 4294967296 + 4294967296) % 4294967296
                ELSE 0 END), 0)::int AS lost
       FROM ev`,
      [zoneId, new Date(from), new Date(to)],
    );
    const { received, lost } = rows[0];
    return { received, lost, rate: received + lost > 0 ? lost / (received + lost) : null };
  }

  /**
   * Rejected ingest of the last period that concerns a zone: the rejected sensor is in the zone,
   * or (sensor unknown) the publishing gateway serves a sensor of the zone.
   */
  async overstayByLot(
    zoneId: string,
    from: number,
    to: number,
    limit: number,
  ): Promise<LotOverstay[]> {
    const rows: Array<{ lot_id: string; n: number; overstay_s: number }> = await this.ds.query(
      `SELECT lot_id, count(*)::int AS n, coalesce(sum(overstay_s), 0)::float8 AS overstay_s
       FROM violations WHERE zone_id = $1 AND detected_at >= $2 AND detected_at < $3
         AND exemption_id IS NULL
       GROUP BY lot_id ORDER BY overstay_s DESC, n DESC, lot_id LIMIT $4`,
      [zoneId, new Date(from), new Date(to), limit],
    );
    return rows.map((r) => ({
      lotId: r.lot_id,
      violations: r.n,
      overstayMin: Math.round(r.overstay_s / 60),
    }));
  }

  async uplinksReceived(zoneId: string, from: number, to: number): Promise<number> {
    // ts bounds the partitions read; received_at is what the rate is about
    const rows: Array<{ n: number }> = await this.ds.query(
      `SELECT count(*)::int AS n FROM occupancy_events e
       JOIN spaces s ON s.id = e.space_id JOIN lots l ON l.id = s.lot_id
       WHERE l.zone_id = $1 AND e.ts >= $2::timestamptz - interval '1 hour' AND e.ts < $3
         AND e.received_at >= $2 AND e.received_at < $3 AND NOT e.late`,
      [zoneId, new Date(from), new Date(to)],
    );
    return rows[0].n;
  }

  async recentRejections(zoneId: string, from: number, limit: number): Promise<RejectionView> {
    const exists: Array<{ t: string | null }> = await this.ds.query(
      `SELECT to_regclass('ingest_rejections')::text AS t`,
    );
    if (!exists[0].t) return { total: 0, byReason: [], byGateway: [], items: [] };
    const where = `r.received_at >= $2 AND (
        r.sensor_id IN (SELECT se.id FROM sensors se JOIN spaces s ON s.id = se.space_id
                        JOIN lots l ON l.id = s.lot_id WHERE l.zone_id = $1)
        OR (r.sensor_id IS NULL AND r.gateway_id IN (
             SELECT sg.gateway_id FROM sensor_gateways sg JOIN sensors se ON se.id = sg.sensor_id
             JOIN spaces s ON s.id = se.space_id JOIN lots l ON l.id = s.lot_id WHERE l.zone_id = $1)))`;
    const [count, rows, reasons, gateways] = await Promise.all([
      this.ds.query(`SELECT count(*)::int AS n FROM ingest_rejections r WHERE ${where}`, [
        zoneId,
        new Date(from),
      ]) as Promise<Array<{ n: number }>>,
      this.ds.query(
        `SELECT r.received_at, r.gateway_id, r.sensor_id, r.reason, r.detail
         FROM ingest_rejections r WHERE ${where} ORDER BY r.received_at DESC LIMIT $3`,
        [zoneId, new Date(from), limit],
      ) as Promise<RejectionRow[]>,
      this.ds.query(
        `SELECT r.reason, count(*)::int AS n FROM ingest_rejections r WHERE ${where}
         GROUP BY r.reason ORDER BY n DESC, r.reason`,
        [zoneId, new Date(from)],
      ) as Promise<Array<{ reason: string; n: number }>>,
      this.ds.query(
        `SELECT r.gateway_id, count(*)::int AS n FROM ingest_rejections r WHERE ${where}
         GROUP BY r.gateway_id ORDER BY n DESC, r.gateway_id NULLS LAST`,
        [zoneId, new Date(from)],
      ) as Promise<Array<{ gateway_id: string | null; n: number }>>,
    ]);
    return {
      total: count[0].n,
      byReason: reasons.map((r) => ({ reason: r.reason, count: r.n })),
      byGateway: gateways.map((r) => ({ gatewayId: r.gateway_id, count: r.n })),
      items: rows.map((r) => ({
        receivedAt: r.received_at.toISOString(),
        gatewayId: r.gateway_id,
        sensorId: r.sensor_id,
        reason: r.reason,
        detail: r.detail,
      })),
    };
  }
}
