import { NotFoundError, Principal } from '@app/domain';
import { ReportQueries, ZoneHour, ZoneRef } from '../ports/report-queries.port';
import { reportCsv } from './report-table';
import { ReportService } from './report.service';

const at = (local: string) => Date.parse(`${local}+08:00`);

class FakeQueries extends ReportQueries {
  asked: Array<{ zones: readonly string[]; from: number; to: number }> = [];
  constructor(private readonly hoursOf: ZoneHour[]) {
    super();
  }
  timeZone = async () => 'Asia/Shanghai';
  zones = async (zones: readonly string[] | null): Promise<ZoneRef[]> =>
    [
      { zoneId: 'Z1', name: 'One, "the first"', spaces: 4, sensors: 4 },
      { zoneId: 'Z2', name: '=cmd', spaces: 2, sensors: 0 },
    ].filter((z) => zones === null || zones.includes(z.zoneId));
  hours = async (zones: readonly string[], from: number, to: number) => {
    this.asked.push({ zones, from, to });
    return this.hoursOf.filter((h) => zones.includes(h.zoneId));
  };
  sessions = async () => [];
  violations = async () => [];
  sensorHours = async () => [{ zoneId: 'Z1', sensorHours: 12 }];
}

const officer: Principal = { userId: 'u', username: 'li', role: 'police', zones: ['Z1'] };
const operator: Principal = { userId: 'o', username: 'op', role: 'operator', zones: null };

describe('ReportService', () => {
  const hours: ZoneHour[] = [
    { zoneId: 'Z1', start: at('2026-12-01T08:00:00'), occupiedS: 4 * 3600, arrivals: 4 },
    { zoneId: 'Z1', start: at('2026-12-01T09:00:00'), occupiedS: 2 * 3600, arrivals: 0 },
  ];

  it('a running day is measured up to now, per local hour', async () => {
    const q = new FakeQueries(hours);
    const now = at('2026-12-01T12:00:00');
    const r = await new ReportService(q, () => now).report(operator, 'day', '2026-12-01');
    expect(q.asked[0]).toEqual({ zones: ['Z1', 'Z2'], from: at('2026-12-01T00:00:00'), to: now });
    expect(r.until).toBe('2026-12-01T12:00:00+08:00');
    const [z1, z2] = r.zones;
    // 6 h of session time over 4 spaces x 12 h elapsed
    expect(z1.occupancyMean).toBe(0.125);
    expect(z1).toMatchObject({ occupancyPeak: 1, peakHour: '2026-12-01T08:00:00+08:00' });
    // 12 sensor-hours heard of 4 sensors x 12 h
    expect(z1.sensorAvailability).toBe(0.25);
    expect(z1.series).toHaveLength(24);
    expect(z1.series[13].occupancyRatio).toBeNull(); // not yet begun
    expect(z2).toMatchObject({ occupancyMean: 0, sensorAvailability: null, occupancyPeak: null });
  });

  it('a month has one point per local day; a bad month is named', async () => {
    const svc = new ReportService(new FakeQueries(hours), () => at('2027-01-01T00:00:00'));
    const r = await svc.report(operator, 'month', '2026-12');
    expect(r.zones[0].series).toHaveLength(31);
    expect(r.from).toBe('2026-12-01T00:00:00+08:00');
    expect(r.to).toBe('2027-01-01T00:00:00+08:00');
    await expect(svc.report(operator, 'month', '2026-13')).rejects.toThrow(/^month:/);
  });

  it('keeps an officer to his zones', async () => {
    const svc = new ReportService(new FakeQueries(hours), () => at('2026-12-02T00:00:00'));
    expect((await svc.report(officer, 'day', '2026-12-01')).zones.map((z) => z.zoneId)).toEqual([
      'Z1',
    ]);
    await expect(svc.report(officer, 'day', '2026-12-01', 'Z2')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('CSV quotes separators and defuses formulas', async () => {
    const svc = new ReportService(new FakeQueries(hours), () => at('2026-12-02T00:00:00'));
    const csv = reportCsv(await svc.report(operator, 'day', '2026-12-01'));
    const [, z1, z2] = csv.split('\r\n');
    expect(z1.startsWith('Z1,"One, ""the first""",4,4,')).toBe(true);
    expect(z2.startsWith("Z2,'=cmd,2,0,")).toBe(true);
  });
});
