import { orderEvent, SensorCursor } from '@app/domain';
import { ApplyItem, createLiveRedis, RedisLiveStore, RedisLiveWriter } from '@app/live-store';
import fc from 'fast-check';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { deletePrefix } from './support/test-config';

type Ev = { seq: number; dt: number; type: 'status' | 'heartbeat' | 'startup'; occupied: boolean };

const evArb = fc.record({
  seq: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 4294967290, max: 4294967295 })),
  dt: fc.integer({ min: -5, max: 20 }),
  type: fc.constantFrom('status', 'heartbeat', 'startup'),
  occupied: fc.boolean(),
}) as fc.Arbitrary<Ev>;

describe('the Lua apply script orders events exactly like orderEvent()', () => {
  let redis: Redis;
  let writer: RedisLiveWriter;
  let reader: RedisLiveStore;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  let run = 0;

  beforeAll(async () => {
    redis = createLiveRedis(
      { url: 'redis://127.0.0.1:6379/0', keyPrefix: prefix },
      { offlineQueue: true },
    );
    writer = new RedisLiveWriter(redis);
    reader = new RedisLiveStore(redis);
  });
  afterAll(async () => {
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('agrees on verdicts, gaps and the resulting cursor for random streams and batchings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(evArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        async (events, chunk) => {
          const lotId = `lot${run++}`;
          await writer.rebuildLots([{ lotId, zoneId: 'Z', spaces: [{ spaceId: 'P' }] }], 0, false);
          const base = Date.now() - 100_000;
          let ts = base;
          const items: ApplyItem[] = events.map((e) => {
            ts += e.dt * 1000;
            return {
              lotId,
              zoneId: 'Z',
              spaceId: 'P',
              sensorId: 'S',
              seq: e.seq,
              type: e.type,
              occupied: e.occupied,
              ts,
              receivedAt: Date.now(),
              lowBatteryMv: null,
              staleMs: 600_000,
              lon: 121,
              lat: 31,
            };
          });
          let cur: SensorCursor | undefined;
          let lost = 0;
          let lastApplied: ApplyItem | undefined;
          const want = items.map((it) => {
            const d = orderEvent(cur, it);
            cur = d.next;
            lost += d.gap;
            if (d.verdict === 'apply') lastApplied = it;
            return { verdict: d.verdict, gap: d.gap };
          });
          const got = [];
          for (let i = 0; i < items.length; i += chunk) {
            got.push(...(await writer.applyBatch(items.slice(i, i + chunk))).verdicts);
          }
          expect(got).toEqual(want);
          const space = await reader.getSpace(lotId, 'P');
          expect(space).toMatchObject({
            seq: cur!.seq,
            bootTs: cur!.bootTs,
            lost,
            state: lastApplied!.occupied ? 'occupied' : 'free',
          });
          const [c] = await reader.lotCounts([lotId]);
          expect(c.free + c.occupied + c.unknown).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
