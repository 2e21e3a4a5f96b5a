/** @needs postgres redis (test/support/services.js) */
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RunningEnforcer, startEnforcer } from '../../apps/enforcer/src/wiring';
import { ApplyItem, RedisLiveStore, RedisLiveWriter, createLiveRedis } from '@app/live-store';
import { EnforcementHarness } from './support/enforcement-harness';
import { redisUrl } from '../support/test-services';

/**
 * The enforcer fed by the real live store: events applied by the live store's Lua publish on the
 * Redis change channel; the enforcer builds sessions from them and reconciles after a restart.
 */
describe('enforcer on the live change channel', () => {
  const h = new EnforcementHarness();
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  let redis: Redis;
  let writer: RedisLiveWriter;
  let enforcer: RunningEnforcer | null = null;
  let seq = 0;
  const config = {
    graceMin: 5,
    flagStartInsideRestricted: false,
    reconcileEveryMs: 60_000,
    cityReloadEveryMs: 60_000,
  };

  const start = async () => {
    enforcer = await startEnforcer(h.ds, new RedisLiveStore(redis), config);
  };
  const apply = (
    spaceId: string,
    occupied: boolean,
    ts: number,
    type: ApplyItem['type'] = 'status',
  ) =>
    writer.applyBatch([
      {
        lotId: 'L2',
        zoneId: 'Z2',
        spaceId,
        sensorId: `sensor-${spaceId}`,
        seq: ++seq,
        type,
        occupied,
        ts,
        receivedAt: Date.now(),
        lowBatteryMv: 2500,
        staleMs: 3_600_000,
      },
    ]);
  const until = async <T>(f: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await f();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('timed out waiting');
  };

  beforeAll(async () => {
    await h.start();
    h.runner.stop();
    redis = createLiveRedis({ url: redisUrl(), keyPrefix: prefix }, { offlineQueue: true });
    writer = new RedisLiveWriter(redis);
    await writer.rebuildLots(
      [
        {
          lotId: 'L2',
          zoneId: 'Z2',
          spaces: [{ spaceId: 'S3' }, { spaceId: 'S4' }],
        },
      ],
      Date.now(),
      true,
    );
    await start();
  });

  afterAll(async () => {
    await enforcer?.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
    await redis.quit();
    await h.stop();
  });

  it('opens and closes a session from published changes', async () => {
    const t0 = Date.now() - 120_000;
    await apply('S4', true, t0);
    const open = await until(
      () => h.sessions('S4'),
      (s) => s.length === 1,
    );
    expect(open[0]).toMatchObject({ ended_at: null, start_inferred: false });
    await apply('S4', true, t0 + 10_000, 'heartbeat');
    await apply('S4', false, t0 + 60_000);
    const closed = await until(
      () => h.sessions('S4'),
      (s) => s[0].ended_at !== null,
    );
    expect(closed[0].ended_at!.getTime() - closed[0].started_at.getTime()).toBe(60_000);
    expect(closed).toHaveLength(1);
  });

  it('reconciles with the live state after missing changes while stopped', async () => {
    await enforcer!.stop();
    enforcer = null;
    const t1 = Date.now() - 30_000;
    await apply('S4', true, t1);
    await start();
    const s = await h.sessions('S4');
    expect(s).toHaveLength(2);
    expect(s[1]).toMatchObject({ ended_at: null, start_inferred: true });
    expect(s[1].started_at.getTime()).toBe(t1);
  });
});
