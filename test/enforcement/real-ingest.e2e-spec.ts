/** @needs postgres redis (test/support/services.js) */
import { DataSource } from 'typeorm';
import { RunningEnforcer, startEnforcer } from '../../apps/enforcer/src/wiring';
import { RedisLiveStore, createLiveRedis } from '@app/live-store';
import { dataSourceOptions } from '@app/persistence';
import type Redis from 'ioredis';
import { IngestFixture, ingestFixture, msg } from '../ingest/support/ingest-fixture';
import { redisUrl } from '../support/test-services';

/**
 * End to end through the real ingest: gateway messages -> ingest use case -> Redis (Lua apply +
 * publish on live:changes) and PostgreSQL -> enforcer -> sessions and violations.
 */
describe('enforcement behind the real ingest', () => {
  let f: IngestFixture;
  let ds: DataSource;
  let redis: Redis;
  let enforcer: RunningEnforcer;
  const T0 = Date.now() - 10 * 60_000;

  const until = async <T>(q: () => Promise<T[]>, ok: (rows: T[]) => boolean): Promise<T[]> => {
    for (let i = 0; i < 200; i++) {
      const rows = await q();
      if (ok(rows)) return rows;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('timed out');
  };
  const send = (sensorId: string, seq: number, occupied: boolean, ts: number, type = 'status') =>
    f.rt.service.ingest([msg('G0', { sensorId, seq, type, occupied, ts })]);

  beforeAll(async () => {
    f = await ingestFixture({ lots: 1, spacesPerLot: 3, gateways: 1 });
    // A valid tier and a 1-minute short stay at all hours on space P0.
    await f.sql(`UPDATE pricing_tiers SET body = $1`, [
      JSON.stringify({ id: 'T1', basePricePerHour: 2, bands: [], freeMinutes: 0, dailyCap: null }),
    ]);
    const rule = {
      id: 'R-1min',
      kind: 'short_stay',
      maxStayMin: 1,
      windows: [{ days: 'everyday', from: '00:00', to: '24:00' }],
    };
    await f.sql(`INSERT INTO rules (id, kind, body) VALUES ('R-1min', 'short_stay', $1)`, [
      JSON.stringify(rule),
    ]);
    await f.sql(`UPDATE spaces SET rule_ids = '{R-1min}' WHERE id = 'P0'`);
    ds = await new DataSource(
      dataSourceOptions({ db: { url: f.db.url, poolSize: 4, runMigrations: false } }),
    ).initialize();
    redis = createLiveRedis({ url: redisUrl(), keyPrefix: f.prefix }, { offlineQueue: true });
    enforcer = await startEnforcer(ds, new RedisLiveStore(redis), {
      graceMin: 5,
      flagStartInsideRestricted: false,
      reconcileEveryMs: 60_000,
      cityReloadEveryMs: 60_000,
      inferEveryMs: 100,
    });
  });

  afterAll(async () => {
    await enforcer?.stop();
    await redis?.quit();
    await ds?.destroy();
    await f?.close();
  });

  const sessions = (spaceId: string) =>
    ds.query(
      `SELECT started_at, ended_at FROM parking_sessions WHERE space_id = $1 ORDER BY started_at`,
      [spaceId],
    ) as Promise<Array<{ started_at: Date; ended_at: Date | null }>>;
  const violations = () =>
    ds.query(`SELECT rule_id, overstay_s, exemption_id, zone_id FROM violations`) as Promise<
      Array<{ rule_id: string; overstay_s: number; exemption_id: string | null; zone_id: string }>
    >;

  it('builds a session and raises the overstay while parked, final when it leaves', async () => {
    await send('S0', 1, false, T0 - 60_000);
    await send('S0', 2, true, T0);
    await send('S0', 2, true, T0); // repeated uplink
    const open = await until(violations, (v) => v.length === 1);
    expect(open[0]).toMatchObject({ rule_id: 'R-1min', exemption_id: null, zone_id: 'Z1' });
    expect(open[0].overstay_s).toBeGreaterThan(8 * 60);
    await send('S0', 3, true, T0 + 60_000, 'heartbeat');
    await send('S0', 4, false, T0 + 3 * 60_000);
    const [s] = await until(
      () => sessions('P0'),
      (rows) => rows[0]?.ended_at != null,
    );
    expect(s.ended_at!.getTime() - s.started_at.getTime()).toBe(3 * 60_000);
    const [v] = await until(violations, (rows) => rows[0]?.overstay_s === 120);
    expect(v.overstay_s).toBe(120);
  });

  it('ignores a late event from the ingest', async () => {
    await send('S1', 10, true, T0);
    await until(
      () => sessions('P1'),
      (rows) => rows.length === 1,
    );
    await send('S1', 9, false, T0 - 1000);
    await send('S1', 11, false, T0 + 30_000);
    const rows = await until(
      () => sessions('P1'),
      (r) => r[0]?.ended_at != null,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].ended_at!.getTime() - rows[0].started_at.getTime()).toBe(30_000);
  });

  it('marks a session revealed by a heartbeat as inferred (from the history)', async () => {
    await send('S2', 1, false, T0);
    await send('S2', 2, true, T0 + 60_000, 'heartbeat');
    await send('S2', 3, false, T0 + 120_000);
    const q = () =>
      ds.query(
        `SELECT start_inferred, end_inferred FROM parking_sessions WHERE space_id = 'P2'`,
      ) as Promise<Array<{ start_inferred: boolean; end_inferred: boolean }>>;
    const rows = await until(q, (r) => r[0]?.start_inferred === true);
    expect(rows).toEqual([{ start_inferred: true, end_inferred: false }]);
  });
});
