import {
  NotFoundError,
  Principal,
  ViolationKind,
  ZoneClock,
  violationKindSchema,
  zoneScope,
} from '@app/domain';
import { ReportQueries, ZoneHour, ZoneRef } from '../ports/report-queries.port';
import { ResolvedPeriod, resolvePeriod } from './report-period';
import { ReportBucket, ReportPeriod, ZoneReport, ZoneReportSet } from './report.types';

const HOUR_MS = 3_600_000;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

/**
 * Daily and monthly reports per zone for the police (their zones) and operators: occupancy,
 * turnover, dwell, violations by kind with exemptions, sensor availability (docs/reports.md).
 */
export class ReportService {
  constructor(
    private readonly q: ReportQueries,
    private readonly now: () => number = Date.now,
  ) {}

  async report(
    p: Principal,
    period: ReportPeriod,
    label: string,
    zone?: string,
  ): Promise<ZoneReportSet> {
    const clock = new ZoneClock(await this.q.timeZone());
    const r = resolvePeriod(clock, period, label);
    const scope = zoneScope(p, zone);
    const zones = scope && scope.length === 0 ? [] : await this.q.zones(scope);
    if (zone !== undefined && zones.length === 0) throw new NotFoundError('zone', zone);
    const until = Math.max(r.from, Math.min(r.to, this.now()));
    const ids = zones.map((z) => z.zoneId);
    const [hours, sessions, violations, sensorHours] = ids.length
      ? await Promise.all([
          this.q.hours(ids, r.from, until),
          this.q.sessions(ids, r.from, until),
          this.q.violations(ids, r.from, until),
          this.q.sensorHours(ids, r.from, until),
        ])
      : [[], [], [], []];
    const elapsedH = (until - r.from) / HOUR_MS;
    const reports = zones.map((z): ZoneReport => {
      const zh = hours.filter((h) => h.zoneId === z.zoneId);
      const s = sessions.find((x) => x.zoneId === z.zoneId);
      const occupiedS = zh.reduce((a, h) => a + h.occupiedS, 0);
      const peak = peakHour(zh, z, until);
      const started = s?.sessions ?? 0;
      const sh = sensorHours.find((x) => x.zoneId === z.zoneId)?.sensorHours ?? 0;
      return {
        zoneId: z.zoneId,
        name: z.name,
        spaces: z.spaces,
        sensors: z.sensors,
        occupancyMean: ratio(occupiedS, z.spaces * elapsedH * 3600),
        occupancyPeak: peak ? peak.ratio : null,
        peakHour: peak ? clock.format(peak.start) : null,
        sessions: started,
        turnover: z.spaces > 0 && elapsedH > 0 ? round(started / z.spaces / (elapsedH / 24)) : null,
        meanDwellMin: s?.meanDwellMin == null ? null : round(s.meanDwellMin, 2),
        medianDwellMin: s?.medianDwellMin == null ? null : round(s.medianDwellMin, 2),
        violations: tallyViolations(violations.filter((v) => v.zoneId === z.zoneId)),
        sensorAvailability: ratio(
          Math.min(sh, z.sensors * Math.ceil(elapsedH)),
          z.sensors * Math.ceil(elapsedH),
        ),
        series: series(clock, r, zh, z, until),
      };
    });
    return {
      period,
      label: r.label,
      timeZone: clock.timeZone,
      from: clock.format(r.from),
      to: clock.format(r.to),
      until: clock.format(until),
      zones: reports,
    };
  }
}

function peakHour(hours: ZoneHour[], z: ZoneRef, until: number) {
  let best: { start: number; ratio: number } | null = null;
  for (const h of hours) {
    const len = Math.min(HOUR_MS, until - h.start) / 1000;
    const r = ratio(h.occupiedS, z.spaces * len);
    if (r !== null && (!best || r > best.ratio)) best = { start: h.start, ratio: r };
  }
  return best;
}

function series(
  clock: ZoneClock,
  r: ResolvedPeriod,
  hours: ZoneHour[],
  z: ZoneRef,
  until: number,
): ReportBucket[] {
  const bounds: Array<[number, number]> = [];
  if (r.period === 'day') {
    for (let t = r.from; t < r.to; t += HOUR_MS) bounds.push([t, Math.min(t + HOUR_MS, r.to)]);
  } else {
    for (const d of r.days) bounds.push([clock.startOf(d), clock.startOf(d + 1)]);
  }
  return bounds.map(([start, end]) => {
    const inside = hours.filter((h) => h.start >= start && h.start < end);
    const elapsedS = Math.max(0, Math.min(end, until) - start) / 1000;
    return {
      start: clock.format(start),
      occupancyRatio: ratio(
        inside.reduce((a, h) => a + h.occupiedS, 0),
        z.spaces * elapsedS,
      ),
      arrivals: inside.reduce((a, h) => a + h.arrivals, 0),
    };
  });
}

function tallyViolations(
  rows: Array<{ kind: ViolationKind; total: number; exempted: number }>,
): ZoneReport['violations'] {
  const byKind = {} as ZoneReport['violations']['byKind'];
  for (const k of violationKindSchema.options) byKind[k] = { total: 0, exempted: 0 };
  let total = 0;
  let exempted = 0;
  for (const r of rows) {
    byKind[r.kind] = { total: r.total, exempted: r.exempted };
    total += r.total;
    exempted += r.exempted;
  }
  return { total, exempted, byKind };
}
