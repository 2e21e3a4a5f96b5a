/** @needs postgres (test/support/services.js) */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@app/config';
import { AuthService } from '@app/auth';
import { CityService } from '@app/city';
import { CityFileInput } from '@app/domain';
import { PgCityStore, dataSourceOptions } from '@app/persistence';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { ReportsModule } from '../../apps/api/src/reports/reports.module';
import { runCityCli } from '../../apps/cli/src/city.cli';
import { createNestTestApp } from '../support/nest-test-app';
import { TestDatabase, createTestDatabase } from '../support/db';
import { serviceEnv } from '../support/test-services';
import { REPORT_CITY, seedHistory } from './report-fixture';

const PASSWORD = 'correct horse battery';

describe('zone reports and what-if (hand-computed fixture, docs/reports.md)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let config: AppConfig;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(
      dataSourceOptions({ db: { url: db.url, poolSize: 2, runMigrations: false } }),
    );
    await ds.initialize();
    await new CityService(new PgCityStore(ds)).import(REPORT_CITY);
    await seedHistory(ds);
    config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      JWT_SECRET: randomBytes(24).toString('hex'),
    });
    app = await createNestTestApp({ config, imports: [AuthModule, ReportsModule] });
    const auth = app.get(AuthService);
    await auth.createUser({
      username: 'officer',
      password: PASSWORD,
      role: 'police',
      zones: ['Z1'],
    });
    await auth.createUser({ username: 'op', password: PASSWORD, role: 'operator' });
    for (const username of ['officer', 'op']) {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      token[username] = r.json().accessToken;
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  const get = (url: string, who?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: who ? { authorization: `Bearer ${token[who]}` } : {},
    });
  const post = (url: string, payload: object, who: string) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${token[who]}` },
    });

  describe('daily report', () => {
    it('gives the hand-computed figures per zone', async () => {
      const r = await get('/v1/reports/daily?date=2026-11-19', 'op');
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({
        period: 'day',
        label: '2026-11-19',
        timeZone: 'Asia/Shanghai',
        from: '2026-11-19T00:00:00+08:00',
        to: '2026-11-20T00:00:00+08:00',
        until: '2026-11-20T00:00:00+08:00',
      });
      const [z1, z2] = body.zones;
      // Z1: session time 1 h (00:00-01:00 of the night session) + 1 h + 0.5 h + 3 h = 5.5 h
      // = 19,800 s over 2 spaces x 24 h = 172,800 s -> 0.114583
      expect(z1).toMatchObject({
        zoneId: 'Z1',
        name: 'Zone 1',
        spaces: 2,
        sensors: 2,
        occupancyMean: 0.1146,
        occupancyPeak: 1, // 10:00-11:00: S1 and S2 both parked
        peakHour: '2026-11-19T10:00:00+08:00',
        sessions: 3, // started in the day (the night session began the day before)
        turnover: 1.5, // 3 / 2 spaces / 1 day
        meanDwellMin: 90, // (60 + 30 + 180) / 3
        medianDwellMin: 60,
        // (sensor, hour) with an uplink: se-S1 hours 0, 5, 10, 11; se-S2 hour 10 -> 5 / 48
        sensorAvailability: 0.1042,
      });
      expect(z1.violations).toEqual({
        total: 3,
        exempted: 1,
        byKind: {
          overstay: { total: 2, exempted: 1 },
          audience_breach: { total: 0, exempted: 0 },
          tidal_breach: { total: 1, exempted: 0 },
          no_parking_breach: { total: 0, exempted: 0 },
        },
      });
      expect(z1.series).toHaveLength(24);
      expect(z1.series[0]).toEqual({
        start: '2026-11-19T00:00:00+08:00',
        occupancyRatio: 0.5,
        arrivals: 0,
      });
      expect(z1.series[9]).toMatchObject({ occupancyRatio: 0.5, arrivals: 1 });
      expect(z1.series[10]).toMatchObject({ occupancyRatio: 1, arrivals: 1 });
      // Z2: S3 20:00-21:00 and S4 from 23:30, still parked: 1.5 h = 5,400 s / 172,800 s
      expect(z2).toMatchObject({
        zoneId: 'Z2',
        occupancyMean: 0.0313,
        occupancyPeak: 0.5,
        peakHour: '2026-11-19T20:00:00+08:00',
        sessions: 2,
        turnover: 1,
        meanDwellMin: 60, // only ended sessions
        medianDwellMin: 60,
        sensorAvailability: 0.0208, // se-S4 at 23:30 only (the late uplink does not count)
      });
      expect(z2.violations).toMatchObject({ total: 1, exempted: 0 });
      expect(z2.series[23]).toMatchObject({ occupancyRatio: 0.25, arrivals: 1 });
    });

    it('limits an officer to his zones: another zone is 404, without login 401', async () => {
      const mine = await get('/v1/reports/daily?date=2026-11-19', 'officer');
      expect(mine.json().zones.map((z: { zoneId: string }) => z.zoneId)).toEqual(['Z1']);
      const other = await get('/v1/reports/daily?date=2026-11-19&zone=Z2', 'officer');
      expect(other.statusCode).toBe(404);
      expect(other.json().error).toBe('not_found');
      expect((await get('/v1/reports/daily?date=2026-11-19')).statusCode).toBe(401);
    });

    it('names a bad parameter', async () => {
      for (const [url, param] of [
        ['/v1/reports/daily?date=2026-13-45', 'date'],
        ['/v1/reports/daily?date=19.11.2026', 'date'],
        ['/v1/reports/monthly?month=2026-13', 'month'],
        ['/v1/reports/daily?date=2026-11-19&format=pdf', 'format'],
      ]) {
        const r = await get(url, 'op');
        expect(r.statusCode).toBe(400);
        expect(r.json().message).toContain(param);
      }
    });

    it('downloads as CSV', async () => {
      const r = await get('/v1/reports/daily?date=2026-11-19&format=csv', 'op');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/csv');
      expect(r.headers['content-disposition']).toContain('zone-report-day-2026-11-19.csv');
      const [header, z1, z2, end] = r.body.split('\r\n');
      const cols = header.split(',');
      const row = (line: string) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v]));
      expect(row(z1)).toMatchObject({
        zone: 'Z1',
        sessions: '3',
        occupancy_mean: '0.1146',
        violations: '3',
        violations_exempted: '1',
        overstay: '2',
        overstay_exempted: '1',
        tidal_breach: '1',
        sensor_availability: '0.1042',
      });
      expect(row(z2)).toMatchObject({ zone: 'Z2', median_dwell_min: '60', turnover: '1' });
      expect(end).toBe('');
    });

    it('downloads as a formatted spreadsheet', async () => {
      const r = await get('/v1/reports/daily?date=2026-11-19&format=xlsx', 'op');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
      const summary = wb.getWorksheet('Summary')!;
      const header = summary.getRow(2).values as unknown[];
      const col = (name: string) => header.indexOf(name);
      expect(summary.getRow(3).getCell(col('zone')).value).toBe('Z1');
      expect(summary.getRow(3).getCell(col('sessions')).value).toBe(3);
      expect(summary.getRow(3).getCell(col('occupancy_mean')).value).toBe(0.1146);
      expect(summary.getRow(3).getCell(col('occupancy_mean')).numFmt).toBe('0.0%');
      expect(summary.getRow(2).font?.bold).toBe(true);
      const series = wb.getWorksheet('Series')!;
      expect(series.rowCount).toBe(1 + 2 * 24);
    });
  });

  it('monthly report: the month of local days, one point per day', async () => {
    const r = await get('/v1/reports/monthly?month=2026-11&zone=Z1', 'officer');
    expect(r.statusCode).toBe(200);
    const [z1] = r.json().zones;
    expect(r.json()).toMatchObject({
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-12-01T00:00:00+08:00',
    });
    expect(z1.series).toHaveLength(30);
    // 18th: the night session's first hour (3,600 s of 172,800); 19th: 19,800 s
    expect(z1.series[17]).toEqual({
      start: '2026-11-18T00:00:00+08:00',
      occupancyRatio: 0.0208,
      arrivals: 1,
    });
    expect(z1.series[18]).toMatchObject({ occupancyRatio: 0.1146, arrivals: 3 });
    // 23,400 s over 2 spaces x 30 days; 4 sessions; dwell (120 + 60 + 30 + 180) / 4
    expect(z1).toMatchObject({ occupancyMean: 0.0045, sessions: 4, meanDwellMin: 97.5 });
    expect(z1.violations).toMatchObject({ total: 4, exempted: 1 });
  });

  describe('what-if', () => {
    const changed = (): CityFileInput => ({
      ...REPORT_CITY,
      rules: [
        {
          id: 'R-short',
          kind: 'short_stay',
          maxStayMin: 90,
          windows: [{ days: 'everyday', from: '08:00', to: '20:00' }],
        },
        {
          id: 'R-tidal',
          kind: 'tidal',
          defaultAudience: 'public',
          schedule: [
            { window: { days: 'everyday', from: '07:00', to: '10:00' }, audience: 'school' },
          ],
        },
      ],
    });
    const period = { from: '2026-11-19T00:00:00+08:00', to: '2026-11-20T00:00:00+08:00' };

    it('replays the recorded events under the stored and the changed rules', async () => {
      const r = await post('/v1/what-if', { ...period, city: changed() }, 'op');
      expect(r.statusCode).toBe(200);
      const body = r.json();
      // sessions from the events: S1 10:00-11:00 and S4 from 23:30 (the late uplink is ignored)
      expect(body).toMatchObject({ sessions: 2, sessionsUnknownSpace: 0 });
      const [z1, z2] = body.zones;
      expect(z1).toMatchObject({ zoneId: 'Z1', spaces: 2, sessions: 1, sessionsAffected: 1 });
      // 60 min against 30: an overstay of 30 min; none against 90
      expect(z1.baseline).toMatchObject({ suspectedBreaches: 1, breachMinutes: 30 });
      expect(z1.candidate).toMatchObject({ suspectedBreaches: 0, breachMinutes: 0 });
      // S2 loses one public hour a day to the longer school window: 24 + 22 -> 24 + 21
      expect(z1.baseline.publicSpaceHours).toBe(46);
      expect(z1.candidate.publicSpaceHours).toBe(45);
      expect(z1.delta).toEqual({
        suspectedBreaches: -1,
        exemptedViolations: 0,
        publicSpaceHours: -1,
      });
      expect(z2).toMatchObject({ sessions: 1, sessionsAffected: 0 });
      expect(z2.delta.publicSpaceHours).toBe(0);
    });

    it('runs from the city CLI too', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'what-if-'));
      try {
        const file = join(dir, 'changed.json');
        writeFileSync(file, JSON.stringify(changed()));
        let out = '';
        let err = '';
        const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
        const args = ['what-if', file, '--from', period.from, '--to', period.to];
        expect(await runCityCli(args, io, config)).toBe(0);
        expect(out.split('\n')[1]).toMatch(/^Z1\s+1\s+1\s+1 -> 0\s+0 -> 0\s+46 -> 45 \(-1\)$/);
        expect(err).toMatch(/^what-if: 2 sessions; read \d+ ms, replay \d+ ms$/m);
        out = '';
        expect(await runCityCli([...args, '--json', '--zones', 'Z2'], io, config)).toBe(0);
        expect(JSON.parse(out).zones.map((z: { zoneId: string }) => z.zoneId)).toEqual(['Z2']);
        expect(await runCityCli(['what-if', file, '--from', 'yesterday'], io, config)).toBe(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('is for operators only and validates the city file', async () => {
      expect(
        (await post('/v1/what-if', { ...period, city: changed() }, 'officer')).statusCode,
      ).toBe(403);
      const bad = await post(
        '/v1/what-if',
        { ...period, city: { ...changed(), spaces: 'x' } },
        'op',
      );
      expect(bad.statusCode).toBe(422);
      const backwards = await post(
        '/v1/what-if',
        { from: period.to, to: period.from, city: changed() },
        'op',
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().message).toContain('from');
    });
  });
});
